"""Only editors edit: every admin URL of every registered model refuses anonymous visitors,
staff outside the editorial groups and users who are not staff; editors cannot delete, publish,
retract, or change accounts and groups."""

import pytest
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.apps import apps
from django.contrib import admin
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse
from django.utils import timezone
from pytest_django.asserts import assertContains, assertRedirects

from tests.admin.pages import quote_page
from tests.helpers import (
    make_chief_editor,
    make_editor,
    make_intermediary,
    make_quote,
    make_user,
)
from tracker import tasks
from tracker.models import LinkCheck, LinkStatus, PendingChange, Quote, Snapshot
from tracker.services import load_seed

pytestmark = pytest.mark.django_db

LOGIN = reverse("admin:login")
ADMIN = reverse("admin:index")


def registered_models():
    return [model for model in apps.get_models() if admin.site.is_registered(model)]


@pytest.fixture
def one_of_everything(db):
    """The seed archive, a correction, and one record of every model the admin has."""
    load_seed()
    chief = make_chief_editor()
    quote = Quote.objects.published().first()
    quote.text += " "
    quote.correct(note="A space.", by=chief)
    access = {"user_agent": "test", "ip_address": "203.0.113.9", "username": "x"}
    AccessAttempt.objects.create(**access, failures_since_start=1)
    AccessLog.objects.create(**access)
    AccessFailureLog.objects.create(**access)
    # What the background work leaves: a task, a copy of a source's page, a link's checks.
    tasks.send_alerts.enqueue("daily")
    source = quote.source
    Snapshot.objects.create(
        source=source,
        url=source.url,
        final_url=source.url,
        fetched_at=timezone.now(),
        status_code=200,
        sha256="0" * 64,
        size=0,
        warc="snapshots/none.warc.gz",
    )
    check = LinkCheck(source=source, url=source.url, state=LinkCheck.State.GONE, status_code=404)
    LinkStatus(source=source).record(check)
    # An editor's rename of a speaker a published quote shows, waiting for a chief.
    speaker = quote.speaker
    PendingChange.objects.create(
        content_type=ContentType.objects.get_for_model(speaker),
        object_id=speaker.pk,
        changes={"name": f"{speaker.name} (renamed)"},
        previous={"name": speaker.name},
        proposed_by=make_editor(),
    )
    make_intermediary(name="a government source")  # the seed's words came through none
    records = {}
    for model in registered_models():
        records[model] = model._meta.default_manager.order_by("pk").first()
        assert records[model] is not None, f"Make a {model._meta.label} for this test"
    return records


def every_admin_url(records):
    """The named addresses of each registered model's admin: list, add, change, delete, history,
    and each admin's own (an old version's page, a user's password)."""
    for model in registered_models():
        model_admin = admin.site.get_model_admin(model)
        record = records[model]
        history = getattr(record, "history", None)
        version = history.order_by("history_id").first().history_id if history else None
        for pattern in model_admin.get_urls():
            if pattern.name:
                args = [record.pk, version][: pattern.pattern.regex.groups]
                yield reverse(f"admin:{pattern.name}", args=args)


def test_every_admin_url_sends_anonymous_visitors_to_sign_in(client, one_of_everything):
    urls = list(every_admin_url(one_of_everything))
    assert len(urls) > 70
    for url in [*urls, ADMIN, reverse("admin:app_list", args=["tracker"])]:
        for response in (client.get(url), client.post(url, {"post": "yes"})):
            assertRedirects(response, f"{LOGIN}?next={url}", fetch_redirect_response=False)


def test_every_admin_url_refuses_staff_outside_the_editorial_groups(client, one_of_everything):
    client.force_login(make_user())
    quotes = list(Quote.objects.values_list("pk", "text", "status", "revision"))
    for url in every_admin_url(one_of_everything):
        assert client.get(url).status_code == 403, url
        assert client.post(url, {"post": "yes", "text": "Rewritten."}).status_code == 403, url
    assert list(Quote.objects.values_list("pk", "text", "status", "revision")) == quotes
    assertContains(client.get(ADMIN), "permission to view or edit anything.")


def test_signed_in_user_who_is_not_staff_is_sent_to_sign_in(client, one_of_everything):
    client.force_login(make_editor(is_staff=False))
    for url in every_admin_url(one_of_everything):
        assert client.get(url).status_code == 302, url


@pytest.mark.parametrize("make_person", [make_editor, make_chief_editor])
def test_editors_cannot_touch_accounts_groups_or_sign_in_records(client, make_person):
    # Or an editor could make themselves a chief editor, or clear their failed sign-ins.
    person = make_person()
    client.force_login(person)
    chiefs = Group.objects.get(name="Chief editors")
    pages = [
        reverse("admin:tracker_user_change", args=[person.pk]),
        reverse("admin:auth_user_password_change", args=[person.pk]),
        reverse("admin:tracker_user_add"),
        reverse("admin:auth_group_change", args=[chiefs.pk]),
        reverse("admin:axes_accessattempt_changelist"),
    ]
    for url in pages:
        assert client.get(url).status_code == 403, url
    groups = list(person.groups.all())
    posted = {"groups": [chiefs.pk], "is_superuser": "on", "username": person.username}
    assert client.post(pages[0], posted).status_code == 403
    assert list(person.groups.all()) == groups
    person.refresh_from_db()
    assert not person.is_superuser


def test_editor_cannot_delete_anything(client, one_of_everything):
    client.force_login(make_editor())
    draft = make_quote(status=Quote.Status.DRAFT)
    for model in registered_models():
        record = draft if model is Quote else one_of_everything[model]
        url = reverse(
            f"admin:{model._meta.app_label}_{model._meta.model_name}_delete", args=[record.pk]
        )
        assert client.get(url).status_code == 403, url
        assert client.post(url, {"post": "yes"}).status_code == 403, url
        assert model._meta.default_manager.filter(pk=record.pk).exists()


def test_editor_cannot_delete_a_draft_with_the_delete_action(client, editor):
    client.force_login(editor)
    draft = make_quote(status=Quote.Status.DRAFT)
    data = {"action": "delete_selected", "_selected_action": [draft.pk], "post": "yes"}
    client.post(reverse("admin:tracker_quote_changelist"), data)
    assert Quote.objects.filter(pk=draft.pk).exists()


def test_editor_cannot_publish_or_retract_from_the_quote_page(client, editor):
    client.force_login(editor)
    draft, published = make_quote(status=Quote.Status.DRAFT), make_quote()
    for quote, action in [(draft, "publish"), (published, "retract")]:
        data = {"CHANGE_FORM-action": action, "_selected_action": quote.pk, "post": "yes"}
        response = client.post(quote_page(quote), {**data, "reason": "Wrong."}, follow=True)
        assertContains(response, f"Only a chief editor can {action} quotes. Nothing was changed.")
    assert Quote.objects.get(pk=draft.pk).status == Quote.Status.DRAFT
    assert Quote.objects.get(pk=published.pk).status == Quote.Status.PUBLISHED

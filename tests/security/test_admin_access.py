"""Production settings are safe, only editors edit, and concurrent edits lose nothing."""

import datetime
import os
import secrets
import subprocess
import sys

import pytest
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.conf import settings
from django.contrib import admin
from django.contrib.auth.models import Group
from django.contrib.sessions.models import Session
from django.core.exceptions import PermissionDenied
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from pytest_django.asserts import assertContains, assertNotContains, assertRedirects

from tests.admin.pages import posted_back, quote_page, source_page
from tests.helpers import make_chief_editor, make_editor, make_quote, make_source, make_user
from tracker.models import EditConflict, Quote
from tracker.services import load_seed

pytestmark = pytest.mark.django_db

LOGIN = reverse("admin:login")
ADMIN = reverse("admin:index")
PASSWORD = "correct horse battery staple"  # tests.helpers.make_user's


# Production settings, run as a deployment would: manage.py with only the environment given.


def production_environment(**overrides):
    env = {
        "PATH": os.environ["PATH"],
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "archive.example",
    }
    env.update(overrides)
    return {name: value for name, value in env.items() if value is not None}


def run(args, env):
    return subprocess.run(
        [sys.executable, *args],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


DEPLOY_CHECK = ["manage.py", "check", "--deploy", "--fail-level", "WARNING"]


def test_production_settings_pass_the_deploy_check():
    result = run(DEPLOY_CHECK, production_environment())
    assert result.returncode == 0, result.stderr
    assert "System check identified no issues" in result.stdout


@pytest.mark.parametrize(
    ("override", "warning"),
    [
        ({"SECURE_HSTS_SECONDS": "0"}, "security.W004"),
        ({"SECURE_SSL_REDIRECT": "false"}, "security.W008"),
        ({"SECURE_COOKIES": "false"}, "security.W012"),
        ({"SECRET_KEY": "short"}, "security.W009"),
    ],
)
def test_deploy_check_fails_when_a_protection_is_turned_off(override, warning):
    # The check above passes because of our settings, not because it checks nothing.
    result = run(DEPLOY_CHECK, production_environment(**override))
    assert result.returncode != 0
    assert warning in result.stderr


def test_production_refuses_to_start_without_a_secret_key():
    result = run(DEPLOY_CHECK, production_environment(SECRET_KEY=None))
    assert result.returncode != 0
    assert "ImproperlyConfigured: Set SECRET_KEY" in result.stderr


@pytest.mark.parametrize(
    "hosts", ["archive.example", "*", "localhost,archive.example", ".example.org", "10.0.0.5"]
)
@pytest.mark.parametrize(
    "start",
    [["manage.py", "check"], ["-c", "from tracker.wsgi import application"]],
    ids=["manage.py", "wsgi"],
)
def test_debug_with_a_public_host_refuses_to_start(hosts, start):
    env = production_environment(DEBUG="true", ALLOWED_HOSTS=hosts)
    result = run(start, {**env, "DJANGO_SETTINGS_MODULE": "tracker.settings"})
    assert result.returncode != 0
    assert "ImproperlyConfigured: DEBUG is on and ALLOWED_HOSTS lets in" in result.stderr
    assert "Turn DEBUG off" in result.stderr


@pytest.mark.parametrize("hosts", [None, "127.0.0.1,localhost,[::1]", "testserver"])
def test_debug_on_this_machine_starts(hosts):
    result = run(["manage.py", "check"], production_environment(DEBUG="true", ALLOWED_HOSTS=hosts))
    assert result.returncode == 0, result.stderr


VISIT_AS_PRODUCTION = """
import django
django.setup()
from django.test import Client
client = Client(HTTP_HOST="archive.example")
plain = client.get("/robots.txt")
print(plain.status_code, plain["Location"])
secure = client.get("/robots.txt", headers={"X-Forwarded-Proto": "https"})
print(secure.status_code, secure["Strict-Transport-Security"])
print(secure.content.decode())
"""


def test_behind_the_proxy_http_is_redirected_and_https_is_strict():
    env = production_environment(DJANGO_SETTINGS_MODULE="tracker.settings")
    result = run(["-c", VISIT_AS_PRODUCTION], env)
    assert result.returncode == 0, result.stderr
    redirect, strict, *robots = result.stdout.splitlines()
    assert redirect == "301 https://archive.example/robots.txt"
    assert strict == "200 max-age=31536000; includeSubDomains; preload"
    # The proxy's header makes Django build https addresses.
    assert "Sitemap: https://archive.example/sitemap.xml" in robots


# Only editors edit: every admin address of every registered model.


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
    records = {}
    for model in admin.site._registry:
        records[model] = model._default_manager.order_by("pk").first()
        assert records[model] is not None, f"Make a {model._meta.label} for this test"
    return records


def every_admin_url(records):
    """The named addresses of each registered model's admin: list, add, change, delete, history,
    and each admin's own (an old version's page, a user's password)."""
    for model, model_admin in admin.site._registry.items():
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
    for model in admin.site._registry:
        record = draft if model is Quote else one_of_everything[model]
        url = reverse(
            f"admin:{model._meta.app_label}_{model._meta.model_name}_delete", args=[record.pk]
        )
        assert client.get(url).status_code == 403, url
        assert client.post(url, {"post": "yes"}).status_code == 403, url
        assert model._default_manager.filter(pk=record.pk).exists()


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


def test_editor_cannot_publish_or_retract_through_the_model(editor):
    draft, published = make_quote(status=Quote.Status.DRAFT), make_quote()
    with pytest.raises(PermissionDenied):
        draft.publish(by=editor)
    with pytest.raises(PermissionDenied):
        published.retract(reason="Wrong.", by=editor)
    with pytest.raises(PermissionDenied):
        published.text = "Rewritten."
        published.correct(note="Sneaky.", by=editor)
    assert Quote.objects.get(pk=draft.pk).status == Quote.Status.DRAFT
    assert Quote.objects.get(pk=published.pk).text != "Rewritten."


# Signing in: repeated failures lock that user name out from that address for a while.


def sign_in(client, username, password, address="203.0.113.7"):
    data = {"username": username, "password": password, "next": ADMIN}
    return client.post(LOGIN, data, REMOTE_ADDR=address)


def test_sixth_sign_in_is_refused_even_with_the_right_password(client, editor):
    for _ in range(4):
        assertContains(sign_in(client, "editor", "wrong"), "Please enter the correct username")
    locked = sign_in(client, "editor", "wrong")
    assert locked.status_code == 429
    refused = sign_in(client, "editor", PASSWORD)
    assert refused.status_code == 429
    assertContains(
        refused,
        "Too many failed sign-ins: this account is locked from your address for 15 minutes.",
        status_code=429,
    )
    assertRedirects(client.get(ADMIN), f"{LOGIN}?next={ADMIN}")


def test_lockout_is_for_that_user_name_from_that_address(client, editor):
    make_editor(username="colleague")
    for _ in range(5):
        sign_in(client, "editor", "wrong")
    # A stranger's guesses do not lock the editor out everywhere, nor the office's colleagues.
    assertRedirects(sign_in(client, "editor", PASSWORD, address="198.51.100.4"), ADMIN)
    client.logout()
    assertRedirects(sign_in(client, "colleague", PASSWORD), ADMIN)


def test_lockout_ends_after_fifteen_minutes(client, editor):
    for _ in range(5):
        sign_in(client, "editor", "wrong")
    assert sign_in(client, "editor", PASSWORD).status_code == 429
    # The same 15 minutes later: move the recorded failures back in time.
    AccessAttempt.objects.update(attempt_time=timezone.now() - datetime.timedelta(minutes=16))
    assertRedirects(sign_in(client, "editor", PASSWORD), ADMIN)


def test_a_successful_sign_in_starts_the_count_again(client, editor):
    for _ in range(4):
        sign_in(client, "editor", "wrong")
    assertRedirects(sign_in(client, "editor", PASSWORD), ADMIN)
    client.logout()
    for _ in range(4):
        sign_in(client, "editor", "wrong")
    assertRedirects(sign_in(client, "editor", PASSWORD), ADMIN)


# Sessions expire: with the browser, and on the server after SESSION_COOKIE_AGE.


def test_session_cookie_ends_with_the_browser(client, editor):
    response = sign_in(client, "editor", PASSWORD)
    cookie = response.cookies[settings.SESSION_COOKIE_NAME]
    assert (cookie["expires"], cookie["max-age"]) == ("", "")
    assert cookie["httponly"]


def test_an_old_session_is_refused(client, editor):
    sign_in(client, "editor", PASSWORD)
    assert client.get(ADMIN).status_code == 200
    session = Session.objects.get(session_key=client.session.session_key)
    age = session.expire_date - timezone.now()
    assert datetime.timedelta(hours=7, minutes=59) < age <= datetime.timedelta(hours=8)
    # The same session eight hours on, the browser still open: its cookie no longer works.
    session.expire_date = timezone.now() - datetime.timedelta(seconds=1)
    session.save()
    assertRedirects(client.get(ADMIN), f"{LOGIN}?next={ADMIN}")


# Concurrent edits: the second save of the same record is refused and says what changed.


@pytest.fixture
def second_client():
    return Client()


def test_second_editor_to_save_a_quote_is_refused_and_told_what_changed(
    client, second_client, editor
):
    other = make_editor(username="amira")
    draft = make_quote(status=Quote.Status.DRAFT, text="First words.")
    second_client.force_login(other)
    client.force_login(editor)
    their_page, my_page = second_client.get(quote_page(draft)), client.get(quote_page(draft))
    assertContains(my_page, f'name="loaded_revision" value="{draft.revision}"')

    saved = second_client.post(quote_page(draft), posted_back(their_page, text="Amira's words."))
    assert saved.status_code == 302
    refused = client.post(quote_page(draft), posted_back(my_page, notes="My note."))
    assert refused.status_code == 200
    assertContains(
        refused, "This quote was saved again after you opened it: amira changed its text"
    )
    assertContains(refused, "Nothing you entered was saved")
    draft.refresh_from_db()
    assert (draft.text, draft.notes) == ("Amira's words.", "")

    # Open again, change again: both changes stand.
    again = client.get(quote_page(draft))
    assert client.post(quote_page(draft), posted_back(again, notes="My note.")).status_code == 302
    draft.refresh_from_db()
    assert (draft.text, draft.notes, draft.revision) == ("Amira's words.", "My note.", 3)


def test_correction_over_a_newer_correction_is_refused(client, second_client, chief_editor):
    quote = make_quote(text="We will send 10.000 troops.")
    second_client.force_login(make_chief_editor(username="bea"))
    client.force_login(chief_editor)
    their_page, my_page = second_client.get(quote_page(quote)), client.get(quote_page(quote))
    data = posted_back(their_page, text="We will send 10,000 troops.", correction_reason="Typo.")
    assert second_client.post(quote_page(quote), data).status_code == 302
    data = posted_back(my_page, text="We will send 1,000 troops.", correction_reason="Figure.")
    refused = client.post(quote_page(quote), data)
    assertContains(refused, "bea changed its text")
    quote.refresh_from_db()
    assert quote.text == "We will send 10,000 troops."
    assert quote.corrections.count() == 1


def test_source_page_with_a_stale_draft_is_refused(client, second_client, editor):
    draft = make_quote(status=Quote.Status.DRAFT, text="First words.")
    source = draft.source
    second_client.force_login(make_editor(username="amira"))
    client.force_login(editor)
    my_page = client.get(source_page(source))
    their_page = second_client.get(quote_page(draft))
    second_client.post(quote_page(draft), posted_back(their_page, text="Amira's words."))

    # Only the source's title changed on my page, but it still holds the draft's old words.
    refused = client.post(source_page(source), posted_back(my_page, title="A better title"))
    assert refused.status_code == 200
    assertContains(refused, "amira changed its text")
    draft.refresh_from_db()
    source.refresh_from_db()
    assert draft.text == "Amira's words."
    assert source.title != "A better title"


def test_second_editor_to_save_a_source_is_refused(client, second_client, editor):
    source = make_source(title="Report")
    second_client.force_login(make_editor(username="amira"))
    client.force_login(editor)
    their_page, my_page = second_client.get(source_page(source)), client.get(source_page(source))
    second_client.post(source_page(source), posted_back(their_page, notes="Checked."))
    refused = client.post(source_page(source), posted_back(my_page, title="Report, 17 Feb"))
    assertContains(
        refused, "This source was saved again after you opened it: amira changed its notes"
    )
    source.refresh_from_db()
    assert (source.title, source.notes) == ("Report", "Checked.")


def test_a_stale_copy_of_a_quote_cannot_overwrite_a_newer_save(editor):
    draft = make_quote(status=Quote.Status.DRAFT, text="First words.")
    mine, theirs = Quote.objects.get(pk=draft.pk), Quote.objects.get(pk=draft.pk)
    theirs.text = "Their words."
    theirs._history_user = editor
    theirs.save()
    mine.notes = "My note."
    with pytest.raises(EditConflict, match="editor changed its text"):
        mine.save()
    draft.refresh_from_db()
    assert (draft.text, draft.notes, draft.revision) == ("Their words.", "", 2)
    assert mine.revision == 1  # the refused save changed nothing, not even the copy's revision


def test_a_stale_copy_cannot_be_published_or_retracted(chief_editor):
    draft = make_quote(status=Quote.Status.DRAFT)
    stale = Quote.objects.get(pk=draft.pk)
    draft.text = "Changed since."
    draft.save()
    with pytest.raises(EditConflict):
        stale.publish(by=chief_editor)
    assert Quote.objects.get(pk=draft.pk).status == Quote.Status.DRAFT


def test_every_save_moves_the_revision_on_and_the_history_keeps_it(chief_editor):
    quote = make_quote(status=Quote.Status.DRAFT)
    assert quote.revision == 1
    quote.publish(by=chief_editor)
    quote.text = "Corrected words."
    quote.correct(note="Typo.", by=chief_editor)
    quote.retract(reason="Misattributed.", by=chief_editor)
    assert Quote.objects.get(pk=quote.pk).revision == quote.revision == 4
    assert sorted(quote.history.values_list("revision", flat=True)) == [1, 2, 3, 4]
    # Refreshing search text after a speaker's rename is no edit: it leaves the revision alone.
    quote.speaker.name = "Renamed"
    quote.speaker.save()
    assert Quote.objects.get(pk=quote.pk).revision == 4


def test_deleted_quote_is_reported_as_deleted(chief_editor):
    draft = make_quote(status=Quote.Status.DRAFT)
    stale = Quote.objects.get(pk=draft.pk)
    draft.delete()
    with pytest.raises(EditConflict, match="was deleted after you opened it"):
        stale.save()


def test_a_late_page_that_changes_nothing_is_not_refused(client, second_client, editor):
    draft = make_quote(status=Quote.Status.DRAFT, text="First words.")
    second_client.force_login(make_editor(username="amira"))
    client.force_login(editor)
    my_page, their_page = client.get(quote_page(draft)), second_client.get(quote_page(draft))
    second_client.post(quote_page(draft), posted_back(their_page, text="Amira's words."))
    # My page, saved after theirs, with what the quote says now: nothing to lose, no conflict.
    assertNotContains(
        client.post(quote_page(draft), posted_back(my_page, text="Amira's words.")),
        "saved again",
        status_code=302,
    )
    draft.refresh_from_db()
    assert draft.text == "Amira's words."

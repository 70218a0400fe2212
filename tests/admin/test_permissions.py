"""Who may do what in the admin: editors prepare, chief editors publish, correct and retract;
no one else comes in, and what is published is never deleted or rewritten behind the verbs."""

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse
from pytest_django.asserts import (
    assertContains,
    assertNotContains,
    assertRedirects,
)

from tests.admin.pages import (
    QUOTE_LIST,
    posted_back,
    quote_page,
    run_action,
    source_page,
)
from tests.helpers import (
    make_nation,
    make_quote,
    make_user,
)
from tracker.models import Quote

pytestmark = pytest.mark.django_db


def test_anonymous_visitor_is_sent_to_the_login_page(client):
    response = client.get(QUOTE_LIST)
    assertRedirects(response, f"{reverse('admin:login')}?next={QUOTE_LIST}")


def test_staff_user_outside_the_editorial_groups_is_refused_the_quote_list(client):
    client.force_login(make_user())
    assert client.get(QUOTE_LIST).status_code == 403


@pytest.mark.parametrize("person", ["editor", "chief_editor"])
def test_quote_and_source_pages_open_for_both_groups(client, request, person):
    client.force_login(request.getfixturevalue(person))
    draft = make_quote(status=Quote.Status.DRAFT, text="Words in draft.")
    published = make_quote(text="Words on the record.", source=draft.source)
    response = client.get(QUOTE_LIST)
    assertContains(response, "Words in draft.")
    assertContains(response, "Words on the record.")
    assert client.get(quote_page(draft)).status_code == 200
    assert client.get(quote_page(published)).status_code == 200
    assert client.get(source_page(draft.source)).status_code == 200
    assert client.get(reverse("admin:tracker_source_add")).status_code == 200


def test_editor_is_not_offered_the_publish_action(client, editor):
    client.force_login(editor)
    make_quote(status=Quote.Status.DRAFT)
    response = client.get(QUOTE_LIST)
    assertContains(response, '<option value="send_for_review">')
    assertNotContains(response, '<option value="publish">')
    assertNotContains(response, '<option value="retract">')
    assertNotContains(response, '<option value="delete_selected">')


def test_editor_cannot_publish(client, editor):
    client.force_login(editor)
    draft = make_quote(status=Quote.Status.DRAFT)
    response = run_action(client, "publish", [draft])
    assertContains(response, "Only a chief editor can publish quotes. Nothing was changed.")
    draft.refresh_from_db()
    assert draft.status == Quote.Status.DRAFT
    assert draft.published_at is None


def test_editor_cannot_retract(client, editor):
    client.force_login(editor)
    quote = make_quote()
    response = run_action(client, "retract", [quote], confirm={"reason": "Wrong."})
    assertContains(response, "Only a chief editor can retract quotes. Nothing was changed.")
    quote.refresh_from_db()
    assert quote.status == Quote.Status.PUBLISHED


@pytest.mark.parametrize("status", [Quote.Status.PUBLISHED, Quote.Status.RETRACTED])
def test_published_or_retracted_quote_has_no_delete_page(client, chief_editor, status):
    client.force_login(chief_editor)
    quote = make_quote(status=status)
    delete_page = reverse("admin:tracker_quote_delete", args=[quote.pk])
    assertNotContains(client.get(quote_page(quote)), delete_page)
    assert client.get(delete_page).status_code == 403
    assert client.post(delete_page, {"post": "yes"}).status_code == 403
    assert Quote.objects.filter(pk=quote.pk).exists()


def test_editor_cannot_delete_even_a_draft(client, editor):
    client.force_login(editor)
    draft = make_quote(status=Quote.Status.DRAFT)
    assert client.get(reverse("admin:tracker_quote_delete", args=[draft.pk])).status_code == 403
    assert Quote.objects.filter(pk=draft.pk).exists()


def test_history_cannot_be_used_to_revert(client, editor):
    client.force_login(editor)
    quote = make_quote(status=Quote.Status.DRAFT)
    first_version = quote.history.get()
    quote.publish(by=make_user(group="Chief editors"))
    url = reverse("admin:tracker_quote_simple_history", args=[quote.pk, first_version.pk])
    assertNotContains(client.get(url), 'name="_save"')
    assert client.post(url, {"text": quote.text}).status_code == 403
    quote.refresh_from_db()
    assert quote.status == Quote.Status.PUBLISHED


def test_history_page_cannot_change_what_an_editor_may_only_view(client, editor):
    client.force_login(editor)
    nation = make_nation(code="fr", name="France")
    version = nation.history.get()
    url = reverse("admin:tracker_nation_simple_history", args=[nation.pk, version.pk])
    assert client.post(url, {"code": "fr", "name": "Renamed"}).status_code == 403
    nation.refresh_from_db()
    assert nation.name == "France"


def test_status_and_key_are_not_editable_on_the_quote_page(client, editor):
    client.force_login(editor)
    draft = make_quote(status=Quote.Status.DRAFT)
    data = posted_back(client.get(quote_page(draft)), status="published", key="zzzzzzzz")
    assert client.post(quote_page(draft), data).status_code == 302
    draft.refresh_from_db()
    assert draft.status == Quote.Status.DRAFT
    assert draft.key != "zzzzzzzz"


def test_editor_sees_a_published_quote_read_only(client, editor):
    client.force_login(editor)
    quote = make_quote(text="On the record.")
    response = client.get(quote_page(quote))
    assertContains(response, "On the record.")
    assertNotContains(response, 'name="text"')
    assertNotContains(response, 'name="_save"')
    assert client.post(quote_page(quote), {"text": "Rewritten."}).status_code == 403
    quote.refresh_from_db()
    assert quote.text == "On the record."


def test_retracted_quote_is_read_only_even_for_a_chief_editor(client, chief_editor):
    client.force_login(chief_editor)
    quote = make_quote(status=Quote.Status.RETRACTED, text="Retracted words.")
    assertNotContains(client.get(quote_page(quote)), 'name="text"')
    assert client.post(quote_page(quote), {"text": "Rewritten."}).status_code == 403


def test_corrections_are_listed_read_only_for_editors(client, editor, chief_editor):
    quote = make_quote(text="Words of")
    quote.text = "Words off"
    quote.correct(note="Typo.", by=chief_editor)
    client.force_login(editor)
    response = client.get("/admin/tracker/correction/")
    assert response.status_code == 200
    # Each correction names the quote as it now reads, and what was corrected.
    assertContains(response, f"{quote.speaker.name}: Words off</a>")
    assertContains(response, '<td class="field-changed">words</td>', html=True)
    correction = quote.corrections.get()
    assert client.post(f"/admin/tracker/correction/{correction.pk}/delete/").status_code == 403
    assert client.get("/admin/tracker/correction/add/").status_code == 403


def sidebar(response):
    return (
        response.content.decode()
        .split('<nav class="sticky" id="nav-sidebar"', 1)[1]
        .split("</nav>", 1)[0]
    )


def test_each_editor_sees_the_models_their_permissions_give(client, chief_editor, editor):
    quote = make_quote(status=Quote.Status.DRAFT)
    client.force_login(chief_editor)
    chiefs = sidebar(client.get(quote_page(quote)))
    client.force_login(editor)
    editors = sidebar(client.get(quote_page(quote)))
    for model in ["quote", "source", "speaker", "nation", "topic", "correction"]:
        assert f'href="/admin/tracker/{model}/"' in chiefs, model
        assert f'href="/admin/tracker/{model}/"' in editors, model
    # Both may add quotes and records; an editor's nation or question is a proposal a chief
    # editor confirms (tests/admin/test_proposals.py).
    for model in ["quote", "speaker", "outlet", "source", "event", "nation", "topic"]:
        assert f'href="/admin/tracker/{model}/add/"' in chiefs, model
        assert f'href="/admin/tracker/{model}/add/"' in editors, model
    # Corrections are made by correcting a quote: no one adds one here.
    assert 'href="/admin/tracker/correction/add/"' not in chiefs
    # The accounts are not the editors' business.
    for model in ["/admin/tracker/user/", "/admin/auth/group/"]:
        assert f'href="{model}"' not in chiefs and f'href="{model}"' not in editors, model


def test_an_editor_given_a_permission_sees_its_model_at_once(client, editor):
    client.force_login(editor)
    quote = make_quote(status=Quote.Status.DRAFT)
    groups = 'href="/admin/auth/group/"'
    assert groups not in sidebar(client.get(quote_page(quote)))
    editor.user_permissions.add(Permission.objects.get(codename="view_group"))
    assert groups in sidebar(client.get(quote_page(quote)))
    editor.user_permissions.clear()
    assert groups not in sidebar(client.get(quote_page(quote)))

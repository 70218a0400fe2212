import datetime
from unittest import mock

import pytest
from django import forms
from django.contrib import admin
from django.contrib.admin import ModelAdmin
from django.contrib.admin.helpers import Fieldset
from django.contrib.admin.widgets import AutocompleteSelect, RelatedFieldWidgetWrapper
from django.contrib.auth.models import Permission
from django.db import connection
from django.template import engines
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import get_script_prefix, reverse, set_script_prefix
from django.utils import translation
from pytest_django.asserts import (
    assertContains,
    assertHTMLEqual,
    assertNotContains,
    assertRedirects,
)

from tests.helpers import (
    make_nation,
    make_outlet,
    make_quote,
    make_role,
    make_source,
    make_speaker,
    make_stance,
    make_user,
)
from tracker.admin import ChosenAutocompleteSelect, KeptLinksWrapper, KeptMedia, QuoteAdmin
from tracker.admin_site import ArchiveAdminSite
from tracker.models import Quote, Source
from tracker.templatetags.tracker import admin_fieldset

pytestmark = pytest.mark.django_db

QUOTE_LIST = reverse("admin:tracker_quote_changelist")


def quote_page(quote):
    return reverse("admin:tracker_quote_change", args=[quote.pk])


def source_page(source):
    return reverse("admin:tracker_source_change", args=[source.pk])


def posted_back(response, **changes):
    """What a browser posts back from a rendered admin form page, with `changes` on top."""
    data = {"_save": "Save"}
    forms = [response.context["adminform"].form]
    for inline in response.context["inline_admin_formsets"]:
        formset = inline.formset
        management = {**formset.management_form.initial, "TOTAL_FORMS": len(formset.initial_forms)}
        data.update({f"{formset.prefix}-{name}": value for name, value in management.items()})
        forms += formset.initial_forms
    for form in forms:
        for name in form.fields:
            value = form[name].value()
            if value is not None and value is not False:
                data[form.add_prefix(name)] = value
    data.update(changes)
    return data


def run_action(client, action, quotes, *, confirm=None):
    """Run an action on the quote list; with `confirm`, answer its confirmation page too."""
    data = {"action": action, "_selected_action": [quote.pk for quote in quotes]}
    data.update({"index": 0} if confirm is None else {"post": "yes", **confirm})
    return client.post(QUOTE_LIST, data, follow=True)


def history_of(quote):
    return reverse("admin:tracker_quote_history", args=[quote.pk])


def changed_by(user):
    """The "Changed by" cell of a History page, not the "Welcome, <name>" of its header."""
    return f'<a href="{reverse("admin:tracker_user_change", args=[user.pk])}">{user}</a>'


# Who may come in


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


# Publishing


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


def test_editor_sends_a_draft_for_review(client, editor):
    client.force_login(editor)
    draft = make_quote(status=Quote.Status.DRAFT)
    response = run_action(client, "send_for_review", [draft])
    assertContains(response, "1 quote sent for review.")
    draft.refresh_from_db()
    assert draft.status == Quote.Status.REVIEW
    assert draft.history.latest().history_user == editor


def test_chief_editor_publishes(client, chief_editor):
    client.force_login(chief_editor)
    drafts = [make_quote(status=Quote.Status.DRAFT), make_quote(status=Quote.Status.REVIEW)]
    response = run_action(client, "publish", drafts)
    assertContains(response, "2 quotes published.")
    for quote in drafts:
        quote.refresh_from_db()
        assert quote.status == Quote.Status.PUBLISHED
        assert quote.published_at is not None
        assert quote.history.latest().history_user == chief_editor


def test_publishing_an_already_published_quote_says_so_and_changes_nothing(client, chief_editor):
    client.force_login(chief_editor)
    quote = make_quote()
    published_at = quote.published_at
    response = run_action(client, "publish", [quote])
    assertContains(response, "This quote is published already.")
    assertNotContains(response, "quotes published.")
    quote.refresh_from_db()
    assert quote.published_at == published_at


def test_chief_editor_publishes_from_the_quote_page(client, chief_editor):
    client.force_login(chief_editor)
    draft = make_quote(status=Quote.Status.DRAFT)
    response = client.post(
        quote_page(draft),
        {"CHANGE_FORM-action": "publish", "_selected_action": draft.pk},
        follow=True,
    )
    assertContains(response, "1 quote published.")
    draft.refresh_from_db()
    assert draft.status == Quote.Status.PUBLISHED


# Entering an article's quotes on its source's page


def test_editor_adds_a_source_with_two_draft_quotes_in_one_go(client, editor):
    client.force_login(editor)
    outlet = make_outlet(name="The Washington Post")
    speaker = make_speaker(name="Keir Starmer")
    stance = make_stance(value="willing", label="Willing")
    add_page = client.get(reverse("admin:tracker_source_add"))
    [drafts] = add_page.context["inline_admin_formsets"]
    prefix = drafts.formset.prefix
    data = posted_back(
        add_page,
        outlet=outlet.pk,
        title="Europe weighs a force for Ukraine",
        published_on="2025-02-17",
        **{f"{prefix}-TOTAL_FORMS": 2},
    )
    for i, words in enumerate(["We are ready to put troops on the ground.", "Britain will lead."]):
        data.update(
            {
                f"{prefix}-{i}-text": words,
                f"{prefix}-{i}-kind": Quote.Kind.DIRECT,
                f"{prefix}-{i}-language": "en",
                f"{prefix}-{i}-speaker": speaker.pk,
                f"{prefix}-{i}-said_on": "2025-02-16",
                f"{prefix}-{i}-said_on_precision": Quote.Precision.DAY,
                f"{prefix}-{i}-stance": stance.pk,
            }
        )

    response = client.post(reverse("admin:tracker_source_add"), data)

    assert response.status_code == 302, response.context["errors"]
    source = Source.objects.get(title="Europe weighs a force for Ukraine")
    quotes = source.quotes.order_by("text")
    assert [quote.text for quote in quotes] == [
        "Britain will lead.",
        "We are ready to put troops on the ground.",
    ]
    assert {quote.status for quote in quotes} == {Quote.Status.DRAFT}
    assert {quote.history.get().history_user for quote in quotes} == {editor}


def test_source_page_lists_published_quotes_read_only_with_a_link(client, chief_editor):
    client.force_login(chief_editor)
    draft = make_quote(status=Quote.Status.DRAFT, text="Still in draft.")
    published = make_quote(source=draft.source, text="On the record.")
    response = client.get(source_page(draft.source))
    drafts, on_record = response.context["inline_admin_formsets"]
    assert [form.instance for form in drafts.formset.initial_forms] == [draft]
    assert [form.instance for form in on_record.formset.initial_forms] == [published]
    assert not on_record.has_change_permission and not on_record.has_delete_permission
    assertContains(response, quote_page(published))
    assertContains(response, "Still in draft.</textarea>")
    assertNotContains(response, "On the record.</textarea>")


def test_saving_a_source_leaves_its_published_quotes_alone(client, chief_editor):
    client.force_login(chief_editor)
    published = make_quote(text="On the record.")
    source = published.source
    response = client.post(
        source_page(source), posted_back(client.get(source_page(source)), title="New title")
    )
    assert response.status_code == 302
    source.refresh_from_db()
    assert source.title == "New title"
    assert published.history.count() == 1


def test_source_page_cannot_delete_or_change_a_published_quote(client, chief_editor):
    client.force_login(chief_editor)
    draft = make_quote(status=Quote.Status.DRAFT)
    published = make_quote(source=draft.source, text="On the record.")
    page = client.get(source_page(draft.source))
    drafts = page.context["inline_admin_formsets"][0].formset
    # A forged form: the published quote's id slipped into the drafts, to change and delete.
    data = posted_back(
        page,
        **{
            f"{drafts.prefix}-0-id": published.pk,
            f"{drafts.prefix}-0-text": "Rewritten.",
            f"{drafts.prefix}-0-DELETE": "on",
        },
    )
    assert client.post(source_page(draft.source), data).status_code == 302
    published.refresh_from_db()
    assert published.text == "On the record."
    assert published.status == Quote.Status.PUBLISHED


# Retracting


def test_retraction_asks_for_a_reason_then_records_it_and_who(client, chief_editor):
    client.force_login(chief_editor)
    quote = make_quote()
    replacement = make_quote()

    form_page = run_action(client, "retract", [quote])
    assertContains(form_page, "Retract quotes")
    assertContains(form_page, 'name="reason"')
    quote.refresh_from_db()
    assert quote.status == Quote.Status.PUBLISHED

    response = run_action(
        client,
        "retract",
        [quote],
        confirm={"reason": "The minister never said this.", "replacement": replacement.key.upper()},
    )
    assertContains(response, "1 quote retracted.")
    quote.refresh_from_db()
    assert quote.status == Quote.Status.RETRACTED
    assert quote.retraction_reason == "The minister never said this."
    assert quote.replaced_by == replacement
    history = client.get(history_of(quote))
    assertContains(history, "Retracted: The minister never said this.")
    assertContains(history, changed_by(chief_editor), html=True)


def test_a_quote_page_shows_the_status_fields_its_status_has(client, chief_editor):
    client.force_login(chief_editor)
    draft = make_quote(status=Quote.Status.DRAFT)
    published = make_quote()
    retracted = make_quote()
    retracted.retract(reason="The minister never said this.", by=chief_editor)

    draft_page = client.get(quote_page(draft))
    assertContains(draft_page, "field-status")
    assertNotContains(draft_page, "field-published_at")
    assertNotContains(draft_page, "field-retraction_reason")

    published_page = client.get(quote_page(published))
    assertContains(published_page, "field-published_at")
    assertNotContains(published_page, "field-retracted_at")
    assertNotContains(published_page, "field-retraction_reason")
    assertNotContains(published_page, "field-replaced_by")

    retracted_page = client.get(quote_page(retracted))
    assertContains(retracted_page, "field-published_at")
    assertContains(retracted_page, "field-retracted_at")
    assertContains(retracted_page, "The minister never said this.")
    assertContains(retracted_page, "field-replaced_by")


def test_retraction_without_a_reason_is_refused(client, chief_editor):
    client.force_login(chief_editor)
    quote = make_quote()
    response = run_action(client, "retract", [quote], confirm={"reason": "  "})
    assertContains(response, "This field is required.")
    quote.refresh_from_db()
    assert quote.status == Quote.Status.PUBLISHED
    assert quote.retraction_reason == ""


def test_retraction_names_only_a_published_replacement(client, chief_editor):
    client.force_login(chief_editor)
    quote = make_quote()
    draft = make_quote(status=Quote.Status.DRAFT)
    response = run_action(
        client, "retract", [quote], confirm={"reason": "Wrong.", "replacement": draft.key}
    )
    assertContains(response, "No published quote has this key.")
    quote.refresh_from_db()
    assert quote.status == Quote.Status.PUBLISHED


def test_chief_editor_retracts_from_the_quote_page(client, chief_editor):
    client.force_login(chief_editor)
    quote = make_quote()
    on_page = {"CHANGE_FORM-action": "retract", "_selected_action": quote.pk}
    form_page = client.post(quote_page(quote), on_page)
    assertContains(form_page, "Retract this quote")
    assertContains(form_page, 'name="CHANGE_FORM-action" value="retract"')

    response = client.post(quote_page(quote), {**on_page, "post": "yes", "reason": "Misquoted."})
    assertRedirects(response, quote_page(quote))
    quote.refresh_from_db()
    assert quote.status == Quote.Status.RETRACTED


def test_editor_cannot_retract(client, editor):
    client.force_login(editor)
    quote = make_quote()
    response = run_action(client, "retract", [quote], confirm={"reason": "Wrong."})
    assertContains(response, "Only a chief editor can retract quotes. Nothing was changed.")
    quote.refresh_from_db()
    assert quote.status == Quote.Status.PUBLISHED


# Deleting


def test_delete_action_refuses_published_quotes_and_deletes_nothing(client, chief_editor):
    client.force_login(chief_editor)
    published = make_quote()
    draft = make_quote(status=Quote.Status.DRAFT)
    response = run_action(client, "delete_selected", [published, draft], confirm={})
    assertContains(response, "Cannot delete quotes")
    assertContains(response, f"Published quote {published.key}")
    assertNotContains(response, 'name="post"')
    assertNotContains(response, f"quote {draft.key}")
    assert Quote.objects.filter(pk__in=[published.pk, draft.pk]).count() == 2


def test_delete_action_deletes_drafts(client, chief_editor):
    client.force_login(chief_editor)
    draft = make_quote(status=Quote.Status.DRAFT)
    response = run_action(client, "delete_selected", [draft], confirm={})
    assertContains(response, "Successfully deleted 1 quote.")
    assert not Quote.objects.filter(pk=draft.pk).exists()


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


# Editing, correcting and history


def test_history_page_lists_a_change_and_who_made_it(client, editor):
    client.force_login(editor)
    draft = make_quote(status=Quote.Status.DRAFT, text="First wording.")
    data = posted_back(client.get(quote_page(draft)), text="Second wording.")
    assert client.post(quote_page(draft), data).status_code == 302
    response = client.get(history_of(draft))
    assertContains(response, changed_by(editor), html=True)
    assertContains(response, "First wording.")
    assertContains(response, "Second wording.")


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


def test_correcting_a_published_quote_needs_a_reason_kept_in_history(client, chief_editor):
    client.force_login(chief_editor)
    quote = make_quote(text="We will send 10.000 troops.")
    page = client.get(quote_page(quote))
    assertContains(page, "Reason for the correction")

    refused = client.post(quote_page(quote), posted_back(page, text="We will send 10,000 troops."))
    assert refused.status_code == 200
    assertContains(refused, "Say why the published quote is corrected.")
    quote.refresh_from_db()
    assert quote.text == "We will send 10.000 troops."
    assert not quote.corrections.exists()

    data = posted_back(
        page, text="We will send 10,000 troops.", correction_reason="Typo in the figure."
    )
    assert client.post(quote_page(quote), data).status_code == 302
    quote.refresh_from_db()
    assert quote.text == "We will send 10,000 troops."
    assert quote.status == Quote.Status.PUBLISHED
    latest = quote.history.latest()
    assert (latest.history_user, latest.history_change_reason) == (
        chief_editor,
        "Corrected: Typo in the figure.",
    )
    [correction] = quote.corrections.all()
    assert (correction.note, correction.changed, correction.corrected_by) == (
        "Typo in the figure.",
        "words",
        chief_editor,
    )
    history = client.get(history_of(quote))
    assertContains(history, "Corrected: Typo in the figure.")
    assertContains(history, changed_by(chief_editor), html=True)


def test_editors_notes_on_a_published_quote_change_without_a_correction(client, chief_editor):
    client.force_login(chief_editor)
    quote = make_quote()
    page = client.get(quote_page(quote))
    data = posted_back(page, notes="Stance checked against the full interview.")
    assert client.post(quote_page(quote), data).status_code == 302
    quote.refresh_from_db()
    assert quote.notes == "Stance checked against the full interview."
    assert not quote.corrections.exists()

    # A fresh page: the first one is out of date since the save.
    data = posted_back(client.get(quote_page(quote)), correction_reason="Nothing really.")
    refused = client.post(quote_page(quote), data)
    assertContains(refused, "Nothing readers see was changed: there is nothing to correct.")


def test_figures_of_a_published_quote_are_read_only(client, chief_editor):
    client.force_login(chief_editor)
    quote = make_quote()
    quote.figures.create(amount=10000, unit="troops")
    response = client.get(quote_page(quote))
    assertContains(response, "troops")
    assertNotContains(response, 'name="figures-0-amount"')


def test_figures_are_offered_on_a_draft_and_not_shown_empty_on_a_published_quote(
    client, chief_editor
):
    client.force_login(chief_editor)
    assertContains(
        client.get(quote_page(make_quote(status=Quote.Status.DRAFT))), "figures-TOTAL_FORMS"
    )
    published = client.get(quote_page(make_quote()))
    assert published.status_code == 200
    assertNotContains(published, "figures-TOTAL_FORMS")


def test_editing_a_draft_asks_no_correction_reason(client, chief_editor):
    client.force_login(chief_editor)
    draft = make_quote(status=Quote.Status.DRAFT)
    page = client.get(quote_page(draft))
    assertNotContains(page, "Reason for the correction")
    assert client.post(quote_page(draft), posted_back(page, text="New words.")).status_code == 302


# At a million quotes


def quote_list_queries(client):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(QUOTE_LIST)
    assert response.status_code == 200
    return len(queries), len(response.context["cl"].result_list)


def test_quote_list_makes_as_many_queries_for_30_quotes_as_for_3(client, chief_editor):
    client.force_login(chief_editor)
    for n in range(30):
        # Each quote has its own speaker, source and outlet, as a real archive's would.
        make_quote(said_on=datetime.date(2024, 1, 1) + datetime.timedelta(days=20 * n))
        if n == 2:
            few, listed = quote_list_queries(client)
            assert listed == 3
    many, listed = quote_list_queries(client)
    assert listed == 30
    assert many == few


def test_corrections_are_listed_read_only_for_editors(client, editor, chief_editor):
    quote = make_quote(text="Words of")
    quote.text = "Words off"
    quote.correct(note="Typo.", by=chief_editor)
    client.force_login(editor)
    response = client.get("/admin/tracker/correction/")
    assert response.status_code == 200
    assert quote.key in response.content.decode() or "Words off" in response.content.decode()
    correction = quote.corrections.get()
    assert client.post(f"/admin/tracker/correction/{correction.pk}/delete/").status_code == 403
    assert client.get("/admin/tracker/correction/add/").status_code == 403


# Searching, filtering and paging at a million quotes


def listed(response):
    assert response.status_code == 200
    return {quote.text for quote in response.context["cl"].result_list}


def admin_search(client, words, **filters):
    return listed(client.get(QUOTE_LIST, {"q": words, **filters}))


def test_admin_search_finds_a_quote_by_a_word_of_its_text_or_translation(client, editor):
    client.force_login(editor)
    make_quote(text="Nobody is currently considering sending troops to Ukraine")
    make_quote(text="Nous n'enverrons pas de soldats.", language="fr", translation="No soldiers.")
    make_quote(text="Peace is still very far away")
    assert admin_search(client, "troops") == {
        "Nobody is currently considering sending troops to Ukraine"
    }
    assert admin_search(client, "soldiers") == {"Nous n'enverrons pas de soldats."}
    assert admin_search(client, "zqxjvk") == set()


def test_admin_search_finds_a_quote_by_its_key_as_typed(client, editor):
    client.force_login(editor)
    make_quote(key="k0z1mn23", text="The quote asked for.")
    make_quote(text="Another quote.")
    for typed in ["k0z1mn23", "K0Z1MN23", "KOZI-MN23", " kozl-mn23 "]:
        assert admin_search(client, typed) == {"The quote asked for."}, typed


def test_admin_search_finds_quotes_by_the_speakers_name(client, editor):
    client.force_login(editor)
    kallas = make_speaker(name="Kaja Kallas", slug="kaja-kallas")
    make_quote(speaker=kallas, text="Europe must be ready.")
    make_quote(text="Europe must wait.")
    assert admin_search(client, "Kallas") == {"Europe must be ready."}
    assert admin_search(client, "kaja kallas") == {"Europe must be ready."}


def test_admin_search_finds_drafts_and_retracted_quotes_too(client, editor):
    client.force_login(editor)
    for status in Quote.Status:
        make_quote(text=f"Troops, {status.label.lower()}.", status=status)
    assert admin_search(client, "troops") == {
        "Troops, draft.",
        "Troops, ready for review.",
        "Troops, published.",
        "Troops, retracted.",
    }
    assert admin_search(client, "troops", status__exact="retracted") == {"Troops, retracted."}


@pytest.mark.parametrize(
    ("parameter", "value_of"),
    [
        ("status__exact", lambda quote: quote.status),
        ("kind__exact", lambda quote: quote.kind),
        ("stance__id__exact", lambda quote: quote.stance_id),
        ("nation__id__exact", lambda quote: quote.nation_id),
        ("said_on_precision__exact", lambda quote: quote.said_on_precision),
        ("language__exact", lambda quote: quote.language),
    ],
)
def test_each_filter_of_the_quote_list_narrows_it(client, editor, parameter, value_of):
    client.force_login(editor)
    wanted = make_quote(
        text="Le mot juste.",
        status=Quote.Status.DRAFT,
        kind=Quote.Kind.PARAPHRASE,
        stance=make_stance(value="willing", label="Willing", position=1),
        nation=make_nation(code="fr", name="France"),
        said_on=datetime.date(2025, 2, 1),
        said_on_precision=Quote.Precision.MONTH,
        language="fr",
        translation="The right word.",
    )
    make_quote(text="Other words.", nation=make_nation())
    response = client.get(QUOTE_LIST, {parameter: value_of(wanted)})
    assert listed(response) == {"Le mot juste."}


def date_links(response):
    return {
        link["title"]: link["link"]
        for link in response.context["cl"].date_hierarchy_links()["choices"]
    }


def test_date_hierarchy_links_every_year_from_the_first_quote_to_the_last(client, editor):
    client.force_login(editor)
    make_quote(text="In 2019.", said_on=datetime.date(2019, 6, 1))
    make_quote(text="In 2022.", said_on=datetime.date(2022, 3, 4))
    make_quote(text="In March 2024.", said_on=datetime.date(2024, 3, 17))
    make_quote(text="In May 2024.", said_on=datetime.date(2024, 5, 2))

    years = date_links(client.get(QUOTE_LIST))
    assert list(years) == ["2019", "2020", "2021", "2022", "2023", "2024"]

    in_2024 = client.get(QUOTE_LIST + years["2024"])
    assert listed(in_2024) == {"In March 2024.", "In May 2024."}
    months = date_links(in_2024)
    assert list(months) == ["January 2024", "February 2024", "March 2024", "April 2024", "May 2024"]

    in_march = client.get(QUOTE_LIST + months["March 2024"])
    assert listed(in_march) == {"In March 2024."}
    days = date_links(in_march)
    assert len(days) == 31
    assert listed(client.get(QUOTE_LIST + days["March 17"])) == {"In March 2024."}
    assert listed(client.get(QUOTE_LIST + days["March 18"])) == set()


def test_date_hierarchy_does_not_scan_the_list_for_its_dates(client, editor):
    # Django's own date hierarchy asks for the distinct years of every quote the list shows.
    client.force_login(editor)
    make_quote(said_on=datetime.date(2024, 3, 17))
    with CaptureQueriesContext(connection) as queries:
        assertContains(client.get(QUOTE_LIST, {"q": "words"}), "?q=words&amp;said_on__year=2024")
    assert not [query for query in queries if "DISTINCT" in query["sql"]]


def test_a_quote_list_too_long_to_count_says_more_than(client, chief_editor, monkeypatch):
    monkeypatch.setattr(QuoteAdmin, "list_per_page", 2)
    client.force_login(chief_editor)
    for day in range(1, 13):
        make_quote(text=f"Said on day {day}.", said_on=datetime.date(2025, 2, day))

    # The list counts as far as two pages past the one shown, and no further.
    first = client.get(QUOTE_LIST)
    assert listed(first) == {"Said on day 12.", "Said on day 11."}
    assertContains(first, "More than 6 quotes")
    assertContains(first, "More than 6 results")
    assertContains(first, "?p=3")
    assertNotContains(first, "?p=4")
    # No "Select all": an action on every quote of a list no one has counted.
    assertNotContains(first, 'class="question hidden"')

    third = client.get(QUOTE_LIST, {"p": 3})
    assert listed(third) == {"Said on day 8.", "Said on day 7."}
    assertContains(third, "More than 10 quotes")
    assertContains(third, "?p=5")

    last = client.get(QUOTE_LIST, {"p": 6})
    assert listed(last) == {"Said on day 2.", "Said on day 1."}
    assertContains(last, "12 quotes")
    assertNotContains(last, "More than")
    assertContains(last, "Select all 12 quotes")  # counted: as Django's own list
    assertRedirects(client.get(QUOTE_LIST, {"p": 7}), f"{QUOTE_LIST}?e=1")  # as Django does


def test_quote_list_makes_a_fixed_number_of_queries(
    client, chief_editor, django_assert_num_queries
):
    client.force_login(chief_editor)
    for n in range(12):
        make_quote(said_on=datetime.date(2024, 1, 1) + datetime.timedelta(days=40 * n))
    client.get(QUOTE_LIST)
    # Session, user, its permissions; the page's ids (and the count), its rows; the first and
    # last dates for the date links; the stances and nations of the filters.
    with django_assert_num_queries(9):
        client.get(QUOTE_LIST, {"kind__exact": "direct", "said_on__year": 2024})


def test_the_nations_and_stances_offered_follow_every_change_to_them(client, chief_editor):
    client.force_login(chief_editor)
    quote = make_quote(nation=make_nation(), stance=make_stance())
    first = client.get(quote_page(quote))
    assertContains(first, f'<option value="{quote.nation_id}" selected>Germany</option>', html=True)
    assertNotContains(first, "Moldova")

    moldova = make_nation(code="md", name="Moldova", is_eu_member=False, is_nato_member=False)
    make_stance(value="undecided", label="Undecided", position=2)
    again = client.get(quote_page(quote))
    assertContains(again, f'<option value="{moldova.pk}">Moldova</option>', html=True)
    assertContains(again, "Troops for Ukraine: Undecided")

    moldova.name = "Republic of Moldova"
    moldova.save()
    assertContains(client.get(quote_page(quote)), "Republic of Moldova")

    # Another quote's page: its own nation chosen, not the first one's.
    other = make_quote(nation=moldova, stance=quote.stance)
    assertContains(
        client.get(quote_page(other)),
        f'<option value="{moldova.pk}" selected>Republic of Moldova</option>',
        html=True,
    )


def test_quote_search_makes_a_fixed_number_of_queries(
    client, chief_editor, django_assert_num_queries
):
    client.force_login(chief_editor)
    for n in range(12):
        make_quote(text=f"Troops, {n}.")
    client.get(QUOTE_LIST, {"q": "troops"})
    # As the list, and on PostgreSQL two more: the planner's estimate of the matches and, for
    # a word it does not know to be common, a bounded probe of the search index.
    probe = 2 if connection.vendor == "postgresql" else 0
    with django_assert_num_queries(9 + probe):
        client.get(QUOTE_LIST, {"q": "troops"})


def test_quote_page_makes_a_fixed_number_of_queries(
    client, chief_editor, django_assert_num_queries
):
    client.force_login(chief_editor)
    quote = make_quote(role=make_role(), first_reported_in=make_source())
    quote.figures.create(amount=10000, unit="troops")
    client.get(quote_page(quote))
    # Session, user, its permissions (2); the quote with every record it points to and what
    # names each (its speaker, a role's speaker, a source's outlet) and whether it has
    # figures; its figures. The nations and stances to choose from are drawn as on the first
    # visit (KeptSelect), the speaker, role and sources as the quote was read
    # (ChosenRecordsForm).
    with django_assert_num_queries(6):
        client.get(quote_page(quote))


def test_quote_page_names_the_chosen_records_as_django_would(client, chief_editor):
    client.force_login(chief_editor)
    role = make_role(speaker=make_speaker(name="Kaja Kallas"))
    quote = make_quote(
        speaker=role.speaker,
        role=role,
        source=make_source(title="Europe weighs a force", outlet=make_outlet(name="The Post")),
    )
    page = client.get(quote_page(quote))
    form = page.context["adminform"].form
    for name in ["speaker", "role", "source", "first_reported_in", "event"]:
        chosen = form[name].field.widget.widget
        assert isinstance(chosen, ChosenAutocompleteSelect)
        # Django's own widget reads the chosen record from the database.
        stock = AutocompleteSelect(chosen.field, chosen.admin_site, choices=chosen.choices)
        stock.is_required = chosen.is_required
        value = form[name].value()
        assert chosen.render(name, value) == stock.render(name, value), name
    assert f'<option value="{role.pk}" selected>{role}</option>' in page.text
    assert "Kaja Kallas" in str(role)
    assert "The Post: Europe weighs a force</option>" in page.text


def test_a_refused_edit_shows_the_speaker_the_editor_chose_not_the_saved_one(client, chief_editor):
    client.force_login(chief_editor)
    draft = make_quote(status=Quote.Status.DRAFT, speaker=make_speaker(name="Saved Speaker"))
    chosen = make_speaker(name="Newly Chosen")
    page = client.get(quote_page(draft))
    refused = client.post(quote_page(draft), posted_back(page, speaker=chosen.pk, text=""))
    assert refused.status_code == 200
    assert "This field is required" in refused.text
    assert f'<option value="{chosen.pk}" selected>Newly Chosen</option>' in refused.text
    assert "Saved Speaker</option>" not in refused.text


# Sources at 150,000


SOURCE_LIST = reverse("admin:tracker_source_changelist")


def test_source_search_finds_a_source_by_title_key_outlet_or_address(client, editor):
    client.force_login(editor)
    source = make_source(
        title="Europe weighs a force for Ukraine",
        outlet=make_outlet(name="The Washington Post"),
        url="https://www.washingtonpost.com/world/2025/02/17/europe-force/",
        key="k0z1mn23",
    )
    make_source(title="Another report")
    for words in [
        "force",
        "europe ukraine",
        "KOZI-MN23",
        "washington",
        "washington ukraine",
        "washingtonpost.com/world/2025/02/17",
    ]:
        found = client.get(SOURCE_LIST, {"q": words}).context["cl"].result_list
        assert list(found) == [source], words
    assert not client.get(SOURCE_LIST, {"q": "washington baltic"}).context["cl"].result_list


def test_source_autocomplete_names_each_source_without_a_query_each(
    client, editor, django_assert_max_num_queries
):
    client.force_login(editor)
    for n in range(8):
        make_source(title=f"Troops report {n}")
    url = reverse("admin:autocomplete")
    query = {
        "app_label": "tracker",
        "model_name": "quote",
        "field_name": "source",
        "term": "troops",
    }
    # Session, user, its permissions (2); the outlets named so; the page's ids, its sources.
    with django_assert_max_num_queries(7):
        response = client.get(url, query)
    assert len(response.json()["results"]) == 8


# The admin's partials drawn by Jinja2 (templates/jinja2) draw what Django's own draw


def drawn_by_django(template_name, context):
    return engines["django"].get_template(template_name).render(context)


def fieldsets_of(page):
    form, model_admin = page.context["adminform"].form, page.context["adminform"].model_admin
    yield from page.context["adminform"]
    # Every branch of the template: two fields on a line, one read-only, a description, and
    # a fieldset that folds away (unless it holds an error).
    yield Fieldset(
        form,
        name="Two on a line",
        fields=[("text", "kind"), ("key", "notes"), "stance"],
        readonly_fields=["key"],
        classes=["collapse", "wide"],
        description="Fields <em>side by side</em>.",
        model_admin=model_admin,
    )


@pytest.mark.parametrize("status", [Quote.Status.DRAFT, Quote.Status.PUBLISHED])
@pytest.mark.parametrize("posted", [{}, {"text": "", "kind": "", "said_on": "not a date"}])
def test_quote_page_fieldsets_are_drawn_as_django_draws_them(client, chief_editor, status, posted):
    client.force_login(chief_editor)
    quote = make_quote(status=status, role=make_role())
    page = client.get(quote_page(quote))
    if posted:
        page = client.post(quote_page(quote), posted_back(page, **posted))
        assert page.context["adminform"].form.errors
    for n, fieldset in enumerate(fieldsets_of(page)):
        place = {"heading_level": 2, "prefix": "fieldset", "id_prefix": 0, "id_suffix": n}
        ours = admin_fieldset(fieldset, **place)
        assert "<fieldset" in ours
        assertHTMLEqual(
            ours, drawn_by_django("admin/includes/fieldset.html", {"fieldset": fieldset, **place})
        )


@pytest.mark.parametrize("user", ["editor", "chief_editor"])
def test_related_record_links_are_drawn_as_django_draws_them(client, request, user):
    client.force_login(request.getfixturevalue(user))
    quote = make_quote(status=Quote.Status.DRAFT, role=make_role())
    form = client.get(quote_page(quote)).context["adminform"].form
    wrappers = [
        name
        for name in form.fields
        if isinstance(form.fields[name].widget, RelatedFieldWidgetWrapper)
    ]
    assert {"speaker", "role", "nation", "stance", "source", "event"} <= set(wrappers)
    for name in wrappers:
        widget, value = form.fields[name].widget, form[name].value()
        ours = widget.render(name, value, {"id": f"id_{name}"})
        assert "related-widget-wrapper" in ours
        theirs = drawn_by_django(
            "admin/widgets/related_widget_wrapper.html",
            widget.get_context(name, value, {"id": f"id_{name}"}),
        )
        assertHTMLEqual(ours, theirs)


def test_list_checkboxes_are_drawn_as_django_draws_them(client, editor):
    quote = make_quote(speaker=make_speaker(name='Ana <b>"Kaja"</b> & co'))
    client.force_login(editor)
    page = client.get(QUOTE_LIST)
    ours = QuoteAdmin.action_checkbox(None, quote)
    assert f'value="{quote.pk}"' in ours
    assertHTMLEqual(ours, ModelAdmin.action_checkbox(None, quote))
    assertContains(page, ours, html=True)


def test_date_fields_are_drawn_as_django_draws_them(client, chief_editor):
    client.force_login(chief_editor)
    quote = make_quote(status=Quote.Status.DRAFT)
    form = client.get(quote_page(quote)).context["adminform"].form
    widget, value = form.fields["said_on"].widget, form["said_on"].value()
    ours = widget.render("said_on", value, {"id": "id_said_on"})
    assert '<p class="date">' in ours
    assertHTMLEqual(
        ours,
        drawn_by_django(
            "admin/widgets/date.html", widget.get_context("said_on", value, {"id": "id_said_on"})
        ),
    )


def test_related_record_links_are_translated_as_django_translates_them(client, chief_editor):
    client.force_login(chief_editor)
    quote = make_quote(status=Quote.Status.DRAFT)
    widget = client.get(quote_page(quote)).context["adminform"].form.fields["speaker"].widget
    with translation.override("fr"):
        drawn = widget.render("speaker", quote.speaker_id)
        add_another = translation.gettext("Add another %(model)s") % {"model": "speaker"}
    assert add_another != "Add another speaker"
    assert f'title="{add_another}"' in drawn
    with translation.override("fr"):
        assertHTMLEqual(
            drawn,
            drawn_by_django(
                "admin/widgets/related_widget_wrapper.html",
                widget.get_context("speaker", quote.speaker_id, {}),
            ),
        )


# The sidebar's list of models, kept ---------------------------------------------------------


def sidebar(response):
    return (
        response.content.decode()
        .split('<nav class="sticky" id="nav-sidebar"', 1)[1]
        .split("</nav>", 1)[0]
    )


def test_the_sidebar_is_drawn_once_and_marks_the_page_it_is_on(client, chief_editor):
    client.force_login(chief_editor)
    quote = make_quote()
    first = client.get(quote_page(quote))
    assert "admin/app_list.html" in [t.name for t in first.templates]
    again = client.get(quote_page(make_quote()))  # another quote: the same list, kept
    assert "admin/app_list.html" not in [t.name for t in again.templates]
    assert sidebar(again) == sidebar(first)
    assert 'href="/admin/tracker/quote/" aria-current="page"' in sidebar(again)
    sources = client.get(reverse("admin:tracker_source_changelist"))
    assert 'href="/admin/tracker/source/" aria-current="page"' in sidebar(sources)
    assert 'href="/admin/tracker/quote/" aria-current="page"' not in sidebar(sources)


def _request_of(user):
    request = RequestFactory().get("/admin/")
    request.user = user
    return request


def test_each_editor_sees_the_models_their_permissions_give(client, chief_editor, editor):
    quote = make_quote(status=Quote.Status.DRAFT)
    client.force_login(chief_editor)
    chiefs = sidebar(client.get(quote_page(quote)))
    client.force_login(editor)
    editors = sidebar(client.get(quote_page(quote)))
    # As Django draws each: a model an editor may not change has no "Add" link on theirs.
    for drawn, user in ((chiefs, chief_editor), (editors, editor)):
        for app in admin.site.get_app_list(_request_of(user)):
            for model in app["models"]:
                assert (f'href="{model["add_url"]}"' in drawn) == bool(model.get("add_url"))
    assert chiefs != editors


def test_an_editor_given_a_permission_sees_its_model_at_once(client, editor):
    client.force_login(editor)
    quote = make_quote(status=Quote.Status.DRAFT)
    groups = 'href="/admin/auth/group/"'
    assert groups not in sidebar(client.get(quote_page(quote)))
    editor.user_permissions.add(Permission.objects.get(codename="view_group"))
    assert groups in sidebar(client.get(quote_page(quote)))
    editor.user_permissions.clear()
    assert groups not in sidebar(client.get(quote_page(quote)))


def test_the_models_an_editor_may_see_are_worked_out_once_for_each_set_of_permissions(
    editor, chief_editor, monkeypatch
):
    admin.site.app_lists.clear()  # as a new process starts
    built = []
    build = ArchiveAdminSite._build_app_dict
    monkeypatch.setattr(
        ArchiveAdminSite,
        "_build_app_dict",
        lambda site, *args: built.append(args) or build(site, *args),
    )
    editors = admin.site.get_app_list(_request_of(editor))
    assert admin.site.get_app_list(_request_of(make_editor_like(editor))) == editors
    assert len(built) == 1
    chiefs = admin.site.get_app_list(_request_of(chief_editor))
    assert len(built) == 2 and chiefs != editors


def make_editor_like(editor):
    return make_user(username=f"{editor.username}-too", group="Editors")


def related_links(widget):
    context = widget.get_context("speaker", None, {})
    return {key: value for key, value in context.items() if key.endswith("_url")}


def test_the_links_beside_a_related_field_go_where_django_sends_them(client, chief_editor):
    client.force_login(chief_editor)
    quote = make_quote(status=Quote.Status.DRAFT)
    widget = client.get(quote_page(quote)).context["adminform"].form.fields["speaker"].widget
    assert isinstance(widget, KeptLinksWrapper)
    links = related_links(widget)
    assert links == {
        "add_related_url": reverse("admin:tracker_speaker_add"),
        "change_related_template_url": reverse("admin:tracker_speaker_change", args=["__fk__"]),
        "delete_related_template_url": reverse("admin:tracker_speaker_delete", args=["__fk__"]),
    }
    # Served under another prefix, the same process links under it.
    prefix = get_script_prefix()
    set_script_prefix("/archive/")
    try:
        moved = related_links(widget)
    finally:
        set_script_prefix(prefix)
    assert moved == {key: "/archive" + url for key, url in links.items()}


def csp_nonce(response):
    policy = response.headers["Content-Security-Policy"]
    return policy.split("'nonce-", 1)[1].split("'", 1)[0]


def test_a_change_form_draws_its_scripts_and_styles_as_django_does_with_its_nonce(
    client, chief_editor
):
    client.force_login(chief_editor)
    drawn = []
    for quote in (make_quote(status=Quote.Status.DRAFT), make_quote(status=Quote.Status.DRAFT)):
        page = client.get(quote_page(quote))
        media, nonce = page.context["media"], csp_nonce(page)
        assert isinstance(media, KeptMedia)
        theirs = forms.Media.render(media, attrs={"nonce": nonce})
        assert f'nonce="{nonce}"' in theirs and "admin/js/" in theirs
        assertContains(page, theirs)
        drawn.append(nonce)
    assert drawn[0] != drawn[1]
    assert media.render() == forms.Media.render(media)


@pytest.mark.parametrize("posted", [{}, {"text": "", "said_on": "not a date"}])
def test_labels_are_drawn_as_django_draws_them(client, chief_editor, posted):
    client.force_login(chief_editor)
    quote = make_quote(status=Quote.Status.DRAFT, role=make_role())
    page = client.get(quote_page(quote))
    if posted:
        page = client.post(quote_page(quote), posted_back(page, **posted))
    form = page.context["adminform"].form
    labels = [field for fieldset in fieldsets_of(page) for line in fieldset for field in line]
    assert len(labels) > 15
    for field in labels:
        ours = field.label_tag()
        with mock.patch.object(type(form), "render", forms.ModelForm.render):
            theirs = field.label_tag()
        assert "</label>" in ours
        assert ours == theirs


def test_the_links_around_a_related_field_are_drawn_once_each_page_with_its_own_record(
    client, chief_editor
):
    client.force_login(chief_editor)
    first, second = (
        make_quote(status=Quote.Status.DRAFT, speaker=make_speaker(name=name))
        for name in ("Ana Example", "Bo Example")
    )
    KeptLinksWrapper.drawn.clear()  # as a new process starts
    pages, drawn = [], []
    for quote in (first, second):
        pages.append(client.get(quote_page(quote)).content.decode())
        drawn.append(len(KeptLinksWrapper.drawn))
    assert drawn[0] >= 5  # speaker, role, nation, stance, source, ...
    assert drawn[1] == drawn[0]  # the second quote's wrappers were all kept
    assert "Ana Example" in pages[0] and "Ana Example" not in pages[1]
    assert "Bo Example" in pages[1]

"""The editorial workflow, page by page: drafts entered with their source, sent for review,
published, corrected with a reason, retracted with a reason, deleted only as drafts."""

import pytest
from django.urls import reverse
from pytest_django.asserts import (
    assertContains,
    assertNotContains,
    assertRedirects,
)

from tests.admin.pages import (
    changed_by,
    history_of,
    posted_back,
    quote_page,
    run_action,
    source_page,
)
from tests.helpers import (
    make_outlet,
    make_quote,
    make_speaker,
    make_stance,
)
from tracker.models import Quote, Source

pytestmark = pytest.mark.django_db


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


def test_source_page_lists_its_quotes_read_only_with_a_link(client, chief_editor):
    client.force_login(chief_editor)
    draft = make_quote(status=Quote.Status.DRAFT, text="Still in draft.")
    published = make_quote(source=draft.source, text="On the record.")
    response = client.get(source_page(draft.source))
    listed, new = response.context["inline_admin_formsets"]
    assert [form.instance for form in listed.formset.initial_forms] == [draft, published]
    assert not listed.has_change_permission and not listed.has_delete_permission
    assert new.formset.initial_forms == []
    assertContains(response, quote_page(published))
    assertContains(response, quote_page(draft))
    assertNotContains(response, "Still in draft.</textarea>")
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


def test_a_retraction_can_be_a_legal_withdrawal(client, chief_editor):
    client.force_login(chief_editor)
    quote = make_quote()
    form_page = run_action(client, "retract", [quote])
    assertContains(form_page, "Withdrawn for legal reasons")
    confirm = {"reason": "A court ordered it.", "withdraw": "on"}
    assertContains(run_action(client, "retract", [quote], confirm=confirm), "1 quote retracted.")
    quote.refresh_from_db()
    assert (quote.status, quote.is_withdrawn) == (Quote.Status.RETRACTED, True)


def test_a_retracted_quotes_words_are_withdrawn_by_a_chief_editor_only(
    client, chief_editor, editor
):
    retracted, published = make_quote(status=Quote.Status.RETRACTED), make_quote()
    client.force_login(editor)
    assertContains(run_action(client, "withdraw", [retracted]), "Only a chief editor can")
    client.force_login(chief_editor)
    response = run_action(client, "withdraw", [retracted, published])
    assertContains(response, "1 quote withdrawn.")
    assertContains(response, "Only a retracted quote&#x27;s words can be withdrawn")
    retracted.refresh_from_db()
    published.refresh_from_db()
    assert (retracted.is_withdrawn, published.is_withdrawn) == (True, False)


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


def test_history_page_lists_a_change_and_who_made_it(client, editor):
    client.force_login(editor)
    draft = make_quote(status=Quote.Status.DRAFT, text="First wording.")
    data = posted_back(client.get(quote_page(draft)), text="Second wording.")
    assert client.post(quote_page(draft), data).status_code == 302
    response = client.get(history_of(draft))
    assertContains(response, changed_by(editor), html=True)
    assertContains(response, "First wording.")
    assertContains(response, "Second wording.")


def test_correcting_a_published_quote_needs_a_reason_recorded_in_history(client, chief_editor):
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

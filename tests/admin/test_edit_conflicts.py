"""Concurrent edits lose nothing: the second save of the same record is refused and says what
changed, through the admin's pages and through the model."""

import pytest
from django.test import Client
from pytest_django.asserts import assertContains, assertNotContains

from tests.admin.pages import posted_back, quote_page, source_page
from tests.helpers import make_chief_editor, make_editor, make_quote, make_source
from tracker.models import EditConflict, Quote

pytestmark = pytest.mark.django_db


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


def test_source_page_opened_before_a_draft_changed_leaves_the_draft_alone(
    client, second_client, editor
):
    draft = make_quote(status=Quote.Status.DRAFT, text="First words.")
    source = draft.source
    second_client.force_login(make_editor(username="amira"))
    client.force_login(editor)
    my_page = client.get(source_page(source))
    their_page = second_client.get(quote_page(draft))
    second_client.post(quote_page(draft), posted_back(their_page, text="Amira's words."))

    # The source page lists its quotes without their words to edit: saving it changes the
    # source, never a draft someone changed since.
    saved = client.post(source_page(source), posted_back(my_page, title="A better title"))
    assert saved.status_code == 302
    draft.refresh_from_db()
    source.refresh_from_db()
    assert draft.text == "Amira's words."
    assert source.title == "A better title"


def test_second_editor_to_save_a_source_is_refused(client, second_client, editor):
    source = make_source(title="Report")
    second_client.force_login(make_editor(username="amira"))
    client.force_login(editor)
    their_page, my_page = second_client.get(source_page(source)), client.get(source_page(source))
    second_client.post(source_page(source), posted_back(their_page, notes="Checked."))
    refused = client.post(source_page(source), posted_back(my_page, title="Report, 17 Feb"))
    assertContains(
        refused,
        "This source was saved again after you opened it: amira changed its editors&#x27; notes",
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

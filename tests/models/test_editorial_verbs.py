"""The editorial verbs on a quote: only a chief editor publishes, corrects and retracts, each
with what it needs; a published or retracted quote is never deleted, by any path."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction

from tests.helpers import make_quote
from tracker.models import Correction, PublishedRecordDeletion, Quote

pytestmark = pytest.mark.django_db


def test_published_quote_refuses_deletion_through_the_model():
    quote = make_quote()
    with pytest.raises(PublishedRecordDeletion):
        quote.delete()
    assert Quote.objects.filter(pk=quote.pk).exists()


def test_published_quote_refuses_deletion_through_the_queryset():
    published = make_quote()
    draft = make_quote(status=Quote.Status.DRAFT)
    with pytest.raises(PublishedRecordDeletion):
        Quote.objects.filter(pk__in=[published.pk, draft.pk]).delete()
    assert Quote.objects.filter(pk__in=[published.pk, draft.pk]).count() == 2


def test_retracted_quote_refuses_deletion():
    quote = make_quote(status=Quote.Status.RETRACTED)
    with pytest.raises(PublishedRecordDeletion):
        quote.delete()


def test_draft_can_be_deleted():
    draft = make_quote(status=Quote.Status.DRAFT)
    draft.delete()
    assert not Quote.objects.filter(pk=draft.pk).exists()


def test_published_queryset_leaves_out_drafts_reviews_and_retractions():
    published = make_quote()
    make_quote(status=Quote.Status.DRAFT)
    make_quote(status=Quote.Status.REVIEW)
    make_quote(status=Quote.Status.RETRACTED)
    assert list(Quote.objects.published()) == [published]


def test_editor_cannot_publish_or_retract_through_the_model(editor):
    draft = make_quote(status=Quote.Status.DRAFT)
    published = make_quote(text="On the record.")
    with pytest.raises(PermissionDenied):
        draft.publish(by=editor)
    with pytest.raises(PermissionDenied):
        published.retract(reason="Wrong.", by=editor)
    with pytest.raises(PermissionDenied):
        published.text = "Rewritten."
        published.correct(note="Sneaky.", by=editor)
    assert Quote.objects.get(pk=draft.pk).status == Quote.Status.DRAFT
    published.refresh_from_db()
    assert (published.status, published.text) == (Quote.Status.PUBLISHED, "On the record.")
    assert not published.corrections.exists()


def test_chief_editor_publishes_and_history_names_them(chief_editor):
    draft = make_quote(status=Quote.Status.DRAFT)
    draft.publish(by=chief_editor)
    draft.refresh_from_db()
    assert draft.status == Quote.Status.PUBLISHED
    assert draft.published_at is not None
    latest = draft.history.first()
    assert latest.history_user == chief_editor
    assert latest.history_change_reason == "Published"


def test_a_correction_needs_a_note_a_change_and_a_chief_editor(chief_editor, editor):
    quote = make_quote(text="Words")
    with pytest.raises(ValidationError, match="Nothing was changed"):
        quote.correct(note="No change", by=chief_editor)
    quote.text = "Other words"
    with pytest.raises(ValidationError):
        quote.correct(note=" ", by=chief_editor)
    with pytest.raises(PermissionDenied):
        quote.correct(note="Fix", by=editor)
    assert Correction.objects.count() == 0
    assert Quote.objects.get(pk=quote.pk).text == "Words"


def test_retraction_records_its_reason(chief_editor):
    quote = make_quote()
    quote.retract(reason="The speaker never said it.", by=chief_editor)
    quote.refresh_from_db()
    assert quote.status == Quote.Status.RETRACTED
    assert quote.retraction_reason == "The speaker never said it."
    assert quote.retracted_at is not None


def test_retraction_without_a_reason_is_refused(chief_editor):
    quote = make_quote()
    with pytest.raises(ValidationError):
        quote.retract(reason="  ", by=chief_editor)
    quote.refresh_from_db()
    assert quote.status == Quote.Status.PUBLISHED


def test_a_legal_withdrawal_keeps_the_retraction_and_marks_the_words_withdrawn(chief_editor):
    quote = make_quote()
    quote.retract(reason="A court ordered it.", by=chief_editor, withdraw=True)
    quote.refresh_from_db()
    assert (quote.status, quote.is_withdrawn) == (Quote.Status.RETRACTED, True)
    later = make_quote()
    later.retract(reason="Misattributed.", by=chief_editor)
    later.withdraw(by=chief_editor)
    later.refresh_from_db()
    assert later.is_withdrawn
    assert later.history.first().history_change_reason == "Withdrawn for legal reasons"


def test_only_a_chief_editor_withdraws_and_only_a_retracted_quote(chief_editor, editor):
    retracted = make_quote(status=Quote.Status.RETRACTED)
    with pytest.raises(PermissionDenied):
        retracted.withdraw(by=editor)
    published = make_quote()
    with pytest.raises(ValidationError):
        published.withdraw(by=chief_editor)
    assert not Quote.objects.filter(is_withdrawn=True).exists()


def test_the_database_refuses_words_withdrawn_from_a_quote_not_retracted():
    quote = make_quote()
    with pytest.raises(IntegrityError), transaction.atomic():
        Quote.objects.filter(pk=quote.pk).update(is_withdrawn=True)

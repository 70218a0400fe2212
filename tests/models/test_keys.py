import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction

from tests.helpers import make_quote, make_role, make_source, make_speaker
from tracker.models import (
    KEY_ALPHABET,
    PublishedRecordDeletion,
    Quote,
    normalize_key,
)

pytestmark = pytest.mark.django_db


def test_quote_gets_a_short_key_from_the_unambiguous_alphabet():
    quote = make_quote()
    assert len(quote.key) == 8
    assert set(quote.key) <= set(KEY_ALPHABET)
    assert not set(quote.key) & set("ilou")


def test_keys_are_unique():
    keys = {make_quote().key for _ in range(50)}
    assert len(keys) == 50


def test_duplicate_key_is_refused_by_the_database():
    quote = make_quote()
    with pytest.raises(IntegrityError), transaction.atomic():
        make_quote(key=quote.key)


def test_key_never_changes_on_save():
    quote = Quote.objects.get(pk=make_quote().pk)
    quote.key = "zzzzzzzz"
    with pytest.raises(ValueError, match="never changes"):
        quote.save()
    assert Quote.objects.get(pk=quote.pk).key != "zzzzzzzz"


def test_key_never_changes_through_a_bulk_update():
    quote = make_quote()
    with pytest.raises(ValueError, match="never changes"):
        Quote.objects.filter(pk=quote.pk).update(key="zzzzzzzz")


def test_key_of_a_deleted_draft_is_never_issued_again(monkeypatch):
    draft = make_quote(status=Quote.Status.DRAFT)
    old_key = draft.key
    draft.delete()
    issued = iter([old_key, "abcd2345"])
    monkeypatch.setattr("tracker.models.base.random_key", lambda: next(issued))
    assert make_quote().key == "abcd2345"


@pytest.mark.parametrize(
    ("typed", "canonical"),
    [("AB12CD34", "ab12cd34"), ("abl2cdO4", "ab12cd04"), (" ab12-cd34 ", "ab12cd34")],
)
def test_keys_are_read_case_insensitively_and_without_ambiguous_letters(typed, canonical):
    assert normalize_key(typed) == canonical


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


def test_role_at_the_time_of_a_quote_is_the_one_held_that_day():
    scholz = make_speaker(name="Olaf Scholz", slug="olaf-scholz")
    make_role(
        speaker=scholz,
        title="Minister of Finance",
        started_on=datetime.date(2018, 3, 14),
        ended_on=datetime.date(2021, 12, 8),
    )
    chancellor = make_role(
        speaker=scholz,
        title="Chancellor of Germany",
        started_on=datetime.date(2021, 12, 8),
        ended_on=datetime.date(2025, 5, 6),
    )
    make_role(speaker=scholz, title="Member of the Bundestag", started_on=datetime.date(2025, 5, 6))
    quote = make_quote(speaker=scholz, said_on=datetime.date(2025, 2, 17))
    assert quote.role == chancellor
    assert scholz.role_on(datetime.date(2019, 1, 1)).title == "Minister of Finance"
    assert scholz.role_on(datetime.date(2025, 6, 1)).title == "Member of the Bundestag"


def test_quote_with_a_role_the_speaker_did_not_hold_that_day_is_invalid():
    role = make_role(started_on=datetime.date(2024, 1, 1), ended_on=datetime.date(2024, 12, 31))
    quote = make_quote(speaker=role.speaker, said_on=datetime.date(2025, 2, 17))
    quote.role = role
    with pytest.raises(ValidationError) as error:
        quote.full_clean()
    assert "role" in error.value.message_dict


def test_role_of_another_speaker_is_invalid():
    quote = make_quote()
    quote.role = make_role()
    with pytest.raises(ValidationError) as error:
        quote.full_clean()
    assert "another speaker" in str(error.value)


def test_the_database_refuses_a_blank_quote():
    with pytest.raises(IntegrityError), transaction.atomic():
        make_quote(text="")


def test_the_database_refuses_a_retraction_without_a_reason():
    with pytest.raises(IntegrityError), transaction.atomic():
        make_quote(status=Quote.Status.RETRACTED, retraction_reason="")


def test_the_database_refuses_a_first_report_that_is_the_source_itself():
    source = make_source()
    with pytest.raises(IntegrityError), transaction.atomic():
        make_quote(source=source, first_reported_in=source)


def test_editor_cannot_publish(editor):
    draft = make_quote(status=Quote.Status.DRAFT)
    with pytest.raises(PermissionDenied):
        draft.publish(by=editor)
    draft.refresh_from_db()
    assert draft.status == Quote.Status.DRAFT


def test_chief_editor_publishes_and_history_names_them(chief_editor):
    draft = make_quote(status=Quote.Status.DRAFT)
    draft.publish(by=chief_editor)
    draft.refresh_from_db()
    assert draft.status == Quote.Status.PUBLISHED
    assert draft.published_at is not None
    latest = draft.history.first()
    assert latest.history_user == chief_editor
    assert latest.history_change_reason == "Published"


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


@pytest.mark.parametrize(
    ("precision", "said_on", "shown"),
    [
        (Quote.Precision.DAY, datetime.date(2025, 2, 17), "17 Feb 2025"),
        (Quote.Precision.MONTH, datetime.date(2025, 2, 1), "February 2025"),
        (Quote.Precision.APPROXIMATE, datetime.date(2025, 2, 12), "about mid-February 2025"),
        (Quote.Precision.APPROXIMATE, datetime.date(2025, 2, 3), "about early-February 2025"),
    ],
)
def test_the_date_is_shown_as_precisely_as_it_is_known(precision, said_on, shown):
    quote = make_quote(said_on=said_on, said_on_precision=precision)
    assert quote.said_on_display == shown


def test_nation_is_taken_from_the_role_when_left_empty():
    from tests.helpers import make_nation

    france = make_nation(code="fr", name="France")
    role = make_role(nation=france)
    quote = make_quote(speaker=role.speaker)
    assert quote.nation == france


def test_search_text_folds_accents_and_names_the_speaker():
    albares = make_speaker(name="José Manuel Albares", slug="jose-manuel-albares")
    quote = make_quote(speaker=albares, text="Nobody is currently considering sending TROOPS")
    assert "jose manuel albares" in quote.search_text
    assert "troops" in quote.search_text


def test_renaming_a_speaker_refreshes_the_search_text_of_their_quotes():
    speaker = make_speaker(name="Kier Starmer")
    quote = make_quote(speaker=speaker)
    speaker.name = "Keir Starmer"
    speaker.save()
    quote.refresh_from_db()
    assert "keir starmer" in quote.search_text

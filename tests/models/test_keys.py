"""A quote's key: short, unambiguous, unique, never changed and never issued twice, and read as
a person types it."""

import pytest
from django.db import IntegrityError, transaction

from tests.helpers import make_quote
from tracker.models import KEY_ALPHABET, Quote, normalize_key

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

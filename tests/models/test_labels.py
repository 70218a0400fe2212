"""The labels and dates a card writes many times, each written once per language and value."""

import datetime

import pytest
from django.utils import translation

from tracker.models import AttributionLink, Quote, WordEdit
from tracker.models.dates import day_display, month_display


@pytest.mark.django_db  # a new quote draws its key
def test_a_choice_shows_its_label_in_the_readers_language_and_an_unknown_value_as_stored():
    quote = Quote(kind=Quote.Kind.PARAPHRASE, verification="no-such-level")
    assert quote.get_kind_display() == "Paraphrase"
    assert quote.get_verification_display() == "no-such-level"
    with translation.override("fr"):
        assert AttributionLink(relation="read_in").get_relation_display() == "lu dans"
    assert WordEdit(kind=WordEdit.Kind.OMITTED).get_kind_display() == "Words omitted"


def test_the_same_day_is_written_in_each_interface_language():
    day = datetime.date(2025, 2, 17)
    assert day_display(day) == "17 Feb 2025"
    with translation.override("de"):
        assert month_display(day) == "Februar 2025"
    with translation.override("fr"):
        assert month_display(day) == "février 2025"
    assert month_display(day) == "February 2025"

"""A quote is found by every name shown with it, as those names are now: renaming a speaker, a
role, a nation or an outlet finds its quotes under the new name at once, and an unrelated save
rewrites no quote."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.helpers import (
    make_nation,
    make_outlet,
    make_quote,
    make_role,
    make_source,
    make_speaker,
    make_translation,
)
from tracker.models import Alias, Quote

pytestmark = pytest.mark.django_db


def found(words):
    return set(Quote.objects.published().search(words).values_list("text", flat=True))


@pytest.fixture
def quote():
    nation = make_nation(code="de", name="Germany")
    speaker = make_speaker(name="Olaf Scholz", slug="olaf-scholz", nation=nation)
    role = make_role(speaker=speaker, title="Chancellor", nation=nation)
    source = make_source(outlet=make_outlet(name="Daily Gazette", slug="daily-gazette"))
    return make_quote(
        text="We stand ready.", speaker=speaker, role=role, nation=nation, source=source
    )


@pytest.mark.parametrize(
    ("record", "field", "new_name"),
    [
        ("speaker", "name", "Scholzenberg"),
        ("role", "title", "Vizekanzler"),
        ("nation", "name", "Deutschland"),
        ("source.outlet", "name", "Morgenpost"),
    ],
)
def test_renaming_a_record_finds_its_quotes_by_the_new_name(quote, record, field, new_name):
    assert found(new_name) == set()
    renamed = quote
    for part in record.split("."):
        renamed = getattr(renamed, part)
    setattr(renamed, field, new_name)
    renamed.save()
    assert found(new_name) == {"We stand ready."}


def test_an_alias_added_removed_or_renamed_finds_the_speakers_quotes_or_no_longer(quote):
    alias = Alias.objects.create(speaker=quote.speaker, name="Olafur")
    assert found("Olafur") == {"We stand ready."}
    alias.name = "Olavi"
    alias.save()
    assert (found("Olafur"), found("Olavi")) == (set(), {"We stand ready."})
    alias.delete()
    assert found("Olavi") == set()


def test_a_translation_added_edited_or_removed_is_searched_at_once(quote):
    translation = make_translation(quote, language="de", text="Wir stehen bereit.")
    assert found("bereit") == {"We stand ready."}
    translation.text = "Wir sind bereit und willig."
    translation.save()
    assert (found("stehen"), found("willig")) == (set(), {"We stand ready."})
    translation.delete()
    assert found("willig") == set()


def test_the_old_name_no_longer_finds_them(quote):
    quote.nation.name = "Deutschland"
    quote.nation.save()
    assert found("Germany") == set()


def test_moving_a_source_to_another_outlet_finds_its_quotes_by_that_outlet(quote):
    source = quote.source
    source.outlet = make_outlet(name="Abendblatt", slug="abendblatt")
    source.save()
    assert found("Abendblatt") == {"We stand ready."}


def test_an_unrelated_save_rewrites_no_quote(quote):
    speaker = quote.speaker
    speaker.description = "Chancellor until May 2025."
    with CaptureQueriesContext(connection) as queries:
        speaker.save()
    assert not [q for q in queries if q["sql"].startswith('UPDATE "tracker_quote"')]
    assert found("Scholz") == {"We stand ready."}

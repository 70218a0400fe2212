"""The counts of published quotes by nation and stance, nation and speaker, and month follow every
publication, correction and retraction, in the save's own transaction; quotes written without
their save are counted again by count_quotes."""

import collections
import datetime
import importlib
from io import StringIO
from types import SimpleNamespace

import pytest
from django.apps import apps
from django.core.management import call_command
from django.db import connection, transaction
from django.utils import timezone

from tests.helpers import make_quote, make_source, make_speaker, make_stance
from tracker.models import MonthCount, NationSpeakerCount, NationStanceCount, Quote

pytestmark = pytest.mark.django_db


def counts_held():
    return {
        "nation and stance": {
            (row.nation_id, row.stance_id): row.quotes
            for row in NationStanceCount.objects.filter(quotes__gt=0)
        },
        "nation and speaker": {
            (row.nation_id, row.speaker_id): row.quotes
            for row in NationSpeakerCount.objects.filter(quotes__gt=0)
        },
        "month": {row.month: row.quotes for row in MonthCount.objects.filter(quotes__gt=0)},
    }


def counts_of_every_quote():
    """The same counts, from every quote as it stands, read one by one."""
    published = [quote for quote in Quote.objects.all() if quote.status == "published"]
    return {
        "nation and stance": dict(
            collections.Counter((q.nation_id, q.stance_id) for q in published if q.nation_id)
        ),
        "nation and speaker": dict(
            collections.Counter((q.nation_id, q.speaker_id) for q in published if q.nation_id)
        ),
        "month": dict(collections.Counter(q.said_on.replace(day=1) for q in published)),
    }


def assert_counts_follow_the_quotes():
    assert counts_held() == counts_of_every_quote()


def test_publications_corrections_and_retractions_move_the_counts(germany, france, chief_editor):
    open_, opposed = make_stance(value="open", label="Open"), make_stance(value="opposed")
    scholz, macron = make_speaker(nation=germany), make_speaker(nation=france)
    january = datetime.date(2025, 1, 10)
    quotes = [
        make_quote(nation=germany, speaker=scholz, stance=open_, said_on=january),
        make_quote(nation=germany, speaker=scholz, stance=open_, said_on=january),
        make_quote(nation=france, speaker=macron, stance=opposed, said_on=january),
    ]
    in_review = make_quote(speaker=scholz, nation=germany, status=Quote.Status.REVIEW)
    assert counts_held()["nation and stance"] == {
        (germany.pk, open_.pk): 2,
        (france.pk, opposed.pk): 1,
    }
    assert_counts_follow_the_quotes()

    in_review.publish(by=chief_editor)
    assert_counts_follow_the_quotes()

    corrected = quotes[0]
    corrected.said_on = datetime.date(2025, 3, 4)
    corrected.correct(note="The date was wrong.", by=chief_editor)
    assert counts_held()["month"] == {
        datetime.date(2025, 1, 1): 2,
        datetime.date(2025, 3, 1): 1,
        datetime.date(2025, 2, 1): 1,
    }
    assert_counts_follow_the_quotes()

    corrected.nation, corrected.stance = france, opposed
    corrected.correct(note="Said for France, and against it.", by=chief_editor)
    assert_counts_follow_the_quotes()

    corrected.speaker = macron
    corrected.correct(note="It was Macron.", by=chief_editor)
    assert_counts_follow_the_quotes()

    corrected.text = "Corrected words."
    corrected.correct(note="A typo.", by=chief_editor)
    assert_counts_follow_the_quotes()

    quotes[1].retract(reason="Misattributed.", by=chief_editor)
    assert counts_held()["nation and speaker"] == {
        (germany.pk, scholz.pk): 1,
        (france.pk, macron.pk): 2,
    }
    assert_counts_follow_the_quotes()


def test_drafts_and_quotes_in_review_are_not_counted(germany):
    draft = make_quote(nation=germany, status=Quote.Status.DRAFT)
    in_review = make_quote(nation=germany, status=Quote.Status.REVIEW)
    draft.said_on = datetime.date(2024, 5, 1)
    draft.save()
    draft.delete()
    in_review.save()
    assert counts_held() == {"nation and stance": {}, "nation and speaker": {}, "month": {}}


def test_a_quote_for_no_nation_counts_in_its_month_only():
    speaker = make_speaker(nation=None)
    make_quote(speaker=speaker, said_on=datetime.date(2025, 2, 17))
    assert counts_held() == {
        "nation and stance": {},
        "nation and speaker": {},
        "month": {datetime.date(2025, 2, 1): 1},
    }


def test_a_save_that_fails_moves_no_count(germany, chief_editor):
    quote = make_quote(nation=germany, status=Quote.Status.REVIEW)
    with pytest.raises(RuntimeError), transaction.atomic():
        quote.publish(by=chief_editor)
        raise RuntimeError("the editor's request failed after the save")
    assert counts_held()["month"] == {}


def test_a_bulk_update_of_what_is_counted_is_refused(germany):
    quote = make_quote(nation=germany)
    for change in (
        {"status": "retracted"},
        {"nation_id": None},
        {"said_on": datetime.date(2020, 1, 1)},
    ):
        with pytest.raises(ValueError, match="counts"):
            Quote.objects.filter(pk=quote.pk).update(**change)
    Quote.objects.filter(pk=quote.pk).update(context="Not counted.")
    assert_counts_follow_the_quotes()


def make_uncounted_quotes(nation, count):
    """Quotes written as a bulk load writes them: without their save()."""
    speaker, source, stance = make_speaker(nation=nation), make_source(), make_stance()
    Quote.objects.bulk_create(
        Quote(
            key=f"bulk{n:04d}",
            text=f"Loaded {n}.",
            speaker=speaker,
            nation=nation,
            source=source,
            stance=stance,
            said_on=datetime.date(2024, 1 + n % 12, 1),
            said_on_latest=datetime.date(2024, 1 + n % 12, 1),
            status=Quote.Status.PUBLISHED,
            published_at=timezone.now(),
        )
        for n in range(count)
    )


def test_count_quotes_counts_what_a_bulk_load_wrote(germany):
    make_quote(nation=germany)
    make_uncounted_quotes(germany, 30)
    assert counts_held() != counts_of_every_quote()
    out = StringIO()
    call_command("count_quotes", stdout=out)
    assert_counts_follow_the_quotes()
    assert "Counted the published quotes again" in out.getvalue()


def test_the_migration_counts_the_quotes_published_before_it(germany):
    make_uncounted_quotes(germany, 12)
    migration = importlib.import_module("tracker.migrations.0014_published_counts")
    # It reads only which database the schema editor is on.
    migration.count_published_quotes(apps, SimpleNamespace(connection=connection))
    assert_counts_follow_the_quotes()

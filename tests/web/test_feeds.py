"""Atom feeds: any filtered view, and one per person, nation and topic."""

import datetime

import feedparser
import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.helpers import make_nation, make_quote, make_speaker
from tracker.feeds import FEED_SIZE
from tracker.models import Quote

# Some tests ask for pages with Cache-Control: no-cache, to test their rendering, not the cache.
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("without_page_cache")]


def read_feed(client, address, **headers):
    response = client.get(address, headers=headers)
    assert response.status_code == 200, address
    assert response["Content-Type"].startswith("application/atom+xml")
    feed = feedparser.parse(response.content)
    assert not feed.bozo, feed.get("bozo_exception")
    return feed


def test_filtered_feed_has_the_same_quotes_as_the_filtered_page(client):
    germany = make_nation(code="de", name="Germany")
    make_quote(text="German words", nation=germany, said_on=datetime.date(2025, 2, 17))
    make_quote(text="French words", nation=make_nation(code="fr", name="France"))
    make_quote(text="German draft", nation=germany, status=Quote.Status.DRAFT)
    feed = read_feed(client, "/quotes/feed.atom?nation=de")
    assert [entry.summary for entry in feed.entries] == ["German words"]


def test_entry_ids_are_the_permalinks_and_dates_are_right(client):
    quote = make_quote(text="Words")
    (entry,) = read_feed(client, "/quotes/feed.atom").entries
    assert entry.id == f"http://testserver/q/{quote.key}/"
    assert entry.link == f"http://testserver/q/{quote.key}/"
    assert entry.published_parsed[:3] == quote.published_at.timetuple()[:3]
    assert entry.author == quote.speaker.name
    assert entry.updated_parsed[:3] == quote.updated_at.timetuple()[:3]
    assert entry.title == f"{quote.speaker.name}, {quote.said_on_display}: {quote.stance.label}"
    assert [tag.term for tag in entry.tags] == [quote.stance.topic.name, quote.stance.label]


def test_entry_id_stays_the_same_after_a_correction(client, chief_editor):
    quote = make_quote(text="Words of")
    before = read_feed(client, "/quotes/feed.atom").entries[0].id
    quote.text = "Words off"
    quote.correct(note="Typo.", by=chief_editor)
    after = read_feed(client, "/quotes/feed.atom").entries[0]
    assert after.id == before
    assert after.summary == "Words off"


def test_person_nation_and_topic_feeds(client):
    germany = make_nation(code="de", name="Germany")
    scholz = make_speaker(name="Olaf Scholz", slug="olaf-scholz")
    make_quote(text="Scholz words", speaker=scholz, nation=germany)
    make_quote(text="Other words")
    assert [e.summary for e in read_feed(client, "/people/olaf-scholz/feed.atom").entries] == [
        "Scholz words"
    ]
    assert [e.summary for e in read_feed(client, "/nations/de/feed.atom").entries] == [
        "Scholz words"
    ]
    topic = read_feed(client, "/topics/troops-for-ukraine/feed.atom")
    assert {e.summary for e in topic.entries} == {"Scholz words", "Other words"}


def test_bad_filters_on_a_feed_answer_400_and_unknown_records_404(client):
    assert client.get("/quotes/feed.atom?said_after=soon").status_code == 400
    assert client.get("/people/nobody/feed.atom").status_code == 404
    assert client.get("/nations/zz/feed.atom").status_code == 404


@pytest.mark.parametrize(
    "address", ["/quotes/feed.atom", "/quotes/feed.atom?q=words", "/nations/de/feed.atom"]
)
def test_a_feed_reads_as_many_queries_for_a_full_feed_as_for_one_entry(client, address):
    germany = make_nation(code="de", name="Germany")
    fresh = {"Cache-Control": "no-cache"}  # rendered, not served from the page cache
    make_quote(text="Words, 0.", nation=germany)
    read_feed(client, address, **fresh)
    cache.clear()  # each entry made afresh
    with CaptureQueriesContext(connection) as one:
        assert len(read_feed(client, address, **fresh).entries) == 1
    for n in range(1, FEED_SIZE + 5):
        make_quote(text=f"Words, {n}.", nation=germany, speaker=make_speaker())
    cache.clear()
    with CaptureQueriesContext(connection) as full:
        assert len(read_feed(client, address, **fresh).entries) == FEED_SIZE
    assert [q for q in full if 'JOIN "tracker_speaker"' in q["sql"]]
    assert len(one) > 0 and len(full) == len(one)
    # Read again, every entry comes from the cache: only the quotes' ids and revisions are read
    # (with the record the feed is of, if any).
    with CaptureQueriesContext(connection) as again:
        entries = read_feed(client, address, **fresh).entries
    assert [e.summary for e in entries] == [f"Words, {n}." for n in range(FEED_SIZE + 4, 4, -1)]
    assert len(again) < len(full)
    assert not [q for q in again if 'JOIN "tracker_speaker"' in q["sql"]]


# Feeds in the page cache --------------------------------------------------------------------

FRESH = {"Cache-Control": "no-cache"}  # past the page cache


@pytest.fixture
def two_nations():
    germany, france = make_nation(code="de", name="Germany"), make_nation(code="fr", name="France")
    quote = make_quote(text="German words", nation=germany)
    return germany, france, quote


def publish_in(nation, quote, text):
    """A quote by the same speaker, from the same source: it changes no other record."""
    return make_quote(
        text=text, nation=nation, speaker=quote.speaker, source=quote.source, stance=quote.stance
    )


def test_a_cached_feed_shows_a_new_quote_a_correction_and_a_new_name_at_once(
    client, two_nations, chief_editor
):
    germany, _, quote = two_nations
    read_feed(client, "/nations/de/feed.atom")
    publish_in(germany, quote, "More German words")
    assert {e.summary for e in read_feed(client, "/nations/de/feed.atom", **FRESH).entries} == {
        "German words",
        "More German words",
    }
    quote.text = "German words, corrected"
    quote.correct(note="A word was missing.", by=chief_editor)
    summaries = {e.summary for e in read_feed(client, "/nations/de/feed.atom", **FRESH).entries}
    assert "German words, corrected" in summaries
    quote.speaker.name = "Olaf Scholz (SPD)"
    quote.speaker.save()
    germany.name = "Federal Republic of Germany"
    germany.save()
    feed = read_feed(client, "/nations/de/feed.atom", **FRESH)
    assert {e.author for e in feed.entries} == {"Olaf Scholz (SPD)"}
    assert feed.feed.title == "On the Record: Federal Republic of Germany"

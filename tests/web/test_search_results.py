"""A search's results show where each matched, marked: in the words, their translation, their
context or the names around them, whichever it was, on PostgreSQL and on SQLite alike."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from pytest_django.asserts import assertContains, assertNotContains

from tests.helpers import make_quote, make_role, make_speaker
from tracker.models import Quote

pytestmark = pytest.mark.django_db


def cards(response):
    return re.findall(r"<article.*?</article>", response.content.decode(), flags=re.S)


def only_card_found(client, query, **quote):
    """The one result a search for `query` shows, once a quote with these fields is published."""
    make_quote(**quote)
    (card,) = cards(client.get("/quotes/", {"q": query}))
    return card


def test_a_word_found_only_in_the_context_is_shown_marked_in_its_context(client):
    card = only_card_found(
        client,
        "troops",
        text="We will not be part of it",
        context="Asked about troops for Ukraine, the minister said: We will not be part of it.",
    )
    assert "Found in the context:</span> Asked about <mark>troops</mark> for Ukraine" in card
    assert "<p>“We will not be part of it”</p>" in card


def test_words_that_match_are_marked_in_place_and_the_context_is_not_repeated(client):
    card = only_card_found(
        client,
        "troops",
        text="Sending troops is on the table",
        context="He said sending troops is on it.",
    )
    assert "<p>“Sending <mark>troops</mark> is on the table”</p>" in card
    assert "Found in" not in card


def test_a_search_for_a_speaker_shows_the_name_it_found(client):
    scholz = make_speaker(name="Olaf Scholz", aliases="Olaf Schulz")
    make_quote(speaker=scholz, text="We are still a long way off")
    (card,) = cards(client.get("/quotes/", {"q": "Scholz"}))
    assert "Found in the speaker&#x27;s name:</span> Olaf <mark>Scholz</mark>" in card
    (card,) = cards(client.get("/quotes/", {"q": "Schulz"}))
    assert "Found in the speaker&#x27;s other spellings:</span> Olaf <mark>Schulz</mark>" in card


def test_a_word_found_in_the_translation_is_marked_there(client):
    card = only_card_found(
        client,
        "unfortunately",
        text="Leider sind wir noch weit davon entfernt",
        language="de",
        translation="Unfortunately we are still a long way off",
    )
    assert "<mark>Unfortunately</mark> we are still a long way off" in card
    assert "<p>“Leider sind wir noch weit davon entfernt”</p>" in card


def test_a_role_is_a_passage_too(client):
    speaker = make_speaker(name="Kaja Kallas")
    role = make_role(speaker=speaker, title="High Representative of the Union")
    make_quote(speaker=speaker, role=role, text="Europe must be at the table")
    (card,) = cards(client.get("/quotes/", {"q": "representative"}))
    assert "Found in the role:</span> High <mark>Representative</mark> of the Union" in card


def test_accents_and_case_do_not_hide_the_match(client):
    speaker = make_speaker(name="José Manuel Albares")
    make_quote(speaker=speaker, text="It is too early to talk about it")
    (card,) = cards(client.get("/quotes/", {"q": "jose"}))
    assert "<mark>José</mark> Manuel Albares" in card


def test_marked_words_are_escaped_around_the_marks(client):
    make_quote(text="Words", context="<script>alert(1)</script> sending troops")
    response = client.get("/quotes/", {"q": "troops"})
    assertContains(response, "&lt;script&gt;alert(1)&lt;/script&gt; sending <mark>troops</mark>")
    assertNotContains(response, "<script>alert(1)</script>")


def test_passages_are_found_for_the_rows_of_the_page_only_in_one_query_per_table(client):
    for n in range(30):
        make_quote(text=f"Statement {n}", context=f"About troops, number {n}.")
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/quotes/", {"q": "troops"})
    assert len(cards(response)) == 25
    assert all("<mark>troops</mark>" in card for card in cards(response))
    headlines = [query["sql"] for query in queries if "ts_headline" in query["sql"]]
    if connection.vendor == "postgresql":
        # The quotes' own fields, their translations and their speakers' aliases: one each.
        assert len(headlines) == 3
        (sql,) = [sql for sql in headlines if 'FROM "tracker_quote"' in sql]
        # One query, for the 25 quotes on the page, not the 30 that match.
        assert len(re.search(r"IN \(([^)]*)\)", sql)[1].split(",")) == 25
    else:
        assert headlines == []


def test_a_list_without_words_marks_nothing(client):
    make_quote(text="Sending troops")
    assertNotContains(client.get("/quotes/"), "<mark>")
    assertNotContains(client.get("/quotes/", {"q": "-troops"}), "<mark>")
    assert Quote.objects.count() == 1

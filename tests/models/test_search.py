"""Searching words as people type them: stems, accents, phrases, exclusions, ranking."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from pytest_django.asserts import assertContains, assertNotContains

from tests.helpers import make_quote, make_speaker, on_postgresql
from tracker.models import Quote

pytestmark = pytest.mark.django_db


def found(query):
    return set(Quote.objects.published().search(query).values_list("text", flat=True))


def test_a_word_finds_its_plural():
    make_quote(text="Nobody is currently considering sending troops to Ukraine")
    make_quote(text="Peace is still very far away")
    assert found("troop") == {"Nobody is currently considering sending troops to Ukraine"}


def test_search_ignores_case_and_accents_in_names():
    albares = make_speaker(name="José Manuel Albares", slug="jose-manuel-albares")
    make_quote(speaker=albares, text="Peace is still very far away")
    make_quote(text="Unrelated words")
    assert found("Jose Albares") == {"Peace is still very far away"}
    assert found("ALBARES") == {"Peace is still very far away"}


def test_misspelt_alias_finds_the_canonical_speaker():
    starmer = make_speaker(name="Keir Starmer", slug="keir-starmer", aliases="Kier Starmer")
    make_quote(speaker=starmer, text="I do not say that lightly.")
    assert found("Kier Starmer") == {"I do not say that lightly."}


def test_quoted_phrase_matches_words_together_only():
    make_quote(text="Unfortunately we are still a long way off")
    make_quote(text="The way is long and the road is off")
    assert found('"long way off"') == {"Unfortunately we are still a long way off"}


def test_minus_excludes_a_word():
    make_quote(text="Sending troops to Ukraine")
    make_quote(text="Sending troops to the Baltic")
    assert found("troops -Ukraine") == {"Sending troops to the Baltic"}


def test_search_never_returns_drafts():
    make_quote(text="Troops draft words", status=Quote.Status.DRAFT)
    assert found("troops") == set()


def test_search_page_shows_results_and_keeps_the_words_in_the_box(client):
    make_quote(text="Nobody is currently considering sending troops")
    make_quote(text="Peace is far away")
    response = client.get(reverse("quote_list"), {"q": "troop"})
    assertContains(response, "considering sending")
    assertNotContains(response, "Peace is far away")
    assertContains(response, 'value="troop"')


@pytest.mark.parametrize("query", ['"', "-", '"unclosed phrase', "&&& |||", "!!"])
def test_a_search_of_only_punctuation_or_a_lone_quote_mark_answers_that_nothing_matches(
    client, query
):
    make_quote(text="We stand ready.")
    response = client.get(reverse("quote_list"), {"q": query})
    assert response.status_code == 200
    assertContains(response, ">0 statements<")
    assertNotContains(response, "We stand ready.")


@on_postgresql
def test_relevance_puts_the_words_before_the_context():
    make_quote(text="Sending troops is not on the table", context="")
    make_quote(text="Nothing to see", context="He spoke about troops earlier")
    ranked = Quote.objects.published().search("troops").order_by("-rank")
    assert [quote.text for quote in ranked] == [
        "Sending troops is not on the table",
        "Nothing to see",
    ]


@on_postgresql
def test_relevance_order_on_the_page(client):
    make_quote(text="Nothing to see", context="troops mentioned in passing")
    make_quote(text="Troops, troops and more troops")
    page = client.get(reverse("quote_list"), {"q": "troops", "sort": "relevance"}).content.decode()
    assert page.index("more") < page.index("Nothing to see")


@on_postgresql
def test_matched_words_are_highlighted_and_the_rest_escaped(client):
    make_quote(text="<script>alert(1)</script> sending troops")
    response = client.get(reverse("quote_list"), {"q": "troops"})
    assertContains(response, "<mark>troops</mark>")
    assertContains(response, "&lt;script&gt;")
    assertNotContains(response, "<script>alert(1)</script>")


@pytest.mark.parametrize("query", ["-", '""', "   -  "])
def test_relevance_order_of_a_search_with_no_words_answers_that_nothing_matches(client, query):
    make_quote(text="We stand ready.")
    for url in ("/quotes/", "/quotes/feed.atom", "/quotes.csv"):
        response = client.get(url, {"q": query, "sort": "relevance"})
        assert response.status_code == 200, url
        body = b"".join(response) if response.streaming else response.content
        assert "We stand ready." not in body.decode(), url
    assertContains(client.get("/quotes/", {"q": query, "sort": "relevance"}), ">0 statements<")


def test_relevance_order_still_says_how_many_quotes_match_in_all(client, monkeypatch):
    # Relevance ranks only the newest matches; the count must not shrink to that window.
    monkeypatch.setattr("tracker.search.RELEVANCE_WINDOW", 3)
    for day in range(1, 6):
        make_quote(text=f"Troops on day {day}.", said_on=datetime.date(2025, 3, day))
    response = client.get("/quotes/?q=troops&sort=relevance")
    html = response.content.decode()
    assert "5 statements" in html
    assert "The 3 newest of them, most relevant first." in html
    assert len(response.context["page"]) == 3
    newest_first = client.get("/quotes/?q=troops")
    assert "5 statements" in newest_first.content.decode()
    assert "newest of them" not in newest_first.content.decode()


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's planner")
def test_a_word_the_planner_knows_to_be_common_is_looked_up_without_a_probe(monkeypatch):

    from tracker.search import SMALL_RESULT

    monkeypatch.setattr("tracker.search.COMMON_MATCHES", 20)
    for n in range(40):
        make_quote(text=f"Troops were sent, {n}.")
    make_quote(text="A rare word: zeppelin.")
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE tracker_quote")  # the statistics the planner estimates from
    probes = f"LIMIT {SMALL_RESULT}"
    with CaptureQueriesContext(connection) as common:
        assert len(found("troops")) == 40
    assert not [query for query in common if probes in query["sql"]]
    with CaptureQueriesContext(connection) as rare:
        assert found("zeppelin") == {"A rare word: zeppelin."}
    assert [query for query in rare if probes in query["sql"]]
    assert found("zqxjvk") == set()

"""A list too long to count quickly says about how many it holds, as PostgreSQL's planner expects
them, and still pages through every quote; a short list, and every list on SQLite, is counted."""

import datetime
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from pytest_django.asserts import assertContains, assertNotContains

from tests.helpers import make_nation, make_quote

# Some tests ask for pages with Cache-Control: no-cache, to test their rendering, not the cache.
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("without_page_cache")]

on_postgresql = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="estimates come from PostgreSQL's planner"
)


@pytest.fixture
def sixty_quotes():
    for n in range(60):
        make_quote(
            text=f"Troops, words {n:02d}.",
            said_on=datetime.date(2025, 1, 1) + datetime.timedelta(days=n),
        )
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE tracker_quote")  # the statistics the planner estimates from


@pytest.fixture
def every_list_estimated(monkeypatch):
    # Whatever the planner expects of sixty quotes, each list is estimated.
    monkeypatch.setattr("tracker.pagination.ESTIMATED_FROM_ROWS", 0)


def words_on(response):
    return re.findall(r"words (\d\d)\.", response.content.decode())


def heading(response):
    return re.search(r'<h2 id="results-heading">([^<]*)</h2>', response.content.decode())[1]


# A filter the kept counts do not answer (they answer no filter, or one nation alone).
DIRECT = {"kind": "direct"}


@on_postgresql
def test_a_long_list_says_about_how_many_and_pages_through_every_quote(
    client, sixty_quotes, every_list_estimated
):
    first = client.get("/quotes/", DIRECT)
    assert re.fullmatch(r"About [\d,]+ statements?", heading(first))
    assert words_on(first) == [f"{n:02d}" for n in range(59, 34, -1)]
    assertContains(first, 'rel="next"')
    assertContains(first, "of about")

    second = client.get("/quotes/", {**DIRECT, "page": 2})
    assert words_on(second) == [f"{n:02d}" for n in range(34, 9, -1)]

    # The last page: the count is known there, and said exactly.
    last = client.get("/quotes/", {**DIRECT, "page": 3})
    assert words_on(last) == [f"{n:02d}" for n in range(9, -1, -1)]
    assert heading(last) == "60 statements"
    assertNotContains(last, 'rel="next"')


@on_postgresql
def test_a_page_past_the_end_of_an_estimated_list_says_so(client, every_list_estimated):
    for n in range(30):
        make_quote(text=f"Troops, words {n:02d}.")
    past = client.get("/quotes/", {**DIRECT, "page": 4})
    assert past.status_code == 200
    assert words_on(past) == []
    assertContains(past, "The list ends before this page")
    assertContains(past, 'href="?kind=direct&amp;page=1"')
    assertNotContains(past, 'rel="next"')
    for number in ("0", "-3", "ten", "99999999999999999999999999"):
        assert client.get("/quotes/", {"page": number}).status_code == 200, number


@on_postgresql
def test_a_search_for_a_common_word_is_estimated_and_the_estimate_cached(
    client, sixty_quotes, monkeypatch
):
    monkeypatch.setattr("tracker.pagination.ESTIMATED_FROM_COST", 0)
    monkeypatch.setattr("tracker.search.RELEVANCE_WINDOW", 3)
    ranked = client.get("/quotes/", {"q": "troops", "sort": "relevance"})
    assert re.fullmatch(r"About [\d,]+ statements?", heading(ranked))
    assertContains(ranked, "The 3 newest of them, most relevant first.")
    with CaptureQueriesContext(connection) as again:
        client.get("/quotes/", {"q": "troops"}, headers={"Cache-Control": "no-cache"})
        client.get("/quotes/", {"q": "troops"}, headers={"Cache-Control": "no-cache"})
    plans = [query for query in again if query["sql"].startswith("EXPLAIN")]
    counts = [query for query in again if "COUNT(" in query["sql"]]
    # The search's own look at the planner, each time; the count's estimate only once.
    assert (len(plans), counts) == (2, [])


@on_postgresql
def test_a_short_list_is_counted(client, sixty_quotes):
    assert heading(client.get("/quotes/")) == "60 statements"
    assert heading(client.get("/quotes/", {"q": "troops"})) == "60 statements"


@pytest.mark.skipif(connection.vendor == "postgresql", reason="SQLite has no planner to ask")
def test_on_sqlite_every_list_is_counted(client, sixty_quotes, every_list_estimated):
    response = client.get("/quotes/", {"page": 3})
    assert heading(response) == "60 statements"
    assert response.context["page"].paginator.num_pages == 3
    assert client.get("/quotes/", {"page": 4}).context["page"].number == 3


def test_every_quote_or_one_nations_is_counted_exactly_from_the_kept_counts(
    client, sixty_quotes, every_list_estimated
):
    germany = make_nation(code="de", name="Germany")
    for n in range(30):
        make_quote(text=f"German words {n}.", nation=germany)
    with CaptureQueriesContext(connection) as queries:
        assert heading(client.get("/quotes/")) == "90 statements"
    assert not [q for q in queries if q["sql"].startswith("EXPLAIN") or "COUNT(" in q["sql"]]
    assert heading(client.get("/quotes/", {"nation": "de"})) == "30 statements"
    assert client.get("/nations/de/").context["page"].paginator.count == 30
    # The last page of a counted list is read from its end: the oldest five, oldest last.
    last = client.get("/quotes/", {"nation": "de", "page": 2})
    assert re.findall(r"German words (\d+)\.", last.content.decode()) == ["4", "3", "2", "1", "0"]

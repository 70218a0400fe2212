"""/api/quotes/: the published quotes, the pages' filters, cursor pages, answers up to date."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.api.helpers import description, get, keys, page_keys
from tests.helpers import (
    make_nation,
    make_quote,
    make_role,
    make_source,
    make_speaker,
    make_stance,
)
from tracker.api.pagination import KeysetCursorPagination
from tracker.models import Figure, Quote

# Some tests ask for pages with Cache-Control: no-cache, to test their rendering, not the cache.
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("without_page_cache")]


def test_api_quote_list_shows_only_published(client):
    published = make_quote(text="On the record.")
    make_quote(text="Off the record.", status=Quote.Status.DRAFT)
    make_quote(text="Being checked.", status=Quote.Status.REVIEW)
    make_quote(text="Taken back.", status=Quote.Status.RETRACTED)
    answer = get(client, "/api/quotes/")
    assert [quote["key"] for quote in answer["results"]] == [published.key]
    assert answer["next"] is None
    assert answer["previous"] is None


@pytest.mark.parametrize(
    "query",
    [
        "nation=de&nation=fr",
        "nation=pl",
        "said_after=2025-02-17",
        "said_before=2025-02-16",
        "said_after=2025-02-10&said_before=2025-02-20",
        "q=troops",
        "q=troops+-Baltic",
        "stance=open",
        "kind=paraphrase",
        "lang=fr",
        "sort=oldest",
        "sort=relevance&q=troops",
        "topic=troops-for-ukraine&stance=opposed",
    ],
)
def test_api_filters_find_what_the_page_finds(client, query):
    germany = make_nation(code="de", name="Germany")
    france = make_nation(code="fr", name="France")
    poland = make_nation(code="pl", name="Poland")
    open_ = make_stance(value="open", label="Open", position=2)
    make_quote(text="Troops for Ukraine", nation=germany, said_on=datetime.date(2025, 2, 17))
    make_quote(
        text="Des troupes, pourquoi pas",
        translation="Troops, why not",
        language="fr",
        nation=france,
        stance=open_,
        said_on=datetime.date(2025, 2, 10),
    )
    make_quote(
        text="Troops to the Baltic",
        nation=poland,
        kind=Quote.Kind.PARAPHRASE,
        said_on=datetime.date(2025, 3, 1),
    )
    make_quote(text="Peace is far away", nation=germany, said_on=datetime.date(2025, 1, 5))
    make_quote(text="Troops draft", nation=germany, status=Quote.Status.DRAFT)
    found = keys(client, f"/api/quotes/?{query}")
    assert found, query
    assert found == page_keys(client, query), query


def test_api_filters_by_several_nations_date_words_stance_and_kind(client):
    germany = make_nation(code="de", name="Germany")
    france = make_nation(code="fr", name="France")
    german = make_quote(text="Sending troops", nation=germany, said_on=datetime.date(2025, 2, 17))
    french = make_quote(
        text="Troops maybe",
        nation=france,
        kind=Quote.Kind.PARAPHRASE,
        stance=make_stance(value="open", label="Open", position=2),
        said_on=datetime.date(2025, 2, 10),
    )
    make_quote(text="Polish troops", nation=make_nation(code="pl", name="Poland"))
    make_quote(text="Sending troops, drafted", nation=germany, status=Quote.Status.DRAFT)
    assert set(keys(client, "/api/quotes/?nation=de&nation=fr")) == {german.key, french.key}
    assert keys(client, "/api/quotes/?nation=de&nation=fr&said_after=2025-02-11") == [german.key]
    assert keys(client, "/api/quotes/?q=sending") == [german.key]
    assert keys(client, "/api/quotes/?stance=open") == [french.key]
    assert keys(client, "/api/quotes/?kind=paraphrase") == [french.key]


def test_api_cursor_pages_through_every_quote_exactly_once(client, monkeypatch):
    monkeypatch.setattr(KeysetCursorPagination, "page_size", 10)
    # Many quotes share a day, as on the day of a summit, and, for sort=relevance, several
    # share a rank: the cursor must still tell them apart.
    for n in range(30):
        words = f"Troops, statement {n}" + ", troops" * (n % 4)
        make_quote(text=words, said_on=datetime.date(2025, 2, 17 + n % 3))
    make_quote(text="Troops, a draft", status=Quote.Status.DRAFT)
    for query in ["sort=newest", "sort=oldest", "q=troops&sort=relevance"]:
        expected = page_keys(client, query) + page_keys(client, f"{query}&page=2")
        seen, pages, url = [], [], f"/api/quotes/?{query}"
        while url:
            answer = get(client, url)
            pages.append(answer)
            seen += [quote["key"] for quote in answer["results"]]
            url = answer["next"]
        assert [len(page["results"]) for page in pages] == [10, 10, 10], query
        assert len(set(seen)) == 30, query
        assert seen == expected, query
        # and back again from the last page
        back, url = [], pages[-1]["previous"]
        while url:
            answer = get(client, url)
            back = [quote["key"] for quote in answer["results"]] + back
            url = answer["previous"]
        assert back == seen[:20], query


def test_api_next_page_has_the_same_filters(client, monkeypatch):
    monkeypatch.setattr(KeysetCursorPagination, "page_size", 2)
    germany = make_nation(code="de", name="Germany")
    german = [make_quote(nation=germany, said_on=datetime.date(2025, 2, n)) for n in (1, 2, 3)]
    make_quote(nation=make_nation(code="fr", name="France"))
    first = get(client, "/api/quotes/?nation=de")
    second = get(client, first["next"])
    assert [q["key"] for q in first["results"] + second["results"]] == [
        german[2].key,
        german[1].key,
        german[0].key,
    ]
    assert second["next"] is None


@pytest.mark.parametrize(
    ("query", "finds"),
    [
        ("q=%22%22&sort=relevance", False),
        ("q=-&sort=relevance", False),
        ("q=%22unclosed&sort=relevance", False),
        ("q=troops+-troops&sort=relevance", False),
        ("q=%22troops&sort=relevance", True),
        ("q=%20&sort=relevance", True),
        ("sort=relevance", True),
    ],
)
def test_api_odd_words_never_fail(client, query, finds):
    quote = make_quote(text="Troops for Ukraine")
    assert keys(client, f"/api/quotes/?{query}") == ([quote.key] if finds else [])


def make_full_quotes(count, *, corrected_by):
    germany = make_nation(code="de", name="Germany")
    for n in range(count):
        speaker = make_speaker()
        make_role(speaker=speaker, nation=germany)
        quote = make_quote(
            speaker=speaker, first_reported_in=make_source(), said_on=datetime.date(2025, 2, 17)
        )
        Figure.objects.create(quote=quote, amount=n + 1, unit="troops")
        quote.corrections.create(
            version=2, note="Fixed.", changed="words", corrected_by=corrected_by
        )


def count_queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        get(client, url, fresh=True)
    return len(queries)


@pytest.mark.parametrize("url", ["/api/quotes/", "/api/quotes/?nation=de&q=words"])
def test_api_quote_list_queries_do_not_grow_with_the_page(client, chief_editor, url):
    description()  # read the description before counting
    make_full_quotes(3, corrected_by=chief_editor)
    few = count_queries(client, url)
    make_full_quotes(27, corrected_by=chief_editor)
    with CaptureQueriesContext(connection) as many:
        assert len(get(client, url, fresh=True)["results"]) == 25
    assert len(many) == few


def test_an_api_page_links_to_a_next_page_once_there_is_one(client):
    germany = make_nation(code="de", name="Germany")
    quotes = [make_quote(nation=germany, said_on=datetime.date(2025, 2, 17)) for _ in range(25)]
    speaker, source, stance = quotes[0].speaker, quotes[0].source, quotes[0].stance
    assert get(client, "/api/quotes/?nation=de")["next"] is None
    # An older quote: the 25 newest stay as they were, but a next page now holds it.
    make_quote(
        nation=germany,
        speaker=speaker,
        source=source,
        stance=stance,
        said_on=datetime.date(2024, 1, 1),
    )
    page = get(client, "/api/quotes/?nation=de")
    assert [q["key"] for q in page["results"]] == [
        q.key for q in sorted(quotes, key=lambda q: -q.pk)
    ]
    assert page["next"] is not None


def test_an_api_page_whose_answers_are_cached_reads_no_row_of_its_quotes(client):
    germany = make_nation(code="de", name="Germany")
    for n in range(3):
        make_quote(text=f"Words {n}.", nation=germany)
    first = get(client, "/api/quotes/?nation=de", fresh=True)
    with CaptureQueriesContext(connection) as second:
        assert get(client, "/api/quotes/?nation=de", fresh=True) == first
    assert len(first["results"]) == 3
    assert not [q for q in second if 'JOIN "tracker_speaker"' in q["sql"]]

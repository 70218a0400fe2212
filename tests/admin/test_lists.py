"""The quote and source lists at a million quotes: search, filters, date links and pages,
each at a fixed number of queries."""

import datetime
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils.html import strip_tags
from pytest_django.asserts import (
    assertContains,
    assertNotContains,
    assertRedirects,
)

from tests.admin.pages import (
    QUOTE_LIST,
    SOURCE_LIST,
    listed,
)
from tests.helpers import (
    make_nation,
    make_outlet,
    make_quote,
    make_source,
    make_speaker,
    make_stance,
)
from tracker.admin.quotes import QuoteAdmin
from tracker.models import Quote

pytestmark = pytest.mark.django_db


def quote_list_queries(client):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(QUOTE_LIST)
    assert response.status_code == 200
    return len(queries), len(response.context["cl"].result_list)


def test_quote_list_makes_as_many_queries_for_30_quotes_as_for_3(client, chief_editor):
    client.force_login(chief_editor)
    for n in range(30):
        # Each quote has its own speaker, source and outlet, as a real archive's would.
        make_quote(said_on=datetime.date(2024, 1, 1) + datetime.timedelta(days=20 * n))
        if n == 2:
            few, listed = quote_list_queries(client)
            assert listed == 3
    many, listed = quote_list_queries(client)
    assert listed == 30
    assert many == few


def admin_search(client, words, **filters):
    return listed(client.get(QUOTE_LIST, {"q": words, **filters}))


def test_admin_search_finds_a_quote_by_a_word_of_its_text_or_translation(client, editor):
    client.force_login(editor)
    make_quote(text="Nobody is currently considering sending troops to Ukraine")
    make_quote(text="Nous n'enverrons pas de soldats.", language="fr", translation="No soldiers.")
    make_quote(text="Peace is still very far away")
    assert admin_search(client, "troops") == {
        "Nobody is currently considering sending troops to Ukraine"
    }
    assert admin_search(client, "soldiers") == {"Nous n'enverrons pas de soldats."}
    assert admin_search(client, "zqxjvk") == set()


def test_admin_search_finds_a_quote_by_its_key_as_typed(client, editor):
    client.force_login(editor)
    make_quote(key="k0z1mn23", text="The quote asked for.")
    make_quote(text="Another quote.")
    for typed in ["k0z1mn23", "K0Z1MN23", "KOZI-MN23", " kozl-mn23 "]:
        assert admin_search(client, typed) == {"The quote asked for."}, typed


def test_admin_search_finds_quotes_by_the_speakers_name(client, editor):
    client.force_login(editor)
    kallas = make_speaker(name="Kaja Kallas", slug="kaja-kallas")
    make_quote(speaker=kallas, text="Europe must be ready.")
    make_quote(text="Europe must wait.")
    assert admin_search(client, "Kallas") == {"Europe must be ready."}
    assert admin_search(client, "kaja kallas") == {"Europe must be ready."}


def test_admin_search_finds_drafts_and_retracted_quotes_too(client, editor):
    client.force_login(editor)
    for status in Quote.Status:
        make_quote(text=f"Troops, {status.label.lower()}.", status=status)
    assert admin_search(client, "troops") == {
        "Troops, draft.",
        "Troops, ready for review.",
        "Troops, published.",
        "Troops, retracted.",
    }
    assert admin_search(client, "troops", status__exact="retracted") == {"Troops, retracted."}


@pytest.mark.parametrize(
    ("parameter", "value_of"),
    [
        ("status__exact", lambda quote: quote.status),
        ("kind__exact", lambda quote: quote.kind),
        ("stance__id__exact", lambda quote: quote.stance_id),
        ("nation__id__exact", lambda quote: quote.nation_id),
        ("said_on_precision__exact", lambda quote: quote.said_on_precision),
        ("language", lambda quote: quote.language),
    ],
)
def test_each_filter_of_the_quote_list_narrows_it(client, editor, parameter, value_of):
    client.force_login(editor)
    wanted = make_quote(
        text="Le mot juste.",
        status=Quote.Status.DRAFT,
        kind=Quote.Kind.PARAPHRASE,
        stance=make_stance(value="willing", label="Willing", position=1),
        nation=make_nation(code="fr", name="France"),
        said_on=datetime.date(2025, 2, 1),
        said_on_precision=Quote.Precision.MONTH,
        language="fr",
        translation="The right word.",
    )
    make_quote(text="Other words.", nation=make_nation())
    response = client.get(QUOTE_LIST, {parameter: value_of(wanted)})
    assert listed(response) == {"Le mot juste."}


def date_links(response):
    return {
        link["title"]: link["link"]
        for link in response.context["cl"].date_hierarchy_links()["choices"]
    }


def test_date_hierarchy_links_every_year_from_the_first_quote_to_the_last(client, editor):
    client.force_login(editor)
    make_quote(text="In 2019.", said_on=datetime.date(2019, 6, 1))
    make_quote(text="In 2022.", said_on=datetime.date(2022, 3, 4))
    make_quote(text="In March 2024.", said_on=datetime.date(2024, 3, 17))
    make_quote(text="In May 2024.", said_on=datetime.date(2024, 5, 2))

    years = date_links(client.get(QUOTE_LIST))
    assert list(years) == ["2019", "2020", "2021", "2022", "2023", "2024"]

    in_2024 = client.get(QUOTE_LIST + years["2024"])
    assert listed(in_2024) == {"In March 2024.", "In May 2024."}
    months = date_links(in_2024)
    assert list(months) == ["January 2024", "February 2024", "March 2024", "April 2024", "May 2024"]

    in_march = client.get(QUOTE_LIST + months["March 2024"])
    assert listed(in_march) == {"In March 2024."}
    days = date_links(in_march)
    assert len(days) == 31
    assert listed(client.get(QUOTE_LIST + days["March 17"])) == {"In March 2024."}
    assert listed(client.get(QUOTE_LIST + days["March 18"])) == set()


def test_date_hierarchy_does_not_scan_the_list_for_its_dates(client, editor):
    # Django's own date hierarchy asks for the distinct years of every quote the list shows.
    client.force_login(editor)
    make_quote(said_on=datetime.date(2024, 3, 17))
    with CaptureQueriesContext(connection) as queries:
        assertContains(client.get(QUOTE_LIST, {"q": "words"}), "?q=words&amp;said_on__year=2024")
    assert not [query for query in queries if "DISTINCT" in query["sql"]]


@pytest.fixture
def two_quotes_a_page(monkeypatch):
    monkeypatch.setattr(QuoteAdmin, "list_per_page", 2)


def make_quotes_on_days(days, words="Said"):
    for day in days:
        make_quote(text=f"{words} on day {day}.", said_on=datetime.date(2025, 2, day))


def counts_said(response):
    """The counts the list says: by its search box (above the list) and by its page links."""
    page = response.content.decode()
    above_list, below_list = page.split('<form id="changelist-form"')
    by_search = above_list[above_list.index('id="changelist-search"') :]
    by_pages = below_list[below_list.index('class="paginator"') :].split("</nav>")[0]
    return tuple(
        re.findall(r"(?:More than )?\d+ (?:results?|quotes?)\b", strip_tags(html))
        for html in (by_search, by_pages)
    )


def test_a_quote_list_too_long_to_count_says_more_than(client, chief_editor, two_quotes_a_page):
    client.force_login(chief_editor)
    make_quotes_on_days(range(1, 13))

    # The list counts as far as two pages past the one shown, and no further: it never says
    # the rows it counted as if they were all the rows there are.
    first = client.get(QUOTE_LIST)
    assert listed(first) == {"Said on day 12.", "Said on day 11."}
    assert counts_said(first) == (["More than 6 results"], ["More than 6 quotes"])
    assertContains(first, "?p=3")
    assertNotContains(first, "?p=4")
    # No "Select all": an action on every quote of a list no one has counted.
    assertNotContains(first, 'class="question hidden"')

    third = client.get(QUOTE_LIST, {"p": 3})
    assert listed(third) == {"Said on day 8.", "Said on day 7."}
    assert counts_said(third) == (["More than 10 results"], ["More than 10 quotes"])
    assertContains(third, "?p=5")

    last = client.get(QUOTE_LIST, {"p": 6})
    assert listed(last) == {"Said on day 2.", "Said on day 1."}
    assert counts_said(last) == (["12 results"], ["12 quotes"])  # counted: as Django's own list
    assertNotContains(last, "More than")
    assertContains(last, "Select all 12 quotes")
    assertRedirects(client.get(QUOTE_LIST, {"p": 7}), f"{QUOTE_LIST}?e=1")  # as Django does


def test_a_search_too_long_to_count_keeps_its_words_and_filters(client, editor, two_quotes_a_page):
    client.force_login(editor)
    make_quotes_on_days(range(1, 13), words="Troops")

    found = client.get(QUOTE_LIST, {"q": "troops", "kind__exact": "direct"})
    assert len(listed(found)) == 2
    assert counts_said(found) == (["More than 6 results"], ["More than 6 quotes"])
    # The search box still searches, and a new search keeps the filter chosen.
    search_box = re.search(r"<input[^>]*id=\"searchbar\"[^>]*>", found.content.decode())[0]
    assert 'name="q"' in search_box
    assert 'value="troops"' in search_box
    assertContains(found, '<input type="hidden" name="kind__exact" value="direct">', html=True)
    # "Show all" by the search box leads to the whole list, as Django's does.
    assertContains(found, '<a href="?">Show all</a>', html=True)
    in_a_popup = client.get(QUOTE_LIST, {"q": "troops", "_popup": 1})
    assertContains(in_a_popup, '<a href="?_popup=1">Show all</a>', html=True)
    # Its page links keep the search and the filter.
    assertContains(found, "?kind__exact=direct&amp;p=2&amp;q=troops")
    assert (
        len(listed(client.get(QUOTE_LIST, {"q": "troops", "kind__exact": "direct", "p": 2}))) == 2
    )


def test_only_a_list_counted_to_its_end_can_be_shown_all_at_once(client, editor, two_quotes_a_page):
    client.force_login(editor)
    make_quotes_on_days(range(1, 5))
    counted = client.get(QUOTE_LIST)
    assertContains(counted, "?all=")  # Django's "Show all"
    assert len(listed(client.get(QUOTE_LIST, {"all": ""}))) == 4

    make_quotes_on_days(range(5, 13))
    assertNotContains(client.get(QUOTE_LIST), "?all=")
    # Asked for all the same, it shows a page: it might have been a million rows.
    assert listed(client.get(QUOTE_LIST, {"all": ""})) == {"Said on day 12.", "Said on day 11."}


def test_quote_list_makes_a_fixed_number_of_queries(
    client, chief_editor, django_assert_num_queries
):
    client.force_login(chief_editor)
    for n in range(12):
        make_quote(said_on=datetime.date(2024, 1, 1) + datetime.timedelta(days=40 * n))
    client.get(QUOTE_LIST)
    # Session, user, its permissions; the page's ids (and the count), its rows; the first and
    # last dates for the date links; the stances, nations and latest sources of the filters.
    with django_assert_num_queries(10):
        client.get(QUOTE_LIST, {"kind__exact": "direct", "said_on__year": 2024})


def test_quote_search_makes_a_fixed_number_of_queries(
    client, chief_editor, django_assert_num_queries
):
    client.force_login(chief_editor)
    for n in range(12):
        make_quote(text=f"Troops, {n}.")
    client.get(QUOTE_LIST, {"q": "troops"})
    # As the list, and on PostgreSQL two more: the planner's estimate of the matches and, for
    # a word it does not know to be common, a bounded probe of the search index.
    probe = 2 if connection.vendor == "postgresql" else 0
    with django_assert_num_queries(10 + probe):
        client.get(QUOTE_LIST, {"q": "troops"})


def test_source_search_finds_a_source_by_title_key_outlet_or_url(client, editor):
    client.force_login(editor)
    source = make_source(
        title="Europe weighs a force for Ukraine",
        outlet=make_outlet(name="The Washington Post"),
        url="https://www.washingtonpost.com/world/2025/02/17/europe-force/",
        key="k0z1mn23",
    )
    make_source(title="Another report")
    for words in [
        "force",
        "europe ukraine",
        "KOZI-MN23",
        "washington",
        "washington ukraine",
        "washingtonpost.com/world/2025/02/17",
    ]:
        found = client.get(SOURCE_LIST, {"q": words}).context["cl"].result_list
        assert list(found) == [source], words
    assert not client.get(SOURCE_LIST, {"q": "washington baltic"}).context["cl"].result_list


def test_source_autocomplete_names_each_source_without_a_query_each(
    client, editor, django_assert_max_num_queries
):
    client.force_login(editor)
    for n in range(8):
        make_source(title=f"Troops report {n}")
    url = reverse("admin:autocomplete")
    query = {
        "app_label": "tracker",
        "model_name": "quote",
        "field_name": "source",
        "term": "troops",
    }
    # Session, user, its permissions (2); the outlets named so; the page's ids, its sources.
    with django_assert_max_num_queries(7):
        response = client.get(url, query)
    assert len(response.json()["results"]) == 8

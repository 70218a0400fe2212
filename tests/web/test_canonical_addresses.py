"""Codes and keys typed in any case reach the same record, on pages, feeds and filters alike;
pages and feeds answer with their one canonical address."""

import pytest
from pytest_django.asserts import assertContains

from tests.helpers import make_nation, make_quote, make_source

pytestmark = pytest.mark.django_db


@pytest.fixture
def britain():
    nation = make_nation(code="gb", name="United Kingdom")
    make_quote(text="British words.", nation=nation)
    return nation


@pytest.mark.parametrize(
    ("typed", "canonical"),
    [
        ("/nations/GB/", "/nations/gb/"),
        ("/nations/Gb/", "/nations/gb/"),
        ("/nations/GB/feed.atom", "/nations/gb/feed.atom"),
    ],
)
def test_an_upper_case_nation_code_redirects_permanently(client, britain, typed, canonical):
    response = client.get(typed)
    assert response.status_code == 301
    assert response["Location"] == canonical
    assert client.get(canonical).status_code == 200


def test_an_unknown_nation_in_capitals_is_still_not_found(client, britain):
    assert client.get(client.get("/nations/ZZ/")["Location"]).status_code == 404


@pytest.mark.parametrize(
    "address", ["/quotes/", "/quotes/feed.atom", "/quotes.csv", "/api/quotes/"]
)
def test_a_nation_filter_in_capitals_is_read_as_its_code(client, britain, address):
    response = client.get(address, {"nation": "GB"})
    assert response.status_code == 200
    body = (
        b"".join(response.streaming_content) if response.streaming else response.content
    ).decode()
    assert "British words." in body


def test_the_list_filtered_in_capitals_selects_the_nation_and_can_remove_it(client, britain):
    response = client.get("/quotes/", {"nation": "GB"})
    assertContains(response, 'name="nation" value="gb" id="id_nation_0" checked>')
    assert [chip["remove_query"] for chip in response.context["filter"].chips()] == [""]


def test_a_source_key_in_capitals_redirects_and_filters(client):
    source = make_source(title="The article")
    make_quote(text="Words from the article.", source=source)
    response = client.get(f"/sources/{source.key.upper()}/")
    assert response.status_code == 301
    assert response["Location"] == source.get_absolute_url()
    filtered = client.get("/quotes/", {"source": source.key.upper()})
    assertContains(filtered, "Words from the article.")

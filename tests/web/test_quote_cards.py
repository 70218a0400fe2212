"""A page of quotes renders only the cards it has not rendered before, and never shows an old one."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.helpers import make_nation, make_quote, make_speaker, on_postgresql
from tracker.models import Quote

# Some tests ask for pages with Cache-Control: no-cache, to test their rendering, not the cache.
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("without_page_cache")]

FRESH = {"Cache-Control": "no-cache"}  # past the page cache: the cards themselves are tested


def fresh_page(client, url):
    response = client.get(url, headers=FRESH)
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.parametrize("url", ["/quotes/?nation=de", "/quotes/?q=ready"])
def test_a_second_visitor_gets_the_same_cards_from_the_cache(client, url):
    # A search's cards too: cached apart for its words.
    quote = make_quote(text="We stand ready.", nation=make_nation(code="de", name="Germany"))
    rendered = fresh_page(client, url)
    # Changed behind the cache's back (no save() tells it): the cached card is shown.
    Quote.objects.filter(pk=quote.pk).update(context="A line no card shows.")
    type(quote.speaker).objects.filter(pk=quote.speaker_id).update(name="Not Rendered")
    cached = fresh_page(client, url)
    card = rendered.split('<ol class="quotes">', 1)[1].split("</ol>", 1)[0]
    assert "We stand" in card and card in cached and "Not Rendered" not in cached


def test_a_corrected_quote_shows_its_new_words_on_every_list_at_once(client, chief_editor):
    quote = make_quote(text="We stand ready.", nation=make_nation(code="de", name="Germany"))
    for url in ("/quotes/", "/nations/de/", quote.speaker.get_absolute_url()):
        assert "We stand ready." in fresh_page(client, url)
    quote.text = "We stand ready to help."
    quote.correct(note="A word was missing.", by=chief_editor)
    for url in ("/quotes/", "/nations/de/", quote.speaker.get_absolute_url()):
        assert "We stand ready to help." in fresh_page(client, url)


def test_a_renamed_speaker_nation_outlet_or_stance_shows_on_cached_cards_at_once(client):
    quote = make_quote(
        speaker=make_speaker(name="Olaf Scholz", slug="olaf-scholz"),
        nation=make_nation(code="de", name="Germany"),
    )
    page = fresh_page(client, "/quotes/")
    assert "Olaf Scholz" in page and "Germany" in page
    quote.speaker.name = "Olaf Scholz (SPD)"
    quote.speaker.save()
    quote.nation.name = "Federal Republic of Germany"
    quote.nation.save()
    outlet = quote.source.outlet
    outlet.name = "The Renamed Gazette"
    outlet.save()
    stance = quote.stance
    stance.label = "Renamed stance"
    stance.save()
    page = fresh_page(client, "/quotes/")
    assert "Renamed stance" in page
    assert "Olaf Scholz (SPD)" in page
    assert "Federal Republic of Germany" in page
    assert "The Renamed Gazette" in page


def test_a_search_renders_its_own_cards_with_the_words_it_matched(client):
    make_quote(text="We stand ready to help our neighbours.")
    fresh_page(client, "/quotes/")  # its card is cached, as lists show it
    found = fresh_page(client, "/quotes/?q=neighbours")
    assert "We stand ready" in found
    if connection.vendor == "postgresql":  # SQLite's search marks no words
        assert "<mark>neighbours</mark>" in found


@on_postgresql
def test_each_search_caches_cards_that_mark_its_own_words(client):
    make_quote(text="We stand ready to help.")
    assert "<mark>ready</mark>" in fresh_page(client, "/quotes/?q=ready")
    page = fresh_page(client, "/quotes/?q=help")
    assert "<mark>help</mark>" in page and "<mark>ready</mark>" not in page
    plain = fresh_page(client, "/quotes/")
    assert "We stand ready to help." in plain and "<mark>" not in plain


@pytest.fixture
def germany():
    germany = make_nation(code="de", name="Germany")
    for n in range(3):
        make_quote(text=f"Words {n}.", nation=germany)
    return germany


def test_a_page_whose_cards_are_cached_reads_no_row_of_its_quotes(client, germany):
    fresh_page(client, "/nations/de/")
    with CaptureQueriesContext(connection) as second:
        page = fresh_page(client, "/nations/de/")
    assert all(f"Words {n}." in page for n in range(3))
    # Their ids and revisions only: nothing joined to speakers, sources or outlets.
    assert not [q for q in second if 'JOIN "tracker_speaker"' in q["sql"]]


def test_a_list_reads_its_page_from_the_cache_until_a_quote_enters_it(client, germany):
    fresh_page(client, "/quotes/?nation=de&sort=oldest")
    with CaptureQueriesContext(connection) as second:
        fresh_page(client, "/quotes/?nation=de&sort=oldest")
    # The page's ids (the quotes in order): cached.
    assert not [q for q in second if 'ORDER BY "tracker_quote"."said_on"' in q["sql"]]
    make_quote(text="Newly published words.", nation=germany)
    assert "Newly published words." in fresh_page(client, "/quotes/?nation=de&sort=oldest")

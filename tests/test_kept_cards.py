"""A page of quotes draws only the cards it has not drawn before, and never shows an old one."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.helpers import make_nation, make_quote, make_speaker
from tests.test_search import on_postgresql

pytestmark = pytest.mark.django_db

FRESH = {"Cache-Control": "no-cache"}  # past the kept page: the cards themselves are tested


def fresh_page(client, url):
    response = client.get(url, headers=FRESH)
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.parametrize("address", ["/quotes/?nation=de", "/quotes/?q=ready"])
def test_a_second_reader_gets_the_same_cards_without_reading_their_rows(client, address):
    # A search's cards too: kept apart for its words.
    make_quote(text="We stand ready.", nation=make_nation(code="de", name="Germany"))
    with CaptureQueriesContext(connection) as first:
        drawn = fresh_page(client, address)
    with CaptureQueriesContext(connection) as second:
        kept = fresh_page(client, address)
    assert [q for q in first if 'JOIN "tracker_speaker"' in q["sql"]]
    assert not [q for q in second if 'JOIN "tracker_speaker"' in q["sql"]]
    card = drawn.split('<ol class="quotes">', 1)[1].split("</ol>", 1)[0]
    assert "We stand" in card and card in kept


def test_a_corrected_quote_shows_its_new_words_on_every_list_at_once(client, chief_editor):
    quote = make_quote(text="We stand ready.", nation=make_nation(code="de", name="Germany"))
    for url in ("/quotes/", "/nations/de/", quote.speaker.get_absolute_url()):
        assert "We stand ready." in fresh_page(client, url)
    quote.text = "We stand ready to help."
    quote.correct(note="A word was missing.", by=chief_editor)
    for url in ("/quotes/", "/nations/de/", quote.speaker.get_absolute_url()):
        assert "We stand ready to help." in fresh_page(client, url)


def test_a_renamed_speaker_nation_or_outlet_shows_on_kept_cards_at_once(client):
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
    page = fresh_page(client, "/quotes/")
    assert "Olaf Scholz (SPD)" in page
    assert "Federal Republic of Germany" in page
    assert "The Renamed Gazette" in page


def test_a_search_draws_its_own_cards_with_the_words_it_matched(client):
    make_quote(text="We stand ready to help our neighbours.")
    fresh_page(client, "/quotes/")  # its card is kept, as lists show it
    with CaptureQueriesContext(connection) as search:
        found = fresh_page(client, "/quotes/?q=neighbours")
    assert [q for q in search if 'JOIN "tracker_speaker"' in q["sql"]]
    if connection.vendor == "postgresql":  # SQLite's search marks no words
        assert "<mark>neighbours</mark>" in found


@on_postgresql
def test_each_search_keeps_cards_that_mark_its_own_words(client):
    make_quote(text="We stand ready to help.")
    assert "<mark>ready</mark>" in fresh_page(client, "/quotes/?q=ready")
    page = fresh_page(client, "/quotes/?q=help")
    assert "<mark>help</mark>" in page and "<mark>ready</mark>" not in page
    plain = fresh_page(client, "/quotes/")
    assert "We stand ready to help." in plain and "<mark>" not in plain

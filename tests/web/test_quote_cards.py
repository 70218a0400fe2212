"""A page of quotes renders only the cards it has not rendered before, and never shows an old one."""

import datetime
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.helpers import (
    make_intermediary,
    make_nation,
    make_quote,
    make_role,
    make_speaker,
    on_postgresql,
)
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


# What a reader sees on a card: who, for whom and when first; the words set as their kind; a
# fragment inside its context; then where it was said and reported, and how close we got.


def only_card(client, url="/quotes/"):
    (card,) = re.findall(r"<article.*?</article>", fresh_page(client, url), flags=re.S)
    return card


def text_of(html):
    return " ".join(re.sub(r"<[^>]+>", "", html).split())


def test_a_card_names_who_spoke_for_whom_and_when_before_the_words(client):
    germany = make_nation(code="de", name="Germany")
    speaker = make_speaker(name="Olaf Scholz", slug="olaf-scholz")
    make_role(speaker=speaker, title="Chancellor", nation=germany)
    make_quote(speaker=speaker, text="We stand ready to help our neighbours.")
    card = only_card(client)
    header = card.split('<header class="quote-who">', 1)[1].split("</header>", 1)[0]
    assert '<a class="speaker" href="/people/olaf-scholz/">Olaf Scholz</a>' in header
    assert text_of(header).startswith("Olaf Scholz, Chancellor, for Germany · 17 Feb 2025")
    assert card.index("</header>") < card.index("We stand ready")
    # Where it was read and how close we got come after the words.
    assert card.index("We stand ready") < card.index("read in") < card.index("First-hand report")


def test_a_date_known_only_between_two_days_reads_as_a_range_on_the_card(client):
    make_quote(
        said_on=datetime.date(2025, 2, 10),
        said_on_latest=datetime.date(2025, 2, 16),
        said_on_precision=Quote.Precision.BETWEEN,
    )
    header = only_card(client).split("</header>", 1)[0]
    assert '<time datetime="2025-02-10">between 10 and 16 Feb 2025</time>' in header


def test_direct_words_are_in_quotation_marks_and_carry_no_label(client):
    make_quote(text="We will not send troops.")
    card = only_card(client)
    assert "<p>“We will not send troops.”</p>" in card
    assert 'class="kind' not in card


def test_a_paraphrase_is_plain_reported_text_labelled_and_not_in_quotation_marks(client):
    make_quote(kind=Quote.Kind.PARAPHRASE, text="The minister ruled out sending troops.")
    card = only_card(client)
    assert '<p class="kind kind--paraphrase">Paraphrase</p>' in card
    assert "<p>The minister ruled out sending troops.</p>" in card
    assert "“" not in card and "”" not in card


def test_an_indirect_quote_is_labelled_with_its_intermediary(client):
    source = make_intermediary(name="a government source", nation=make_nation(name="Italy"))
    make_quote(
        kind=Quote.Kind.INDIRECT,
        text="Rome will not take part.",
        chain=[("citing", {"intermediary": source})],
    )
    card = only_card(client)
    assert "Indirect quote, through a government source (Italy)</p>" in card
    assert "<p>“Rome will not take part.”</p>" in card


def test_a_partial_quote_shows_its_words_marked_in_the_sentence_around_them(client):
    make_quote(
        kind=Quote.Kind.PARTIAL,
        text="not negative",
        context="The chancellor called the outcome “not negative” and left for Berlin.",
    )
    card = only_card(client)
    assert "Partial quote, in the source's sentence</p>" in card
    assert (
        '<p class="in-context">The chancellor called the outcome “<mark class="words">not '
        "negative</mark>” and left for Berlin.</p>"
    ) in card
    # No stray mark before the label: the old badge began with a low quotation mark.
    assert "\u201a" not in card
    # The permalink shows the same card and does not repeat the context under it.
    quote = Quote.objects.get()
    permalink = fresh_page(client, quote.get_absolute_url())
    assert '<mark class="words">not negative</mark>' in permalink
    assert "In context:" not in permalink


def test_a_clause_not_found_in_its_context_shows_the_context_below_it(client):
    make_quote(
        text="if the Americans are there,",
        context="He said they would go only if the US were there, officials said.",
    )
    card = only_card(client)
    assert "<p>“if the Americans are there,”</p>" in card
    assert '<p class="context"><span class="label">In context:</span> He said they' in card


def test_words_that_stand_alone_do_not_repeat_their_context_on_the_card(client):
    make_quote(text="We stand ready to help.", context="Asked about Ukraine, she said so.")
    assert "Asked about Ukraine" not in only_card(client)


def test_left_out_words_show_as_an_ellipsis_where_they_were_left_out(client):
    make_quote(
        text="We are ready to contribute troops.",
        context="“We are ready, if asked, to contribute troops,” she said.",
        edits=[{"kind": "omitted", "words": "if asked,", "explanation": "The Times cut it."}],
    )
    make_quote(
        text="Europe must act.",
        edits=[{"kind": "omitted", "explanation": "Words left out by the outlet."}],
    )
    make_quote(
        text="We … will act.",
        edits=[{"kind": "omitted", "explanation": "Already shown in the words."}],
    )
    page = fresh_page(client, "/quotes/")
    assert "“We are ready … to contribute troops.”" in page
    assert "“Europe must act. …”" in page
    assert "“We … will act.”" in page and "We … will act. …" not in page

"""A link to a statement, shared on a social site, previews as an image of its words, its
speaker and its date."""

import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from PIL import Image
from pytest_django.asserts import assertContains, assertNotContains

from tests.helpers import make_quote, make_speaker
from tracker import share_cards
from tracker.models import Quote

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("without_page_cache")]


def test_the_permalink_names_its_share_image(client, settings):
    quote = make_quote(text="Boots on the ground.")
    response = client.get(quote.get_absolute_url())
    card = f"{settings.SITE_URL}/q/{quote.key}/card.png"
    assertContains(response, f'<meta property="og:image" content="{card}">')
    assertContains(response, '<meta name="twitter:card" content="summary_large_image">')


def test_the_card_is_a_png_of_the_link_preview_size(client):
    quote = make_quote(text="Boots on the ground.")
    response = client.get(f"/q/{quote.key}/card.png")
    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    image = Image.open(io.BytesIO(response.content))
    assert (image.format, image.size) == ("PNG", (1200, 630))


def test_the_card_is_drawn_once_for_each_revision_of_its_quote(client, chief_editor):
    quote = make_quote(text="We are still a long way of")
    first = client.get(f"/q/{quote.key}/card.png").content
    with CaptureQueriesContext(connection) as queries:
        assert client.get(f"/q/{quote.key}/card.png").content == first
    assert len(queries) == 1  # the quote, read for its revision; the image comes from the cache
    quote.text = "We are still a long way off, a very long way off indeed"
    quote.correct(note="A typing error dropped a letter.", by=chief_editor)
    assert client.get(f"/q/{quote.key}/card.png").content != first


def test_a_renamed_speaker_gets_a_new_card(client):
    speaker = make_speaker(name="Keir Starmer")
    quote = make_quote(speaker=speaker)
    first = client.get(f"/q/{quote.key}/card.png").content
    speaker.name = "Sir Keir Starmer"
    speaker.save()
    assert client.get(f"/q/{quote.key}/card.png").content != first


def test_long_words_are_cut_with_an_ellipsis_and_a_paraphrase_is_labelled():
    paraphrase = make_quote(text="word " * 400, kind=Quote.Kind.PARAPHRASE)
    _typeface, size, lines = share_cards.fitted(
        share_cards.words_shown(paraphrase), share_cards.WIDTH - 2 * share_cards.MARGIN, 400
    )
    assert lines[0].startswith("Paraphrase: word")
    assert len(lines) <= share_cards.MAX_LINES and lines[-1].endswith(" …")
    assert size == share_cards.WORDS_SIZES[-1]
    direct = share_cards.words_shown(make_quote(text="Boots on the ground."))
    assert direct == "“Boots on the ground.”"


def test_the_fonts_come_from_the_system_package(settings):
    assert (share_cards.Path(settings.SHARE_CARD_FONTS) / "DejaVuSerif.ttf").exists()


def test_drafts_and_retracted_quotes_have_no_card(client, chief_editor):
    draft = make_quote(status=Quote.Status.DRAFT)
    assert client.get(f"/q/{draft.key}/card.png").status_code == 404
    quote = make_quote(text="Words taken back.")
    quote.retract(reason="Misattributed.", by=chief_editor)
    assert client.get(f"/q/{quote.key}/card.png").status_code == 404
    assertNotContains(client.get(quote.get_absolute_url()), "og:image", status_code=410)


def test_a_key_in_capitals_redirects_to_the_canonical_card(client):
    quote = make_quote()
    response = client.get(f"/q/{quote.key.upper()}/card.png")
    assert response.status_code == 301 and response["Location"] == f"/q/{quote.key}/card.png"

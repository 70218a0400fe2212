"""A citer's link to one statement works, and shows the same words, for years."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from pytest_django.asserts import assertContains, assertNotContains

from tests.helpers import csp_nonce, make_quote, make_speaker
from tracker.models import Alias, Quote, Snapshot

# Some tests ask for pages with Cache-Control: no-cache, to test their rendering, not the cache.
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("without_page_cache")]


@pytest.fixture
def corrected(chief_editor):
    quote = make_quote(text="We are still a long way of", said_on=datetime.date(2025, 2, 17))
    quote.text = "We are still a long way off"
    quote.correct(note="A typing error dropped a letter.", by=chief_editor)
    return quote


def test_permalink_keeps_its_key_after_a_correction_and_shows_the_corrected_words(
    client, corrected
):
    key = corrected.key
    response = client.get(f"/q/{key}/")
    assert response.status_code == 200
    assertContains(response, "We are still a long way off")
    assertContains(response, "corrected the words")
    assertContains(response, "A typing error dropped a letter.")
    assert Quote.objects.get(pk=corrected.pk).key == key


def test_earlier_version_page_shows_the_old_words(client, corrected):
    response = client.get(f"/q/{corrected.key}/v/1/")
    assertContains(response, "We are still a long way of<")
    assertContains(response, "earlier version")
    current = client.get(f"/q/{corrected.key}/v/2/")
    assertContains(current, "We are still a long way off")
    assertContains(current, "This is the current version")


def test_version_numbers_out_of_range_are_404(client, corrected):
    for number in (0, 3, 10**12):
        assert client.get(f"/q/{corrected.key}/v/{number}/").status_code == 404


def test_corrections_page_and_feed_list_the_correction(client, corrected):
    assertContains(client.get("/corrections/"), "A typing error dropped a letter.")
    assertContains(client.get("/corrections/feed.atom"), "A typing error dropped a letter.")


def test_retracted_quote_answers_410_with_the_reason_and_the_replacement(client, chief_editor):
    replacement = make_quote(text="The right words")
    quote = make_quote(text="The wrong words")
    quote.retract(reason="Said by someone else.", by=chief_editor, replaced_by=replacement)
    response = client.get(quote.get_absolute_url())
    assert response.status_code == 410
    assertContains(response, "Said by someone else.", status_code=410)
    assertContains(response, "The wrong words", status_code=410)
    assertContains(response, replacement.get_absolute_url(), status_code=410)
    assert client.get(f"/q/{quote.key}/v/1/").status_code == 410


def test_draft_is_404_to_the_public_and_a_preview_to_editors(client, editor):
    draft = make_quote(text="Draft words", status=Quote.Status.DRAFT)
    assert client.get(draft.get_absolute_url()).status_code == 404
    client.force_login(editor)
    response = client.get(draft.get_absolute_url())
    assertContains(response, "Draft words")
    assertContains(response, "Preview for editors")
    assertContains(response, 'name="robots" content="noindex"')


@pytest.mark.parametrize(
    "address",
    ["/q/{KEY}/", "/q/{key}/words-of-the-quote/", "/q/{key}/a/b/c", "/q/{key}", "/quotes/{key}/"],
)
def test_other_address_forms_redirect_permanently_to_the_canonical_one(client, address):
    quote = make_quote()
    response = client.get(address.format(key=quote.key, KEY=quote.key.upper()))
    assert response.status_code == 301
    assert response["Location"] == f"/q/{quote.key}/"


def test_canonical_link_is_declared(client):
    quote = make_quote()
    assertContains(
        client.get(quote.get_absolute_url()),
        f'<link rel="canonical" href="http://testserver/q/{quote.key}/">',
    )


@pytest.mark.parametrize(
    "key", ["zzzzzzzz", "a" * 500, "ÿÿ", "-"], ids=["unknown", "long", "not-a-key", "dash"]
)
def test_unknown_key_is_404_and_never_a_server_error(client, key):
    make_quote()
    assert client.get(f"/q/{key}/").status_code == 404


def test_unknown_key_typed_in_capitals_is_sent_to_its_canonical_form_then_404(client):
    # The key is read as a person types it before it is looked up, known or not.
    response = client.get("/q/ZZZZ-ZZZZ/")
    assert response.status_code == 301
    assert response["Location"] == "/q/zzzzzzzz/"
    assert client.get(response["Location"]).status_code == 404


def test_retracted_quote_leaves_lists_search_and_feeds(client, chief_editor):
    quote = make_quote(text="Retractable troops words")
    quote.retract(reason="Wrong.", by=chief_editor)
    make_quote(speaker=quote.speaker)  # a speaker with nothing published has no page
    for address in [
        "/",
        "/quotes/",
        "/quotes/?q=retractable",
        "/quotes/feed.atom",
        f"{quote.speaker.get_absolute_url()}",
    ]:
        assertNotContains(client.get(address), "Retractable troops words")
    assertNotContains(client.get("/corrections/"), "Retractable")


def test_urls_follow_the_prefix_the_archive_is_served_under():
    from django.urls import get_script_prefix, set_script_prefix

    quote = make_quote(text="We stand ready.")
    plain = quote.get_absolute_url()
    served_under = get_script_prefix()
    set_script_prefix("/archive/")
    try:
        assert quote.get_absolute_url() == "/archive" + plain
        assert quote.speaker.get_absolute_url().startswith("/archive/people/")
    finally:
        set_script_prefix(served_under)
    assert quote.get_absolute_url() == plain


# A permalink in the page cache --------------------------------------------------------------

FRESH = {"Cache-Control": "no-cache"}  # past the page cache


def permalink_after_a_publication_elsewhere(client, quote):
    """The permalink as its next reader gets it once another quote has been published."""
    make_quote(
        text="Another statement, published later.",
        speaker=quote.speaker,
        source=quote.source,
        stance=quote.stance,
    )
    with CaptureQueriesContext(connection) as queries:
        response = client.get(quote.get_absolute_url(), headers=FRESH)
    assert response.status_code == 200
    return response, [query["sql"] for query in queries]


def test_a_cached_permalink_shows_a_correction_at_once(client, chief_editor):
    quote = make_quote(text="We are still a long way of")
    assertContains(client.get(quote.get_absolute_url()), "a long way of<")
    quote.text = "We are still a long way off"
    quote.correct(note="A typing error dropped a letter.", by=chief_editor)
    response, _ = permalink_after_a_publication_elsewhere(client, quote)
    assertContains(response, "a long way off<")
    assertContains(response, "A typing error dropped a letter.")


def test_a_cached_permalink_shows_a_renamed_speaker_and_outlet_at_once(client):
    quote = make_quote(speaker=make_speaker(name="Olaf Scholz", slug="olaf-scholz"))
    assertContains(client.get(quote.get_absolute_url()), "Olaf Scholz")
    quote.speaker.name = "Olaf Scholz (SPD)"
    quote.speaker.save()
    outlet = quote.source.outlet
    outlet.name = "The Renamed Gazette"
    outlet.save()
    response, _ = permalink_after_a_publication_elsewhere(client, quote)
    assertContains(response, "Olaf Scholz (SPD)")
    assertContains(response, "The Renamed Gazette")


def test_a_cached_permalink_answers_410_once_the_quote_is_retracted(client, chief_editor):
    quote = make_quote(text="We stand ready.")
    client.get(quote.get_absolute_url())
    quote.retract(reason="The speaker never said this.", by=chief_editor)
    response = client.get(quote.get_absolute_url(), headers=FRESH)
    assert response.status_code == 410
    assertContains(response, "The speaker never said this.", status_code=410)


def test_each_visitor_of_a_cached_permalink_gets_a_nonce_of_their_own(client):
    quote = make_quote(text="We stand ready.")
    first = client.get(quote.get_absolute_url())
    second, _ = permalink_after_a_publication_elsewhere(client, quote)
    nonces = [csp_nonce(page) for page in (first, second)]
    assert nonces[0] != nonces[1]
    assert f'nonce="{nonces[1]}"' in second.content.decode()
    assert nonces[0] not in second.content.decode()


def test_a_version_a_retracted_quote_never_had_is_not_found(client, chief_editor):
    quote = make_quote(text="Taken back.")
    quote.retract(reason="Misattributed.", by=chief_editor)
    assert client.get(f"/q/{quote.key}/v/1/").status_code == 410
    for number in (0, 2, 99):
        assert client.get(f"/q/{quote.key}/v/{number}/").status_code == 404, number


def test_a_permalink_reads_only_the_parts_its_quote_has(client, chief_editor):
    # Most quotes have no chain, edits, translations, responses or corrections, most speakers no
    # other spelling and most sources no copy of ours: their permalink asks the database for
    # none of them. One with each reads each, and shows it.
    plain = make_quote(text="Plain words.")
    _, plain_queries = permalink_after_a_publication_elsewhere(client, plain)
    outlet = plain.source.outlet
    full = make_quote(
        text="Words with every part.",
        chain=[("reported_by", {"outlet": outlet})],
        edits=[{"kind": "omitted", "explanation": "A clause left out here."}],
        translation="Words in English, translated.",
    )
    make_quote(text="A reply to them.", responds_to=full)
    Alias.objects.create(speaker=full.speaker, name="Another Spelling")
    copy = Snapshot.objects.create(
        source=full.source,
        url=full.source.url,
        final_url=full.source.url,
        fetched_at=timezone.now(),
        status_code=200,
        sha256="0" * 64,
        size=0,
        warc="snapshots/none.warc.gz",
    )
    full.text = "Words with every part, corrected."
    full.correct(note="A word was wrong.", by=chief_editor)
    response, full_queries = permalink_after_a_publication_elsewhere(client, full)
    for shown in (
        "A clause left out here.",
        "Words in English, translated.",
        "A reply to them.",
        "A word was wrong.",
        "Another Spelling",  # in the page's JSON-LD
        copy.get_absolute_url(),
        f'reported by <a href="{outlet.get_absolute_url()}"',
    ):
        assertContains(response, shown)
    # The chain, the edits, the translations, the responses, the corrections, the speaker's
    # other spellings and the source's copy: one each.
    assert len(full_queries) == len(plain_queries) + 7
    for table in ("attributionlink", "wordedit", "translation", "correction", "alias", "snapshot"):
        assert not [sql for sql in plain_queries if sql.startswith(f'SELECT "tracker_{table}".')]

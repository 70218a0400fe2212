"""A reader's browser that already holds a page gets 304 Not Modified until the archive changes."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.helpers import make_nation, make_quote
from tracker.models import Quote

pytestmark = pytest.mark.django_db


def revisit(client, url, response, **headers):
    return client.get(url, headers={"If-None-Match": response["ETag"], **headers})


def test_unchanged_permalink_answers_304_without_a_query(client, django_assert_num_queries):
    quote = make_quote(text="We stand ready.")
    first = client.get(quote.get_absolute_url())
    assert first.status_code == 200 and first["ETag"].startswith('W/"')
    assert "no-cache" in first["Cache-Control"]
    with django_assert_num_queries(0):
        again = revisit(client, quote.get_absolute_url(), first)
    assert again.status_code == 304
    assert again["ETag"] == first["ETag"]
    assert again.content == b""


def publish_elsewhere(quote, nation=None):
    """A quote by the same speaker, from the same source: it changes no record `quote` shows."""
    return make_quote(
        speaker=quote.speaker, source=quote.source, stance=quote.stance, nation=nation
    )


def test_a_permalink_answers_304_after_a_publication_elsewhere(client):
    quote = make_quote(text="We stand ready.")
    first = client.get(quote.get_absolute_url())
    publish_elsewhere(quote)
    with CaptureQueriesContext(connection) as queries:
        again = revisit(client, quote.get_absolute_url(), first)
    assert again.status_code == 304 and again["ETag"] == first["ETag"]
    assert len(queries) == 1  # which revision the quote is at


def test_a_feed_answers_304_until_what_it_shows_changes(client):
    address = "/nations/de/feed.atom"
    germany, france = make_nation(code="de", name="Germany"), make_nation(code="fr", name="France")
    quote = make_quote(text="German words", nation=germany)
    first = client.get(address)
    assert first.status_code == 200 and "no-cache" in first["Cache-Control"]
    publish_elsewhere(quote, nation=france)
    assert revisit(client, address, first).status_code == 304
    publish_elsewhere(quote, nation=germany)
    again = revisit(client, address, first)
    assert again.status_code == 200 and again["ETag"] != first["ETag"]


def test_an_api_page_answers_304_until_the_archive_changes(client, django_assert_num_queries):
    url = "/api/quotes/?nation=de"
    quote = make_quote(text="German words", nation=make_nation(code="de", name="Germany"))
    first = client.get(url)
    assert first.status_code == 200 and "no-cache" in first["Cache-Control"]
    with django_assert_num_queries(0):
        assert revisit(client, url, first).status_code == 304
    newer = publish_elsewhere(quote, nation=quote.nation)
    again = revisit(client, url, first)
    assert again.status_code == 200 and again["ETag"] != first["ETag"]
    assert newer.key in [shown["key"] for shown in again.json()["results"]]


def test_a_correction_is_never_hidden_behind_a_304(client, chief_editor):
    quote = make_quote(text="We stand ready.")
    first = client.get(quote.get_absolute_url())
    quote.text = "We stand ready to help."
    quote.correct(note="A word was missing.", by=chief_editor)
    again = revisit(client, quote.get_absolute_url(), first)
    assert again.status_code == 200
    assert "We stand ready to help." in again.content.decode()
    assert again["ETag"] != first["ETag"]


def test_filtered_list_answers_304_until_a_quote_is_published(client, chief_editor):
    germany = make_nation(code="de", name="Germany")
    make_quote(nation=germany, text="First words.")
    url = reverse("quote_list") + "?nation=de"
    first = client.get(url)
    assert revisit(client, url, first).status_code == 304
    draft = make_quote(nation=germany, text="Second words.", status=Quote.Status.REVIEW)
    draft.publish(by=chief_editor)
    again = revisit(client, url, first)
    assert again.status_code == 200 and "Second words." in again.content.decode()


def test_each_address_and_format_has_its_own_etag(client):
    make_quote(nation=make_nation(code="de", name="Germany"), text="Words.")
    pages = [
        client.get(reverse("quote_list")),
        client.get(reverse("quote_list") + "?nation=de"),
        client.get("/api/quotes/", headers={"Accept": "application/json"}),
        client.get("/api/quotes/", headers={"Accept": "*/*"}),
    ]
    assert [page.status_code for page in pages] == [200] * len(pages)
    assert len({page["ETag"] for page in pages}) == len(pages)
    # A page asked for in another format is not "the same" as the one the browser holds.
    assert revisit(client, "/api/quotes/", pages[2], Accept="*/*").status_code == 200
    assert revisit(client, "/api/quotes/", pages[2], Accept="application/json").status_code == 304


def test_errors_and_editors_pages_carry_no_etag(client, editor):
    assert not client.get(reverse("quote_list") + "?said_after=not-a-date").has_header("ETag")
    client.force_login(editor)
    draft = make_quote(status=Quote.Status.DRAFT)
    assert client.get(draft.get_absolute_url()).status_code == 200
    assert not client.get(draft.get_absolute_url()).has_header("ETag")
    assert not client.get(reverse("quote_list")).has_header("ETag")


# Pages kept for readers ---------------------------------------------------------------------

NONCE = re.compile(r"'nonce-([^']+)'")


def test_a_second_reader_gets_the_kept_page_with_a_fresh_nonce(client, django_assert_num_queries):
    quote = make_quote(text="We stand ready.")
    first = client.get(quote.get_absolute_url())
    with django_assert_num_queries(0):
        second = client.get(quote.get_absolute_url())
    assert second.status_code == 200 and "We stand ready." in second.content.decode()
    nonces = [NONCE.search(page["Content-Security-Policy"])[1] for page in (first, second)]
    assert nonces[0] != nonces[1]
    # The page's own scripts carry the nonce its header allows, not the first reader's.
    assert f'nonce="{nonces[1]}"' in second.content.decode()
    assert nonces[0] not in second.content.decode()
    assert second["X-Frame-Options"] == "DENY"


@pytest.mark.parametrize("address", ["/quotes/", "/api/quotes/"])
def test_a_kept_page_is_read_from_the_process_own_copy_then_from_the_shared_cache(client, address):
    from unittest import mock

    from django.core.cache import cache, caches

    make_quote(text="We stand ready.")
    client.get(address)  # rendered and kept, in both
    with mock.patch.object(cache, "get", wraps=cache.get) as shared:
        again = client.get(address)
    assert "We stand ready." in again.content.decode()
    assert not [call for call in shared.call_args_list if "page:" in call.args[0]]
    # Kept by another app server only: read off the shared cache once, then copied.
    caches["pages"].clear()
    with mock.patch.object(cache, "get", wraps=cache.get) as shared:
        for _ in range(2):
            assert "We stand ready." in client.get(address).content.decode()
    assert len([call for call in shared.call_args_list if "page:" in call.args[0]]) == 1


def test_a_page_kept_under_its_revisions_is_stored_once_in_the_shared_cache(client):
    from unittest import mock

    from django.core.cache import cache

    quote = make_quote(text="We stand ready.")
    with mock.patch.object(cache, "set", wraps=cache.set) as stored:
        client.get(quote.get_absolute_url())
        client.get("/quotes/")
    kinds = [call.args[0].partition(":")[0] for call in stored.call_args_list]
    assert kinds.count("revision-page") == 1  # the permalink, under its quote's revision
    assert kinds.count("page") == 1  # the list, under the archive's version
    # The permalink's second reader in this process: the page kept under its address.
    with CaptureQueriesContext(connection) as queries:
        again = client.get(quote.get_absolute_url())
    assert "We stand ready." in again.content.decode() and len(queries) == 0


def test_a_kept_page_is_never_older_than_the_archive(client, chief_editor):
    germany = make_nation(code="de", name="Germany")
    make_quote(nation=germany, text="First words.")
    url = reverse("nation_detail", args=["de"])
    client.get(url)
    make_quote(nation=germany, text="Second words.", status=Quote.Status.REVIEW).publish(
        by=chief_editor
    )
    assert "Second words." in client.get(url).content.decode()


def test_a_hard_reload_renders_afresh(client):
    quote = make_quote()
    client.get(quote.get_absolute_url())
    with CaptureQueriesContext(connection) as queries:
        client.get(quote.get_absolute_url(), headers={"Cache-Control": "no-cache"})
    assert len(queries) > 0


def test_the_embed_is_not_kept_and_keeps_its_own_frame_rules(client):
    quote = make_quote()
    url = reverse("quote_embed", args=[quote.key])
    client.get(url)
    with CaptureQueriesContext(connection) as queries:
        again = client.get(url)
    assert len(queries) > 0
    assert "frame-ancestors *" in again["Content-Security-Policy"]
    assert not again.has_header("X-Frame-Options")


def test_editors_saving_drafts_leave_readers_pages_and_etags_alone(client, chief_editor):
    germany = make_nation(code="de", name="Germany")
    public = make_quote(nation=germany, text="Public words.")
    url = reverse("quote_list") + "?nation=de"
    first = client.get(url)
    same = {"nation": germany, "speaker": public.speaker, "source": public.source}
    draft = make_quote(**same, text="Draft words.", status=Quote.Status.DRAFT)
    draft.text = "Draft words, edited."
    draft.save()
    make_quote(**same, status=Quote.Status.REVIEW).delete()
    assert revisit(client, url, first).status_code == 304
    draft.status = Quote.Status.REVIEW
    draft.save()
    draft.publish(by=chief_editor)
    again = revisit(client, url, first)
    assert again.status_code == 200 and "Draft words, edited." in again.content.decode()


def test_a_readers_page_asks_for_the_archives_tokens_once_in_one_round_trip(client):
    # Its counts, choices and cards are made under the tokens its address was looked up with.
    from unittest import mock

    from django.core.cache import cache

    from tracker.models import ARCHIVE_VERSION_KEY, CARDS_KEY, FIGURES_KEY

    make_quote(text="We stand ready.", nation=make_nation(code="de", name="Germany"))
    client.get("/quotes/?nation=de")  # every token set
    for address in ("/quotes/?nation=de", "/api/quotes/?nation=de"):
        with (
            mock.patch.object(cache, "get_or_set", wraps=cache.get_or_set) as one,
            mock.patch.object(cache, "get_many", wraps=cache.get_many) as many,
        ):
            response = client.get(address, headers={"Cache-Control": "no-cache"})
        assert response.status_code == 200 and "We stand ready." in response.content.decode()
        tokens = {ARCHIVE_VERSION_KEY, CARDS_KEY, FIGURES_KEY}
        asked = [
            call
            for call in one.call_args_list + many.call_args_list
            if tokens & set([call.args[0]] if isinstance(call.args[0], str) else call.args[0])
        ]
        assert len(asked) == 1 and set(asked[0].args[0]) == tokens

"""The page cache: an anonymous visitor gets a cached page, and a browser that already holds
it gets 304 Not Modified, until the archive changes."""

import pytest
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.helpers import csp_nonce, make_nation, make_quote
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


@pytest.mark.parametrize(
    "url", ["/nations/de/", "/nations/de/feed.atom", "/api/quotes/?nation=de", "/quotes/"]
)
def test_a_page_answers_304_until_the_archive_changes(client, url):
    germany, france = make_nation(code="de", name="Germany"), make_nation(code="fr", name="France")
    quote = make_quote(text="German words", nation=germany)
    first = client.get(url)
    assert first.status_code == 200 and "no-cache" in first["Cache-Control"]
    assert revisit(client, url, first).status_code == 304
    # Coarse by design: any publication makes every page stale, and a page is cheap to render.
    publish_elsewhere(quote, nation=france)
    again = revisit(client, url, first)
    assert again.status_code == 200 and again["ETag"] != first["ETag"]


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


def test_each_url_and_format_has_its_own_etag(client):
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


# The page cache -------------------------------------------------------------------------------


def test_a_second_visitor_gets_the_cached_page_with_a_fresh_nonce(
    client, django_assert_num_queries
):
    quote = make_quote(text="We stand ready.")
    first = client.get(quote.get_absolute_url())
    with django_assert_num_queries(0):
        second = client.get(quote.get_absolute_url())
    assert second.status_code == 200 and "We stand ready." in second.content.decode()
    nonces = [csp_nonce(page) for page in (first, second)]
    assert nonces[0] != nonces[1]
    # The page's own scripts carry the nonce its header allows, not the first reader's.
    assert f'nonce="{nonces[1]}"' in second.content.decode()
    assert nonces[0] not in second.content.decode()
    assert second["X-Frame-Options"] == "DENY"


def test_a_cached_page_is_never_older_than_the_archive(client, chief_editor):
    germany = make_nation(code="de", name="Germany")
    make_quote(nation=germany, text="First words.")
    url = reverse("nation_detail", args=["de"])
    client.get(url)
    make_quote(nation=germany, text="Second words.", status=Quote.Status.REVIEW).publish(
        by=chief_editor
    )
    assert "Second words." in client.get(url).content.decode()


def change_behind_the_caches_back(quote, text):
    # No save() tells the cache: only a page rendered afresh would show it.
    Quote.objects.filter(pk=quote.pk).update(text=text)


def test_a_visitor_cannot_force_a_render_with_no_cache(client, django_assert_num_queries):
    quote = make_quote(text="Old words.")
    client.get(quote.get_absolute_url())
    change_behind_the_caches_back(quote, "New words.")
    for cache_control in ("no-cache", "no-cache, no-store, max-age=0", "max-age=0"):
        with django_assert_num_queries(0):
            again = client.get(quote.get_absolute_url(), headers={"Cache-Control": cache_control})
        assert again.status_code == 200
        assert "Old words." in again.content.decode()
        assert "New words." not in again.content.decode()


@pytest.mark.parametrize("cookie", ["made-up", "", "x" * 40, "%00", "a" * 5000])
def test_a_session_cookie_that_names_no_one_gets_the_cached_page(client, cookie):
    quote = make_quote(text="Old words.")
    client.get(quote.get_absolute_url())
    change_behind_the_caches_back(quote, "New words.")
    client.cookies[settings.SESSION_COOKIE_NAME] = cookie
    with CaptureQueriesContext(connection) as queries:
        again = client.get(quote.get_absolute_url())
    assert again.status_code == 200
    assert "Old words." in again.content.decode()
    # At most the lookup of the session the cookie names, never the page's own queries.
    assert len(queries) <= 1
    assert all("django_session" in query["sql"] for query in queries)


def test_a_signed_out_editors_old_cookie_gets_the_cached_page(client, editor):
    quote = make_quote(text="Old words.")
    client.get(quote.get_absolute_url())
    change_behind_the_caches_back(quote, "New words.")
    client.force_login(editor)
    old_cookie = client.cookies[settings.SESSION_COOKIE_NAME].value
    client.logout()
    client.cookies[settings.SESSION_COOKIE_NAME] = old_cookie
    assert "Old words." in client.get(quote.get_absolute_url()).content.decode()


def test_editors_get_pages_rendered_afresh(client, editor):
    quote = make_quote(text="Old words.")
    client.get(quote.get_absolute_url())
    change_behind_the_caches_back(quote, "New words.")
    client.force_login(editor)
    response = client.get(quote.get_absolute_url())
    assert "New words." in response.content.decode()
    assert not response.has_header("ETag")
    assert "private" in response["Cache-Control"]


def test_an_editors_preview_of_a_draft_is_private(client, editor):
    draft = make_quote(text="Draft words.", status=Quote.Status.DRAFT)
    assert client.get(draft.get_absolute_url()).status_code == 404
    client.force_login(editor)
    for url in (draft.get_absolute_url(), reverse("quote_list"), "/api/quotes/"):
        response = client.get(url)
        assert response.status_code == 200, url
        assert "private" in response["Cache-Control"], url
        assert "public" not in response["Cache-Control"], url
    assert "Draft words." in client.get(draft.get_absolute_url()).content.decode()
    client.logout()
    assert "private" not in client.get(reverse("quote_list"))["Cache-Control"]


def test_the_embed_is_not_cached_and_keeps_its_own_frame_rules(client):
    quote = make_quote(text="Old words.")
    url = reverse("quote_embed", args=[quote.key])
    assert "Old words." in client.get(url).content.decode()
    # Changed behind the cache's back (no save() tells it): a cached embed would still show the
    # old words to the next reader; one rendered for each request shows the new ones.
    Quote.objects.filter(pk=quote.pk).update(text="New words.")
    again = client.get(url)
    assert again.status_code == 200
    assert "New words." in again.content.decode()
    assert "Old words." not in again.content.decode()
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

import hashlib

from django.conf import settings
from django.core.cache import cache, caches
from django.db import router
from django.http import HttpResponse, HttpResponseBadRequest, JsonResponse
from django.middleware.csp import get_nonce
from django.utils import timezone
from django.utils.cache import get_conditional_response, patch_cache_control

from tracker.models import (
    ARCHIVE_VERSION_KEY,
    Quote,
    archive_tokens,
    cards_version,
    reading_archive_at,
)
from tracker.routers import has_replayed

NUL = "\x00"
NUL_MESSAGE = "Addresses cannot contain NUL bytes."


class RejectNulBytesMiddleware:
    """Refuse a NUL byte anywhere in the address (a 400; a 404 in an API path): PostgreSQL text cannot hold one.

    Forms refuse NUL in text fields, but a NUL reaching a lookup (a slug, a key, a code) would
    otherwise surface as a database error, that is a 500.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        names = [
            name
            for name, values in request.GET.lists()
            if NUL in name or any(NUL in value for value in values)
        ]
        if NUL not in request.path and not names:
            return self.get_response(request)
        if not request.path.startswith("/api/"):
            return HttpResponseBadRequest(NUL_MESSAGE, content_type="text/plain; charset=utf-8")
        # The API answers as its OpenAPI description says: no record's address holds a NUL, so
        # one in the path is a 404; in a parameter, a 400 that names it, like any bad filter.
        if NUL in request.path:
            return JsonResponse({"detail": f"Not found. {NUL_MESSAGE}"}, status=404)
        return JsonResponse(
            {"detail": NUL_MESSAGE, "errors": {name: [NUL_MESSAGE] for name in names}}, status=400
        )


class ArchiveConditionalGetMiddleware:
    """Answer 304 Not Modified, without rendering, to a reader who already holds the page.

    A public page depends only on its address, the archive's contents, the code that renders
    it and the day (citations give an access date), so its ETag is made of those. Any save
    changes the archive's version, so a corrected word is never hidden behind a 304. Editors
    (who carry a session) and the admin are left alone: their pages show drafts and messages.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not reader_request(request):
            return self.get_response(request)
        etag = archive_etag(request)
        not_modified = get_conditional_response(request, etag=etag)
        if not_modified is not None:
            return self.mark(not_modified, etag)
        with reading_archive_at(request.archive_tokens):
            response = self.get_response(request)
        if (
            response.status_code == 200
            and not response.has_header("ETag")
            and getattr(request, "saw_current_archive", True)
        ):
            self.mark(response, etag)
        return response

    @staticmethod
    def mark(response, etag):
        response["ETag"] = etag
        # Readers' browsers ask again each time (a 304 is cheap), so a correction shows at once.
        patch_cache_control(response, no_cache=True)
        return response


ADMIN_PREFIX = "/admin/"


def archive_etag(request):
    """The ETag of a reader's page, made once per request (both middlewares ask for it)."""
    if not hasattr(request, "archive_etag"):
        request.archive_tokens = archive_tokens()
        request.archive_version = request.archive_tokens[ARCHIVE_VERSION_KEY]
        request.archive_etag = _etag(request)
    return request.archive_etag


def _etag(request):
    page = "|".join(
        [
            settings.RELEASE,
            str(request.archive_version),
            timezone.localdate().isoformat(),
            request.get_full_path(),
            request.headers.get("Accept", ""),
        ]
    )
    # Weak: the bytes differ between two renderings (each carries a fresh CSP nonce).
    return 'W/"' + hashlib.sha256(page.encode()).hexdigest()[:32] + '"'


class ReaderPageCacheMiddleware:
    """Keep each public page as rendered, for the next reader, until the archive changes.

    Keyed like the ETag, so it is exactly as fresh as a 304 is. It sits inside the security,
    frame and CSP middleware, which add their headers to a kept page as to a new one; a page's
    CSP nonce is stored as a marker and each reader gets a fresh one. Pages that set cookies or
    change their own frame or CSP rules (the embed) are not kept.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not reader_request(request):
            return self.get_response(request)
        key = "page:" + archive_etag(request)
        # A browser's hard reload (and the benchmark's rendering run) asks for a fresh page.
        fresh = "no-cache" in request.headers.get("Cache-Control", "")
        kept = None if fresh else kept_page(key)
        if kept is not None:
            # A page with an ETag of its own (kept_by_revisions) answers to it.
            etag = dict(kept[1]).get("ETag")
            if etag and (not_modified := get_conditional_response(request, etag=etag)):
                return ArchiveConditionalGetMiddleware.mark(not_modified, etag)
            return answer_as_kept(request, kept)
        # A lagging replica shows the archive as it was before the current version: such a
        # page is neither kept nor given the current version's ETag.
        position = str(request.archive_version).partition("@")[2] or None
        request.saw_current_archive = has_replayed(router.db_for_read(Quote), position)
        response = self.get_response(request)
        if request.saw_current_archive and keepable(response):
            # A page kept under the revisions it shows is in the shared cache already: under
            # this address's key, only this process keeps a copy.
            shared = not getattr(response, "kept_by_revisions", False)
            keep_answer(request, key, response, shared=shared)
        return response


# What a view says no shared cache may store (never_cache, cache_control(private=True)). Not
# "no-cache", which readers' pages carry themselves (ArchiveConditionalGetMiddleware.mark): a
# cache may store such a page and must check it before each use, as the keys here do.
NOT_STORED = {"private", "no-store"}


def keepable(response):
    directives = {
        directive.split("=", 1)[0].strip().lower()
        for directive in response.get("Cache-Control", "").split(",")
    }
    return (
        response.status_code == 200
        and directives.isdisjoint(NOT_STORED)
        and not response.streaming
        and not response.cookies
        and not getattr(response, "xframe_options_exempt", False)
        and not hasattr(response, "_csp_config")
        and len(response.content) <= PAGE_MAX_BYTES
    )


def kept_page(key):
    """A page kept for readers: this process's copy, or the one every app server shares."""
    copies = caches["pages"]
    kept = copies.get(key)
    if kept is None and (kept := cache.get(key)) is not None:
        copies.set(key, kept, timeout=PAGE_SECONDS)
    return kept


def keep_answer(request, key, response, *, shared=True):
    """Keep a page for readers: in this process, and unless told otherwise in the cache every
    app server shares."""
    content = response.content
    if nonce := get_nonce(request):  # generated: the page uses it
        content = content.replace(str(nonce).encode(), NONCE_MARK)
    kept = (content, list(response.headers.items()))
    if shared:
        cache.set(key, kept, timeout=PAGE_SECONDS)
    caches["pages"].set(key, kept, timeout=PAGE_SECONDS)


def answer_as_kept(request, kept):
    content, headers = kept
    nonce = str(get_nonce(request)) if NONCE_MARK in content else None
    response = HttpResponse(content.replace(NONCE_MARK, nonce.encode()) if nonce else content)
    for name, value in headers:
        response[name] = value
    return response


def kept_by_revisions(request, revisions, render, *, also=()):
    """A page for readers, kept under the revisions of the records it shows: `revisions` says
    which ("quote:7:3" for a permalink, a digest of ids and revisions for a feed or an API
    page).

    The page kept by ReaderPageCacheMiddleware goes with any change to the archive, so after a
    publication every permalink and feed would be written again for its next reader. A
    permalink shows one quote, a feed its fifty newest and an API page twenty-five, whose
    revisions every save moves on, and what their cards show of other records
    (cards_version): so they are kept under those, the address and the day, and their ETag is
    made of the same. They outlive publications elsewhere, never a change to what they show.
    `also` holds the tokens of anything else the page shows (the API's figures), read like
    cards_version before the rows. `render` is called only when the page is not kept. (A row
    saved again after its revision was read shows newer words than that revision's: kept
    under it, it misleads no one.)
    """
    if not reader_request(request):
        return render()
    versions = [cards_version(), *also]  # before the rows are read: see kept_cards
    page = "|".join(
        [
            settings.RELEASE,
            *versions,
            timezone.localdate().isoformat(),
            request.get_host(),
            request.get_full_path(),
            request.headers.get("Accept", ""),
            revisions,
        ]
    )
    digest = hashlib.sha256(page.encode()).hexdigest()[:32]
    # Its own ETag, which outlives publications elsewhere as the page does: a citer's browser
    # or a feed reader asking again gets a 304 until what the page shows changes.
    etag = f'W/"{digest}"'
    if not_modified := get_conditional_response(request, etag=etag):
        return ArchiveConditionalGetMiddleware.mark(not_modified, etag)
    key = "revision-page:" + digest
    if (kept := kept_page(key)) is not None:
        response = answer_as_kept(request, kept)
        response.kept_by_revisions = True
        return response
    response = render()
    # A lagging replica's rows may be older than the version: shown, neither kept nor given
    # the ETag of what the version says.
    database = router.db_for_read(Quote)
    if all(has_replayed(database, v.partition("@")[2] or None) for v in versions):
        if response.status_code == 200:
            ArchiveConditionalGetMiddleware.mark(response, etag)
        if keepable(response):
            keep_answer(request, key, response)
            response.kept_by_revisions = True
    return response


NONCE_MARK = b"\x00csp-nonce\x00"  # no stored text holds a NUL: PostgreSQL refuses them
PAGE_SECONDS = 60 * 60
PAGE_MAX_BYTES = 512 * 1024


def reader_request(request):
    """A reader's GET of a public page: no session (editors have one), not the admin."""
    return (
        request.method in ("GET", "HEAD")
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and not request.path.startswith(ADMIN_PREFIX)
    )

"""Everything the archive caches, for how long, and what makes it stale. docs/caching.md
explains the design; in short:

- **Versions.** A version is a token in the cache that changes when something changes. Every
  cache key below carries the versions of what it shows, so a change makes the old entries
  unreachable (they expire on their own); nothing is deleted one by one. The versions are:
  - `archive`: anything an anonymous visitor may see;
  - `records`: any record shown beside a quote (a name, a role, an outlet, a title, a stance's
    label, a figure), which the quote's own `revision` does not follow: every record but a
    quote and a correction, which is shown only with its quote and saved with it (a quote that
    others answer is shown beside them: it moves `records` too);
  - `quotes:all` and one per scope, `quotes:nation:<pk>`, `quotes:speaker:<pk>`,
    `quotes:topic:<pk>`: the published quotes of that scope, which counts and aggregates count;
  - `generation`, in every other version: a restore or a generated archive changes everything.
  Versions are written by `record_changed()`, which every record's save and delete call.
- **The page cache.** `PageCacheMiddleware` caches an anonymous visitor's GET of any public page
  whole, under its path and query, its interface language and the `archive` version, and answers a browser that holds
  it with a 304 (its ETag is the same key).
- **Per quote.** A list renders its quote cards with `{% quote_cards %}` (tracker/templatetags),
  the API its quotes with QuoteList and a feed its entries: each reads every quote's part from the
  cache in one round trip (`per_quote()` below), each under a key varied on its quote's
  revision and the `records` version, and render only those not cached.
- **Counts, aggregates and the ids of a page**: `cached()`, `cached_count()` and
  `cached_list()`, under the versions of the scopes they count.

- **When Redis fails**: `SharedRedisCache` answers as an empty cache and skips Redis for a while
  after each failure (a circuit breaker), so a hanging Redis costs visitors one timeout, not one
  per cache call (docs/deploy.md).

Keys are namespaced by the archive (settings.CACHES' KEY_PREFIX names its database), so
archives sharing one Redis never read each other's entries.
"""

import hashlib
import logging
import threading
import time

from django.conf import settings
from django.core.cache import cache
from django.core.cache.utils import make_template_fragment_key
from django.core.exceptions import EmptyResultSet
from django.db import router, transaction
from django.db.models import QuerySet
from django.http import HttpResponse
from django.middleware.csp import get_nonce
from django.utils import timezone
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.translation import get_language
from django_redis.cache import RedisCache
from redis import RedisError

from tracker.routers import has_replayed, primary_position

ARCHIVE = "archive"
RECORDS = "records"
ALL_QUOTES = "quotes:all"
GENERATION = "generation"

# Entries live at most this long even if nothing changes: a version change makes them
# unreachable at once, so this only bounds the memory that stale entries hold.
TIMEOUT = 60 * 60 * 24
PAGE_TIMEOUT = 60 * 60
PAGE_MAX_BYTES = 512 * 1024
ADMIN_PREFIX = "/admin/"
# Stored in place of a page's CSP nonce; each visitor gets a fresh one. No stored text holds a
# NUL: PostgreSQL refuses them.
NONCE_MARK = b"\x00csp-nonce\x00"

logger = logging.getLogger(__name__)


def scope(model_name, pk):
    """The version of the published quotes of one nation, speaker or topic: "quotes:nation:3"."""
    return f"quotes:{model_name}:{pk}"


def scope_of(record):
    return scope(record._meta.model_name, record.pk)


def new_version():
    # With a replica, a version carries where the primary's log stood when it was made, so a
    # reader can tell whether the replica has caught up with the change (is_current).
    stamp, position = time.time_ns(), primary_position()
    return f"{stamp}@{position}" if position else str(stamp)


def versions(*names):
    """The current versions of `names`, after the release and the generation, in one round
    trip: a string to put in a cache key."""
    keys = [f"version:{name}" for name in (GENERATION, *names)]
    found = cache.get_many(keys)
    if missing := {key: new_version() for key in keys if key not in found}:
        cache.set_many(missing, timeout=None)
        found.update(missing)
    return ".".join([settings.RELEASE, *(str(found[key]) for key in keys)])


def is_current(version_string, *, using):
    """Whether the database `using` (a lagging replica, say) holds every change these versions
    name: what is read from it before it has caught up must not be cached under them."""
    return all(
        has_replayed(using, part.partition("@")[2] or None) for part in version_string.split(".")
    )


def changed(*names):
    """These versions change now, and again when the transaction commits: a reader between the
    two may have cached what it read before the commit under the first new version."""

    def bump():
        cache.set_many(dict.fromkeys([f"version:{name}" for name in names], new_version()), None)

    bump()
    transaction.on_commit(bump)


SHOWN_WITH_THEIR_QUOTE = {"quote", "correction"}


def record_changed(record, *, scopes=(), is_shown_beside_quotes=False):
    """A record was saved or deleted. A quote's own card follows its revision; any other record
    may be shown beside any quote, and so may a quote that `is_shown_beside_quotes` (one that
    others answer). `scopes` name the published quotes whose counts changed."""
    names = [ARCHIVE]
    if is_shown_beside_quotes or record._meta.model_name not in SHOWN_WITH_THEIR_QUOTE:
        names.append(RECORDS)
    if scopes:
        names += [ALL_QUOTES, *scopes]
    changed(*names)


def archive_replaced():
    """Everything may differ: after a restore, a generated archive, a bulk load."""
    changed(GENERATION)


def cached(name, compute, *, depends_on, using, timeout=TIMEOUT):
    """`compute()`'s answer, cached under the versions it `depends_on`.

    Read from a replica that has not replayed those versions' changes yet, an answer is
    returned but not cached: it would go on showing the archive as it was before the change.
    """
    version = versions(*depends_on)
    key = f"{name}:{version}"
    answer = cache.get(key)
    if answer is None:
        answer = compute()
        if is_current(version, using=using):
            cache.set(key, answer, timeout)
    return answer


def query_key(queryset, name):
    """A cache key naming what `queryset` selects, or None for a query that selects nothing."""
    try:
        sql, params = queryset.query.get_compiler(queryset.db).as_sql()
    except EmptyResultSet:
        return None
    return f"{name}:{hashlib.sha256(f'{sql}|{params}'.encode()).hexdigest()}"


def cached_count(queryset, *, depends_on, count=QuerySet.count):
    """How many rows `queryset` has, cached until the versions it `depends_on` change: the
    scopes that hold every quote it can count ("quotes:all" when unsure), and `records` when
    it matches names (a search). `count(queryset)` counts (QuerySet.count() unless told); what
    it returns is cached as it is."""
    counted = queryset.order_by().values("pk")
    key = query_key(counted, f"count:{queryset.db}")
    if key is None:  # it selects nothing: counted without a query
        return count(counted)
    return cached(key, lambda: count(counted), depends_on=depends_on, using=queryset.db)


def cached_list(queryset, *, depends_on):
    """The rows of `queryset` (a page of ids, say) as a list, cached until the versions it
    `depends_on` change, as cached_count()."""
    key = query_key(queryset, f"list:{queryset.db}")
    if key is None:  # it selects nothing
        return []
    return cached(key, lambda: list(queryset), depends_on=depends_on, using=queryset.db)


def per_quote(name, quotes, render, *, varies_on=()):
    """What `render` makes of each quote (anything with a `pk` and a `revision`): its card, its
    API answer, its feed entry. Read from the cache where cached, in one round trip for the whole list;
    `render(missing)` makes the others, as a dict by pk (a quote gone meanwhile has none, and
    is left out). Each is cached under the quote's `revision`, the `records` version (the
    names shown beside it), the interface language its labels and dates are in, and what else it
    `varies_on` (a search's words, the site's URL)."""
    records = versions(RECORDS)
    varies_on = [get_language(), *varies_on]
    keys = [
        make_template_fragment_key(name, [quote.pk, quote.revision, records, *varies_on])
        for quote in quotes
    ]
    found = cache.get_many(keys)
    missing = [(key, quote) for key, quote in zip(keys, quotes, strict=True) if key not in found]
    if missing:
        made = render([quote for _, quote in missing])
        rendered = {key: made[quote.pk] for key, quote in missing if quote.pk in made}
        cache.set_many(rendered, TIMEOUT)
        found.update(rendered)
    return [found[key] for key in keys if key in found]


def is_signed_in(request):
    """Whether the request's session cookie names a user: an editor. A cookie alone is not
    enough, or anyone could skip the page cache with a made-up one; it is looked up (one query)
    only when there is one."""
    return settings.SESSION_COOKIE_NAME in request.COOKIES and request.user.is_authenticated


def is_public_read(request):
    """A GET or HEAD of a public page (the admin is not one)."""
    return request.method in ("GET", "HEAD") and not request.path.startswith(ADMIN_PREFIX)


class PageCacheMiddleware:
    """Cache each public page, as rendered for anonymous visitors, until the archive changes.

    A page depends on its path and query, its interface language, what the visitor accepts,
    the archive, the code
    that renders it and the day (citations give an access date): its key, and its ETag, are made
    of those. A browser that holds the page gets a 304; editors (signed in) and the admin are
    left alone. Nothing an anonymous visitor sends makes it render a page it holds: neither
    `Cache-Control: no-cache` nor a session cookie that names no one.
    It sits inside the security, frame and CSP middleware, which add their headers to a cached
    page as to a new one. Pages that set cookies, stream, or may be framed (the embed), and
    pages their view marks private, no-store or no-cache, are not cached.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if is_signed_in(request):
            # What an editor is shown (a draft's preview at its public URL) is theirs alone: no
            # proxy or browser cache shared with others may keep it.
            response = self.get_response(request)
            patch_cache_control(response, private=True)
            return response
        if not is_public_read(request):
            return self.get_response(request)
        version = versions(ARCHIVE)
        page = "|".join(
            [
                version,
                timezone.localdate().isoformat(),
                # The site's own URL and the path, never the host the request named: every
                # page names SITE_URL, whoever asked for it.
                settings.SITE_URL,
                request.get_full_path(),
                # The interface language (LocaleMiddleware, from the URL's /fr/ or /de/): a
                # page in one language is never served to a reader of another, whatever later
                # decides the language.
                get_language(),
                request.headers.get("Accept", ""),
            ]
        )
        digest = hashlib.sha256(page.encode()).hexdigest()[:32]
        # Weak: the bytes differ between two renderings (each carries a fresh CSP nonce).
        etag = f'W/"{digest}"'
        if not_modified := get_conditional_response(request, etag=etag):
            return mark(not_modified, etag)
        key = f"page:{digest}"
        # A visitor's own no-cache (a hard reload, or a flood of them) is answered from the
        # cache too: the cached page is already the archive as it stands, and rendering it
        # again for whoever asks would let anyone make the site render every page.
        if (stored := cache.get(key)) is not None:
            return mark(from_cache(request, stored), etag)
        # A lagging replica shows the archive as it was before this version: such a page is
        # neither cached nor given this version's ETag.
        current = is_current(version, using=router.db_for_read(None))
        response = self.get_response(request)
        if current and response.status_code == 200 and not response.has_header("ETag"):
            if is_cacheable(response):
                cache.set(key, for_cache(request, response), PAGE_TIMEOUT)
            mark(response, etag)
        return response


def mark(response, etag):
    response["ETag"] = etag
    # Browsers ask again each time (a 304 is cheap), so a correction shows at once.
    patch_cache_control(response, no_cache=True)
    return response


def is_cacheable(response):
    cache_control = response.get("Cache-Control", "")
    return (
        not response.streaming
        and not response.cookies
        and not any(word in cache_control for word in ("private", "no-store", "no-cache"))
        # The embed, which other sites may frame, has frame and CSP rules of its own.
        and not getattr(response, "xframe_options_exempt", False)
        and len(response.content) <= PAGE_MAX_BYTES
    )


def for_cache(request, response):
    content = response.content
    if nonce := get_nonce(request):  # generated: the page uses it
        content = content.replace(str(nonce).encode(), NONCE_MARK)
    return content, list(response.headers.items()), response.status_code


def from_cache(request, stored):
    content, headers, status = stored
    if NONCE_MARK in content:
        content = content.replace(NONCE_MARK, str(get_nonce(request)).encode())
    response = HttpResponse(content, status=status)
    for name, value in headers:
        response[name] = value
    return response


# The shared cache when Redis fails ----------------------------------------------------------


class CircuitBreaker:
    """Whether the cache at one location is worth asking: after a failure it is skipped for
    `retry_after` seconds, then one request tries it again (a circuit breaker).

    Shared by every thread of a process: one visitor pays for finding a failing Redis, and the
    others are served without it at once.
    """

    def __init__(self, location, retry_after):
        self.location, self.retry_after = location, retry_after
        self.lock = threading.Lock()
        self.retry_at = None  # None: the cache answers

    def allows(self):
        if self.retry_at is None:
            return True
        with self.lock:
            if time.monotonic() < self.retry_at:
                return False
            # This caller tries again; the others go on skipping until it has answered.
            self.retry_at = time.monotonic() + self.retry_after
            return True

    def failed(self, error):
        with self.lock:
            was_closed = self.retry_at is None
            self.retry_at = time.monotonic() + self.retry_after
        if was_closed:  # a line when the cache fails, not one per cache call
            logger.warning(
                "The cache at %s failed (%r): pages are rendered without it, and it is "
                "tried again every %s s.",
                self.location,
                error,
                self.retry_after,
            )

    def answered(self):
        if self.retry_at is not None:
            with self.lock:
                self.retry_at = None
            logger.warning("The cache at %s answers again.", self.location)


BREAKERS = {}
BREAKERS_LOCK = threading.Lock()


def breaker_for(location, retry_after):
    with BREAKERS_LOCK:
        return BREAKERS.setdefault(location, CircuitBreaker(location, retry_after))


class SharedRedisCache(RedisCache):
    """django-redis's cache, which answers as an empty cache while Redis fails, and does not
    wait for a Redis that fails again and again (a hanging one costs its timeout on every
    call): after a failure it is skipped for `OPTIONS["RETRY_AFTER_FAILURE"]` seconds.

    Only the calls of Django's cache API that the archive makes are guarded; anything else
    (clear(), incr()) fails loudly, as django-redis's own would.
    """

    def __init__(self, server, params):
        super().__init__(server, params)
        retry_after = params.get("OPTIONS", {}).get("RETRY_AFTER_FAILURE", 5)
        self.breaker = breaker_for(server, retry_after)

    def guarded(self, call, otherwise, *args, **kwargs):
        if not self.breaker.allows():
            return otherwise
        try:
            answer = call(*args, **kwargs)
        except (RedisError, OSError) as error:
            self.breaker.failed(error)
            return otherwise
        self.breaker.answered()
        return answer

    def get(self, key, default=None, version=None, client=None):
        return self.guarded(super().get, default, key, default, version, client)

    def get_many(self, *args, **kwargs):
        return self.guarded(super().get_many, {}, *args, **kwargs)

    def has_key(self, *args, **kwargs):
        return self.guarded(super().has_key, False, *args, **kwargs)

    def set(self, *args, **kwargs):
        return self.guarded(super().set, False, *args, **kwargs)

    def add(self, *args, **kwargs):
        return self.guarded(super().add, False, *args, **kwargs)

    def touch(self, *args, **kwargs):
        return self.guarded(super().touch, False, *args, **kwargs)

    def set_many(self, data, *args, **kwargs):
        return self.guarded(super().set_many, list(data), data, *args, **kwargs)

    def delete(self, *args, **kwargs):
        return self.guarded(super().delete, False, *args, **kwargs)

    def delete_many(self, *args, **kwargs):
        return self.guarded(super().delete_many, None, *args, **kwargs)


def cache_answers():
    """Whether the cache stores and returns a value now: for the readiness URL. Skipped (False)
    while the circuit breaker is open, so that it never waits for a failing Redis."""
    token = new_version()
    cache.set("ready", token, 10)
    return cache.get("ready") == token

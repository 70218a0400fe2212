"""What `manage.py bench` asks for: scenarios found in the data, the kind of target each is
held to (bench.targets), the queries each page takes.

The scenarios are found in the archive rather than assumed (the most quoted speaker, the
biggest nation, a common and a rare word); each is then driven with wrk against gunicorn
(bench.load) and reported by bench.report.
"""

import itertools
import math
import random
import secrets
from dataclasses import dataclass

from django.conf import settings
from django.db import connection
from django.db.models import Count, Max, Min
from django.test import Client
from django.test.utils import CaptureQueriesContext, override_settings

from bench.load import HOST
from bench.settings import PAGE_CACHE
from bench.targets import Kind, target
from tracker.models import Nation, Quote, Speaker

DEFAULT_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/otr_bench"

# More than a run can ask for: 11 s at a few hundred requests/s, the warm-up included.
UNREAD_PERMALINKS = 20_000


# Scenarios -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Scenario:
    name: str
    path: str
    # What its numbers are held to, with the run's mode (bench.targets); None: a reference.
    kind: Kind | None = Kind.PAGE
    # The one-row reference view its throughput is held against, in a mode that asks for it:
    # "row" or "json".
    reference: str | None = None
    # URLs asked for in turn, each once (wrk wraps around only if it runs out): `path` is
    # the first, the one whose queries are counted, after the second warmed the process.
    paths: tuple[str, ...] = ()

    @property
    def admin(self):
        return self.kind in (Kind.EDITORS, Kind.EDITOR)

    def connections(self, run_connections):
        """wrk's connections: one editor at a time, else the run's concurrency."""
        return 1 if self.kind == Kind.EDITOR else run_connections

    def target(self, mode):
        return target(self.kind, mode, reference=self.reference)


REFERENCES = {
    "bare": "ref: bare view",
    "row": "ref: one row, HTML",
    "json": "ref: one row, JSON",
}


def reference_scenarios(pk):
    return [
        Scenario(REFERENCES["bare"], "/_bench/bare/", kind=None),
        Scenario(REFERENCES["row"], f"/_bench/row/{pk}/", kind=None),
        Scenario(REFERENCES["json"], f"/_bench/row/{pk}.json", kind=None),
    ]


@dataclass(frozen=True)
class Archive:
    """What the scenarios are made of, found in the data rather than assumed."""

    quotes: int
    published: int
    quote_pk: int
    quote_key: str
    speaker_slug: str
    speaker_quotes: int
    nation_id: int
    nation_code: str
    nation_quotes: int
    year: int
    common_word: str
    common_matches: int
    rare_word: str
    rare_matches: int
    missing_word: str
    csv_said_after: str | None  # ISO date; None: every published quote
    csv_rows: int
    # Keys of published quotes drawn at random, a new draw each run: permalinks no reader
    # asked for before, so none is cached.
    unread_keys: tuple[str, ...] = ()

    def describe(self):
        return [
            f"{self.quotes:,} quotes, {self.published:,} published",
            f"most quoted speaker: {self.speaker_slug} ({self.speaker_quotes:,} published)",
            f"biggest nation: {self.nation_code} ({self.nation_quotes:,} published)",
            f"common word: {self.common_word!r} ({self.common_matches:,} matches); "
            f"rare word: {self.rare_word!r} ({self.rare_matches:,}); "
            f"no match: {self.missing_word!r}",
        ]


def public_scenarios(archive, page_size=25):
    nation = f"nation={archive.nation_code}"
    last_page = max(1, math.ceil(archive.nation_quotes / page_size))
    year = f"said_after={archive.year}-01-01&said_before={archive.year}-12-31"
    search = Kind.SEARCH
    return [
        Scenario("home", "/"),
        Scenario("quotes", "/quotes/"),
        Scenario("quotes: nation + year", f"/quotes/?{nation}&{year}"),
        Scenario("quotes: nation, page 1", f"/quotes/?{nation}&page=1"),
        Scenario(
            f"quotes: nation, page {min(100, last_page)}",
            f"/quotes/?{nation}&page={min(100, last_page)}",
        ),
        Scenario(
            f"quotes: nation, last page ({last_page:,})", f"/quotes/?{nation}&page={last_page}"
        ),
        Scenario("search: common word", f"/quotes/?q={archive.common_word}", search),
        Scenario(
            "search: common, relevance", f"/quotes/?q={archive.common_word}&sort=relevance", search
        ),
        Scenario("search: rare word", f"/quotes/?q={archive.rare_word}", search),
        Scenario("search: no match", f"/quotes/?q={archive.missing_word}", search),
        Scenario("permalink", f"/q/{archive.quote_key}/", reference="row"),
        *(
            [
                Scenario(
                    "permalinks, each read once",
                    f"/q/{archive.unread_keys[0]}/",
                    kind=Kind.UNREAD,
                    paths=tuple(f"/q/{key}/" for key in archive.unread_keys),
                )
            ]
            if archive.unread_keys
            else []
        ),
        Scenario(f"person ({archive.speaker_quotes:,} quotes)", f"/people/{archive.speaker_slug}/"),
        Scenario(f"nation ({archive.nation_quotes:,} quotes)", f"/nations/{archive.nation_code}/"),
        Scenario("feed: nation", f"/quotes/feed.atom?{nation}"),
        Scenario("API: quotes", "/api/quotes/", reference="json"),
    ]


def admin_scenarios(archive):
    """Editors' pages, as many editors at once as the run's concurrency; then the quote list,
    its search and the change form again, one editor at a time."""
    quotes = "/admin/tracker/quote/"
    search = f"{quotes}?q={archive.rare_word}"
    change_form = f"{quotes}{archive.quote_pk}/change/"
    sources = "/admin/tracker/source/"
    editors = Kind.EDITORS
    return [
        Scenario("admin: quotes", quotes, editors),
        Scenario(
            "admin: quotes, filtered",
            f"{quotes}?nation__id__exact={archive.nation_id}&status__exact=published",
            editors,
        ),
        Scenario("admin: quotes, one year", f"{quotes}?said_on__year={archive.year}", editors),
        Scenario("admin: quotes, search", search, editors),
        Scenario("admin: quotes, search common", f"{quotes}?q={archive.common_word}", editors),
        Scenario("admin: sources", sources, editors),
        Scenario("admin: sources, search", f"{sources}?q={archive.common_word}", editors),
        Scenario("admin: change form", change_form, editors),
        Scenario("admin: quotes, one editor", quotes, Kind.EDITOR),
        Scenario("admin: quotes, search, one editor", search, Kind.EDITOR),
        Scenario("admin: change form, one editor", change_form, Kind.EDITOR),
    ]


def csv_path(archive):
    if archive.csv_said_after is None:
        return "/quotes.csv"
    return f"/quotes.csv?said_after={archive.csv_said_after}"


def _sampled_words(*, order, pattern, limit):
    """Words of quote texts (weight A: the words, not who said them) from a sample of rows."""
    total = Quote.objects.count()
    percent = min(100.0, 100.0 * 20_000 / max(total, 1))
    sample = (
        f"SELECT search_vector FROM {Quote._meta.db_table} "
        f"TABLESAMPLE SYSTEM ({percent:.4f}) REPEATABLE (1) WHERE status = 'published'"
    )
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT word FROM ts_stat(%s, 'A') WHERE word ~ %s ORDER BY {order} LIMIT %s",
            [sample, pattern, limit],
        )
        return [word for (word,) in cursor.fetchall()]


def _matches(word, cap=None):
    found = Quote.objects.published().search(word)
    if cap is None:
        return found.count()
    return len(found.values_list("pk", flat=True)[: cap + 1])


def draw_unread_keys(count):
    """`count` keys of published quotes, spread over the archive, a new draw each run."""
    bounds = Quote.objects.aggregate(low=Min("pk"), top=Max("pk"))
    low, top = bounds["low"] or 1, bounds["top"] or 0
    span = range(low, top + 1)
    draw = random.Random(secrets.randbits(64))
    keys = []
    for ids in itertools.batched(draw.sample(span, min(len(span), 2 * count)), 5000):
        keys += Quote.objects.published().filter(pk__in=ids).values_list("key", flat=True)
    draw.shuffle(keys)
    return tuple(keys[:count])


def discover_archive(*, csv_rows, unread=UNREAD_PERMALINKS):
    published = Quote.objects.published()
    quotes, published_count = Quote.objects.count(), published.count()
    middle = (Quote.objects.aggregate(Max("pk"))["pk__max"] or 0) // 2
    quote = published.filter(pk__gte=middle).order_by("pk").only("pk", "key").first()
    top_speaker = (
        published.values("speaker").annotate(n=Count("id")).order_by("-n", "speaker").first()
    )
    top_nation = (
        published.exclude(nation=None)
        .values("nation")
        .annotate(n=Count("id"))
        .order_by("-n", "nation")
        .first()
    )
    latest = published.aggregate(Max("said_on"))["said_on__max"]
    year = (
        latest.year - 1 if published.filter(said_on__year=latest.year - 1).exists() else latest.year
    )

    common_word = next(
        word
        for word in _sampled_words(order="ndoc DESC, word", pattern="^[a-z]{3,}$", limit=20)
        if _matches(word, cap=0)
    )
    rare_cap = max(10, published_count // 1000)
    rare_word, rare_matches = None, None
    for word in _sampled_words(order="ndoc, word", pattern="^[a-z]{5,}$", limit=50):
        matches = _matches(word, cap=rare_cap)
        if 1 <= matches <= rare_cap:
            rare_word, rare_matches = word, matches
            break
        if matches and (rare_matches is None or matches < rare_matches):
            rare_word, rare_matches = word, matches
    missing_word = next(w for w in ("zqxjvk", "zqxjvkw", "qqzqxjvkw") if not _matches(w, cap=0))

    csv_said_after = (
        published.order_by("-said_on", "-id")
        .values_list("said_on", flat=True)[csv_rows - 1 : csv_rows]
        .first()
    )
    csv_count = (
        published.filter(said_on__gte=csv_said_after).count() if csv_said_after else published_count
    )
    return Archive(
        quotes=quotes,
        published=published_count,
        quote_pk=quote.pk,
        quote_key=quote.key,
        speaker_slug=Speaker.objects.get(pk=top_speaker["speaker"]).slug,
        speaker_quotes=top_speaker["n"],
        nation_id=top_nation["nation"],
        nation_code=Nation.objects.get(pk=top_nation["nation"]).code,
        nation_quotes=top_nation["n"],
        year=year,
        common_word=common_word,
        common_matches=_matches(common_word),
        rare_word=rare_word,
        rare_matches=rare_matches,
        missing_word=missing_word,
        csv_said_after=csv_said_after.isoformat() if csv_said_after else None,
        csv_rows=csv_count,
        unread_keys=draw_unread_keys(unread),
    )


# Queries per request, in-process ----------------------------------------------------------


def count_queries(client, path, warm_with=None):
    """(status, SQL queries) of one request, after one (for `warm_with`, if given, else for
    `path`) to warm the process's caches.

    Measured on a fresh rendering, not on the page cached for readers. Measured here rather
    than in the server, so that the measured processes carry no
    instrumentation. Django's connection health check (a bare SELECT 1 at the start of each
    request on a reused connection) does not go through the query log, so it is not counted.
    """
    # Rendered afresh: a page cached for anonymous visitors would take no query at all. The
    # client loads its middleware at its first request, under these settings.
    without_page_cache = [name for name in settings.MIDDLEWARE if name != PAGE_CACHE]
    with override_settings(MIDDLEWARE=without_page_cache):
        read_through(client.get(warm_with or path))
        with CaptureQueriesContext(connection) as queries:
            response = read_through(client.get(path))
    return response.status_code, len(queries)


def read_through(response):
    """The response read to its end and closed, as a server does. A CSV download left unread
    keeps its transaction open until the garbage collector finds it, which may be in the middle
    of another query on the same connection: its rollback then waits on that query for ever."""
    if response.streaming:
        for _chunk in response.streaming_content:
            pass
    response.close()
    return response


def bench_client(session_key=None):
    client = Client(HTTP_HOST=HOST)
    if session_key:
        client.cookies[settings.SESSION_COOKIE_NAME] = session_key
    return client

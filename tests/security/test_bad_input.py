"""No input causes a server error: random and hostile values for every parameter of every page.

Hypothesis sends random mixtures of hostile values (empty, huge, NUL bytes, bytes that are not
UTF-8, SQL and HTML fragments, negative and enormous numbers, repeated and unknown parameters)
to every public address, and random path segments to every record address. Schemathesis checks
the API against its own OpenAPI description. Every answer must be below 500, and a bad filter on
/quotes/ must be a 400 that says which filter was wrong.
"""

import base64
import datetime
import json
import urllib.parse

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import html as lxml_html
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from tests.helpers import make_quote
from tests.public_pages import make_every_page
from tracker.models import Quote, Speaker
from tracker.sitemaps import SITEMAPS
from tracker.wsgi import application

pytestmark = pytest.mark.django_db

PARAMETERS = [
    "nation",
    "speaker",
    "outlet",
    "source",
    "topic",
    "stance",
    "kind",
    "lang",
    "said_after",
    "said_before",
    "q",
    "sort",
    "page",
    "cursor",
    "format",
]
# The filters that refuse a value they cannot read; page, cursor and format are not filters.
FILTERS = PARAMETERS[:12]

HUGE = "x" * 10_000


def encoded(text):
    return urllib.parse.quote(text, safe="")


# Values as they appear in a raw query string: percent-encoded where they need to be, and some
# deliberately broken.
BROKEN = [
    "%ff%fe",  # bytes that are not UTF-8
    "%c3%28",
    "%ed%a0%80",  # an encoded UTF-16 surrogate
    "%e2%82",  # a truncated multibyte sequence
    "%zz",  # escapes that are not escapes
    "%",
    "%2",
    "%00",
    "de%00",
]
SQL = [
    encoded("' OR '1'='1"),
    encoded("1; DROP TABLE tracker_quote; --"),
    encoded('" OR 1=1 --'),
    encoded("%' --"),
    encoded("\\"),
]
MARKUP = [
    encoded("<script>alert(1)</script>"),
    encoded('"><img src=x onerror=alert(1)>'),
    encoded("javascript:alert(1)"),
    encoded('=HYPERLINK("http://evil")'),
    "%0d%0aSet-Cookie:%20x=y",
]
NUMBERS = [
    "-1",
    "0",
    "-99999999999999999999999",
    "99999999999999999999999999999999999999",
    str(2**63),
    str(-(2**63) - 1),
    "1e308",
    "NaN",
    "Infinity",
]
DATES = [
    "9999-12-31",
    "0001-01-01",
    "0000-00-00",
    "10000-01-01",
    "2025-02-30",
    "-2025-01-01",
    encoded("2025-02-17T00:00:00+99:99"),
]
WORDS = [
    encoded('"unclosed phrase'),
    encoded("-"),
    encoded("-troops -"),
    encoded(":* & | ! ( ) <->"),
    encoded("\u202e\ufeff\u200b"),
    encoded("\U0001f4a9" * 50),
]
BLANK = ["", "%20", "+", "%E2%80%A8"]  # empty, or only white space: "any"
HOSTILE = [*BLANK, HUGE, *BROKEN, *SQL, *MARKUP, *NUMBERS, *DATES, *WORDS]


def surely_invalid(name, raw):
    """Whether no value of filter `name` could be read from `raw`, as sent in the query string."""
    if name == "q":
        return raw == HUGE  # any words are a search, up to 200 characters
    if name in ("said_after", "said_before") and raw in ("9999-12-31", "0001-01-01"):
        return False
    return raw in HOSTILE and raw not in BLANK


# A sample for the slowest check, every parameter of every address at once; Hypothesis draws
# from all of them.
AT_ONCE = ["", HUGE, *BROKEN[:4], "%00", *SQL[:2], *MARKUP[:2], *NUMBERS[:3], *DATES[:2], WORDS[0]]

LIST_ADDRESSES = [
    "/",
    "/quotes/",
    "/quotes/feed.atom",
    "/quotes.csv",
    "/api/",
    "/api/quotes/",
    "/api/speakers/",
    "/api/nations/",
    "/api/topics/",
    "/corrections/",
    "/corrections/feed.atom",
    "/dates/",
    "/sitemap.xml",
    "/robots.txt",
    "/api/schema/",
]

# The addresses that read the parameters: the filters, the cursor, the page, the format.
READERS = [
    "/quotes/",
    "/quotes/feed.atom",
    "/quotes.csv",
    "/api/quotes/",
    "/api/speakers/",
    "/sitemap-quotes.xml",
    "/api/schema/",
]

RECORD_PREFIXES = [
    "/q/",
    "/people/",
    "/nations/",
    "/sources/",
    "/topics/",
    "/outlets/",
    "/api/quotes/",
    "/api/speakers/",
    "/api/nations/",
    "/api/sources/",
    "/api/topics/",
]


@pytest.fixture
def archive(chief_editor):
    """Every public page type, with a correction, a retraction and a draft, and their addresses."""
    pages = make_every_page()
    quote = Quote.objects.published().order_by("id").first()
    quote.context = "Corrected context."
    quote.correct(note="The context was incomplete.", by=chief_editor)
    retracted = make_quote(text="Taken back.", status=Quote.Status.RETRACTED)
    draft = make_quote(text="Not yet.", status=Quote.Status.DRAFT)
    speaker = Speaker.objects.get(slug="olaf-scholz")
    records = [
        quote.get_absolute_url(),
        f"/q/{quote.key}/v/1/",
        f"/q/{quote.key}/v/2/",
        f"/q/{quote.key}/embed",
        f"/q/{quote.key}/cite.ris",
        f"/q/{quote.key}/cite.bib",
        f"/q/{quote.key}/cite.json",
        f"/q/{quote.key.upper()}/",
        retracted.get_absolute_url(),
        f"/q/{retracted.key}/v/1/",
        draft.get_absolute_url(),
        speaker.get_absolute_url(),
        f"/people/{speaker.slug}/feed.atom",
        "/nations/de/",
        "/nations/de/feed.atom",
        "/topics/troops-for-ukraine/",
        "/topics/troops-for-ukraine/feed.atom",
        quote.source.get_absolute_url(),
        quote.source.outlet.get_absolute_url(),
        f"/api/quotes/{quote.key}/",
        f"/api/quotes/{retracted.key}/",
        f"/api/speakers/{speaker.slug}/",
        "/api/nations/de/",
        f"/api/sources/{quote.source.key}/",
        "/api/topics/troops-for-ukraine/",
    ]
    sections = [f"/sitemap-{name}.xml" for name in SITEMAPS]
    return {
        "pages": sorted({*LIST_ADDRESSES, *pages.values(), *records, *sections}),
        "quote": quote,
        "retracted": retracted,
    }


def fetch(client, path, query=""):
    """Ask for an address with a raw query string; read all of a streamed answer."""
    response = client.get(path, QUERY_STRING=query)
    if response.streaming:
        b"".join(response.streaming_content)
    return response


def assert_no_server_error(response, path, query):
    assert response.status_code < 500, f"{path}?{query[:300]} answered {response.status_code}"
    if response.get("Content-Type", "").startswith("text/html"):
        # Whatever was sent comes back escaped, if at all.
        body = response.content.decode()
        assert "<script>alert(1)" not in body, f"{path}?{query[:300]} reflects markup"
        assert "<img src=x" not in body, f"{path}?{query[:300]} reflects markup"


# Strategies ---------------------------------------------------------------------------------


values = st.one_of(
    st.sampled_from(HOSTILE),
    st.text(max_size=40).map(encoded),
    st.binary(max_size=20).map(urllib.parse.quote_from_bytes),
    st.integers().map(str),
    st.dates(min_value=datetime.date(1, 1, 1)).map(datetime.date.isoformat),
    st.sampled_from(["de", "fr", "olaf-scholz", "opposed", "open", "paraphrase", "relevance"]),
)
names = st.one_of(
    st.sampled_from(PARAMETERS),
    st.sampled_from(PARAMETERS),  # twice as likely as an unknown name
    st.text(max_size=12).map(encoded),
    st.sampled_from(["%00", "%ff", "p", "o", "csrfmiddlewaretoken", "nation[]", "q.x"]),
)
# Pairs in order, names repeated at will: "nation=de&nation=%ff&x=1".
queries = st.lists(st.tuples(names, values), max_size=8).map(
    lambda pairs: "&".join(f"{name}={value}" for name, value in pairs)
)


def segments():
    return st.one_of(
        st.sampled_from(
            [
                "-",
                "--",
                "%20",
                "%09",
                ".",
                "..",
                "%2e%2e",
                "%2F",
                "~",
                "%00",
                "%ff",
                "%c0%af",
                "a" * 10_000,
                "0" * 400,
                "OIL",
                encoded("<script>alert(1)</script>"),
                encoded("' OR 1=1 --"),
                "-1",
                str(2**64),
                "DE",
                "de%00",
            ]
        ),
        st.text(min_size=1, max_size=30).map(encoded),
        st.binary(min_size=1, max_size=12).map(urllib.parse.quote_from_bytes),
    )


# New random examples on every run, each failure printed with the seed that repeats it; no
# example database is kept, so the tests leave no files behind.
HYPOTHESIS = settings(
    max_examples=60,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


# Every parameter of every address -----------------------------------------------------------


def test_every_parameter_at_once_with_a_hostile_value_is_no_server_error(archive):
    client = Client()
    for value in AT_ONCE:
        query = "&".join(f"{name}={value}" for name in PARAMETERS)
        for path in archive["pages"]:
            assert_no_server_error(fetch(client, path, query), path, query)


def test_each_parameter_alone_repeated_and_huge_is_no_server_error(archive):
    client = Client()
    readers = [*READERS, archive["quote"].speaker.get_absolute_url()]
    for name in PARAMETERS:
        for query in (
            f"{name}=%ff%fe",
            f"{name}={HUGE}",
            # Every value at once (but NUL, which the middleware refuses before anything reads).
            "&".join(f"{name}={value}" for value in HOSTILE if "%00" not in value),
            "&".join([f"{name}=de"] * 500),
        ):
            for path in readers:
                assert_no_server_error(fetch(client, path, query), path, query)


def test_the_first_and_last_days_there_are_filter_like_any_day(archive):
    # A filter reads a year beyond its day for dates given as a range (dates.overlapping): at
    # 1 Jan 0001 and 31 Dec 9999 that year is cut at the calendar's ends, not a 500.
    client = Client()
    for name in ("said_after", "said_before"):
        for day in ("0001-01-01", "9999-12-31"):
            for path in READERS[:4]:
                response = fetch(client, path, f"{name}={day}")
                assert response.status_code == 200, f"{path}?{name}={day}"


@HYPOTHESIS
@given(data=st.data(), query=queries)
def test_random_queries_on_public_pages_are_no_server_error(archive, data, query):
    client = Client()
    path = data.draw(st.sampled_from(archive["pages"]), label="path")
    assert_no_server_error(fetch(client, path, query), path, query)


@settings(HYPOTHESIS, max_examples=100)
@given(query=queries)
def test_random_queries_on_the_api_lists_are_no_server_error(archive, query):
    client = Client()
    for path in ("/api/quotes/", "/api/speakers/"):
        response = fetch(client, path, query)
        assert_no_server_error(response, path, query)
        assert response["Content-Type"] == "application/json", (path, query)


@settings(HYPOTHESIS, max_examples=100)
@given(data=st.data(), segment=segments())
def test_random_path_segments_are_no_server_error(archive, data, segment):
    client = Client()
    prefix = data.draw(st.sampled_from(RECORD_PREFIXES), label="prefix")
    suffix = data.draw(
        st.sampled_from(["/", "/feed.atom", "", "/embed", "/v/1/", "/cite.ris", "/x/y/"]),
        label="suffix",
    )
    path = f"{prefix}{segment}{suffix}"
    assert_no_server_error(fetch(client, path), path, "")


ODD_ADDRESSES = [
    "/q/-/",
    "/q/%20/",
    "/q/-/embed",
    "/q/-/cite.ris",
    "/q/-/v/1/",
    "/q/-",
    "/q/-/x",
    "/quotes/-/",
    "/q/%09/",
    "/sources/-/",
    "/api/quotes/-/",
    "/api/sources/-/",
    "/sitemap-nothing.xml",
    "/sitemap-quotes.xml?p=abc",
    "/sitemap-quotes.xml?p=-1",
    "/sitemap-quotes.xml?p=99999999999999999999",
    "/sitemap.xml?p=%ff",
]


def test_odd_addresses_are_no_server_error(archive):
    client = Client()
    for address in ODD_ADDRESSES:
        path, _, query = address.partition("?")
        assert_no_server_error(fetch(client, path, query), path, query)


# The filters say what was wrong -------------------------------------------------------------


def error_block(response):
    """The text of the page's list of filters it could not read."""
    tree = lxml_html.fromstring(response.content)
    return " ".join(" ".join(tree.xpath('//*[@class="errors"]//text()')).split())


@pytest.mark.parametrize("name", FILTERS)
def test_a_filter_it_cannot_read_is_a_400_that_names_it(archive, name):
    client = Client()
    for value in [HUGE, "%ff%fe", MARKUP[0], SQL[0], "-1"]:
        if not surely_invalid(name, value):
            continue
        response = fetch(client, "/quotes/", f"{name}={value}")
        assert response.status_code == 400, (name, value[:40])
        assert "Some filters could not be read" in response.content.decode()
        label = str(response.context["filter"].filters[name].label)
        assert label in error_block(response), (name, value[:40])
        # Nothing is listed that the bad filter could make misleading.
        assert response.context["page"].paginator.count == 0


@settings(HYPOTHESIS, max_examples=100)
@given(query=queries)
def test_random_filters_on_quote_list_answer_200_or_a_400_that_names_each_bad_filter(
    archive, query
):
    response = fetch(Client(), "/quotes/", query)
    assert response.status_code in (200, 400), query
    last = dict(pair.split("=", 1) if "=" in pair else (pair, "") for pair in query.split("&"))
    bad = sorted(name for name in FILTERS if name in last and surely_invalid(name, last[name]))
    if response.status_code == 200:
        assert not bad, f"{bad} accepted in {query[:300]}"
    elif response["Content-Type"].startswith("text/plain"):
        assert "%00" in query  # the middleware's answer to a NUL byte, before any filter runs
    else:
        assert "Some filters could not be read" in response.content.decode()
        form, errors = response.context["filter"].form, error_block(response)
        assert set(bad) <= set(form.errors), (bad, query[:300])
        for name in form.errors:
            assert str(form.fields[name].label) in errors, (name, query[:300])


# The API against its own description --------------------------------------------------------


@pytest.fixture
def wsgi_keeps_the_test_transaction():
    """Called straight, the WSGI handler closes the database connection when a request ends,
    and with it the test's transaction on PostgreSQL; Django's test client stops it the same way.
    """
    signals = [request_started, request_finished]
    for signal in signals:
        signal.disconnect(close_old_connections)
    yield
    for signal in signals:
        signal.connect(close_old_connections)


def test_the_api_keeps_to_its_own_description(archive, wsgi_keeps_the_test_transaction):
    # Schemathesis reads /api/schema/ and calls the API in-process (WSGI, so on the test
    # database), with valid and invalid values for every parameter the description names.
    schema = schemathesis.openapi.from_wsgi("/api/schema/", application)
    checks = [
        not_a_server_error,
        status_code_conformance,
        content_type_conformance,
        response_schema_conformance,
    ]
    failures = []
    for result in schema.get_all_operations():
        operation = result.ok()
        query = [p for p in operation.definition.raw.get("parameters", []) if p["in"] == "query"]
        # Invalid values for the query parameters; a path's string can hold any value.
        modes = [GenerationMode.POSITIVE, *([GenerationMode.NEGATIVE] if query else [])]
        for mode in modes:
            try:
                _call_and_validate(operation.as_strategy(generation_mode=mode), checks)
            except Exception as error:
                failures.append(f"{operation.label} ({mode.value}): {error}")
    # And the records that exist, so that their full answers are checked too.
    quote, retracted = archive["quote"], archive["retracted"]
    known = {
        "/api/quotes/{key}/": [{"key": quote.key}, {"key": retracted.key}],
        "/api/sources/{key}/": [{"key": quote.source.key}],
        "/api/speakers/{slug}/": [{"slug": quote.speaker.slug}],
        "/api/nations/{code}/": [{"code": "de"}],
        "/api/topics/{slug}/": [{"slug": "troops-for-ukraine"}],
    }
    for result in schema.get_all_operations():
        operation = result.ok()
        for parameters in known.get(operation.path, []):
            try:
                _call_and_validate(operation.as_strategy(path_parameters=parameters), checks)
            except Exception as error:
                failures.append(f"{operation.label} {parameters}: {error}")
    assert failures == [], "\n\n".join(failures)


def _call_and_validate(cases, checks):
    @settings(
        HYPOTHESIS,
        max_examples=25,
        suppress_health_check=[*HYPOTHESIS.suppress_health_check, HealthCheck.filter_too_much],
    )
    @given(case=cases)
    def check(case):
        case.call_and_validate(checks=checks)

    check()


def test_the_api_ignores_format_as_any_unknown_parameter(archive):
    # The API speaks JSON only; only its description reads ?format= (yaml or json).
    client = Client()
    for value in ["xml", "yaml", "api", HUGE, "%ff"]:
        for path in [
            "/api/",
            "/api/quotes/",
            "/api/speakers/",
            f"/api/quotes/{archive['quote'].key}/",
        ]:
            response = fetch(client, path, f"format={value}")
            assert response.status_code == 200, (path, value[:20])
            assert response["Content-Type"] == "application/json"
    yaml = fetch(client, "/api/schema/", "format=yaml")
    assert yaml["Content-Type"].startswith("application/vnd.oai.openapi")


# Cursors forged by hand ---------------------------------------------------------------------


def forged_cursor(position, *, reverse=False, offset=0):
    query = urllib.parse.urlencode({"o": offset, "r": int(reverse), "p": position})
    return base64.b64encode(query.encode()).decode()


UNREADABLE_POSITIONS = [
    json.dumps([None, None]),
    json.dumps([[], {}]),
    json.dumps(["2025-02-17"]),
    json.dumps(["2025-02-17", 1, 2]),
    json.dumps({"said_on": "2025-02-17"}),
    json.dumps("x" * 10_000),
    "NaN",
    "not json",
    "",
]


@pytest.mark.parametrize(
    "position",
    [
        *UNREADABLE_POSITIONS,
        json.dumps(["2025-02-17", 2**70]),
        json.dumps(["2025-02-17", -(2**70)]),
        json.dumps(["9999-99-99", 1]),
        json.dumps(["\u0000", 1]),
        "[NaN, Infinity]",
        '["2025-02-17", Infinity]',
    ],
)
def test_a_forged_quote_cursor_is_a_400(archive, position):
    # Quotes are ordered by date and id: the cursor holds both, and both reach the database.
    client = Client()
    for reverse in (False, True):
        cursor = forged_cursor(position, reverse=reverse)
        response = fetch(client, "/api/quotes/", f"cursor={urllib.parse.quote(cursor)}")
        assert response.status_code == 400, (position, response.content[:300])
        assert "cursor" in response.json()["errors"]


@pytest.mark.parametrize(
    "position",
    [
        *UNREADABLE_POSITIONS,
        json.dumps(["\u0000", 1]),
        json.dumps(["a\u0000b", 2]),
        json.dumps(["x" * 300, 1]),
        json.dumps(["Olaf Scholz", 2**70]),
        '["Olaf Scholz", Infinity]',
    ],
)
def test_a_forged_speaker_cursor_is_a_400(archive, position):
    # Speakers are ordered by name and id: the cursor holds a name, which reaches the database.
    client = Client()
    for reverse in (False, True):
        cursor = forged_cursor(position, reverse=reverse)
        response = fetch(client, "/api/speakers/", f"cursor={urllib.parse.quote(cursor)}")
        assert response.status_code == 400, (position, response.content[:300])


def test_a_relevance_cursor_with_an_odd_rank_is_no_server_error(archive):
    client = Client()
    for rank in ("NaN", "Infinity", "-Infinity", "1e400", '"x"', "[]"):
        position = f'[{rank}, "2025-02-17", 1]'
        cursor = forged_cursor(position)
        query = f"q=troops&sort=relevance&cursor={urllib.parse.quote(cursor)}"
        assert_no_server_error(fetch(client, "/api/quotes/", query), "/api/quotes/", query)

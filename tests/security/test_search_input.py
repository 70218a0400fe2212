"""Whatever is typed into a search box is read as a search: never a database error.

PostgreSQL's query parser held at most 32 dashes before a word: a search of 33 answered 500
("tsquery stack too small"), on the page, the feed, the CSV, the API and the admin. Every
place that reads `q` is asked here, with those searches and with random ones made of the
characters its parser treats as operators.
"""

import pytest
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.admin.pages import QUOTE_LIST
from tests.helpers import make_quote
from tracker.filters import MAX_SEARCH_LENGTH
from tracker.models import Quote

pytestmark = pytest.mark.django_db

PUBLIC_SURFACES = [
    "/quotes/",
    "/quotes/?sort=relevance",
    "/quotes/feed.atom",
    "/quotes/feed.atom?sort=relevance",
    "/quotes.csv",
    "/quotes.csv?sort=relevance",
    "/api/quotes/",
    "/api/quotes/?sort=relevance",
]


@pytest.fixture
def archive():
    make_quote(text="Sending troops to Ukraine")
    make_quote(text="Sending troops to the Baltic")


@pytest.fixture
def editor_client(editor):
    client = Client()
    client.force_login(editor)
    return client


def body(response):
    return (b"".join(response) if response.streaming else response.content).decode()


def ask(client, surface, words):
    path, _, query = surface.partition("?")
    params = dict([query.split("=")]) if query else {}
    return client.get(path, {**params, "q": words})


DASHES = "-" * 33


@pytest.mark.parametrize(
    "words",
    [
        DASHES,
        "- " * 40,
        "!-" * 40,
        f'"{DASHES}"',
        f"troops {DASHES}",
        f"troops {'- ' * 40}",
    ],
)
def test_a_search_of_many_dashes_alone_is_read_on_every_surface(
    client, editor_client, archive, words
):
    for surface in PUBLIC_SURFACES:
        response = ask(client, surface, words)
        assert response.status_code == 200, surface
    assert ask(editor_client, QUOTE_LIST, words).status_code == 200


@pytest.mark.parametrize("dashes", [DASHES, "- " * 40 + "-", "-" * 150])
def test_many_dashes_before_a_word_exclude_it_as_one_would(client, editor_client, archive, dashes):
    words = f"troops {dashes}Ukraine"
    for surface in PUBLIC_SURFACES:
        response = ask(client, surface, words)
        assert response.status_code == 200, surface
        assert "the Baltic" in body(response), surface
        assert "to Ukraine" not in body(response), surface
    admin = body(ask(editor_client, QUOTE_LIST, words))
    assert "the Baltic" in admin
    assert "to Ukraine" not in admin


def test_or_between_two_words_still_finds_either(archive):
    make_quote(text="Peace is far away")
    found = set(Quote.objects.published().search("Baltic or Peace").values_list("text", flat=True))
    assert found == {"Sending troops to the Baltic", "Peace is far away"}


# Random searches ----------------------------------------------------------------------------

# What PostgreSQL's websearch parser reads as operators, quote marks, words and stop words.
PIECES = [
    "-",
    "- ",
    "!",
    "&",
    "|",
    "(",
    ")",
    "<",
    "<->",
    ">",
    ":",
    ":*",
    "*",
    '"',
    "'",
    "\\",
    " ",
    "\t",
    "\u00a0",
    "or",
    "OR",
    " or ",
    "and",
    "not",
    "troops",
    "Ukraine",
    "a",
    "José",
    "é",
    "ß",
    "x" * 50,
]
searches = st.one_of(
    st.lists(st.sampled_from(PIECES), max_size=60).map("".join),
    st.text(max_size=80),
    st.text(alphabet="-!\"' ()&|", max_size=120),
)

HYPOTHESIS = settings(
    max_examples=150,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


@HYPOTHESIS
@given(words=searches)
def test_any_search_runs_as_a_query(archive, words):
    # The search itself, as every surface makes it: matched, ranked, highlighted.
    quotes = Quote.objects.published()
    list(quotes.search(words).values_list("pk", "rank"))
    list(quotes.search(words).by_relevance().values_list("pk", flat=True))
    list(Quote.objects.matching(words).values_list("pk", flat=True))


@settings(HYPOTHESIS, max_examples=40)
@given(data=st.data(), words=searches)
def test_any_search_on_any_surface_is_answered(client, editor_client, archive, data, words):
    surface = data.draw(st.sampled_from([*PUBLIC_SURFACES, QUOTE_LIST]), label="surface")
    response = ask(editor_client if surface == QUOTE_LIST else client, surface, words)
    # A NUL is refused before anything reads it; the public search takes 200 characters.
    too_long = len(words.strip()) > MAX_SEARCH_LENGTH and surface != QUOTE_LIST
    if "\x00" in words or too_long:
        assert response.status_code == 400, surface
    else:
        assert response.status_code == 200, surface

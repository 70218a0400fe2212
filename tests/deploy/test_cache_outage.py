"""Redis hanging or down: readers are served without it, at once, and the health checks say so.

A real redis-server of the test's own, behind a link the test breaks (bench/faults.py): it
hangs (accepts connections and never answers) or goes down (refuses them).
"""

import time

import pytest
from django.core.cache import caches

from bench.faults import FaultyLink, redis_server
from tests.helpers import make_nation, make_quote
from tracker.settings import shared_cache

pytestmark = pytest.mark.django_db

# A visitor's budget while Redis hangs: "at most a few hundred milliseconds" more than usual.
HANGING_BUDGET = 0.4
RETRY_AFTER = 0.5


@pytest.fixture(scope="module")
def redis_port(tmp_path_factory):
    with redis_server(tmp_path_factory.mktemp("redis")) as port:
        yield port


@pytest.fixture
def link(redis_port, settings):
    """The production cache settings, through a link to the test's Redis."""
    with FaultyLink(upstream_port=redis_port) as link:
        shared = shared_cache(f"redis://127.0.0.1:{link.port}/8")
        shared["OPTIONS"]["RETRY_AFTER_FAILURE"] = RETRY_AFTER
        settings.CACHES = {**settings.CACHES, "default": shared}
        caches["default"].clear()
        yield link
        caches["default"].close()


@pytest.fixture
def quote():
    return make_quote(text="We stand ready.", nation=make_nation(code="de", name="Germany"))


@pytest.fixture
def pages(quote):
    return ["/", "/quotes/", "/quotes/?q=ready", quote.get_absolute_url(), "/nations/de/"]


def timed_get(client, address):
    started = time.monotonic()
    response = client.get(address)
    return response, time.monotonic() - started


def usual_times(client, pages):
    """Each page rendered afresh with Redis answering, on this machine under today's load."""
    for address in pages:  # templates compiled, URLs resolved once
        client.get(address)
    usual = {}
    for address in pages:
        caches["default"].clear()
        usual[address] = max(timed_get(client, address)[1] for _ in range(2))
    return usual


def test_a_hanging_redis_costs_a_visitor_at_most_a_few_hundred_milliseconds(
    client, link, pages, quote
):
    usual = usual_times(client, pages)
    for address in pages:  # cached, as readers usually get them
        assert client.get(address).status_code == 200
    link.hang()
    for _ in range(3):
        for address in pages:
            response, took = timed_get(client, address)
            assert response.status_code == 200, address
            assert quote.get_absolute_url() in response.content.decode(), address
            assert took - usual[address] < HANGING_BUDGET, (
                f"{address} took {took:.2f} s, {usual[address]:.2f} s with Redis answering"
            )


def test_a_redis_that_refuses_connections_costs_readers_nothing_much(client, link, pages):
    usual = usual_times(client, pages)
    link.down()
    for address in pages:
        response, took = timed_get(client, address)
        assert response.status_code == 200, address
        assert took - usual[address] < HANGING_BUDGET, (
            f"{address} took {took:.2f} s, {usual[address]:.2f} s with Redis answering"
        )


def test_once_redis_answers_again_pages_are_cached_again(
    client, link, pages, django_assert_num_queries
):
    link.hang()
    assert client.get(pages[1]).status_code == 200
    link.heal()
    time.sleep(RETRY_AFTER + 0.1)  # the cache is skipped that long after a failure
    assert client.get(pages[1]).status_code == 200
    with django_assert_num_queries(0):  # from the cache
        assert client.get(pages[1]).status_code == 200


def test_liveness_touches_neither_database_nor_cache(client, link, django_assert_num_queries):
    link.hang()
    with django_assert_num_queries(0):
        response, took = timed_get(client, "/health/live")
    assert response.status_code == 200
    assert took < 0.05
    assert response["Cache-Control"] == "no-store"


def test_readiness_says_the_cache_fails_without_waiting_for_it(client, link):
    assert client.get("/health/ready").json() == {"database default": "ok", "cache": "ok"}
    link.hang()
    response, took = timed_get(client, "/health/ready")
    assert response.status_code == 503
    assert response.json() == {"database default": "ok", "cache": "failing"}
    assert took < HANGING_BUDGET
    # While the cache is skipped, readiness answers at once.
    assert timed_get(client, "/health/ready")[1] < 0.05
    link.heal()
    time.sleep(RETRY_AFTER + 0.1)
    assert client.get("/health/ready").status_code == 200


def test_health_checks_answer_any_host_over_plain_http(client, settings):
    # A load balancer asks each app server by its address, without TLS.
    settings.SECURE_SSL_REDIRECT = True
    settings.ALLOWED_HOSTS = ["archive.example.org"]
    assert client.get("/health/live", HTTP_HOST="10.0.0.7:8000").status_code == 200
    ready = client.get("/health/ready", HTTP_HOST="10.0.0.7:8000")
    assert ready.status_code == 200, ready.content
    # Every other URL is still refused to a host not allowed.
    assert client.get("/robots.txt", HTTP_HOST="10.0.0.7:8000").status_code == 400

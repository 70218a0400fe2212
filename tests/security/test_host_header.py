"""A request's Host header never reaches what other readers are given.

Django checks a Host's name against ALLOWED_HOSTS but not its port, so anyone could ask for
robots.txt as `Host: testserver:6666` and, when pages named the host they were asked for,
every later reader got that host in robots.txt, the sitemaps, the feeds and the API from the
cache. Every absolute URL is now made from SITE_URL (http://testserver in the tests), and the
page cache and its ETags leave the host out.
"""

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.public_pages import STATUS, make_every_page
from tracker.models import Quote, Speaker
from tracker.sitemaps import SITEMAPS

pytestmark = pytest.mark.django_db

HOSTILE = [
    {"HTTP_HOST": "testserver:6666"},
    {"HTTP_HOST": "TESTSERVER:6666"},
    {"HTTP_HOST": "127.0.0.1:6666"},
    {"HTTP_HOST": "localhost", "HTTP_X_FORWARDED_HOST": "evil.example"},
    {"HTTP_HOST": "127.0.0.1:6666", "HTTP_X_FORWARDED_PROTO": "https"},
]
HOSTILE_WORDS = [
    "6666",
    "127.0.0.1",
    "localhost",
    "evil.example",
    "TESTSERVER",
    "https://testserver",
]


@pytest.fixture
def pages(settings):
    settings.ALLOWED_HOSTS = ["testserver", "127.0.0.1", "localhost"]
    every = make_every_page()
    quote = Quote.objects.published().order_by("id").first()
    speaker = Speaker.objects.get(slug="olaf-scholz")
    urls = [url for kind, url in every.items() if kind not in STATUS]
    return {
        "uncached": {every["embed"], "/quotes.csv"},  # framed elsewhere; streamed
        "urls": [
            *urls,
            "/robots.txt",
            reverse("sitemap_index"),
            *(f"/sitemap-{section}.xml" for section in SITEMAPS),
            "/quotes/feed.atom",
            "/corrections/feed.atom",
            f"/people/{speaker.slug}/feed.atom",
            "/api/",
            "/api/quotes/",
            "/api/quotes/?q=troops&sort=relevance",
            f"/api/quotes/{quote.key}/",
            f"/api/speakers/{speaker.slug}/",
            "/api/nations/de/",
            f"/q/{quote.key}/cite.ris",
            "/quotes.csv",
        ],
    }


def body(response):
    return (b"".join(response) if response.streaming else response.content).decode()


def hostile_words_in(response):
    return [word for word in HOSTILE_WORDS if word in body(response)]


def test_hostile_hosts_never_reach_a_cached_page(pages):
    for url in pages["urls"]:
        asked = [Client(**headers).get(url) for headers in HOSTILE]
        for headers, response in zip(HOSTILE, asked, strict=True):
            assert response.status_code == 200, (url, headers)
            assert hostile_words_in(response) == [], (url, headers)
        # Then a reader: given the page the hostile requests cached, under the same ETag.
        with CaptureQueriesContext(connection) as queries:
            response = Client().get(url)
        assert response.status_code == 200, url
        assert hostile_words_in(response) == [], url
        if url not in pages["uncached"]:
            assert len(queries) == 0, url
            assert {page["ETag"] for page in asked} == {response["ETag"]}, url


def test_absolute_urls_are_the_sites_own(pages):
    hostile = Client(HTTP_HOST="testserver:6666")
    assert "Sitemap: http://testserver/sitemap.xml" in body(hostile.get("/robots.txt"))
    assert "<loc>http://testserver/sitemap-quotes.xml</loc>" in body(hostile.get("/sitemap.xml"))
    quote = Quote.objects.published().order_by("id").first()
    permalink = f"http://testserver/q/{quote.key}/"
    assert f"<loc>{permalink}</loc>" in body(hostile.get("/sitemap-quotes.xml"))
    assert f'<link rel="canonical" href="{permalink}">' in body(hostile.get(permalink))
    assert f'"url": "{permalink}"' in body(hostile.get(permalink))  # JSON-LD
    feed = body(hostile.get("/quotes/feed.atom"))
    assert f'<link href="{permalink}" rel="alternate"/><' in feed
    assert '<link href="http://testserver/quotes/feed.atom" rel="self"/>' in feed
    assert hostile.get("/api/").json()["quotes"] == "http://testserver/api/quotes/"


def test_a_host_outside_allowed_hosts_is_refused(pages):
    assert Client(HTTP_HOST="evil.example").get("/robots.txt").status_code == 400

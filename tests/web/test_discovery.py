"""Data a reader can find: every page with a feed announces it to feed readers
(<link rel="alternate">), every list of statements links its feed and its CSV, and a filtered
feed is titled by its filters."""

import feedparser
import pytest
from lxml import html as lxml_html

from tests.public_pages import make_every_page

pytestmark = pytest.mark.django_db

# The page types with a feed, and the feed each announces and links.
FEEDS = {
    "home": ("/quotes/feed.atom", "On the Record: statements"),
    "list": ("/quotes/feed.atom", "On the Record: statements"),
    "filtered list": (
        "/quotes/feed.atom?nation=de&stance=opposed",
        "On the Record: statements (Nation or organisation: Germany, Stance: Opposed)",
    ),
    "person": ("/people/olaf-scholz/feed.atom", "On the Record: Olaf Scholz"),
    "nation": ("/nations/de/feed.atom", "On the Record: Germany"),
    "topic": ("/topics/troops-for-ukraine/feed.atom", "On the Record: Troops for Ukraine"),
    "outlet": ("/quotes/feed.atom?outlet=twz", "On the Record: statements (Outlet: The War Zone)"),
    "event": (
        "/quotes/feed.atom?event=paris-meeting",
        "On the Record: statements (Event: Paris meeting (17 Feb 2025))",
    ),
    "corrections": ("/corrections/feed.atom", "On the Record: corrections and retractions"),
}


def tree(client, url):
    return lxml_html.fromstring(client.get(url).content)


@pytest.mark.parametrize("page_type", FEEDS)
def test_a_page_with_a_feed_announces_and_links_it_and_the_feed_has_that_title(client, page_type):
    pages = make_every_page()
    feed_url, title = FEEDS[page_type]
    page = tree(client, pages[page_type])
    (announced,) = page.xpath('//head/link[@rel="alternate"][@type="application/atom+xml"]')
    assert (announced.get("href"), announced.get("title")) == (feed_url, title)
    assert page.xpath(f'//main//a[@href="{feed_url}"]'), "a visible link to the feed"
    feed = feedparser.parse(client.get(feed_url).content)
    assert not feed.bozo
    assert feed.feed.title == title


def test_the_source_page_announces_its_filtered_feed(client):
    pages = make_every_page()
    page = tree(client, pages["source"])
    (announced,) = page.xpath('//head/link[@rel="alternate"][@type="application/atom+xml"]')
    assert announced.get("href").startswith("/quotes/feed.atom?source=")
    assert announced.get("title").startswith("On the Record: statements (Source: The War Zone")


@pytest.mark.parametrize(
    ("page_type", "csv_url"),
    [
        ("home", "/quotes.csv"),
        ("list", "/quotes.csv"),
        ("filtered list", "/quotes.csv?nation=de&stance=opposed"),
        ("search", "/quotes.csv?nation=de&q=troops&sort=relevance"),
        ("person", "/quotes.csv?speaker=olaf-scholz"),
        ("nation", "/quotes.csv?nation=de"),
        ("topic", "/quotes.csv?topic=troops-for-ukraine"),
        ("outlet", "/quotes.csv?outlet=twz"),
        ("event", "/quotes.csv?event=paris-meeting"),
    ],
)
def test_every_list_of_statements_links_its_csv_with_its_filters(client, page_type, csv_url):
    pages = make_every_page()
    page = tree(client, pages[page_type])
    assert page.xpath(f'//main//a[@href="{csv_url}"]'), page_type
    response = client.get(csv_url)
    assert response.status_code == 200
    assert len(b"".join(response.streaming_content).splitlines()) > 1  # rows, not a header alone


def test_a_sorted_list_links_a_feed_without_its_order_and_never_its_page(client):
    make_every_page()
    page = tree(client, "/quotes/?nation=de&sort=oldest&page=1")
    (announced,) = page.xpath('//head/link[@rel="alternate"][@type="application/atom+xml"]')
    assert announced.get("href") == "/quotes/feed.atom?nation=de"
    assert page.xpath('//main//a[@href="/quotes.csv?nation=de&sort=oldest"]')


def test_an_unreadable_filter_announces_no_feed(client):
    pages = make_every_page()
    response = client.get(pages["unreadable filter"])
    assert response.status_code == 400
    # (Its alternates in other languages are announced; no feed is.)
    assert b'rel="alternate" type="application/atom+xml"' not in response.content
    assert b"/quotes.csv" not in response.content.split(b"<footer")[0]

"""Reading other sites politely and within bounds: time, size, who we are, robots.txt, and never
a private or loopback address the settings do not name (server-side request forgery)."""

import time

import pytest

from tracker import fetching


def test_a_page_is_read_with_our_user_agent(outside_site):
    outside_site.pages["/article"] = "<p>Words</p>"
    page = fetching.fetch(outside_site.url("/article"))
    assert (page.status, page.body) == (200, b"<p>Words</p>")
    _, headers = outside_site.requests[-1]
    assert headers["User-Agent"].startswith("OnTheRecordBot/1.0 (+")


@pytest.mark.parametrize(
    "url",
    [
        "http://localhost:{port}/article",  # the same server, by a name the settings do not give
        "http://10.0.0.1/admin",  # refused before any connection is tried
        "http://[::1]:{port}/article",
        "http://169.254.169.254/latest/meta-data/",  # a cloud's metadata service
        "file:///etc/passwd",
    ],
)
def test_private_loopback_and_odd_urls_are_refused(outside_site, url):
    outside_site.pages["/article"] = "<p>Secret</p>"
    with pytest.raises(fetching.FetchRefused):
        fetching.fetch(url.format(port=outside_site.port))
    assert outside_site.requests == []


def test_a_redirect_to_a_private_address_is_refused(outside_site):
    outside_site.redirects["/moved"] = "http://10.0.0.1/inside"
    with pytest.raises(fetching.FetchRefused):
        fetching.fetch(outside_site.url("/moved"))


def test_redirects_are_followed_and_recorded(outside_site):
    outside_site.redirects["/old"] = "/new"
    outside_site.pages["/new"] = "<p>Moved here</p>"
    page = fetching.fetch(outside_site.url("/old"))
    assert page.final_url == outside_site.url("/new")
    assert page.redirects == [(301, outside_site.url("/old"), outside_site.url("/new"))]


def test_a_redirect_loop_is_refused(outside_site):
    outside_site.redirects["/a"] = "/b"
    outside_site.redirects["/b"] = "/a"
    with pytest.raises(fetching.FetchRefused, match="loop"):
        fetching.fetch(outside_site.url("/a"))


def test_a_slow_page_times_out(outside_site):
    started = time.monotonic()
    with pytest.raises(fetching.FetchError) as failure:
        fetching.fetch(outside_site.url("/slow"))
    assert not isinstance(failure.value, fetching.FetchRefused)  # worth trying again
    assert time.monotonic() - started < 2.5


def test_a_page_that_never_ends_is_cut_at_the_size_limit(outside_site):
    with pytest.raises(fetching.FetchRefused, match="larger than"):
        fetching.fetch(outside_site.url("/endless"))


def test_robots_txt_is_honoured(outside_site):
    outside_site.robots = "User-agent: OnTheRecordBot\nDisallow: /private/\n"
    robots = {}
    assert not fetching.allowed_by_robots(outside_site.url("/private/page"), robots_cache=robots)
    assert fetching.allowed_by_robots(outside_site.url("/public/page"), robots_cache=robots)
    assert outside_site.paths_asked() == ["/robots.txt"]  # read once for the site

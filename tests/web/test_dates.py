"""Statements by month and by day: /dates/<yyyy>/<mm>/ and /dates/<yyyy>/<mm>/<dd>/, with the
periods around them, and a 404 for a date that does not exist."""

import datetime

import pytest
from pytest_django.asserts import assertContains, assertNotContains

from tests.helpers import make_quote
from tracker.models import Quote

pytestmark = pytest.mark.django_db


@pytest.fixture
def statements():
    make_quote(text="Said in January.", said_on=datetime.date(2025, 1, 20))
    make_quote(text="Said on the 16th.", said_on=datetime.date(2025, 2, 16))
    make_quote(text="Said on the 17th.", said_on=datetime.date(2025, 2, 17))
    make_quote(
        text="Said about mid-February.",
        said_on=datetime.date(2025, 2, 17),
        said_on_precision=Quote.Precision.APPROXIMATE,
    )
    make_quote(
        text="Said some time in February.",
        said_on=datetime.date(2025, 2, 1),
        said_on_precision=Quote.Precision.MONTH,
    )
    make_quote(text="A draft.", said_on=datetime.date(2025, 2, 17), status=Quote.Status.DRAFT)
    make_quote(text="Said in April.", said_on=datetime.date(2025, 4, 2))


def test_dates_link_each_month_to_its_page(client, statements):
    response = client.get("/dates/")
    assertContains(response, '<a href="/dates/2025/02/">February 2025</a>: 4 statements')
    assertContains(response, '<a href="/dates/2025/04/">April 2025</a>: 1 statement<')


def test_a_month_lists_its_statements_oldest_first_and_links_its_days(client, statements):
    response = client.get("/dates/2025/02/")
    html = response.content.decode()
    assertContains(response, "<h1>Statements of February 2025</h1>")
    said = ["some time in February", "on the 16th", "on the 17th", "about mid-February"]
    assert sorted(said, key=lambda words: html.index(f"Said {words}.")) == said
    assertNotContains(response, "A draft.")
    assertContains(response, '<a href="/dates/2025/02/16/">16 February 2025</a> (1)')
    assertContains(response, '<a href="/dates/2025/02/17/">17 February 2025</a> (1)')
    # The months around it that hold statements, not the empty March.
    assertContains(response, 'rel="prev" href="/dates/2025/01/"')
    assertContains(response, 'rel="next" href="/dates/2025/04/"')


def test_a_day_lists_what_may_have_been_said_that_day_marked_when_not_exact(client, statements):
    response = client.get("/dates/2025/02/17/")
    assertContains(response, "<h1>Statements of 17 February 2025</h1>")
    assertContains(response, "Said on the 17th.")
    # Known only to the month, or about the day: they may have been said that day.
    assertContains(response, "Said about mid-February.")
    assertContains(response, "Said some time in February.")
    assertContains(response, "(day not known)", count=2)
    for elsewhere in ("Said on the 16th.", "A draft."):
        assertNotContains(response, elsewhere)
    assertContains(response, 'rel="prev" href="/dates/2025/02/16/"')
    assertContains(response, 'rel="next" href="/dates/2025/04/02/"')
    assertContains(response, '<a href="/dates/2025/02/">February 2025</a>')


def test_a_range_of_days_is_listed_on_each_day_and_month_it_spans(client):
    make_quote(
        text="Said one day that week.",
        said_on=datetime.date(2025, 1, 28),
        said_on_latest=datetime.date(2025, 2, 3),
        said_on_precision=Quote.Precision.BETWEEN,
    )
    for page in ("/dates/2025/01/", "/dates/2025/02/", "/dates/2025/02/03/", "/dates/2025/01/28/"):
        assertContains(client.get(page), "between 28 Jan and 3 Feb 2025")
    assertNotContains(client.get("/dates/2025/02/04/"), "Said one day that week.")


def test_an_empty_period_says_so_and_leads_to_the_nearest_with_statements(client, statements):
    response = client.get("/dates/2025/03/")
    assert response.status_code == 200
    assertContains(response, "Nothing published was said this month.")
    assertContains(response, 'rel="prev" href="/dates/2025/02/"')
    day = client.get("/dates/2025/03/05/")
    assertContains(day, "Nothing published is known to have been said this day.")


NO_SUCH_DATES = [
    "/dates/2025/13/",
    "/dates/2025/00/",
    "/dates/0000/01/",
    "/dates/2025/02/30/",
    "/dates/2025/02/00/",
    "/dates/2025/2/",
    "/dates/2025/02/7/",
    "/dates/20250/02/",
    "/dates/2025/02/17/x/",
]


def test_a_date_that_does_not_exist_is_404_never_a_server_error(client):
    assert {address: client.get(address).status_code for address in NO_SUCH_DATES} == dict.fromkeys(
        NO_SUCH_DATES, 404
    )


def test_a_new_publication_shows_on_its_month_and_day_at_once(client, statements, chief_editor):
    assertNotContains(client.get("/dates/2025/02/16/"), "Published later.")
    quote = make_quote(
        text="Published later.", said_on=datetime.date(2025, 2, 16), status=Quote.Status.REVIEW
    )
    quote.publish(by=chief_editor)
    assertContains(client.get("/dates/2025/02/16/"), "Published later.")
    assertContains(
        client.get("/dates/2025/02/"), '<a href="/dates/2025/02/16/">16 February 2025</a> (2)'
    )

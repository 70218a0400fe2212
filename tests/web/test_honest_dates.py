"""Dates as the reporting gives them: an editor enters a day, a month, a year, about a day, one
day between two, or on or before a day, with a note on how it was inferred; readers see it in
one style on the card and the permalink, marked when the day is not known; the data outputs
carry it as EDTF; date filters find a quote whose possible days overlap theirs."""

import datetime
import re

import feedparser
import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.urls import reverse
from pytest_django.asserts import assertContains, assertNotContains

from tests.admin.pages import posted_back, quote_page
from tests.helpers import make_outlet, make_quote, make_source, make_speaker, make_stance
from tracker.models import Event, Quote, Source
from tracker.models.dates import PossibleDates, Precision

pytestmark = pytest.mark.django_db

FEB = datetime.date


def add_quote(client, **dates):
    """What an editor posts from the admin's add form: words, who, where, and the dates."""
    add = reverse("admin:tracker_quote_add")
    data = posted_back(
        client.get(add),
        text="We are ready to help.",
        kind=Quote.Kind.DIRECT,
        language="en",
        speaker=make_speaker(name="Pete Hegseth").pk,
        source=make_source().pk,
        stance=make_stance().pk,
        **dates,
    )
    return client.post(add, data)


def test_an_editor_enters_one_day_between_two_and_readers_see_it_everywhere(client, chief_editor):
    client.force_login(chief_editor)
    response = add_quote(
        client,
        said_on_precision=Precision.BETWEEN,
        said_on="2025-02-10",
        said_on_latest="2025-02-16",
        said_on_note="The article of 17 February says “last week”.",
    )
    assert response.status_code == 302, response.context["errors"]
    quote = Quote.objects.get()
    assert (quote.said_on, quote.said_on_latest) == (FEB(2025, 2, 10), FEB(2025, 2, 16))
    quote.publish(by=chief_editor)
    client.logout()

    card = client.get(reverse("quote_list"))
    assertContains(card, 'between 10 and 16 Feb 2025</time> <span class="date-approximate">')
    permalink = client.get(quote.get_absolute_url())
    assertContains(permalink, "We are ready to help.")
    assertContains(permalink, "How the date is known:</span> The article of 17 February says")
    assertContains(permalink, '"temporalCoverage": "[2025-02-10..2025-02-16]"')

    api = client.get(f"/api/quotes/{quote.key}/").json()
    assert api["said_on"] == "2025-02-10"
    assert api["said_on_latest"] == "2025-02-16"
    assert api["said_on_precision"] == "between"
    assert api["said_on_edtf"] == "[2025-02-10..2025-02-16]"
    assert api["said_on_display"] == "between 10 and 16 Feb 2025"
    assert api["said_on_note"].startswith("The article of 17 February")

    csv = b"".join(client.get("/quotes.csv").streaming_content).decode()
    assert ",2025-02-10,2025-02-16,between,[2025-02-10..2025-02-16],The article of" in csv

    feed = client.get(reverse("quote_feed")).content.decode()
    assert "<dcterms:created>[2025-02-10..2025-02-16]</dcterms:created>" in feed
    entry = feedparser.parse(feed).entries[0]
    assert entry.title.startswith("Pete Hegseth, between 10 and 16 Feb 2025: ")


@pytest.mark.parametrize(
    ("dates", "shown", "edtf"),
    [
        ({"said_on_precision": "day", "said_on": "2025-02-17"}, "17 Feb 2025", "2025-02-17"),
        ({"said_on_precision": "month", "said_on": "2025-03-01"}, "March 2025", "2025-03"),
        ({"said_on_precision": "year", "said_on": "2025-01-01"}, "2025", "2025"),
        (
            {"said_on_precision": "approximate", "said_on": "2025-02-16"},
            "about mid-February 2025",
            "2025-02-16~",
        ),
        (
            {"said_on_precision": "on_or_before", "said_on": "2025-02-18"},
            "on or before 18 Feb 2025",
            "[..2025-02-18]",
        ),
        (
            {"said_on_precision": "on_or_after", "said_on": "2025-02-18"},
            "on or after 18 Feb 2025",
            "[2025-02-18..]",
        ),
    ],
)
def test_each_kind_of_date_entered_in_the_admin_is_shown_and_exported_as_entered(
    client, chief_editor, dates, shown, edtf
):
    client.force_login(chief_editor)
    assert add_quote(client, **dates).status_code == 302
    quote = Quote.objects.get()
    quote.publish(by=chief_editor)
    assertContains(client.get(quote.get_absolute_url()), f"{shown}</time>")
    assert client.get(f"/api/quotes/{quote.key}/").json()["said_on_edtf"] == edtf


@pytest.mark.parametrize(
    ("dates", "field", "message"),
    [
        (
            {
                "said_on_precision": "between",
                "said_on": "2025-02-16",
                "said_on_latest": "2025-02-10",
            },
            "said_on_latest",
            "The latest possible day cannot be before the earliest.",
        ),
        (
            {"said_on_precision": "between", "said_on": "2025-02-16"},
            "said_on_latest",
            "For one day between two, give a latest day after the earliest.",
        ),
        (
            {"said_on_precision": "month", "said_on": "2025-03-05"},
            "said_on",
            "For a date known only to the month, enter the 1st of the month.",
        ),
        (
            {"said_on_precision": "year", "said_on": "2025-03-01"},
            "said_on",
            "For a date known only to the year, enter the 1st of January.",
        ),
        (
            {
                "said_on_precision": "between",
                "said_on": "2024-01-01",
                "said_on_latest": "2025-06-01",
            },
            "said_on_latest",
            "The possible days may span a year at most.",
        ),
    ],
)
def test_the_admin_refuses_dates_that_cannot_be(client, chief_editor, dates, field, message):
    client.force_login(chief_editor)
    response = add_quote(client, **dates)
    assert response.status_code == 200
    assert response.context["adminform"].form.errors[field] == [message]
    assert not Quote.objects.exists()


def test_a_month_is_found_by_a_filter_for_days_within_it_marked_as_approximate(client):
    make_quote(
        text="Some time in March.",
        said_on=FEB(2025, 3, 1),
        said_on_precision=Precision.MONTH,
    )
    make_quote(text="On the 1st of March.", said_on=FEB(2025, 3, 1))
    make_quote(text="In February.", said_on=FEB(2025, 2, 20))
    response = client.get(
        reverse("quote_list"), {"said_after": "2025-03-02", "said_before": "2025-03-31"}
    )
    assertContains(response, "Some time in March.")
    assertContains(response, 'March 2025</time> <span class="date-approximate">(day not known)')
    assertNotContains(response, "On the 1st of March.")
    assertNotContains(response, "In February.")
    api = client.get("/api/quotes/", {"said_after": "2025-03-02"}).json()
    assert [quote["text"] for quote in api["results"]] == ["Some time in March."]
    csv = b"".join(client.get("/quotes.csv", {"said_after": "2025-03-02"}).streaming_content)
    assert b"Some time in March." in csv and b"On the 1st of March." not in csv


def test_a_range_is_found_by_a_filter_overlapping_either_end(client):
    make_quote(
        text="One day that week.",
        said_on=FEB(2025, 2, 10),
        said_on_latest=FEB(2025, 2, 16),
        said_on_precision=Precision.BETWEEN,
    )
    for query, found in [
        ({"said_after": "2025-02-16"}, True),
        ({"said_after": "2025-02-17"}, False),
        ({"said_before": "2025-02-10"}, True),
        ({"said_before": "2025-02-09"}, False),
        ({"said_after": "2025-02-12", "said_before": "2025-02-13"}, True),
    ]:
        response = client.get(reverse("quote_list"), query)
        assert ("One day that week." in response.content.decode()) is found, query


def test_changing_a_published_quotes_date_is_a_public_correction(client, chief_editor):
    quote = make_quote(text="We are ready.", said_on=FEB(2025, 2, 17))
    client.force_login(chief_editor)
    page = client.get(quote_page(quote))
    data = posted_back(
        page,
        said_on_precision=Precision.BETWEEN,
        said_on="2025-02-10",
        said_on_latest="2025-02-16",
        said_on_note="The article says “last week”.",
        correction_reason="The article gives the week, not the day.",
    )
    response = client.post(quote_page(quote), data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    correction = quote.corrections.get()
    assert correction.changed == ("date, latest possible date, date precision, note on the date")
    client.logout()
    permalink = client.get(quote.get_absolute_url())
    assertContains(permalink, "between 10 and 16 Feb 2025")
    assertContains(permalink, "corrected the date, latest possible date")


def test_a_source_known_to_the_month_shows_and_exports_the_month(client, chief_editor):
    client.force_login(chief_editor)
    outlet = make_outlet(name="Dagens Nyheter")
    add_page = client.get(reverse("admin:tracker_source_add"))
    data = posted_back(
        add_page,
        outlet=outlet.pk,
        title="Sverige och fredsstyrkan",
        published_on="2025-02-01",
        published_on_precision=Precision.MONTH,
    )
    response = client.post(reverse("admin:tracker_source_add"), data)
    assert response.status_code == 302, response.context["errors"]
    source = Source.objects.get(title="Sverige och fredsstyrkan")
    assert source.published_on_precision == Precision.MONTH
    make_quote(source=source)
    client.logout()
    page = client.get(source.get_absolute_url())
    assertContains(page, '<time datetime="2025-02">February 2025</time>')
    assert client.get(f"/api/sources/{source.key}/").json()["published_on_edtf"] == "2025-02"


def test_a_source_month_must_start_on_the_first():
    source = make_source(published_on=FEB(2025, 2, 3), published_on_precision=Precision.MONTH)
    with pytest.raises(ValidationError, match="1st of the month"):
        source.full_clean()


def test_an_event_of_several_days_shows_its_span(client):
    event = Event.objects.create(
        name="Munich Security Conference",
        slug="munich-2025",
        happened_on=FEB(2025, 2, 14),
        ended_on=FEB(2025, 2, 16),
    )
    make_quote(event=event)
    page = client.get(event.get_absolute_url())
    assertContains(page, '<time datetime="2025-02-14">14 to 16 Feb 2025</time>')
    assert event.dates.edtf() == "2025-02-14/2025-02-16"
    assert str(event) == "Munich Security Conference (14 to 16 Feb 2025)"


def test_a_persons_stance_changes_give_their_dates_in_the_one_style(client):
    scholz = make_speaker(name="Olaf Scholz", slug="olaf-scholz")
    make_quote(
        speaker=scholz,
        stance=make_stance(value="open", label="Open to it", position=2),
        said_on=FEB(2025, 2, 12),
        said_on_precision=Precision.APPROXIMATE,
    )
    make_quote(speaker=scholz, stance=make_stance(), said_on=FEB(2025, 2, 17))
    page = client.get(scholz.get_absolute_url()).content.decode()
    changes = page[page.index('id="stance"') : page.index('id="then-and-now"')]
    assert (
        '<time datetime="2025-02">about mid-February 2025</time> '
        '<span class="date-approximate">(day not known)</span>:'
    ) in changes
    assert '<time datetime="2025-02-17">17 Feb 2025</time>:' in changes
    assert "12 Feb 2025" not in changes


def test_dates_written_as_edtf_are_read_back_by_the_edtf_package():
    import edtf

    for dates in [
        PossibleDates.of(FEB(2025, 2, 17)),
        PossibleDates.of(FEB(2025, 2, 17), Precision.APPROXIMATE),
        PossibleDates.of(FEB(2025, 2, 10), Precision.BETWEEN, FEB(2025, 2, 16)),
        PossibleDates.of(FEB(2025, 2, 18), Precision.ON_OR_BEFORE),
        PossibleDates.of(FEB(2025, 2, 18), Precision.ON_OR_AFTER),
        PossibleDates.of(FEB(2025, 2, 1), Precision.MONTH),
        PossibleDates.of(FEB(2025, 1, 1), Precision.YEAR),
        PossibleDates.of(FEB(2025, 2, 14), latest=FEB(2025, 2, 16), spans=True),
    ]:
        assert str(edtf.parse_edtf(dates.edtf())) == dates.edtf()


def test_the_quote_list_filtered_by_date_reads_the_date_index():
    make_quote()
    query = Quote.objects.published().said_between(start=FEB(2025, 2, 1), end=FEB(2025, 2, 28))
    sql, params = query.order_by("-said_on", "-id")[:25].query.sql_with_params()
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SET LOCAL enable_seqscan = off")
            cursor.execute(f"EXPLAIN {sql}", params)
        else:
            cursor.execute(f"EXPLAIN QUERY PLAN {sql}", params)
        plan = "\n".join(str(row[-1]) for row in cursor.fetchall())
    # Read in the list's order from the index on status and date: no sort of every match.
    # Either date index (the planner picks between them on a small table); never a sort.
    assert re.search(r"quote_public_by_date|quote_by_date", plan), plan
    assert not re.search(r"\bSort\b|TEMP B-TREE", plan), plan


# Open-sided dates: “on or before” and “on or after” are found in any range they could fall in.


@pytest.fixture
def open_sided():
    before = make_quote(
        text="Said some time before the article.",
        said_on=FEB(2025, 2, 17),
        said_on_precision=Precision.ON_OR_BEFORE,
        said_on_note="The article of 17 February says the minister “has said” it.",
    )
    after = make_quote(
        text="Said some time after the summit.",
        said_on=FEB(2025, 2, 10),
        said_on_precision=Precision.ON_OR_AFTER,
    )
    return before, after


@pytest.mark.parametrize(
    ("query", "before_found", "after_found"),
    [
        ({"said_after": "2025-02-01", "said_before": "2025-02-09"}, True, False),
        ({"said_after": "2025-01-01", "said_before": "2025-01-31"}, True, False),
        ({"said_before": "2024-02-17"}, True, False),
        ({"said_before": "2024-02-16"}, False, False),
        ({"said_after": "2025-02-17"}, True, True),
        ({"said_after": "2025-02-18"}, False, True),
        ({"said_after": "2025-03-01", "said_before": "2025-03-31"}, False, True),
        ({"said_after": "2026-02-10"}, False, True),
        ({"said_after": "2026-02-12"}, False, False),
        ({"said_before": "2025-02-09"}, True, False),
    ],
)
def test_an_open_sided_date_is_found_in_any_range_it_could_fall_in(
    client, open_sided, query, before_found, after_found
):
    response = client.get(reverse("quote_list"), query)
    page = response.content.decode()
    assert ("Said some time before the article." in page) is before_found, query
    assert ("Said some time after the summit." in page) is after_found, query
    api = client.get("/api/quotes/", query).json()
    texts = {quote["text"] for quote in api["results"]}
    assert ("Said some time before the article." in texts) is before_found, query


def test_an_open_sided_date_found_elsewhere_is_marked_as_not_exact(client, open_sided):
    response = client.get(
        reverse("quote_list"), {"said_after": "2025-02-01", "said_before": "2025-02-09"}
    )
    assertContains(
        response,
        'on or before 17 Feb 2025</time> <span class="date-approximate">(day not known)',
    )
    day = client.get(reverse("date_day", args=["2025", "02", "03"]))
    assertContains(day, "Said some time before the article.")
    assertContains(day, "(day not known)")


def test_date_filters_find_exactly_the_quotes_whose_possible_days_overlap(open_sided):
    make_quote(
        text="One day that week.",
        said_on=FEB(2025, 2, 10),
        said_on_latest=FEB(2025, 2, 16),
        said_on_precision=Precision.BETWEEN,
    )
    make_quote(text="Some time in March.", said_on=FEB(2025, 3, 1), said_on_precision="month")
    make_quote(text="On the day.", said_on=FEB(2025, 2, 17))
    quotes = list(Quote.objects.published())
    days = [FEB(2024, 2, 15), FEB(2024, 2, 18), FEB(2025, 2, 9), FEB(2025, 2, 12)]
    days += [FEB(2025, 2, 17), FEB(2025, 3, 5), FEB(2026, 2, 11), FEB(2026, 2, 12)]
    for start in [None, *days]:
        for end in [None, *days]:
            if start and end and end < start:
                continue
            found = set(Quote.objects.said_between(start=start, end=end))
            for quote in quotes:
                first, last = quote.said_on_dates.bounds
                could = (start is None or last >= start) and (end is None or first <= end)
                assert (quote in found) is could, (quote.text, start, end)


def test_the_methodology_says_what_an_open_side_means(client):
    page = client.get(reverse("methodology"))
    assertContains(page, "“on or before 17 Feb 2025” may be any day from 17 Feb 2024")


def test_an_open_side_stops_at_the_ends_of_the_calendar():
    first_day, last_day = datetime.date.min, datetime.date.max
    before = PossibleDates.of(first_day + datetime.timedelta(days=3), Precision.ON_OR_BEFORE)
    after = PossibleDates.of(last_day - datetime.timedelta(days=3), Precision.ON_OR_AFTER)
    assert before.bounds == (first_day, before.latest)
    assert after.bounds == (after.earliest, last_day)

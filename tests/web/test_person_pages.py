"""A person's page: who they are now and what they said, at a glance (the summary), and where
their stance changed, the statement before and the one after side by side (then and now)."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from lxml import html as lxml_html

from tests.helpers import (
    make_nation,
    make_quote,
    make_role,
    make_speaker,
    make_stance,
    make_topic,
)
from tracker.models import Quote

pytestmark = pytest.mark.django_db


def day(month, date, year=2025):
    return datetime.date(year, month, date)


def page_of(client, speaker):
    response = client.get(speaker.get_absolute_url())
    assert response.status_code == 200
    return lxml_html.fromstring(response.content)


def text_of(element):
    return " ".join(element.text_content().split())


def summary_of(html):
    """The summary's terms and what each says, as a reader reads the definition list."""
    (summary,) = html.xpath('//section[@aria-labelledby="summary"]/dl')
    return {text_of(term): text_of(term.getnext()) for term in summary.xpath("dt")}


def latest_stances(html):
    return html.xpath('//ul[@class="latest-stances"]/li')


def then_and_now(html):
    return html.xpath('//table[@class="then-and-now"]')


@pytest.fixture
def starmer():
    britain = make_nation(code="gb", name="United Kingdom")
    speaker = make_speaker(name="Keir Starmer", slug="keir-starmer", nation=britain)
    make_role(
        speaker=speaker,
        title="Leader of the Opposition",
        nation=britain,
        started_on=day(4, 4, 2020),
        ended_on=day(7, 5, 2024),
    )
    make_role(speaker=speaker, title="Prime Minister", nation=britain, started_on=day(7, 5, 2024))
    return speaker


@pytest.fixture
def stances():
    troops = make_topic()
    tariffs = make_topic(slug="tariffs", name="Tariffs", question="Will Europe answer tariffs?")
    return {
        "open": make_stance(topic=troops, value="open", label="Open to it", position=2),
        "willing": make_stance(topic=troops, value="willing", label="Willing", position=1),
        "opposed": make_stance(topic=troops, value="opposed", label="Opposed", position=4),
        "silent": make_stance(topic=troops, value="no-position", label="No position", position=5),
        "retaliate": make_stance(topic=tariffs, value="retaliate", label="Retaliate", position=1),
    }


def test_a_reader_sees_who_the_person_is_now_and_how_much_they_said(client, starmer, stances):
    make_quote(
        speaker=starmer,
        stance=stances["open"],
        said_on=day(1, 1),
        said_on_precision=Quote.Precision.MONTH,
    )
    make_quote(speaker=starmer, stance=stances["willing"], said_on=day(2, 17))
    latest = make_quote(speaker=starmer, stance=stances["willing"], said_on=day(3, 2))
    # Neither a draft nor a retracted statement counts, nor moves the dates.
    make_quote(speaker=starmer, stance=stances["opposed"], said_on=day(4, 1), status="draft")
    make_quote(speaker=starmer, stance=stances["opposed"], said_on=day(5, 1), status="retracted")

    html = page_of(client, starmer)

    summary = summary_of(html)
    assert summary["Role now"] == "Prime Minister, since 5 Jul 2024"
    assert summary["Speaks for"] == "United Kingdom"
    # The first date is as precise as it is known: a month, not a made-up day.
    assert summary["Published statements"] == "3: the first January 2025, the latest 2 Mar 2025"
    links = html.xpath('//section[@aria-labelledby="summary"]/dl/dd/a/@href')
    assert latest.get_absolute_url() in links


def test_a_reader_sees_the_latest_stance_on_each_question_linked_to_its_statement(
    client, starmer, stances
):
    make_quote(speaker=starmer, stance=stances["open"], said_on=day(1, 10))
    willing = make_quote(speaker=starmer, stance=stances["willing"], said_on=day(2, 17))
    # Later words that take no position leave the stance where it was.
    make_quote(speaker=starmer, stance=stances["silent"], said_on=day(3, 1))
    tariffs = make_quote(speaker=starmer, stance=stances["retaliate"], said_on=day(4, 2))
    # Another person's stance is theirs, not his.
    make_quote(stance=stances["opposed"], said_on=day(5, 1))

    html = page_of(client, starmer)

    latest = [text_of(item) for item in latest_stances(html)]
    assert latest == ["Tariffs: Retaliate, 2 Apr 2025", "Troops for Ukraine: Willing, 17 Feb 2025"]
    links = [item.xpath("a")[-1].get("href") for item in latest_stances(html)]
    assert links == [tariffs.get_absolute_url(), willing.get_absolute_url()]


def test_a_reader_sees_each_change_of_stance_then_and_now_side_by_side(client, starmer, stances):
    first = make_quote(
        speaker=starmer, stance=stances["open"], said_on=day(1, 10), text="We are open to it."
    )
    make_quote(speaker=starmer, stance=stances["open"], said_on=day(1, 20))
    turned = make_quote(
        speaker=starmer, stance=stances["willing"], said_on=day(2, 17), text="We will send them."
    )
    # No position is no change; a draft is no change either.
    make_quote(speaker=starmer, stance=stances["silent"], said_on=day(2, 20))
    make_quote(speaker=starmer, stance=stances["opposed"], said_on=day(3, 1), status="draft")
    make_quote(speaker=starmer, stance=stances["retaliate"], said_on=day(4, 2))

    html = page_of(client, starmer)

    (table,) = then_and_now(html)  # on tariffs, one stance: no change
    assert text_of(table.xpath("caption")[0]) == "Troops for Ukraine"
    assert [text_of(th) for th in table.xpath("thead/tr/th")] == ["Then", "Now"]
    (row,) = table.xpath("tbody/tr")
    then, now = row.xpath("td")
    assert text_of(then).startswith("Open to it, 20 Jan 2025: “Words number")
    assert text_of(now) == "Willing, 17 Feb 2025: “We will send them.”"
    assert now.xpath("a/@href") == [turned.get_absolute_url()]
    # The statement just before the change stands for "then", not the first of that stance.
    assert first.get_absolute_url() not in table.xpath(".//a/@href")


def test_a_person_who_never_changed_stance_is_said_to_have_kept_it(client, starmer, stances):
    make_quote(speaker=starmer, stance=stances["open"], said_on=day(1, 10))
    make_quote(speaker=starmer, stance=stances["open"], said_on=day(2, 10))
    html = page_of(client, starmer)
    assert then_and_now(html) == []
    (section,) = html.xpath('//section[@aria-labelledby="then-and-now"]')
    assert "No change of stance on record" in text_of(section)


def test_a_cached_person_page_shows_a_newly_published_statement_and_a_new_role(
    client, starmer, stances, chief_editor
):
    make_quote(speaker=starmer, stance=stances["open"], said_on=day(1, 10))
    before = summary_of(page_of(client, starmer))
    assert before["Published statements"].startswith("1:")

    draft = make_quote(
        speaker=starmer, stance=stances["willing"], said_on=day(2, 17), status="draft"
    )
    draft.publish(by=chief_editor)
    make_role(speaker=starmer, title="Peace envoy", started_on=day(3, 1))

    html = page_of(client, starmer)
    after = summary_of(html)
    assert after["Published statements"].startswith("2:")
    assert after["Role now"] == "Peace envoy, since 1 Mar 2025"
    assert len(html.xpath('//table[@class="then-and-now"]/tbody/tr')) == 1


def test_the_person_page_takes_the_same_queries_however_many_statements(
    client, starmer, stances, without_page_cache
):
    def queries():
        with CaptureQueriesContext(connection) as captured:
            assert client.get(starmer.get_absolute_url()).status_code == 200
        return len(captured)

    for n in range(3):
        make_quote(speaker=starmer, stance=[stances["open"], stances["willing"]][n % 2])
    few = queries()
    for n in range(30):
        stance = [stances["open"], stances["willing"], stances["retaliate"]][n % 3]
        make_quote(speaker=starmer, stance=stance, said_on=day(1 + n % 12, 1 + n % 28))
    # The speaker, their roles and aliases, the count and a page of cards (with their
    # translations, attribution chains and edits), the summary (its ids, then its rows), the
    # stance changes and then-and-now (the newest ids, their predecessors, their rows).
    # PostgreSQL is asked first how long it expects the list to be (an EXPLAIN).
    assert queries() == few == (19 if connection.vendor == "postgresql" else 18)
    # Read again, the summary, the stance changes and the cards come from the cache: the
    # speaker, their roles and aliases, and the page of ids.
    assert queries() == 4

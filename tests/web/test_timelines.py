"""The timeline of stances, rendered on the server: an SVG a screen reader can name, each mark
a link to its statement, and the same changes as a table, with no JavaScript at all."""

import datetime
import re

import pytest

from tests.helpers import make_nation, make_quote, make_speaker, make_stance
from tracker import timeline

pytestmark = pytest.mark.django_db


def test_a_questions_timeline_has_a_lane_for_each_nation_and_a_table_of_the_same(client):
    germany, france = make_nation(code="de", name="Germany"), make_nation(code="fr", name="France")
    scholz = make_speaker(name="Olaf Scholz", nation=germany)
    open_ = make_stance(value="open", label="Open to it", position=2)
    opposed = make_stance(value="opposed", label="Opposed", position=4)
    first = make_quote(speaker=scholz, stance=open_, said_on=datetime.date(2025, 1, 1))
    make_quote(speaker=scholz, stance=open_, said_on=datetime.date(2025, 1, 15))  # no change
    last = make_quote(speaker=scholz, stance=opposed, said_on=datetime.date(2025, 3, 1))
    macron = make_quote(
        speaker=make_speaker(name="Emmanuel Macron", nation=france),
        stance=open_,
        said_on=datetime.date(2025, 1, 31),
    )
    html = client.get("/topics/troops-for-ukraine/").content.decode()
    svg = re.search(r"<svg role=\"graphics-document\".*?</svg>\s*<figcaption>", html, re.S)[0]
    assert (
        '<title id="timeline-title">Troops for Ukraine: who changed stance, and when</title>' in svg
    )
    assert '<desc id="timeline-desc">Each row is a nation;' in svg
    assert re.findall(r'<g role="group" aria-label="([^"]+)">', svg) == ["France", "Germany"]
    marks = re.findall(r'<a href="/q/(\w+)/"><title>([^<]+)</title><svg x="([\d.]+)%"', svg)
    assert marks == [
        (macron.key, "France: Open to it, 31 Jan 2025, Emmanuel Macron", "50.78"),
        (first.key, "Germany: Open to it, 1 Jan 2025, Olaf Scholz", "4.0"),
        (last.key, "Germany: Opposed, 1 Mar 2025, Olaf Scholz", "96.0"),
    ]
    table = html.partition('<table class="timeline-table">')[2].partition("</table>")[0]
    assert len(re.findall(r"<tr>", table)) == 4  # the header and three changes
    assert f'<a href="/q/{last.key}/"><time datetime="2025-03-01">1 Mar 2025</time></a>' in table


def test_changes_of_one_line_on_one_day_step_apart():
    day = datetime.date(2025, 2, 17)
    changes = [
        {"said_on": day, "tone": tone, "label": label, "nation": "Spain"}
        for tone, label in (("4", "Opposed"), ("3", "Conditional"))
    ]
    (lane,) = timeline.layout(changes, lane="nation")["lanes"]
    assert [(mark["x"], mark["dx"]) for mark in lane["marks"]] == [(50.0, -16), (50.0, 0)]


def test_ticks_are_as_fine_as_the_span_needs():
    def labels(first, last):
        x = lambda day: 0  # noqa: E731
        return [tick["label"] for tick in timeline.ticks(first, last, x)]

    assert labels(datetime.date(2025, 2, 1), datetime.date(2025, 2, 21)) == [
        "1 Feb",
        "11 Feb",
        "21 Feb",
    ]
    assert labels(datetime.date(2025, 1, 1), datetime.date(2025, 12, 1)) == [
        "Jan 2025",
        "Jun 2025",
        "Dec 2025",
    ]
    assert labels(datetime.date(2020, 1, 1), datetime.date(2025, 1, 1)) == ["2020", "2022", "2025"]

import datetime
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from pytest_django.asserts import assertContains, assertNotContains

from tests.helpers import (
    make_nation,
    make_outlet,
    make_quote,
    make_role,
    make_source,
    make_speaker,
    make_stance,
)
from tracker.models import Event, Quote

# Some tests ask for pages with Cache-Control: no-cache, to test their rendering, not the cache.
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("without_page_cache")]


def test_home_lists_the_newest_published_quotes_only(client):
    make_quote(text="On the record.")
    make_quote(text="Off the record.", status=Quote.Status.DRAFT)
    make_quote(text="Taken back.", status=Quote.Status.RETRACTED)
    response = client.get(reverse("home"))
    assertContains(response, "On the record.")
    assertNotContains(response, "Off the record.")
    assertNotContains(response, "Taken back.")


def test_home_grid_shows_each_nations_latest_stance_who_took_it_and_links_to_its_quotes(client):
    germany = make_nation(code="de", name="Germany")
    scholz = make_speaker(name="Olaf Scholz", slug="olaf-scholz")
    opposed = make_stance(value="opposed", label="Opposed", position=4)
    open_ = make_stance(value="open", label="Open to it", position=2)
    no_position = make_stance(value="no-position", label="No position", position=5)
    make_quote(nation=germany, stance=open_, said_on=datetime.date(2025, 1, 1))
    latest = make_quote(
        nation=germany, speaker=scholz, stance=opposed, said_on=datetime.date(2025, 2, 17)
    )
    make_quote(nation=germany, stance=opposed, said_on=datetime.date(2025, 2, 1))
    # Words that take no position later do not move Germany's line; a draft is not seen.
    make_quote(nation=germany, stance=no_position, said_on=datetime.date(2025, 2, 20))
    make_quote(
        nation=germany, stance=open_, status=Quote.Status.DRAFT, said_on=datetime.date(2025, 3, 1)
    )
    response = client.get(reverse("home"))
    (nations,) = response.context["grid"]["groups"]
    (row,) = nations["rows"]
    assert (row["body"], row["latest"], row["count"]) == (germany, latest, 4)
    assert {cell["stance"].value: cell["count"] for cell in row["stances"]} == {
        "open": 1,
        "opposed": 2,
        "no-position": 1,
    }
    html = response.content.decode()
    # The stance in words (never colour alone), its speaker and date, and the statement itself.
    assert re.search(r'class="stance-badge tone-4">Opposed</span>', html)
    assert (
        f'href="/people/olaf-scholz/">Olaf Scholz</a>, <a href="{latest.get_absolute_url()}">'
        in html
    )
    assert '<time datetime="2025-02-17">17 Feb 2025</time>' in html
    assertContains(response, '/quotes/?nation=de&amp;topic=troops-for-ukraine">4 statements')
    assertContains(
        response, '/quotes/?nation=de&amp;topic=troops-for-ukraine&amp;stance=opposed">2 opposed'
    )
    # The caption does not repeat the heading or the question.
    assert "<caption>Will European nations" not in html


def test_permalink_shows_the_words(client):
    quote = make_quote(text="Unfortunately we are still a long way off")
    assertContains(
        client.get(quote.get_absolute_url()), "Unfortunately we are still a long way off"
    )


def test_quote_card_shows_role_at_the_time_precision_kind_and_translation(client):
    role = make_role(title="Chancellor of Germany", started_on=datetime.date(2021, 12, 8))
    quote = make_quote(
        speaker=role.speaker,
        text="Leider sind wir noch weit davon entfernt",
        language="de",
        translation="Unfortunately we are still a long way off",
        kind=Quote.Kind.PARTIAL,
        said_on=datetime.date(2025, 2, 14),
        said_on_precision=Quote.Precision.APPROXIMATE,
    )
    response = client.get(quote.get_absolute_url())
    assertContains(response, '<blockquote lang="de">', html=False)
    assertContains(response, "Chancellor of Germany")
    assertContains(response, "about mid-February 2025")
    assertContains(response, "Partial quote")
    assertContains(response, 'lang="en"')
    assertContains(response, "Unfortunately we are still a long way off")


def test_speaker_page_shows_roles_and_how_the_stance_moved(client):
    role = make_role(title="Prime Minister of Poland", started_on=datetime.date(2023, 12, 13))
    open_ = make_stance(value="open", label="Open to it", position=2)
    opposed = make_stance(value="opposed", label="Opposed", position=4)
    make_quote(speaker=role.speaker, stance=open_, said_on=datetime.date(2024, 3, 1))
    make_quote(speaker=role.speaker, stance=opposed, said_on=datetime.date(2025, 2, 17))
    response = client.get(role.speaker.get_absolute_url())
    assertContains(response, "Prime Minister of Poland")
    changes = [change["label"] for change in response.context["changes"]]
    assert changes == ["Open to it", "Opposed"]


def test_person_and_nation_pages_list_newest_first(client):
    germany = make_nation(code="de", name="Germany")
    speaker = make_speaker(name="Olaf Scholz", nation=germany)
    for month in (1, 3, 2):
        make_quote(
            speaker=speaker,
            nation=germany,
            text=f"Month {month}.",
            said_on=datetime.date(2025, month, 1),
        )
    for address in (speaker.get_absolute_url(), germany.get_absolute_url()):
        html = client.get(address).content.decode()
        assert re.findall(r"Month (\d)\.", html) == ["3", "2", "1"], address
        assert "Statements, newest first" in html


def test_person_page_names_each_role_once_above_its_statements(client):
    minister = make_role(
        title="Minister of Finance",
        started_on=datetime.date(2021, 1, 1),
        ended_on=datetime.date(2021, 12, 7),
    )
    speaker = minister.speaker
    make_role(speaker=speaker, title="Chancellor", started_on=datetime.date(2021, 12, 8))
    for day in (1, 2, 3):
        make_quote(
            speaker=speaker, text=f"As chancellor {day}.", said_on=datetime.date(2025, 2, day)
        )
    make_quote(speaker=speaker, text="As minister.", said_on=datetime.date(2021, 6, 1))
    html = client.get(speaker.get_absolute_url()).content.decode()
    statements = html[html.index('id="statements"') :]
    assert re.findall(r'<h3 class="role-heading">([^<]+)</h3>', statements) == [
        "As Chancellor",
        "As Minister of Finance",
    ]
    assert (
        statements.count('<span class="role">Chancellor<') == 0
    )  # no card repeats the role above it
    assert (
        statements.index("As chancellor 1.")
        < statements.index("As Minister of Finance")
        < statements.index("As minister.")
    )
    # The same cards elsewhere still name the role.
    assertContains(client.get("/quotes/"), '<span class="role">Chancellor<', count=3)


def test_source_page_shows_the_attribution_chain(client):
    twz = make_source(
        title="Paris meeting report", outlet=make_outlet(name="The War Zone", slug="twz")
    )
    sz = make_source(
        title="Scholz in Paris", outlet=make_outlet(name="Süddeutsche Zeitung", slug="sz")
    )
    make_quote(text="A long way off", source=twz, first_reported_in=sz)
    response = client.get(twz.get_absolute_url())
    assertContains(response, "reported by <a")
    assertContains(response, "Süddeutsche Zeitung")
    response = client.get(sz.get_absolute_url())
    assertContains(response, "Reported here, read elsewhere")


def test_unknown_records_are_404(client):
    for address in [
        "/people/nobody/",
        "/nations/zz/",
        "/sources/zzzzzzzz/",
        "/topics/none/",
        "/outlets/none/",
        "/q/zzzzzzzz/",
    ]:
        assert client.get(address).status_code == 404, address


def make_archive():
    germany = make_nation(code="de", name="Germany")
    speaker = make_speaker(slug="olaf-scholz", name="Olaf Scholz", nation=germany)
    make_role(
        speaker=speaker, title="Chancellor", nation=germany, started_on=datetime.date(2021, 12, 8)
    )
    outlet = make_outlet(slug="twz", name="The War Zone")
    records = {
        "germany": germany,
        "speaker": speaker,
        "outlet": outlet,
        "source": make_source(outlet=outlet),
        "event": Event.objects.create(
            name="Paris meeting", slug="paris-meeting", happened_on=datetime.date(2025, 2, 17)
        ),
        "other_source": make_source(outlet=make_outlet(slug="sz", name="SZ")),
        "stances": [make_stance(value="open", label="Open", position=2), make_stance()],
    }
    add_quotes(records, 1)
    records["quote"] = Quote.objects.get()
    return records


def add_quotes(records, count):
    start = Quote.objects.count()
    for n in range(start, start + count):
        nation = make_nation(code=f"a{chr(97 + n % 26)}", name=f"Nation {n % 26}")
        make_quote(
            text=f"Words number {n} about troops.",
            speaker=records["speaker"],
            source=records["source"],
            first_reported_in=records["other_source"],
            nation=nation if n % 2 else records["germany"],
            stance=records["stances"][n % 2],
            said_on=datetime.date(2025, 1 + n % 12, 1 + n % 28),
            said_on_precision=[Quote.Precision.DAY, Quote.Precision.APPROXIMATE][n % 2],
            event=records["event"],
        )


PAGES = {
    "home": lambda r: reverse("home"),
    "quote_list": lambda r: reverse("quote_list"),
    "quote_list_filtered": lambda r: (
        "/quotes/?nation=de&stance=opposed&said_after=2025-01-01&q=words&sort=relevance"
    ),
    "quote_detail": lambda r: r["quote"].get_absolute_url(),
    "speaker_detail": lambda r: r["speaker"].get_absolute_url(),
    "nation_detail": lambda r: "/nations/de/",
    "source_detail": lambda r: r["source"].get_absolute_url(),
    "topic_detail": lambda r: "/topics/troops-for-ukraine/",
    "outlet_detail": lambda r: r["outlet"].get_absolute_url(),
    "date_list": lambda r: reverse("date_list"),
    "date_month": lambda r: reverse("date_month", args=["2025", "01"]),
    "date_day": lambda r: reverse("date_day", args=["2025", "01", "01"]),
    "speaker_list": lambda r: reverse("speaker_list"),
    "speaker_list_filtered": lambda r: reverse("speaker_list") + "?name=scholz",
    "nation_list": lambda r: reverse("nation_list"),
    "outlet_list": lambda r: reverse("outlet_list"),
    "source_list": lambda r: reverse("source_list"),
    "topic_list": lambda r: reverse("topic_list"),
    "event_list": lambda r: reverse("event_list"),
    "event_detail": lambda r: reverse("event_detail", args=["paris-meeting"]),
    "correction_list": lambda r: reverse("correction_list"),
    "methodology": lambda r: reverse("methodology"),
}


def count_queries(client, address):
    with CaptureQueriesContext(connection) as queries:
        # Rendered afresh, not the cached page (which takes no query at all).
        response = client.get(address, headers={"Cache-Control": "no-cache"})
    assert response.status_code == 200, address
    return len(queries)


@pytest.mark.parametrize("page", PAGES)
def test_queries_per_page_do_not_grow_with_the_archive(client, page):
    records = make_archive()
    add_quotes(records, 2)
    few = count_queries(client, PAGES[page](records))
    add_quotes(records, 60)
    many = count_queries(client, PAGES[page](records))
    assert few == many, f"{page}: {few} queries with 3 quotes, {many} with many more"
    # A person's page, its cards not cached yet: 19 on PostgreSQL (the speaker with roles and
    # aliases, the summary (two), the stance changes and then-and-now (three each), then the
    # page's ids, their revisions and the rows of the cards to render with their translations,
    # attribution chains and edits; a page whose cards are cached reads no row).
    assert few <= 19


@pytest.mark.parametrize("page", PAGES)
def test_pages_read_without_server_side_cursors(client, page):
    # On PostgreSQL, QuerySet.iterator() (Django's way of reading a select's choices) opens a
    # cursor WITH HOLD: three round trips where one SELECT does.
    records = make_archive()
    add_quotes(records, 2)
    with CaptureQueriesContext(connection) as queries:
        client.get(PAGES[page](records), headers={"Cache-Control": "no-cache"})
    assert not [query["sql"] for query in queries if query["sql"].startswith("DECLARE")]


@pytest.mark.parametrize(
    "address",
    [
        "/q/ab%00cdefg/",
        "/nations/%00e/",
        "/sources/%00/",
        "/quotes/?speaker=%00",
        "/quotes/?nation=d%00",
        "/quotes/feed.atom?source=%00x",
        "/nations/d%00/feed.atom",
    ],
)
def test_nul_bytes_in_an_address_answer_400_not_a_server_error(client, address):
    assert client.get(address).status_code == 400


def test_counts_are_cached_until_the_archive_changes(client, chief_editor):
    make_quote(text="First words.")
    assertContains(client.get("/quotes/"), "1 statement<")
    draft = make_quote(text="Second words.", status=Quote.Status.DRAFT)
    assertContains(client.get("/quotes/"), "1 statement<")
    draft.publish(by=chief_editor)
    assertContains(client.get("/quotes/"), "2 statements<")


def test_the_last_page_of_a_long_list_is_read_from_the_end(client):
    for n in range(60):
        make_quote(
            text=f"Words {n:02d}.", said_on=datetime.date(2025, 1, 1) + datetime.timedelta(days=n)
        )
    last = client.get("/quotes/", {"page": 3}).content.decode()
    assert re.findall(r"Words \d\d\.", last) == [f"Words {n:02d}." for n in range(9, -1, -1)]
    middle = client.get("/quotes/", {"page": 2}).content.decode()
    assert re.findall(r"Words \d\d\.", middle) == [f"Words {n:02d}." for n in range(34, 9, -1)]


def test_nation_page_names_the_most_quoted_speakers_first(client, monkeypatch):
    monkeypatch.setattr("tracker.views.SPEAKERS_SHOWN", 2)
    germany = make_nation(code="de", name="Germany")
    often, sometimes, once = (make_speaker(name=name) for name in ("Often", "Sometimes", "Once"))
    for speaker, times in ((often, 3), (sometimes, 2), (once, 1)):
        for _ in range(times):
            make_quote(nation=germany, speaker=speaker)
    make_quote(nation=germany, speaker=once, status=Quote.Status.DRAFT)
    html = client.get("/nations/de/").content.decode()
    assert "3 speakers; the 2 most quoted:" in html
    assert html.index(">Often</a> (3)") < html.index(">Sometimes</a> (2)")
    assert ">Once</a> (1)" not in html
    assert "?nation=de\">All of Germany's statements</a>" in html

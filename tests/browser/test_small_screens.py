"""On a 320-pixel phone: the grid and the timelines fit the screen, and a reader reads who
stands where without clicking or scrolling sideways."""

import datetime

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from tests.helpers import make_nation, make_quote, make_speaker, make_stance
from tests.public_pages import STATUS, make_every_page
from tracker.models import Nation

# serialized_rollback: flushing would otherwise take the editorial groups the migrations made.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

PHONE = {"width": 320, "height": 640}


@pytest.fixture
def phone(browser):
    context = browser.new_context(viewport=PHONE)
    yield context.new_page()
    context.close()


def scrolls_sideways(page):
    return page.evaluate("document.documentElement.scrollWidth") > PHONE["width"]


def make_pages_beyond_every_page():
    """Page types the other checks do not visit: an organisation's page, and the alerts form."""
    nato = make_nation(code="nato", name="NATO", kind=Nation.Kind.ORGANISATION)
    rutte = make_speaker(name="Mark Rutte", nation=nato)
    make_quote(speaker=rutte, nation=nato, text="Allies are ready to support a lasting peace.")
    return {"organisation": nato.get_absolute_url(), "alerts": reverse("subscription_new")}


def test_no_page_type_scrolls_sideways_on_a_320_pixel_phone(live_server, phone):
    pages = {**make_every_page(), **make_pages_beyond_every_page()}
    assert set(pages) >= {
        *["organisation", "nation", "person", "event", "events", "source", "sources", "outlet"],
        *["dates", "month", "day", "corrections", "methodology", "earlier version", "not found"],
    }
    wide = []
    for page_type, url in pages.items():
        response = phone.goto(live_server.url + url)
        assert response.status == STATUS.get(page_type, 200), page_type
        if scrolls_sideways(phone):
            wide.append(page_type)
    assert wide == []


def test_a_reader_reads_frances_latest_stance_and_its_speaker_off_the_grid(live_server, phone):
    france = make_nation(code="fr", name="France")
    britain = make_nation(code="gb", name="United Kingdom")
    open_ = make_stance(value="open", label="Open to it", position=2)
    willing = make_stance(value="willing", label="Willing to send troops", position=1)
    opposed = make_stance(value="opposed", label="Opposed", position=4)
    no_position = make_stance(value="no-position", label="No position", position=5)
    barrot = make_speaker(name="Jean-Noël Barrot", nation=france)
    macron = make_speaker(name="Emmanuel Macron", nation=france)
    make_quote(speaker=barrot, nation=france, stance=open_, said_on=datetime.date(2025, 2, 10))
    make_quote(speaker=macron, nation=france, stance=willing, said_on=datetime.date(2025, 2, 17))
    # Later words that take no position leave France's stance where it was.
    make_quote(
        speaker=barrot, nation=france, stance=no_position, said_on=datetime.date(2025, 2, 18)
    )
    make_quote(nation=britain, stance=opposed, said_on=datetime.date(2025, 2, 16))

    phone.goto(live_server.url + "/")
    grid = phone.get_by_role("table").filter(has_text="Latest stance")
    row = grid.get_by_role("row").filter(has=phone.get_by_role("rowheader", name="France"))
    stance = row.get_by_text("Willing to send troops", exact=True)
    speaker = row.get_by_role("link", name="Emmanuel Macron")
    for seen in (stance, speaker, row.get_by_text("17 Feb 2025")):
        seen.scroll_into_view_if_needed()
        expect(seen).to_be_in_viewport()
        box = seen.bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"]
    # The stance is said in words and in colour: the badge's background is not the page's.
    colours = stance.evaluate(
        "e => [getComputedStyle(e).backgroundColor, getComputedStyle(document.body).backgroundColor]"
    )
    assert colours[0] != colours[1]
    expect(row).not_to_contain_text("Jean-Noël Barrot")
    assert not scrolls_sideways(phone)


def test_a_reader_follows_a_mark_of_the_timeline_to_its_statement(live_server, phone):
    germany = make_nation(code="de", name="Germany")
    scholz = make_speaker(name="Olaf Scholz", nation=germany)
    open_ = make_stance(value="open", label="Open to it", position=2)
    opposed = make_stance(value="opposed", label="Opposed", position=4)
    make_quote(speaker=scholz, nation=germany, stance=open_, said_on=datetime.date(2025, 1, 6))
    make_quote(
        speaker=scholz,
        nation=germany,
        stance=opposed,
        text="We are still a long way off.",
        said_on=datetime.date(2025, 2, 17),
    )
    for address in ("/topics/troops-for-ukraine/", "/nations/de/"):
        phone.goto(live_server.url + address)
        assert not scrolls_sideways(phone), address
        picture = phone.get_by_role("figure")
        expect(picture.locator("svg title").first).to_contain_text("who changed stance")
        mark = picture.get_by_role("link", name="Opposed, 17 Feb 2025, Olaf Scholz")
        expect(mark).to_have_count(1)
        table = phone.get_by_role("table").filter(has_text="The same changes")
        expect(table.get_by_role("row")).to_have_count(3)  # a header and two changes
    mark.click()
    expect(phone.get_by_role("blockquote")).to_contain_text("We are still a long way off.")


def test_a_reader_reads_a_persons_summary_and_then_and_now_on_a_phone(live_server, phone):
    britain = make_nation(code="gb", name="United Kingdom")
    starmer = make_speaker(name="Keir Starmer", slug="keir-starmer", nation=britain)
    open_ = make_stance(value="open", label="Open to it", position=2)
    willing = make_stance(value="willing", label="Willing to send troops", position=1)
    before = make_quote(
        speaker=starmer,
        stance=open_,
        said_on=datetime.date(2025, 1, 10),
        text="Peacekeeping-in-principle-but-only-with-an-American-backstop is our position.",
    )
    after = make_quote(
        speaker=starmer,
        stance=willing,
        said_on=datetime.date(2025, 2, 17),
        text="We are ready and willing to put our own troops on the ground if necessary.",
        responds_to=before,
    )

    phone.goto(live_server.url + starmer.get_absolute_url())
    assert not scrolls_sideways(phone)
    expect(phone.get_by_text("Published statements")).to_be_visible()
    table = phone.get_by_role("table", name="Troops for Ukraine")
    expect(table.get_by_role("columnheader")).to_have_text(["Then", "Now"])
    now = table.get_by_role("cell").filter(has_text="17 Feb 2025")
    for seen in (table.get_by_role("cell").filter(has_text="10 Jan 2025"), now):
        seen.scroll_into_view_if_needed()
        box = seen.bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"]
    now.get_by_role("link", name="Willing to send troops").click()
    expect(phone).to_have_url(live_server.url + after.get_absolute_url())
    # The permalink shows the exchange, and fits the phone too.
    expect(phone.get_by_role("heading", name="In response to")).to_be_visible()
    assert not scrolls_sideways(phone)

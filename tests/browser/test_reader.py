"""A reader's story, in a real browser: with JavaScript as it comes, and with none at all."""

import datetime
import re
from typing import NamedTuple
from urllib.parse import urljoin

import pytest
from playwright.sync_api import expect

from tests.helpers import make_nation, make_quote, make_speaker
from tests.public_pages import STATUS, make_every_page

# serialized_rollback: flushing would otherwise take the editorial groups the migrations made.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture
def archive(db):
    germany = make_nation(code="de", name="Germany")
    poland = make_nation(code="pl", name="Poland")
    scholz = make_speaker(name="Olaf Scholz", slug="olaf-scholz", nation=germany)
    tusk = make_speaker(name="Donald Tusk", slug="donald-tusk", nation=poland)
    make_quote(
        speaker=scholz,
        nation=germany,
        text="Unfortunately we are still a long way off",
        said_on=datetime.date(2025, 2, 17),
    )
    make_quote(
        speaker=scholz,
        nation=germany,
        text="A very strong Ukrainian army must be at the core",
        said_on=datetime.date(2025, 2, 16),
    )
    make_quote(
        speaker=tusk,
        nation=poland,
        text="Warsaw does not foresee sending Polish soldiers",
        said_on=datetime.date(2025, 2, 17),
    )


def expect_one_statement(page, words, *, not_, chip):
    """The list shows one statement, with `words`, without `not_`, filtered by `chip`."""
    expect(page.get_by_role("heading", name="1 statement", exact=True)).to_be_visible()
    expect(page.get_by_text(words)).to_be_visible()
    expect(page.get_by_text(not_)).to_have_count(0)
    expect(page.get_by_role("list", name="Active filters")).to_contain_text(chip)


def test_reader_filters_by_nation_searches_opens_a_quote_and_comes_back(archive, live_server, page):
    page.goto(f"{live_server.url}/quotes/")
    expect(page.get_by_role("heading", name="3 statements")).to_be_visible()

    page.get_by_role("group", name="Nation or organisation").get_by_label("Germany").check()
    page.get_by_label("Words").fill("army")
    page.get_by_role("button", name="Show statements").click()

    expect_one_statement(page, "strong Ukrainian army", not_="Polish soldiers", chip="Germany")

    page.get_by_role("link", name="Permalink to this statement by Olaf Scholz").click()
    expect(page).to_have_url(f"{live_server.url}/q/" + page.url.split("/q/")[1])
    expect(page.get_by_role("heading", level=1)).to_contain_text("Olaf Scholz")

    page.go_back()
    expect(page.get_by_label("Words")).to_have_value("army")
    expect(
        page.get_by_role("group", name="Nation or organisation").get_by_label("Germany")
    ).to_be_checked()
    expect(page.get_by_role("heading", name="1 statement", exact=True)).to_be_visible()


# Every public page type with JavaScript off: what it must show, and a link a reader follows
# from it with the heading of the page it leads to. The embed has no heading of its own.
class Usable(NamedTuple):
    heading: str | None
    shows: str
    link: str | re.Pattern
    leads_to: str


USABLE = {
    "home": Usable(
        "Will European nations send troops to Ukraine",
        "Leider sind wir noch weit davon entfernt",
        "Every statement, with filters",
        "Statements",
    ),
    "list": Usable(
        "Statements",
        "2 statements",
        "Permalink to this statement by Olaf Scholz, 17 Feb 2025",
        "Olaf Scholz on Troops for Ukraine, 17 Feb 2025",
    ),
    "filtered list": Usable(
        "Statements",
        "Leider sind wir noch weit davon entfernt",
        re.compile(r"^Nation or organisation: Germany\s*, remove this filter$"),
        "Statements",
    ),
    "search": Usable(
        "Statements",
        "Troops could be sent <b>only if</b> the U.S. backs them",
        "Permalink to this statement by Olaf Scholz, about mid-February 2025",
        "Olaf Scholz on Troops for Ukraine, about mid-February 2025",
    ),
    "unreadable filter": Usable(
        "Statements",
        "Some filters could not be read",
        "Statements",
        "Statements",
    ),
    "permalink": Usable(
        "Olaf Scholz on Troops for Ukraine, about mid-February 2025",
        "Troops could be sent <b>only if</b> the U.S. backs them",
        "See version 1, as it stood before",
        "Version 1 of a statement by Olaf Scholz",
    ),
    "earlier version": Usable(
        "Version 1 of a statement by Olaf Scholz",
        "Troops could be sent <b>if</b> the U.S. backs them",
        "See the statement as it stands now",
        "Olaf Scholz on Troops for Ukraine, about mid-February 2025",
    ),
    "embed": Usable(
        None,
        "Troops could be sent <b>only if</b> the U.S. backs them",
        re.compile(r"^On the Record: http"),
        "Olaf Scholz on Troops for Ukraine, about mid-February 2025",
    ),
    "retraction notice": Usable(
        "This statement was retracted",
        "Said by another minister.",
        "Statements",
        "Statements",
    ),
    "person": Usable(
        "Olaf Scholz",
        "Chancellor of Germany",
        "Filter Olaf Scholz's statements",
        "Statements",
    ),
    "nation": Usable("Germany", "Who spoke for Germany", "Olaf Scholz", "Olaf Scholz"),
    "source": Usable(
        "European leaders meet in Paris", "Howard Altman", "The War Zone", "The War Zone"
    ),
    "outlet": Usable(
        "The War Zone",
        "Statements read in The War Zone",
        "European leaders meet in Paris",
        "European leaders meet in Paris",
    ),
    "topic": Usable(
        "Troops for Ukraine",
        "Will European nations send troops to Ukraine",
        "2 statements by Germany",
        "Statements",
    ),
    "dates": Usable(
        "Statements by date",
        "February 2025: 2 statements",
        "February 2025",
        "Statements of February 2025",
    ),
    "month": Usable(
        "Statements of February 2025",
        "Troops could be sent <b>only if</b> the U.S. backs them",
        "17 February 2025",
        "Statements of 17 February 2025",
    ),
    "day": Usable(
        "Statements of 17 February 2025",
        "Leider sind wir noch weit davon entfernt",
        "February 2025",
        "Statements of February 2025",
    ),
    "corrections": Usable(
        "Corrections",
        "The word “only” was missing.",
        "Olaf Scholz, about mid-February 2025",
        "Olaf Scholz on Troops for Ukraine, about mid-February 2025",
    ),
    "not found": Usable(
        "Not found",
        "Nothing is published at this address.",
        "Search and filter every statement",
        "Statements",
    ),
    "mistyped key": Usable(
        "Not found",
        "Did you mean one of these?",
        re.compile(r": Olaf Scholz, about mid-February 2025$"),
        "Olaf Scholz on Troops for Ukraine, about mid-February 2025",
    ),
    "people": Usable("People", "1 person", "Olaf Scholz", "Olaf Scholz"),
    "nations": Usable("Nations", "(DE · EU · NATO)", "Germany", "Germany"),
    "outlets": Usable("Outlets", "2 outlets", "Süddeutsche Zeitung", "Süddeutsche Zeitung"),
    "sources": Usable("Sources", "2 sources", "Scholz in Paris", "Scholz in Paris"),
    "topics": Usable(
        "Topics", "Will European nations send troops", "Troops for Ukraine", "Troops for Ukraine"
    ),
    "events": Usable("Events", "Élysée Palace, Paris", "Paris meeting", "Paris meeting"),
    "event": Usable(
        "Paris meeting",
        "Leider sind wir noch weit davon entfernt",
        "Every event",
        "Events",
    ),
    "methodology": Usable(
        "How we work", "How stances are coded", "the corrections page", "Corrections"
    ),
}


@pytest.fixture
def no_javascript(browser):
    context = browser.new_context(java_script_enabled=False)
    yield context.new_page()
    context.close()


def test_a_reader_on_a_phone_types_starmer_and_gets_his_statements(live_server, page):
    starmer = make_speaker(name="Keir Starmer", slug="keir-starmer")
    make_quote(speaker=starmer, text="Prepared to put our own troops on the ground")
    make_quote(speaker=make_speaker(name="Olaf Scholz"), text="Completely premature")
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"{live_server.url}/quotes/")
    # The statements come first; the form is one tap away.
    expect(page.get_by_label("Speaker")).to_be_hidden()
    page.get_by_text("Filter statements").click()
    page.get_by_label("Speaker").fill("Starmer")
    page.get_by_role("button", name="Show statements").click()

    expect_one_statement(
        page, "our own troops on the ground", not_="Completely premature", chip="Keir Starmer"
    )


def test_every_page_type_is_usable_with_javascript_off(live_server, no_javascript):
    page = no_javascript
    pages = make_every_page()
    assert set(USABLE) == set(pages), "say what each new page type must show"
    for page_type, url in pages.items():
        usable = USABLE[page_type]
        response = page.goto(live_server.url + url)
        assert response.status == STATUS.get(page_type, 200), page_type
        if usable.heading is None:
            content = page.locator("body")
        else:
            content = page.get_by_role("main")
            expect(page.get_by_role("heading", level=1)).to_contain_text(usable.heading)
            # The way on to anywhere else: the site's search and its main links.
            expect(page.get_by_role("search")).to_be_visible()
            expect(page.get_by_role("navigation", name="Main").get_by_role("link")).to_have_count(
                10
            )
        expect(content).to_contain_text(usable.shows)
        link = page.get_by_role("link", name=usable.link, exact=True).first
        expect(link).to_be_visible()
        followed = page.goto(urljoin(page.url, link.get_attribute("href")))
        assert followed.status == 200, f"{page_type}: {usable.link}"
        expect(page.get_by_role("heading", level=1)).to_contain_text(usable.leads_to)


def test_a_reader_searches_and_corrects_a_filter_with_javascript_off(live_server, no_javascript):
    page = no_javascript
    pages = make_every_page()
    page.goto(live_server.url + pages["home"])
    page.get_by_label("Search statements").fill("troops")
    page.get_by_role("button", name="Search", exact=True).click()
    expect(page.get_by_role("heading", name="1 statement", exact=True)).to_be_visible()
    expect(page.get_by_text("the U.S. backs them")).to_be_visible()
    page.get_by_label("Words").fill("")
    page.get_by_label("Kind").select_option("partial")
    page.get_by_role("button", name="Show statements").click()
    expect(page.get_by_role("heading", name="1 statement", exact=True)).to_be_visible()
    expect(page.get_by_text("Leider sind wir noch weit davon entfernt")).to_be_visible()

    page.goto(live_server.url + pages["unreadable filter"])
    expect(page.get_by_role("alert")).to_contain_text("Said on or after: Enter a valid date.")
    page.get_by_label("Said on or after").fill("2025-02-15")
    page.get_by_role("button", name="Show statements").click()
    expect(page.get_by_role("heading", name="1 statement", exact=True)).to_be_visible()
    expect(page.get_by_text("Leider sind wir noch weit davon entfernt")).to_be_visible()

"""A reader's story, in a real browser with JavaScript as it comes."""

import datetime

import pytest
from playwright.sync_api import expect

from tests.helpers import make_nation, make_quote, make_speaker

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


def test_reader_filters_by_nation_searches_opens_a_quote_and_comes_back(archive, live_server, page):
    page.goto(f"{live_server.url}/quotes/")
    expect(page.get_by_role("heading", name="3 statements")).to_be_visible()

    page.get_by_label("Nation").select_option("de")
    page.get_by_label("Words").fill("army")
    page.get_by_role("button", name="Show statements").click()

    expect(page.get_by_role("heading", name="1 statement", exact=True)).to_be_visible()
    expect(page.get_by_text("strong Ukrainian army")).to_be_visible()
    expect(page.get_by_text("Polish soldiers")).to_have_count(0)
    expect(page.get_by_role("list", name="Active filters")).to_contain_text("Germany")

    page.get_by_role("link", name="Permalink to this statement by Olaf Scholz").click()
    expect(page).to_have_url(f"{live_server.url}/q/" + page.url.split("/q/")[1])
    expect(page.get_by_role("heading", level=1)).to_contain_text("Olaf Scholz")

    page.go_back()
    expect(page.get_by_label("Words")).to_have_value("army")
    expect(page.get_by_label("Nation")).to_have_values(["de"])
    expect(page.get_by_role("heading", name="1 statement", exact=True)).to_be_visible()


def test_every_page_works_with_javascript_off(archive, live_server, browser):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{live_server.url}/")
    page.get_by_label("Search statements").fill("Polish")
    page.get_by_role("button", name="Search", exact=True).click()
    expect(page.get_by_role("heading", name="1 statement", exact=True)).to_be_visible()
    expect(page.get_by_text("does not foresee")).to_be_visible()
    context.close()

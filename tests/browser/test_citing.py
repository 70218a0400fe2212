"""A citer's story in a real browser: copy the link or a citation with one click, or by hand."""

import pytest
from playwright.sync_api import expect

from tests.helpers import make_quote, make_speaker

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture
def quote(db):
    speaker = make_speaker(name="Olaf Scholz", slug="olaf-scholz")
    return make_quote(speaker=speaker, text="Unfortunately we are still a long way off")


def test_copy_buttons_put_the_link_and_a_citation_on_the_clipboard(quote, live_server, browser):
    context = browser.new_context(permissions=["clipboard-read", "clipboard-write"])
    page = context.new_page()
    page.goto(f"{live_server.url}{quote.get_absolute_url()}")

    page.get_by_role("button", name="Copy link").click()
    expect(page.get_by_role("status")).to_have_text("Link copied.")
    assert page.evaluate("navigator.clipboard.readText()") == (f"{live_server.url}/q/{quote.key}/")

    page.get_by_role("button", name="Copy MLA (9th edition) citation").click()
    expect(page.get_by_role("status")).to_have_text("MLA (9th edition) citation copied.")
    copied = page.evaluate("navigator.clipboard.readText()")
    assert copied.startswith("Scholz, Olaf. “Unfortunately we are still a long way off.”")
    # The archive's permalink, then where the statement was reported (issue 22: "Quoted in").
    assert f"{live_server.url}/q/{quote.key}/. Quoted in {quote.source.outlet.name}" in copied
    context.close()


def test_without_javascript_the_citations_are_there_to_copy_by_hand(quote, live_server, browser):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{live_server.url}{quote.get_absolute_url()}")
    expect(page.get_by_role("heading", name="Cite this statement")).to_be_visible()
    expect(page.locator("#cite-apa")).to_contain_text("Scholz, O. (2025, February 17).")
    expect(page.get_by_role("button", name="Copy link")).to_be_hidden()
    expect(page.get_by_role("link", name="BibTeX")).to_be_visible()
    context.close()

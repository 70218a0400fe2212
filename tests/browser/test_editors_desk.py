"""The editors' desk in a real browser: the quote list fits a 1,280-pixel screen, and the
admin's lists, searches and autocompletes pass axe-core."""

from pathlib import Path

import pytest
from django.urls import reverse

from tests.helpers import make_outlet, make_quote, make_role, make_source, make_speaker, make_user
from tracker.models import Quote

# serialized_rollback: flushing would otherwise take the editorial groups the migrations made.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
WCAG = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
PASSWORD = "correct horse battery staple"
NAMED_BOXES = """[...document.querySelectorAll("select.admin-autocomplete:not([name*=__prefix__])")]
    .every(s => s.nextElementSibling?.querySelector(".select2-selection__rendered[aria-label]"))"""


def a_busy_archive():
    """Quotes as long as real ones: long words, long names, long article titles."""
    speaker = make_speaker(name="Annalena Charlotte Alma Baerbock-Holefleisch")
    role = make_role(speaker=speaker, title="Federal Minister for Foreign Affairs of Germany")
    source = make_source(
        title="Europe weighs a peacekeeping force for Ukraine as Washington and Moscow open "
        "talks in Riyadh without Kyiv or its European allies at the table",
        outlet=make_outlet(name="The Washington Post International Edition"),
    )
    quotes = [
        make_quote(
            speaker=speaker,
            role=role,
            source=source,
            status=status,
            text="We are ready to contribute to security guarantees for Ukraine, including "
            "with troops on the ground if a lasting peace agreement is reached, because "
            "Europe's security is at stake in Ukraine and nowhere else.",
        )
        for status in Quote.Status
    ]
    return quotes


def signed_in(live_server, page):
    make_user(username="chief", password=PASSWORD, is_superuser=True)
    page.goto(f"{live_server.url}{reverse('admin:login')}")
    page.get_by_label("Username").fill("chief")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(f"{live_server.url}{reverse('admin:index')}")
    return page


def test_quote_list_fits_a_1280_pixel_screen_without_scrolling_sideways(live_server, browser):
    a_busy_archive()
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    page = signed_in(live_server, context.new_page())
    page.goto(f"{live_server.url}{reverse('admin:tracker_quote_changelist')}")
    # Django's list scrolls sideways inside its own box (.results) rather than the page's.
    page_width, list_width, list_box = page.evaluate(
        """[document.documentElement.scrollWidth,
            document.querySelector("#changelist .results").scrollWidth,
            document.querySelector("#changelist .results").clientWidth]"""
    )
    # Every column the editors asked for is on the screen, the last one (the key) included.
    key_cell = page.locator("td.field-key").first.bounding_box()
    context.close()
    assert page_width <= 1280
    assert list_width <= list_box
    assert key_cell["x"] + key_cell["width"] <= 1280


def axe_violations(page):
    page.add_script_tag(path=str(AXE))
    result = page.evaluate(
        "o => axe.run(document, o)", {"runOnly": {"type": "tag", "values": WCAG}}
    )
    assert result["passes"], "axe checked nothing"
    return [
        f"{v['id']}: {v['help']} ({len(v['nodes'])}: {v['nodes'][0]['html'][:160]})"
        for v in result["violations"]
    ]


def test_admin_lists_searches_and_autocompletes_pass_axe(live_server, browser):
    quote = a_busy_archive()[0]
    # The archive's CSP rightly refuses the injected checker; this context alone bypasses it.
    context = browser.new_context(bypass_csp=True, viewport={"width": 1280, "height": 800})
    page = signed_in(live_server, context.new_page())
    found = {}
    for name, url in {
        "the admin's index": reverse("admin:index"),
        "the quote list, searched": reverse("admin:tracker_quote_changelist") + "?q=troops",
        "a quote's page": reverse("admin:tracker_quote_change", args=[quote.pk]),
        "a source's page": reverse("admin:tracker_source_change", args=[quote.source.pk]),
    }.items():
        page.goto(f"{live_server.url}{url}")
        # Django's autocompletes are drawn, and named, by scripts once the page is ready.
        page.wait_for_function(NAMED_BOXES)
        if violations := axe_violations(page):
            found[name] = violations
    context.close()
    assert found == {}

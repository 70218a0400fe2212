"""axe-core, injected into each public page type, finds no WCAG 2.2 A or AA violation."""

from pathlib import Path

import pytest

from tests.public_pages import STATUS, in_every_language, make_every_page

# serialized_rollback: flushing would otherwise take the editorial groups the migrations made.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
WCAG = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]


def test_every_public_page_type_has_no_accessibility_violations(live_server, browser):
    pages = in_every_language(make_every_page())
    # The archive's CSP rightly refuses the injected checker; this context alone bypasses it.
    context = browser.new_context(bypass_csp=True)
    page = context.new_page()
    found = {}
    for page_type, url in pages.items():
        response = page.goto(f"{live_server.url}{url}")
        assert response.status == STATUS.get(page_type.split(" (")[0], 200), page_type
        page.add_script_tag(path=str(AXE))
        result = page.evaluate(
            "o => axe.run(document, o)", {"runOnly": {"type": "tag", "values": WCAG}}
        )
        violations = [
            f"{v['id']}: {v['help']} ({len(v['nodes'])}: {v['nodes'][0]['html'][:120]})"
            for v in result["violations"]
        ]
        if violations:
            found[page_type] = violations
        assert result["passes"], f"axe checked nothing on the {page_type}"
    context.close()
    assert found == {}


def test_no_public_page_type_scrolls_sideways_on_a_320_pixel_phone(live_server, browser):
    pages = make_every_page()
    context = browser.new_context(viewport={"width": 320, "height": 640})
    page = context.new_page()
    too_wide = {}
    for page_type, url in pages.items():
        response = page.goto(f"{live_server.url}{url}")
        assert response.status == STATUS.get(page_type.split(" (")[0], 200), page_type
        width = page.evaluate("document.documentElement.scrollWidth")
        if width > 320:
            too_wide[page_type] = width
    context.close()
    assert too_wide == {}

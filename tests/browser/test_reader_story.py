"""A new reader's first visit, in a real browser: who stands where, read off the grid; a
statement found by a word of its translation; a person's statements found by typing a name."""

import datetime

import pytest
from playwright.sync_api import expect

from tests.helpers import make_nation, make_quote, make_speaker, make_stance
from tracker.models import Quote

# serialized_rollback: flushing would otherwise take the editorial groups the migrations made.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture
def archive(db):
    france = make_nation(code="fr", name="France")
    britain = make_nation(code="gb", name="United Kingdom")
    germany = make_nation(code="de", name="Germany")
    open_ = make_stance(value="open", label="Open to it", position=2)
    willing = make_stance(value="willing", label="Willing to send troops", position=1)
    opposed = make_stance(value="opposed", label="Opposed", position=4)
    barrot = make_speaker(name="Jean-Noël Barrot", slug="jean-noel-barrot", nation=france)
    macron = make_speaker(name="Emmanuel Macron", slug="emmanuel-macron", nation=france)
    starmer = make_speaker(name="Keir Starmer", slug="keir-starmer", nation=britain)
    scholz = make_speaker(name="Olaf Scholz", slug="olaf-scholz", nation=germany)
    said = [
        (barrot, open_, 10, "Every option is on the table."),
        (macron, willing, 17, "France is ready to study every option."),
        (starmer, open_, 10, "Peacekeeping needs an American backstop."),
        (starmer, willing, 16, "Prepared to put our own troops on the ground."),
    ]
    for speaker, stance, day, text in said:
        make_quote(
            speaker=speaker,
            nation=speaker.nation,
            stance=stance,
            text=text,
            said_on=datetime.date(2025, 2, day),
        )
    # Only its English translation says "unfortunately".
    make_quote(
        speaker=scholz,
        nation=germany,
        stance=opposed,
        text="Leider sind wir noch weit davon entfernt",
        language="de",
        translation="Unfortunately we are still a long way off",
        said_on=datetime.date(2025, 2, 17),
    )


def test_a_new_reader_reads_the_grid_finds_by_translation_and_types_a_name(
    archive, live_server, page
):
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(live_server.url + "/")

    # Who stands where: France's latest stance, who took it and when, without a click.
    grid = page.get_by_role("table").filter(has_text="Latest stance")
    france = grid.get_by_role("row").filter(has=page.get_by_role("rowheader", name="France"))
    for seen in (
        france.get_by_text("Willing to send troops", exact=True),
        france.get_by_role("link", name="Emmanuel Macron"),
        france.get_by_text("17 Feb 2025"),
    ):
        expect(seen).to_be_visible()
    expect(france).not_to_contain_text("Jean-Noël Barrot")
    expect(page).to_have_url(live_server.url + "/")

    # A word only the English translation holds finds the German words.
    assert not Quote.objects.filter(text__icontains="unfortunately").exists()
    page.get_by_label("Search statements").fill("unfortunately")
    page.get_by_role("button", name="Search", exact=True).click()
    expect(page.get_by_role("heading", name="1 statement", exact=True)).to_be_visible()
    expect(page.get_by_text("Leider sind wir noch weit davon entfernt")).to_be_visible()
    expect(page.locator("mark", has_text="Unfortunately")).to_be_visible()

    # Typing a name, not choosing a slug, gives that person's statements and nobody else's.
    page.goto(live_server.url + "/quotes/")
    page.get_by_label("Speaker").fill("Starmer")
    page.get_by_role("button", name="Show statements").click()
    expect(page.get_by_role("heading", name="2 statements", exact=True)).to_be_visible()
    expect(page.get_by_text("Prepared to put our own troops on the ground")).to_be_visible()
    expect(page.get_by_text("Peacekeeping needs an American backstop")).to_be_visible()
    expect(page.get_by_text("France is ready to study every option")).to_have_count(0)
    expect(page.get_by_role("list", name="Active filters")).to_contain_text("Keir Starmer")

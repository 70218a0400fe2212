"""An editor enters real reporting, with every nuance it gives, through the admin in a real
browser: a Danish original with an outlet's English translation, an indirect quote through an
unnamed government source reported by a wire agency, two passages joined by the outlet with
words left out, a date between two days with a note on how it was inferred, and a NATO
official speaking for NATO. Each takes at most eight page loads, and once a chief editor has
published it a reader finds each nuance on its permalink."""

import datetime

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from tests.helpers import (
    make_chief_editor,
    make_editor,
    make_nation,
    make_outlet,
    make_role,
    make_source,
    make_speaker,
    make_stance,
)
from tracker.models import Event, Nation, Quote

# serialized_rollback: flushing would otherwise take the editorial groups the migrations made.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

PASSWORD = "correct horse battery staple"
MOST_PAGE_LOADS = 8


class PageLoads:
    """Every page the editor's browser loads, in its window and in the windows the admin opens
    (a "+" beside a choice): each document it gets, a redirect's target counted once."""

    def __init__(self, context):
        self.pages = []
        context.on("response", self.received)

    def received(self, response):
        if response.request.is_navigation_request() and not 300 <= response.status < 400:
            self.pages.append(response.url)

    @property
    def count(self):
        return len(self.pages)


@pytest.fixture
def reporting():
    """The records an editor finds already in the archive: people, outlets, articles."""
    stance = make_stance(value="open", label="Open to it", position=2)
    denmark = make_nation(code="dk", name="Denmark", is_nato_member=True)
    italy = make_nation(code="it", name="Italy", is_nato_member=True)
    sweden = make_nation(code="se", name="Sweden", is_nato_member=True)
    britain = make_nation(code="gb", name="United Kingdom", is_nato_member=True)
    netherlands = make_nation(code="nl", name="Netherlands", is_nato_member=True)
    nato = Nation.objects.create(code="nato", name="NATO", kind=Nation.Kind.ORGANISATION)
    rutte = make_speaker(name="Mark Rutte", nation=nato, nationality=netherlands)
    make_role(
        speaker=rutte, title="Secretary General of NATO", started_on=datetime.date(2024, 10, 1)
    )
    make_outlet(name="The Local Denmark")
    make_outlet(name="The Telegraph")
    make_outlet(name="ANSA")
    Event.objects.create(
        name="Munich Security Conference",
        slug="munich-2025",
        happened_on=datetime.date(2025, 2, 14),
        ended_on=datetime.date(2025, 2, 16),
    )
    return {
        "stance": str(stance),
        "speakers": [
            make_speaker(name="Lars Løkke Rasmussen", nation=denmark, nationality=denmark),
            make_speaker(name="Giorgia Meloni", nation=italy, nationality=italy),
            make_speaker(name="Maria Malmer Stenergard", nation=sweden, nationality=sweden),
            make_speaker(name="Keir Starmer", nation=britain, nationality=britain),
            rutte,
        ],
        "sources": [
            make_source(
                title="Løkke: Danmark er klar til at bidrage",
                outlet=make_outlet(name="Politiken"),
                language="da",
            ),
            make_source(
                title="Meloni frena sull'invio di truppe",
                outlet=make_outlet(name="Corriere della Sera"),
                language="it",
            ),
            make_source(
                title="Sverige utesluter inte trupper",
                outlet=make_outlet(name="Dagens Nyheter"),
                language="sv",
            ),
            make_source(title="Rutte: Europe must step up", outlet=make_outlet(name="Reuters")),
        ],
    }


@pytest.fixture
def editors_window(live_server, page):
    make_editor(username="editor", password=PASSWORD)
    page.goto(f"{live_server.url}{reverse('admin:tracker_quote_changelist')}")
    page.get_by_label("Username").fill("editor")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_role("heading", name="Select quote to change")).to_be_visible()
    return page


def choose(page, field, typed, option):
    """A record chosen in Django's autocomplete, by typing part of its name."""
    page.locator(f"[aria-labelledby='select2-id_{field}-container']").click()
    page.locator(".select2-search__field").fill(typed)
    page.get_by_role("option", name=option).click()


def add_row(page, group):
    """A new row of an inline (a translation, a link, an edit), as Django's script adds it."""
    page.locator(f"#{group}-group .add-row a").click()
    return int(page.locator(f"#id_{group}-TOTAL_FORMS").input_value()) - 1


def start_a_quote(page, *, text, speaker, stance, source, language="English", kind="direct"):
    page.get_by_role("link", name="Add quote").click()
    page.locator("#id_text").fill(text)
    page.locator("#id_kind").select_option(kind)
    page.locator("#id_language").fill(language)
    page.locator("#id_stance").select_option(label=stance)
    choose(page, "speaker", speaker.split()[-1], speaker)
    choose(page, "source", source[:12], source)


def save_in_popup(popup):
    """Saved in the window the "+" opened, which closes and chooses the new record."""
    with popup.expect_event("close"):
        popup.get_by_role("button", name="Save", exact=True).click()


def save(page):
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.locator(".messagelist")).to_contain_text("was added successfully")


def enter_danish_original_with_an_outlets_translation(page, records):
    start_a_quote(
        page,
        text="Danmark er klar til at bidrage, også med soldater, hvis der kommer en fredsaftale.",
        speaker="Lars Løkke Rasmussen",
        stance=records["stance"],
        source="Løkke: Danmark er klar til at bidrage",
        language="Danish",
    )
    page.locator("#id_spoken_language").fill("Danish")
    page.locator("#id_said_on").fill("2025-02-17")
    page.locator("#id_verification").select_option("first_hand")
    row = add_row(page, "translations")
    page.locator(f"#id_translations-{row}-language").fill("English")
    page.locator(f"#id_translations-{row}-text").fill(
        "Denmark is ready to contribute, also with soldiers, if a peace deal comes."
    )
    page.locator(f"#id_translations-{row}-translated_by").select_option("outlet")
    choose(page, f"translations-{row}-outlet", "Local", "The Local Denmark")
    # Where the translation was published is new to the archive: added from its "+".
    with page.expect_popup() as opened:
        page.locator(f"#add_id_translations-{row}-source").click()
    popup = opened.value
    choose(popup, "outlet", "Local", "The Local Denmark")
    popup.locator("#id_title").fill("Denmark ready to contribute to Ukraine force")
    popup.locator("#id_published_on").fill("2025-02-17")
    save_in_popup(popup)
    expect(page.locator(f"#select2-id_translations-{row}-source-container")).to_contain_text(
        "Denmark ready to contribute"
    )
    save(page)


def enter_indirect_quote_through_a_government_source(page, records):
    start_a_quote(
        page,
        text="Meloni ritiene prematuro parlare dell'invio di soldati italiani in Ucraina.",
        speaker="Giorgia Meloni",
        stance=records["stance"],
        source="Meloni frena sull'invio di truppe",
        language="Italian",
        kind="indirect",
    )
    page.locator("#id_said_on").fill("2025-02-17")
    page.locator("#id_verification").select_option("intermediary")
    row = add_row(page, "attribution_links")
    page.locator(f"#id_attribution_links-{row}-position").fill("1")
    page.locator(f"#id_attribution_links-{row}-relation").select_option("citing")
    # No one has passed words on this way before: the intermediary is added from its "+".
    with page.expect_popup() as opened:
        page.locator(f"#add_id_attribution_links-{row}-intermediary").click()
    popup = opened.value
    popup.locator("#id_name").fill("a government source")
    popup.locator("#id_kind").select_option("government_source")
    popup.locator("#id_nation").select_option(label="Italy")
    save_in_popup(popup)
    expect(
        page.locator(f"#select2-id_attribution_links-{row}-intermediary-container")
    ).to_contain_text("a government source (Italy)")
    row = add_row(page, "attribution_links")
    page.locator(f"#id_attribution_links-{row}-position").fill("2")
    page.locator(f"#id_attribution_links-{row}-relation").select_option("reported_by")
    choose(page, f"attribution_links-{row}-outlet", "ANSA", "ANSA")
    save(page)


def enter_passages_joined_with_words_left_out(page, records):
    start_a_quote(
        page,
        text="Sverige är redo att ta sitt ansvar … Vi utesluter ingenting.",
        speaker="Maria Malmer Stenergard",
        stance=records["stance"],
        source="Sverige utesluter inte trupper",
        language="Swedish",
    )
    page.locator("#id_said_on").fill("2025-02-17")
    for position, kind, explanation in [
        (1, "omitted", "Dagens Nyheter left out words between the two sentences."),
        (2, "joined", "Dagens Nyheter joined two answers from the same interview."),
    ]:
        row = add_row(page, "word_edits")
        page.locator(f"#id_word_edits-{row}-position").fill(str(position))
        page.locator(f"#id_word_edits-{row}-kind").select_option(kind)
        page.locator(f"#id_word_edits-{row}-explanation").fill(explanation)
    save(page)


def enter_a_date_between_two_days_with_a_note(page, records):
    page.get_by_role("link", name="Add quote").click()
    page.locator("#id_text").fill("We are ready to put our own troops on the ground if necessary.")
    page.locator("#id_language").fill("English")
    page.locator("#id_stance").select_option(label=records["stance"])
    choose(page, "speaker", "Starmer", "Keir Starmer")
    # The article is not in the archive yet: the editor adds it from the "+" beside the source.
    with page.expect_popup() as opened:
        page.locator("#add_id_source").click()
    popup = opened.value
    choose(popup, "outlet", "Telegraph", "The Telegraph")
    popup.locator("#id_title").fill("Starmer: I am ready to put British troops on the ground")
    popup.locator("#id_published_on").fill("2025-02-18")
    save_in_popup(popup)
    expect(page.locator("#select2-id_source-container")).to_contain_text("Starmer: I am ready")
    page.locator("#id_said_on_precision").select_option("between")
    page.locator("#id_said_on").fill("2025-02-16")
    page.locator("#id_said_on_latest").fill("2025-02-18")
    page.locator("#id_said_on_note").fill(
        "The Telegraph's article of 18 February says he wrote it “this week”, before the "
        "Paris meeting of 17 February was over."
    )
    save(page)


def enter_a_nato_official_speaking_for_nato(page, records):
    start_a_quote(
        page,
        text="Europe must step up and be ready to do more for its own security.",
        speaker="Mark Rutte",
        stance=records["stance"],
        source="Rutte: Europe must step up",
    )
    page.locator("#id_nation").select_option(label="NATO")
    choose(page, "event", "Munich", "Munich Security Conference (14 to 16 Feb 2025)")
    page.locator("#id_said_on").fill("2025-02-15")
    save(page)


STATEMENTS = [
    enter_danish_original_with_an_outlets_translation,
    enter_indirect_quote_through_a_government_source,
    enter_passages_joined_with_words_left_out,
    enter_a_date_between_two_days_with_a_note,
    enter_a_nato_official_speaking_for_nato,
]


def test_an_editor_enters_each_nuance_and_a_reader_sees_it(
    live_server, editors_window, reporting, browser
):
    page = editors_window
    loads = PageLoads(page.context)
    counts = {}
    for enter in STATEMENTS:
        before = loads.count
        enter(page, reporting)
        counts[enter.__name__] = loads.count - before
        print(enter.__name__, loads.pages[before:])
    print("Page loads per statement:", counts)
    assert all(count <= MOST_PAGE_LOADS for count in counts.values()), counts

    # The editor's drafts, published by a chief editor: then they are public.
    chief = make_chief_editor(username="chief")
    quotes = list(Quote.objects.order_by("id"))
    assert len(quotes) == len(STATEMENTS)
    assert {quote.status for quote in quotes} == {Quote.Status.DRAFT}
    for quote in quotes:
        quote.publish(by=chief)
    danish, indirect, joined, between, nato = quotes

    reader = browser.new_context().new_page()

    def permalink(quote):
        reader.goto(f"{live_server.url}{quote.get_absolute_url()}")
        return reader.locator("main")

    shown = permalink(danish)
    expect(shown.locator("blockquote[lang=da]")).to_contain_text("Danmark er klar til at bidrage")
    translation = shown.locator(".translation")
    expect(translation).to_contain_text("English translation:")
    expect(translation.locator("[lang=en]")).to_have_text(
        "Denmark is ready to contribute, also with soldiers, if a peace deal comes."
    )
    expect(translation).to_contain_text("Translated by The Local Denmark")
    expect(translation).to_contain_text("published in The Local Denmark")
    expect(shown.locator(".verification").first).to_contain_text("First-hand report")

    shown = permalink(indirect)
    expect(shown.locator("blockquote[lang=it]")).to_contain_text("Meloni ritiene prematuro")
    expect(shown.locator(".kind")).to_contain_text("Indirect quote")
    expect(shown.locator("ol.chain > li")).to_have_text(
        [
            "Spoken by Giorgia Meloni",
            "Citing a government source (Italy) (not named by the reporting)",
            "Reported by ANSA",
            "Read in Meloni frena sull'invio di truppe, Corriere della Sera, 17 Feb 2025 "
            "(every statement from it)",
        ],
        use_inner_text=True,
    )
    expect(shown.locator("p.verification")).to_contain_text("Unnamed intermediary")

    shown = permalink(joined)
    expect(shown.locator("blockquote[lang=sv]")).to_contain_text(
        "Sverige är redo att ta sitt ansvar … Vi utesluter ingenting."
    )
    expect(shown.locator("ul.word-edits > li")).to_have_text(
        [
            "Words omitted: Dagens Nyheter left out words between the two sentences.",
            "Passages joined: Dagens Nyheter joined two answers from the same interview.",
        ]
    )
    expect(shown.locator(".attribution .edits")).to_have_text(
        "Edited: words omitted, passages joined"
    )

    shown = permalink(between)
    expect(shown.locator(".quote-who time")).to_have_text("between 16 and 18 Feb 2025")
    expect(shown.locator(".quote-who .date-approximate")).to_have_text("(day not known)")
    expect(shown.locator(".date-note")).to_contain_text("before the Paris meeting")
    expect(shown.locator("ol.chain")).to_contain_text(
        "Starmer: I am ready to put British troops on the ground, The Telegraph, 18 Feb 2025"
    )

    shown = permalink(nato)
    who = shown.locator(".quote-who")
    expect(who).to_contain_text("Mark Rutte, Secretary General of NATO, for NATO")
    expect(who.get_by_role("link", name="NATO", exact=True)).to_have_attribute(
        "href", "/nations/nato/"
    )
    expect(shown.locator(".quote-who time")).to_have_text("15 Feb 2025")
    reader.goto(f"{live_server.url}{nato.speaker.get_absolute_url()}")
    expect(reader.locator(".speaker-bodies")).to_have_text(
        "Nationality: Netherlands. Speaks for NATO."
    )

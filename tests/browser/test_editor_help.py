"""An editor's help on the quote page, in a real browser: a speaker added from the "+" beside
the speaker, and a role chosen among the chosen speaker's roles only, with Django's scripts and
ours (static/tracker/js/role_autocomplete.js)."""

import datetime

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from tests.helpers import make_editor, make_outlet, make_role, make_speaker
from tracker.models import Event, Source, Speaker

# serialized_rollback: flushing would otherwise take the editorial groups the migrations made.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

PASSWORD = "correct horse battery staple"


def sign_in_on(page, url):
    make_editor(username="editor", password=PASSWORD)
    page.goto(url)
    page.get_by_label("Username").fill("editor")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()


def open_choices(page, field):
    # Django's autocomplete, empty: its box, named by the (empty) text of the choice.
    page.locator(f"[aria-labelledby='select2-id_{field}-container']").click()


def choose(page, field, typed, option):
    open_choices(page, field)
    page.locator(".select2-search__field").fill(typed)
    page.get_by_role("option", name=option).click()


def save_and_wait_for_close(popup):
    # Listening before the click: a quick save may close the window before a wait begins.
    with popup.expect_event("close"):
        popup.get_by_role("button", name="Save", exact=True).click()


def test_editor_adds_a_speaker_from_the_quote_page_and_it_is_chosen(live_server, page):
    make_outlet(name="Politiken")
    sign_in_on(page, f"{live_server.url}{reverse('admin:tracker_quote_add')}")
    # No key before the quote is saved: it gets its own as it is.
    expect(page.locator(".field-key")).to_have_count(0)

    with page.expect_popup() as opened:
        page.locator("#add_id_speaker").click()
    popup = opened.value
    popup.locator("#id_name").press_sequentially("Mette Frederiksen")
    expect(popup.locator("#id_slug")).to_have_value("mette-frederiksen")
    save_and_wait_for_close(popup)

    added = Speaker.objects.get(slug="mette-frederiksen")
    expect(page.locator("#select2-id_speaker-container")).to_have_text("Mette Frederiksen")
    expect(page.locator("#id_speaker")).to_have_value(str(added.pk))

    # The source it was read in, and the occasion, the same way.
    with page.expect_popup() as opened:
        page.locator("#add_id_source").click()
    popup = opened.value
    choose(popup, "outlet", "Polit", "Politiken")
    popup.locator("#id_title").fill("Frederiksen: Denmark is ready")
    save_and_wait_for_close(popup)
    expect(page.locator("#select2-id_source-container")).to_contain_text(
        "Frederiksen: Denmark is ready"
    )

    with page.expect_popup() as opened:
        page.locator("#add_id_event").click()
    popup = opened.value
    popup.locator("#id_name").press_sequentially("Paris meeting")
    popup.locator("#id_happened_on").fill("2025-02-17")
    save_and_wait_for_close(popup)
    expect(page.locator("#select2-id_event-container")).to_contain_text("Paris meeting")
    assert Source.objects.get(title="Frederiksen: Denmark is ready").outlet.name == "Politiken"
    assert Event.objects.get(slug="paris-meeting").happened_on == datetime.date(2025, 2, 17)


def test_role_autocomplete_offers_only_the_chosen_speakers_roles(live_server, page):
    scholz = make_speaker(name="Olaf Scholz")
    make_role(
        speaker=scholz,
        title="Chancellor of Germany",
        started_on=datetime.date(2021, 12, 8),
        ended_on=datetime.date(2025, 5, 6),
    )
    merz = make_speaker(name="Friedrich Merz")
    make_role(speaker=merz, title="Chancellor of Germany", started_on=datetime.date(2025, 5, 6))
    sign_in_on(page, f"{live_server.url}{reverse('admin:tracker_quote_add')}")

    choose(page, "speaker", "Scholz", "Olaf Scholz")
    open_choices(page, "role")
    options = page.locator(".select2-results__option")
    expect(options).to_have_text(["Chancellor of Germany (Olaf Scholz, 8 Dec 2021 to 6 May 2025)"])
    options.first.click()
    expect(page.locator("#id_role")).not_to_have_value("")

    # Another speaker: the role chosen for the first is cleared, and the second's are offered.
    choose(page, "speaker", "Merz", "Friedrich Merz")
    expect(page.locator("#id_role")).to_have_value("")
    open_choices(page, "role")
    expect(page.locator(".select2-results__option")).to_have_text(
        ["Chancellor of Germany (Friedrich Merz, since 6 May 2025)"]
    )

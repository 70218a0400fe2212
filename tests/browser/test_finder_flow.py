"""An editor enters the whole seed article in a real browser, as a new editor would: from the
source's page to the finder, paste, review every statement from the keyboard, and send them all
for review. The story counts what it costs: page loads and the editor's actions."""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from tests.helpers import make_user
from tracker.models import Quote, Source, Stance
from tracker.seed import records
from tracker.services import load_seed

# serialized_rollback: flushing would otherwise take the editorial groups the migrations made.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

PASSWORD = "correct horse battery staple"


def test_editor_enters_the_seed_article_from_paste_to_sent_for_review(
    live_server, page, monkeypatch
):
    seed_quotes = records.QUOTES
    monkeypatch.setattr(records, "QUOTES", [])  # the archive knows the people, not the words
    load_seed()
    make_user(username="chief", password=PASSWORD, is_superuser=True)
    source = Source.objects.get(key=records.TWZ)
    stances = {stance.value: str(stance.pk) for stance in Stance.objects.all()}
    loads, actions = [], {"clicks": 0, "choices": 0, "keys": 0, "typed fields": 0}
    documents = []  # every document the server answered, redirects included
    page.on("load", lambda loaded: loads.append(loaded.url))
    page.on(
        "response",
        lambda response: (
            response.request.resource_type == "document" and documents.append(response.status)
        ),
    )

    def click(locator):
        actions["clicks"] += 1
        locator.click()

    def key(name):
        actions["keys"] += 1
        page.keyboard.press(name)

    page.goto(f"{live_server.url}{reverse('admin:tracker_source_change', args=[source.pk])}")
    actions["typed fields"] += 2
    page.get_by_label("Username").fill("chief")
    page.get_by_label("Password").fill(PASSWORD)
    click(page.get_by_role("button", name="Log in"))
    click(page.get_by_role("link", name="Find quotes"))
    actions["typed fields"] += 1  # the whole article, pasted at once
    page.get_by_label("Article").fill(records.ARTICLE_FILE.read_text())
    click(page.get_by_role("button", name="Find quotes"))
    page.wait_for_load_state("load")  # a shared machine can take seconds to render the rows

    rows = page.locator("[data-candidate]")
    expect(rows).to_have_count(32, timeout=30_000)
    key("j")
    for i in range(32):
        row = rows.nth(i)
        expect(row).to_be_focused()
        words = row.locator("q").inner_text()
        seed = next((q for q in seed_quotes if q["text"] == words), None)
        if seed is None:
            # The finder proposed the whole sentence; the seed holds the words after "said".
            seed = next(q for q in seed_quotes if q["text"] in words)
            key("e")
            actions["typed fields"] += 1
            row.get_by_label("Words, statement").fill(seed["text"])
            key("Escape")
        actions["choices"] += 1
        row.get_by_label("Stance, statement").select_option(stances[seed["stance"]])
        key("Escape")
        key("j")
    click(page.get_by_role("button", name="Create and send for review"))
    expect(page.locator(".messagelist")).to_contain_text("32 drafts created.")
    page.wait_for_load_state("load")

    in_review = Quote.objects.filter(source=source, status=Quote.Status.REVIEW)
    assert sorted(in_review.values_list("text", flat=True)) == sorted(
        q["text"] for q in seed_quotes
    )
    speakers = dict(in_review.values_list("text", "speaker__slug"))
    wrong = [q["key"] for q in seed_quotes if speakers[q["text"]] != q["speaker"]]
    print(
        f"\nPage loads: {len(loads)} ({len(documents)} documents served, redirects included); "
        f"{actions}; speakers not the seed's: {wrong}"
    )
    assert len(loads) <= 40
    assert len(documents) <= 40
    assert wrong == []

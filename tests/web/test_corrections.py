"""/corrections/ and its feed: every correction and every retraction, newest first, kept when
the corrected statement is retracted later."""

import feedparser
import pytest
from pytest_django.asserts import assertContains, assertNotContains

from tests.helpers import make_quote, make_speaker

pytestmark = pytest.mark.django_db


@pytest.fixture
def corrected_then_retracted(chief_editor):
    quote = make_quote(text="Troops by summer", speaker=make_speaker(name="Jane Minister"))
    quote.text = "Troops by autumn"
    quote.correct(note="The season was misheard.", by=chief_editor)
    quote.retract(reason="The minister never said it.", by=chief_editor)
    return quote


def test_a_correction_stays_listed_after_its_statement_is_retracted(
    client, corrected_then_retracted
):
    response = client.get("/corrections/")
    assertContains(response, "The season was misheard.")
    assertContains(response, "(the statement was retracted later)")


def test_a_retraction_is_listed_with_its_reason_not_its_words(client, corrected_then_retracted):
    response = client.get("/corrections/")
    assertContains(response, "<strong>retracted</strong>. The minister never said it.", html=False)
    assertContains(response, f'href="{corrected_then_retracted.get_absolute_url()}#retraction"')
    assertNotContains(response, "Troops by")


def test_notices_are_newest_first(client, chief_editor, corrected_then_retracted):
    later = make_quote(text="Later words")
    later.text = "Later words, corrected"
    later.correct(note="Newest note.", by=chief_editor)
    html = client.get("/corrections/").content.decode()
    assert html.index("Newest note.") < html.index("never said it") < html.index("misheard")


def test_the_feed_has_every_correction_and_retraction(client, corrected_then_retracted):
    feed = feedparser.parse(client.get("/corrections/feed.atom").content)
    assert not feed.bozo
    assert feed.feed.title == "On the Record: corrections and retractions"
    assert [entry.title for entry in feed.entries] == [
        "Retracted: Jane Minister, 17 Feb 2025",
        "Corrected: Jane Minister, 17 Feb 2025 (words)",
    ]
    assert feed.entries[0].summary == "The minister never said it."
    # Two entries, two ids: neither is the statement's own id in the statement feeds.
    key = corrected_then_retracted.key
    assert [entry.id for entry in feed.entries] == [
        f"http://testserver/q/{key}/#retraction",
        f"http://testserver/q/{key}/#correction-2",
    ]


def test_the_retraction_notice_is_the_anchor_the_list_links_to(client, corrected_then_retracted):
    response = client.get(corrected_then_retracted.get_absolute_url())
    assertContains(response, 'id="retraction"', status_code=410)


def test_no_corrections_is_a_sentence_not_a_numbered_list(client):
    response = client.get("/corrections/")
    assertContains(response, "<p>No corrections or retractions yet.</p>", html=True)
    assertNotContains(response, '<ol class="corrections">')


def test_a_draft_retracted_never_is_not_listed(client):
    make_quote(text="Draft words", status="draft")
    assertContains(client.get("/corrections/"), "No corrections or retractions yet.")


def test_corrections_are_in_the_navigation_with_their_feed(client):
    response = client.get("/corrections/")
    assertContains(response, '<li><a href="/corrections/">Corrections</a></li>', html=True)
    assertContains(
        response,
        '<link rel="alternate" type="application/atom+xml" '
        'title="On the Record: corrections and retractions" href="/corrections/feed.atom">',
        html=True,
    )
    assertContains(response, "Follow corrections and retractions as a feed")

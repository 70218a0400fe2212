"""Index pages: a reader discovers every person, nation, outlet, source, topic and event, with
how many statements each has, and finds one by typing part of its name."""

import datetime

import pytest
from pytest_django.asserts import assertContains, assertNotContains

from tests.helpers import (
    make_nation,
    make_outlet,
    make_quote,
    make_source,
    make_speaker,
    make_stance,
)
from tests.public_pages import INDEXES
from tracker.models import Alias, Event, Quote

pytestmark = pytest.mark.django_db


def make_event(**overrides):
    fields = {
        "name": "Paris meeting",
        "slug": "paris-meeting",
        "happened_on": datetime.date(2025, 2, 17),
        "place": "Élysée Palace, Paris",
    }
    fields.update(overrides)
    return Event.objects.create(**fields)


@pytest.fixture
def archive():
    germany = make_nation(code="de", name="Germany")
    france = make_nation(code="fr", name="France", is_nato_member=True)
    scholz = make_speaker(name="Olaf Scholz", slug="olaf-scholz", nation=germany)
    macron = make_speaker(name="Emmanuel Macron", slug="emmanuel-macron", nation=france)
    twz = make_outlet(name="The War Zone", slug="twz")
    ft = make_outlet(name="Financial Times", slug="ft")
    article = make_source(outlet=twz, title="European leaders meet in Paris")
    first_report = make_source(outlet=ft, title="Scholz rules out troops")
    paris = make_event()
    for _ in range(2):
        make_quote(speaker=scholz, source=article, first_reported_in=first_report, event=paris)
    make_quote(speaker=macron, source=article)
    # Only drafts name these: no index lists them.
    hidden = make_speaker(
        name="Olaf Draftonly", slug="draft-only", nation=make_nation(code="zz", name="Zedland")
    )
    make_quote(
        speaker=hidden,
        source=make_source(outlet=make_outlet(name="Draft Gazette"), title="Unpublished scoop"),
        event=make_event(name="Secret summit", slug="secret-summit"),
        status=Quote.Status.DRAFT,
    )
    return {"scholz": scholz, "paris": paris, "article": article}


@pytest.mark.parametrize(
    ("address", "listed", "hidden"),
    [
        (
            "/people/",
            ["Olaf Scholz", "2 statements", "Emmanuel Macron", "1 statement<"],
            ["Draftonly"],
        ),
        ("/nations/", ["Germany", "(DE · EU · NATO)", "2 statements", "France"], ["Zedland"]),
        (
            "/outlets/",
            ["The War Zone", "3 statements", "Financial Times", "2 statements"],
            ["Draft Gazette"],
        ),
        (
            "/sources/",
            ["European leaders meet in Paris", "Scholz rules out troops"],
            ["Unpublished scoop"],
        ),
        ("/topics/", ["Troops for Ukraine", "3 statements"], []),
        ("/events/", ["Paris meeting", "Élysée Palace, Paris", "2 statements"], ["Secret summit"]),
    ],
)
def test_index_lists_public_records_with_their_counts(client, archive, address, listed, hidden):
    response = client.get(address)
    for text in listed:
        assertContains(response, text)
    for text in hidden:
        assertNotContains(response, text)


def test_outlet_count_includes_the_quotes_it_first_reported(client, archive):
    # The Financial Times first reported two statements read in The War Zone: it has them too.
    html = client.get("/outlets/").content.decode()
    assert (
        '<a href="/outlets/ft/">Financial Times</a> <span class="count">2 statements</span>' in html
    )


def test_name_filter_finds_part_of_a_name_in_any_case(client, archive):
    response = client.get("/people/", {"name": "SCHOL"})
    assertContains(response, "Olaf Scholz")
    assertNotContains(response, "Emmanuel Macron")
    assertContains(response, "1 person<")
    assertContains(response, "<title>People: “SCHOL” · On the Record</title>", html=False)


def test_name_filter_finds_a_speaker_by_an_alias(client, archive):
    Alias.objects.create(speaker=archive["scholz"], name="Olaf Schulz")
    assertContains(client.get("/people/", {"name": "schulz"}), "Olaf Scholz")


def test_name_filter_with_no_match_says_so_and_offers_all(client, archive):
    response = client.get("/nations/", {"name": "Atlantis"})
    assertContains(response, "No name contains “Atlantis”.")
    assertContains(response, '<a href="?">Show all</a>', html=True)


def test_unreadable_name_filter_is_400_and_lists_nothing(client, archive):
    response = client.get("/people/", {"name": "x" * 201})
    assert response.status_code == 400
    assertContains(response, "This filter could not be read", status_code=400)
    assertNotContains(response, "Olaf Scholz", status_code=400)


def test_index_pages_are_paginated(client, archive):
    for n in range(55):
        make_quote(speaker=make_speaker(name=f"Person {n:02d}"))
    first = client.get("/people/")
    assertContains(first, "57 people")
    assertContains(first, 'rel="next"')
    second = client.get("/people/", {"page": 2})
    assertContains(second, "Page 2 of 2")


def test_event_page_shows_when_where_and_its_statements(client, archive):
    response = client.get("/events/paris-meeting/")
    assertContains(response, "<h1>Paris meeting</h1>", html=True)
    assertContains(response, '<time datetime="2025-02-17">17 Feb 2025</time>, Élysée Palace, Paris')
    assert len(response.context["page"]) == 2
    assertContains(response, "/quotes/?event=paris-meeting")


def test_event_only_drafts_name_is_not_found(client, archive):
    assert client.get("/events/secret-summit/").status_code == 404
    assert client.get("/quotes/", {"event": "secret-summit"}).status_code == 400


def test_statements_filter_by_event(client, archive):
    response = client.get("/quotes/", {"event": "paris-meeting"})
    assert response.context["page"].paginator.count == 2


def test_navigation_links_every_index_and_the_corrections(client, archive):
    response = client.get("/")
    for address in [*INDEXES, "/corrections/"]:
        assertContains(response, f'<li><a href="{address}">', html=False)


def test_sitemap_lists_outlets_events_and_the_indexes(client, archive):
    assertContains(client.get("/sitemap-outlets.xml"), "/outlets/ft/")
    assertContains(client.get("/sitemap-events.xml"), "/events/paris-meeting/")
    assertNotContains(client.get("/sitemap-events.xml"), "secret-summit")
    pages = client.get("/sitemap-pages.xml")
    for address in [*INDEXES, "/methodology/"]:
        assertContains(pages, f"http://testserver{address}<")


def test_methodology_explains_stances_kinds_and_corrections_and_the_footer_links_it(client):
    make_stance(value="open", label="Open to it", description="Open to sending troops.")
    response = client.get("/methodology/")
    assertContains(response, "How stances are coded")
    assertContains(response, "<dt>Open to it</dt><dd>Open to sending troops.</dd>", html=True)
    assertContains(response, "<dt>Paraphrase</dt>", html=True)
    assertContains(response, 'id="corrections"')
    assertContains(client.get("/quotes/"), '<a href="/methodology/">', html=False)

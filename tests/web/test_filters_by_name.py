"""A reader filters /quotes/ by a person's, outlet's or source's name as typed, not by a slug."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from pytest_django.asserts import assertContains, assertNotContains

from tests.helpers import make_outlet, make_quote, make_source, make_speaker

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("without_page_cache")]


def quotes_page(client, **params):
    return client.get(reverse("quote_list"), params)


@pytest.fixture
def starmer():
    speaker = make_speaker(name="Keir Starmer", slug="keir-starmer", aliases="Kier Starmer")
    make_quote(text="Boots on the ground.", speaker=speaker)
    make_quote(text="Words of another.", speaker=make_speaker(name="Emmanuel Macron"))
    return speaker


@pytest.mark.parametrize(
    "typed", ["Starmer", "starmer", "Keir Starmer", "Kier Starmer", "keir-starmer"]
)
def test_a_speaker_typed_by_name_alias_or_slug_gives_his_statements(client, starmer, typed):
    response = quotes_page(client, speaker=typed)
    assert response.status_code == 200
    assertContains(response, "Boots on the ground.")
    assertNotContains(response, "Words of another.")
    assertContains(response, "Speaker: Keir Starmer")


def test_every_surface_reads_the_name_alike(client, starmer):
    # The same FilterSet serves the feed, the CSV and the API.
    assert (
        "Boots on the ground."
        in client.get("/quotes/feed.atom", {"speaker": "Starmer"}).content.decode()
    )
    assert (
        "Words of another."
        not in client.get("/quotes/feed.atom", {"speaker": "Starmer"}).content.decode()
    )
    csv = b"".join(client.get("/quotes.csv", {"speaker": "Starmer"}).streaming_content).decode()
    assert "Boots on the ground." in csv and "Words of another." not in csv
    api = client.get("/api/quotes/", {"speaker": "Starmer"}).json()
    assert [quote["text"] for quote in api["results"]] == ["Boots on the ground."]


def test_a_name_shared_by_two_is_a_400_listing_both(client, starmer):
    make_quote(speaker=make_speaker(name="Jack Starmer", slug="jack-starmer"))
    response = quotes_page(client, speaker="Starmer")
    assert response.status_code == 400
    assertContains(response, "names more than one speaker", status_code=400)
    assertContains(response, "Keir Starmer (keir-starmer)", status_code=400)
    assertContains(response, "Jack Starmer (jack-starmer)", status_code=400)
    api = client.get("/api/quotes/", {"speaker": "Starmer"})
    assert api.status_code == 400 and "keir-starmer" in str(api.json())


def test_a_name_matching_no_one_says_what_to_fix_and_shows_no_count(client, starmer):
    response = quotes_page(client, speaker="Starm")
    assert response.status_code == 400
    assertContains(response, "No speaker named “Starm”", status_code=400)
    assertContains(response, "Did you mean Keir Starmer?", status_code=400)
    # Nothing that reads as an answer: no "0 statements", no empty list.
    assertNotContains(response, "0 statements", status_code=400)
    assertNotContains(response, 'id="results-heading"', status_code=400)
    assertNotContains(response, "No statements match", status_code=400)
    assertNotContains(response, "Get new statements in this view", status_code=400)
    assertContains(response, 'href="/quotes/">Start again', status_code=400)


def test_outlet_and_source_are_chosen_by_name(client):
    times = make_outlet(name="Financial Times", slug="financial-times")
    source = make_source(outlet=times, title="Europe weighs a force for Ukraine")
    make_quote(text="Reported by the FT.", source=source)
    make_quote(text="Reported elsewhere.")
    for params in ({"outlet": "financial times"}, {"source": "Europe weighs a force for Ukraine"}):
        response = quotes_page(client, **params)
        assertContains(response, "Reported by the FT.")
        assertNotContains(response, "Reported elsewhere.")


def test_the_boxes_suggest_published_names_without_a_script(client, starmer):
    make_speaker(name="Never Quoted")
    page = quotes_page(client).content.decode()
    assert 'name="speaker" list="speaker-names"' in page
    speakers = page.split('<datalist id="speaker-names">', 1)[1].split("</datalist>", 1)[0]
    assert '<option value="Keir Starmer">' in speakers
    assert "Never Quoted" not in speakers


def test_the_suggestions_are_read_once_for_every_filter_and_follow_publications(
    client, starmer, django_capture_on_commit_callbacks
):
    quotes_page(client)  # the names read, and the filters' choices
    with CaptureQueriesContext(connection) as queries:
        page = quotes_page(client, speaker="Macron", sort="oldest").content.decode()
    names_read = [q for q in queries if q["sql"].startswith('SELECT "tracker_speaker"."name"')]
    assert names_read == []
    assert '<option value="Keir Starmer">' in page
    with django_capture_on_commit_callbacks(execute=True):
        make_quote(text="New words.", speaker=make_speaker(name="Mette Frederiksen"))
    assertContains(quotes_page(client, sort="oldest"), '<option value="Mette Frederiksen">')


def test_the_form_is_folded_unless_a_filter_is_set(client, starmer):
    assertContains(quotes_page(client), '<details class="filters-box">')
    assertContains(quotes_page(client, speaker="Starmer"), '<details class="filters-box" open>')

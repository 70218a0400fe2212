"""Names that cite right (given and family names, bodies with one name, aliases that find the
person) and every record's public note apart from its editors' notes."""

import json

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from lxml import html as lxml_html
from pytest_django.asserts import assertContains, assertNotContains

from tests.admin.pages import posted_back
from tests.helpers import (
    make_nation,
    make_outlet,
    make_quote,
    make_role,
    make_source,
    make_speaker,
    make_stance,
)
from tracker import citations
from tracker.models import Alias, Event, Speaker

pytestmark = pytest.mark.django_db


def make_event(**overrides):
    fields = {"name": "Paris meeting", "slug": "paris-meeting", "happened_on": "2025-02-17"}
    return Event.objects.create(**{**fields, **overrides})


def json_ld(response):
    (script,) = lxml_html.fromstring(response.content).xpath(
        '//script[@type="application/ld+json"]'
    )
    return json.loads(script.text)


def test_an_editor_enters_given_and_family_names_and_aliases_and_citations_use_them(client, editor):
    client.force_login(editor)
    speaker = make_speaker(name="Maria Malmer Stenergard", slug="maria-malmer-stenergard")
    page = reverse("admin:tracker_speaker_change", args=[speaker.pk])
    data = posted_back(
        client.get(page),
        given_name="Maria",
        family_name="Malmer Stenergard",
        **{
            "aliases-TOTAL_FORMS": "1",
            "aliases-INITIAL_FORMS": "0",
            "aliases-0-name": "Maria Malmer-Stenergard",
            "aliases-0-kind": "spelling",
        },
    )
    assert client.post(page, data).status_code == 302
    client.logout()
    speaker.refresh_from_db()
    quote = make_quote(speaker=speaker)

    item = citations.csl_item(quote, url="https://example.org/q/", accessed=quote.said_on)
    assert item["author"] == [{"family": "Malmer Stenergard", "given": "Maria"}]
    creator = json_ld(client.get(quote.get_absolute_url()))["creator"]
    assert (creator["givenName"], creator["familyName"]) == ("Maria", "Malmer Stenergard")
    assert creator["alternateName"] == ["Maria Malmer-Stenergard"]
    answer = client.get(f"/api/speakers/{speaker.slug}/").json()
    assert (answer["given_name"], answer["family_name"]) == ("Maria", "Malmer Stenergard")
    assert answer["aliases"] == ["Maria Malmer-Stenergard"]
    assertContains(client.get(speaker.get_absolute_url()), "Also spelt: Maria Malmer-Stenergard")


def test_a_body_has_one_name_no_citation_splits(client):
    body = make_speaker(
        name="Government of the United States", kind=Speaker.Kind.INSTITUTION, slug="us-gov"
    )
    quote = make_quote(speaker=body)
    item = citations.csl_item(quote, url="https://example.org/q/", accessed=quote.said_on)
    assert item["author"] == [{"literal": "Government of the United States"}]
    creator = json_ld(client.get(quote.get_absolute_url()))["creator"]
    assert creator["@type"] == "Organization" and "familyName" not in creator
    assert client.get(f"/api/speakers/{body.slug}/").json()["is_person"] is False
    body.given_name = "Government"
    with pytest.raises(ValidationError):
        body.full_clean()


def test_a_person_without_family_name_falls_back_to_the_display_name():
    speaker = make_speaker(name="Lula")
    assert speaker.sort_name == "Lula"
    assert citations.csl_name(speaker) == {"literal": "Lula"}


def test_an_alias_finds_the_person_in_search_the_filter_and_the_admin(client, editor):
    zelensky = make_speaker(name="Volodymyr Zelensky", slug="volodymyr-zelensky")
    make_quote(text="We need guarantees.", speaker=zelensky)
    make_quote(text="Other words.")
    Alias.objects.create(speaker=zelensky, name="Zelenskyy", kind=Alias.Kind.TRANSLITERATION)
    for response in (
        client.get("/quotes/", {"q": "Zelenskyy"}),
        client.get("/quotes/", {"speaker": "Zelenskyy"}),
    ):
        assertContains(response, "We need guarantees.")
        assertNotContains(response, "Other words.")
    assertContains(client.get("/people/", {"name": "zelenskyy"}), "Volodymyr Zelensky")
    client.force_login(editor)
    listed = client.get(reverse("admin:tracker_speaker_changelist"), {"q": "Zelenskyy"})
    assert [s.name for s in listed.context["cl"].result_list] == ["Volodymyr Zelensky"]


def record_with_notes(kind):
    notes = {"public_note": f"Public {kind} note.", "notes": f"Private {kind} note."}
    if kind == "speaker":
        return make_speaker(**notes), None
    if kind == "nation":
        nation = make_nation(code="fr", name="France")
        nation.public_note, nation.notes = notes["public_note"], notes["notes"]
        nation.save()
        return nation, {"nation": nation}
    if kind == "outlet":
        outlet = make_outlet(**notes)
        return outlet, {"source": make_source(outlet=outlet)}
    if kind == "source":
        return make_source(**notes), "source"
    if kind == "event":
        return make_event(**notes), "event"
    if kind == "topic":
        stance = make_stance()
        topic = stance.topic
        topic.public_note, topic.notes = notes["public_note"], notes["notes"]
        topic.save()
        return topic, {"stance": stance}
    if kind == "role":
        return make_role(**notes), "role"
    raise AssertionError(kind)


@pytest.mark.parametrize(
    "kind", ["speaker", "nation", "outlet", "source", "event", "topic", "role", "quote"]
)
def test_a_records_public_note_is_on_its_page_and_its_editors_notes_nowhere(client, kind):
    if kind == "quote":
        record = make_quote(public_note="Public quote note.", notes="Private quote note.")
        page = record
    else:
        record, link = record_with_notes(kind)
        if link is None:
            make_quote(speaker=record)
        elif isinstance(link, dict):
            make_quote(**link)
        elif link == "role":
            make_quote(speaker=record.speaker, role=record)
        else:
            make_quote(**{link: record})
        page = record.speaker if kind == "role" else record
    response = client.get(page.get_absolute_url())
    assertContains(response, f"Public {kind} note.")
    assertNotContains(response, f"Private {kind} note.")
    assert f"Private {kind} note." not in client.get("/api/quotes/").content.decode()

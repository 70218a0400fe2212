"""Bodies spoken for: nations and international organisations are both first-class. A chief
editor adds NATO in the admin; a NATO Secretary General who is Dutch speaks for NATO; readers
find NATO's page, feed, sitemap entry, filter and its own row in the stance grid, apart from
the nations."""

import feedparser
import pytest
from django.db import IntegrityError
from django.urls import reverse
from pytest_django.asserts import assertContains, assertNotContains

from tests.admin.pages import posted_back
from tests.helpers import make_nation, make_quote, make_speaker, make_stance
from tracker.models import Nation, Speaker

pytestmark = pytest.mark.django_db


@pytest.fixture
def nato(client, chief_editor):
    client.force_login(chief_editor)
    add = reverse("admin:tracker_nation_add")
    data = posted_back(client.get(add), kind=Nation.Kind.ORGANISATION, code="nato", name="NATO")
    response = client.post(add, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    client.logout()
    return Nation.objects.get(code="nato")


@pytest.fixture
def rutte(client, chief_editor, nato):
    netherlands = make_nation(code="nl", name="Netherlands")
    client.force_login(chief_editor)
    add = reverse("admin:tracker_speaker_add")
    data = posted_back(
        client.get(add),
        name="Mark Rutte",
        slug="mark-rutte",
        kind="person",
        nation=nato.pk,
        nationality=netherlands.pk,
    )
    data.update({"roles-TOTAL_FORMS": 0, "roles-INITIAL_FORMS": 0})
    response = client.post(add, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    client.logout()
    return Speaker.objects.get(slug="mark-rutte")


def test_a_quote_by_natos_secretary_general_speaks_for_nato_not_his_nation(client, rutte, nato):
    quote = make_quote(speaker=rutte, text="We stand with Ukraine.")
    assert quote.nation == nato
    assert rutte.nationality.name == "Netherlands"
    card = client.get(reverse("quote_list"))
    assertContains(card, f'for <a href="{nato.get_absolute_url()}">NATO</a>')
    speaker_page = client.get(rutte.get_absolute_url())
    assertContains(speaker_page, "Nationality: Netherlands. Speaks for NATO.")
    api = client.get(f"/api/speakers/{rutte.slug}/").json()
    assert api["nation"]["code"] == "nato"
    assert api["nationality"]["code"] == "nl"


def test_an_organisation_has_its_page_feed_sitemap_entry_and_filter(client, rutte, nato):
    make_quote(speaker=rutte, text="We stand with Ukraine.")
    page = client.get("/nations/nato/")
    assertContains(page, "<title>NATO (international organisation) · On the Record</title>")
    assertContains(page, "International organisation · NATO")
    assertContains(page, "We stand with Ukraine.")
    assert nato.get_absolute_url() == "/nations/nato/"
    feed = feedparser.parse(client.get(reverse("nation_feed", args=["nato"])).content)
    assert [entry.summary for entry in feed.entries] == ["We stand with Ukraine."]
    assertContains(client.get("/sitemap-nations.xml"), "/nations/nato/")
    filtered = client.get(reverse("quote_list"), {"nation": "nato"})
    assertContains(filtered, "We stand with Ukraine.")
    api = client.get("/api/nations/nato/").json()
    assert (api["kind"], api["name"]) == ("organisation", "NATO")
    csv = b"".join(client.get("/quotes.csv", {"nation": "nato"}).streaming_content).decode()
    assert ",nato,organisation," in csv


def test_the_nations_index_lists_organisations_apart(client, rutte):
    make_quote(speaker=rutte)
    make_quote(speaker=make_speaker(nation=make_nation(code="fr", name="France")))
    html = client.get(reverse("nation_list")).content.decode()
    nations, organisations = (
        html.index("<h3>Nations</h3>"),
        html.index("<h3>International organisations</h3>"),
    )
    assert nations < html.index(">France</a>") < organisations < html.index(">NATO</a>")


def test_the_stance_grid_has_a_row_for_the_organisation_apart_from_nations(client, rutte):
    stance = make_stance(value="willing", label="Willing")
    make_quote(speaker=rutte, stance=stance)
    make_quote(speaker=make_speaker(nation=make_nation(code="fr", name="France")), stance=stance)
    html = client.get(stance.topic.get_absolute_url()).content.decode()
    nations = html.index('<th scope="rowgroup" colspan="2">Nations</th>')
    organisations = html.index('<th scope="rowgroup" colspan="2">International organisations</th>')
    assert nations < html.index(">France</a></th>") < organisations
    assert organisations < html.index(">NATO</a></th>")


def test_only_an_organisation_has_a_code_longer_than_two_letters():
    with pytest.raises(IntegrityError):
        Nation.objects.create(code="nld", name="Netherlands")


def test_an_organisation_no_published_quote_speaks_for_is_not_public(client, nato):
    assert client.get("/nations/nato/").status_code == 404
    assertNotContains(client.get(reverse("nation_list")), "NATO")

"""Drafts and retractions never leak: not in any page, search, count, feed, export, API or sitemap.

Drafts, quotes in review and retracted quotes carry marker words in their text, translation and
context; so do the records that only drafts use (a speaker, a nation, an outlet, a source). Every
public surface is read, and no marker may appear in it. The one exception is the notice at a
retracted quote's own address, which says which words were retracted, and nothing more.
"""

import csv
import datetime
import xml.etree.ElementTree as ET
from decimal import Decimal
from urllib.parse import urlsplit

import pytest
from django.core.management import call_command
from django.test import Client
from lxml import html as lxml_html
from pytest_django.asserts import assertContains

from tests.helpers import (
    make_nation,
    make_outlet,
    make_quote,
    make_role,
    make_source,
    make_speaker,
    make_stance,
)
from tests.public_pages import INDEXES, make_every_page
from tracker import models
from tracker.models import Figure, Quote
from tracker.sitemaps import SITEMAPS

pytestmark = pytest.mark.django_db

TOPIC = "troops-for-ukraine"
SITEMAP_NS = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9"}


def markers_of(prefix):
    return {
        "text": f"zqx{prefix}text",
        "translation": f"zqx{prefix}translation",
        "context": f"zqx{prefix}context",
    }


DRAFT, REVIEW, RETRACTED = markers_of("draft"), markers_of("review"), markers_of("retracted")
RECORD_MARKERS = {
    "speaker": "Zqxspeakername",
    "description": "Zqxspeakerdescription",
    "role": "Zqxroletitle",
    "nation": "Zqxnationname",
    "outlet": "Zqxoutletname",
    "source": "Zqxsourcetitle",
    "author": "Zqxauthorname",
    "source under a public outlet": "Zqxhiddensourcetitle",
    "figure": "zqxfigureunit",
    "correction": "zqxcorrectionnote",
    "event": "Zqxeventname",
}
MARKERS = {
    *DRAFT.values(),
    *REVIEW.values(),
    *RETRACTED.values(),
    *RECORD_MARKERS.values(),
}


@pytest.fixture
def archive(chief_editor):
    """A small public archive, and beside it everything that must stay out of sight."""
    make_every_page()
    germany = make_nation(code="de", name="Germany")
    scholz = models.Speaker.objects.get(slug="olaf-scholz")
    willing = make_stance(value="willing", label="Willing", position=1)
    twz = models.Outlet.objects.get(slug="twz")

    # Records that only unpublished quotes use.
    hidden_nation = make_nation(code="zz", name=RECORD_MARKERS["nation"])
    hidden_speaker = make_speaker(
        name=RECORD_MARKERS["speaker"],
        slug="draft-only-speaker",
        nation=hidden_nation,
        description=RECORD_MARKERS["description"],
    )
    make_role(speaker=hidden_speaker, title=RECORD_MARKERS["role"], nation=hidden_nation)
    hidden_outlet = make_outlet(name=RECORD_MARKERS["outlet"], slug="draft-only-outlet")
    hidden_source = make_source(
        outlet=hidden_outlet, title=RECORD_MARKERS["source"], authors=RECORD_MARKERS["author"]
    )
    # A source of a public outlet, cited only by a draft.
    hidden_twz_source = make_source(
        outlet=twz, title=RECORD_MARKERS["source under a public outlet"]
    )

    def unpublished(markers, status, **fields):
        return make_quote(
            status=status,
            language="de",
            **{field: f"{word} words" for field, word in markers.items()},
            **fields,
        )

    hidden_event = models.Event.objects.create(
        name=RECORD_MARKERS["event"], slug="draft-only-event", happened_on=datetime.date(2025, 3, 1)
    )

    # Newer than every published quote, with a stance none of them takes: if counted, it shows.
    later = datetime.date(2025, 3, 1)
    draft = unpublished(
        DRAFT,
        Quote.Status.DRAFT,
        speaker=hidden_speaker,
        source=hidden_source,
        first_reported_in=hidden_twz_source,
        stance=willing,
        said_on=later,
        event=hidden_event,
    )
    Figure.objects.create(quote=draft, amount=Decimal(10_000), unit=RECORD_MARKERS["figure"])
    review = unpublished(
        REVIEW, Quote.Status.REVIEW, speaker=scholz, nation=germany, stance=willing, said_on=later
    )
    # In a month of its own: if counted, /dates/ lists it.
    unpublished(
        markers_of("draft"),
        Quote.Status.DRAFT,
        speaker=scholz,
        nation=germany,
        stance=willing,
        said_on=datetime.date(2019, 7, 1),
    )
    retracted = make_quote(
        text=f"{RETRACTED['text']} words",
        translation=f"{RETRACTED['translation']} words",
        context=f"{RETRACTED['context']} words",
        language="de",
        speaker=scholz,
        nation=germany,
        stance=willing,
        said_on=later,
    )
    retracted.text = f"{RETRACTED['text']} words, corrected"
    retracted.correct(note=f"{RECORD_MARKERS['correction']}.", by=chief_editor)
    retracted.retract(reason="It was misattributed.", by=chief_editor, replaced_by=draft)

    return {
        "draft": draft,
        "review": review,
        "retracted": retracted,
        "hidden_speaker": hidden_speaker,
        "hidden_nation": hidden_nation,
        "hidden_outlet": hidden_outlet,
        "hidden_event": hidden_event,
        "hidden_sources": [hidden_source, hidden_twz_source],
        "published": list(Quote.objects.published()),
    }


def read(client, address):
    response = client.get(address)
    assert response.status_code < 500, address
    if response.streaming:
        return response, b"".join(response.streaming_content).decode()
    return response, response.content.decode()


def leaked(body, allowed=()):
    lowered = body.lower()
    return sorted(m for m in MARKERS if m.lower() in lowered and m not in allowed)


def public_addresses(archive):
    """Every public address a reader, a feed reader, a crawler or an API client can reach."""
    published = archive["published"]
    quote = published[0]
    addresses = {
        "/",
        "/quotes/",
        "/quotes/?sort=oldest",
        "/quotes/?nation=de",
        f"/quotes/?topic={TOPIC}&stance=willing",
        "/quotes/feed.atom",
        "/quotes.csv",
        "/corrections/",
        "/corrections/feed.atom",
        "/dates/",
        *INDEXES,
        "/methodology/",
        "/robots.txt",
        "/api/",
        "/api/quotes/",
        "/api/speakers/",
        "/api/nations/",
        "/api/topics/",
        f"/api/topics/{TOPIC}/",
        "/api/schema/",
        f"/topics/{TOPIC}/",
        f"/topics/{TOPIC}/feed.atom",
    }
    for quote in published:
        key = quote.key
        addresses |= {
            f"/q/{key}/",
            f"/q/{key}/v/1/",
            f"/q/{key}/embed",
            f"/q/{key}/cite.ris",
            f"/q/{key}/cite.bib",
            f"/q/{key}/cite.json",
            f"/api/quotes/{key}/",
            quote.speaker.get_absolute_url(),
            f"/people/{quote.speaker.slug}/feed.atom",
            f"/api/speakers/{quote.speaker.slug}/",
            quote.source.get_absolute_url(),
            f"/api/sources/{quote.source.key}/",
            quote.source.outlet.get_absolute_url(),
        }
        for link in quote.attribution_links.all():
            addresses.add(link.source.get_absolute_url())
            addresses.add(link.source.outlet.get_absolute_url())
        if quote.nation:
            addresses |= {
                quote.nation.get_absolute_url(),
                f"/nations/{quote.nation.code}/feed.atom",
                f"/api/nations/{quote.nation.code}/",
            }
    return sorted(addresses)


def hidden_addresses(archive):
    """The addresses of what is not public: each must answer as if it did not exist."""
    addresses = []
    for quote in (archive["draft"], archive["review"]):
        key = quote.key
        addresses += [
            f"/q/{key}/",
            f"/q/{key}/v/1/",
            f"/q/{key}/embed",
            f"/q/{key}/cite.ris",
            f"/api/quotes/{key}/",
        ]
    speaker, nation = archive["hidden_speaker"], archive["hidden_nation"]
    addresses += [
        speaker.get_absolute_url(),
        f"/people/{speaker.slug}/feed.atom",
        f"/api/speakers/{speaker.slug}/",
        nation.get_absolute_url(),
        f"/nations/{nation.code}/feed.atom",
        f"/api/nations/{nation.code}/",
        archive["hidden_outlet"].get_absolute_url(),
        archive["hidden_event"].get_absolute_url(),
    ]
    for source in archive["hidden_sources"]:
        addresses += [source.get_absolute_url(), f"/api/sources/{source.key}/"]
    return addresses


# A correction published before its quote was retracted stays on the record of corrections
# (and the retraction is listed beside it): there, and only there, its note is public.
STILL_PUBLIC = {
    "/corrections/": {RECORD_MARKERS["correction"]},
    "/corrections/feed.atom": {RECORD_MARKERS["correction"]},
}


def test_no_public_address_shows_a_draft_a_quote_in_review_or_a_retraction(archive):
    client = Client()
    found = {}
    for address in public_addresses(archive):
        response, body = read(client, address)
        assert response.status_code == 200, address
        if words := leaked(body, allowed=STILL_PUBLIC.get(address, ())):
            found[address] = words
    assert found == {}
    assert RECORD_MARKERS["correction"] in read(client, "/corrections/")[1]


def test_unpublished_quotes_and_records_only_they_use_are_not_found(archive):
    client = Client()
    found = {}
    for address in hidden_addresses(archive):
        response, body = read(client, address)
        assert response.status_code == 404, (address, response.status_code)
        if words := leaked(body):
            found[address] = words
    assert found == {}


def test_filtering_by_a_record_only_drafts_use_names_nothing(archive):
    client = Client()
    queries = [
        f"speaker={archive['hidden_speaker'].slug}",
        f"nation={archive['hidden_nation'].code}",
        f"outlet={archive['hidden_outlet'].slug}",
        f"event={archive['hidden_event'].slug}",
        *[f"source={source.key}" for source in archive["hidden_sources"]],
    ]
    for query in queries:
        for path in ("/quotes/", "/quotes/feed.atom", "/quotes.csv", "/api/quotes/"):
            response, body = read(client, f"{path}?{query}")
            assert leaked(body) == [], f"{path}?{query}"
            # The same answer as for a record that does not exist at all.
            assert response.status_code == 400, f"{path}?{query}"


def test_the_retraction_notice_names_the_retracted_words_and_nothing_else(archive):
    client = Client()
    key = archive["retracted"].key
    for address in [
        f"/q/{key}/",
        f"/q/{key}/v/1/",
        f"/q/{key}/v/2/",
        f"/q/{key}/embed",
        f"/q/{key}/cite.ris",
        f"/api/quotes/{key}/",
    ]:
        response, body = read(client, address)
        assert response.status_code == 410, address
        assert leaked(body, allowed={RETRACTED["text"]}) == [], address
    # Its replacement is still a draft: the notice does not point to it.
    response, body = read(client, f"/q/{key}/")
    assert archive["draft"].key not in body
    assert response.status_code == 410
    assert read(client, f"/api/quotes/{key}/")[0].json()["replaced_by"] is None


@pytest.mark.parametrize("marker", sorted(MARKERS))
def test_search_finds_no_unpublished_words(archive, marker):
    client = Client()
    page, body = read(client, f"/quotes/?q={marker}")
    assert page.context["page"].paginator.count == 0
    assert leaked(body, allowed={marker}) == []
    feed = read(client, f"/quotes/feed.atom?q={marker}")[1]
    assert "<entry>" not in feed
    rows = read(client, f"/quotes.csv?q={marker}")[1].splitlines()
    assert rows[1:] == ["# complete: 0 quotes"]  # the header, then no row
    assert read(client, f"/api/quotes/?q={marker}")[0].json()["results"] == []


def test_counts_and_the_stance_grid_count_only_published_quotes(archive):
    client = Client()
    published = archive["published"]
    quotes = read(client, "/quotes/")[0]
    assert quotes.context["page"].paginator.count == len(published)
    assert f">{len(published)} statements<" in quotes.content.decode()
    germany = [quote for quote in published if quote.nation and quote.nation.code == "de"]
    assert read(client, "/quotes/?nation=de")[0].context["page"].paginator.count == len(germany)
    willing = read(client, f"/quotes/?topic={TOPIC}&stance=willing")[0]
    assert willing.context["page"].paginator.count == 0

    expected = {}
    for quote in published:
        cell = (quote.nation.code, quote.stance.value)
        expected[cell] = expected.get(cell, 0) + 1
    for address in ("/", f"/topics/{TOPIC}/"):
        grid = read(client, address)[0].context["grid"]
        rows = [row for group in grid["groups"] for row in group["rows"]]
        counts = {
            (row["body"].code, cell["stance"].value): cell["count"]
            for row in rows
            for cell in row["stances"]
        }
        assert counts == expected, address
        latest = {row["body"].code: row["latest"].stance.value for row in rows}
        newest = max(germany, key=lambda quote: (quote.said_on, quote.pk))
        assert latest == {"de": newest.stance.value}, address

    months = read(client, "/dates/")[0].context["months"]
    assert sum(month["count"] for month in months) == len(published)
    assert [month["month"].first_day.year for month in months] == [2025]

    speaker = read(client, "/people/olaf-scholz/")[0]
    assert "Willing" not in [change["label"] for change in speaker.context["changes"]]
    assert [n["code"] for n in read(client, "/api/nations/")[0].json()] == ["de"]
    api_speakers = read(client, "/api/speakers/")[0].json()["results"]
    assert [speaker["slug"] for speaker in api_speakers] == ["olaf-scholz"]


def test_every_sitemap_section_lists_only_public_addresses(archive):
    client = Client()
    index = ET.fromstring(read(client, "/sitemap.xml")[1])
    sections = [urlsplit(loc.text).path for loc in index.findall(".//sm:loc", SITEMAP_NS)]
    assert sorted(sections) == sorted(f"/sitemap-{name}.xml" for name in SITEMAPS)
    hidden = set(hidden_addresses(archive)) | {archive["retracted"].get_absolute_url()}
    listed = []
    for section in sections:
        response, body = read(client, section)
        assert response.status_code == 200, section
        assert leaked(body) == [], section
        listed += [
            urlsplit(loc.text).path for loc in ET.fromstring(body).findall(".//sm:loc", SITEMAP_NS)
        ]
    published = archive["published"]
    public = {
        "/",
        "/quotes/",
        "/dates/",
        "/corrections/",
        "/methodology/",
        *INDEXES,
        f"/topics/{TOPIC}/",
    }
    for quote in published:
        public |= {
            quote.get_absolute_url(),
            quote.speaker.get_absolute_url(),
            quote.nation.get_absolute_url(),
            quote.source.get_absolute_url(),
            quote.source.outlet.get_absolute_url(),
        }
        if quote.event:
            public.add(quote.event.get_absolute_url())
        for link in quote.attribution_links.all():
            public.add(link.source.get_absolute_url())
            public.add(link.source.outlet.get_absolute_url())
    assert sorted(set(listed)) == sorted(public)
    assert hidden.isdisjoint(listed)
    for path in listed:
        assert read(client, path)[0].status_code == 200, path


def test_permalink_metadata_and_json_ld_name_only_the_published_quote(archive):
    client = Client()
    for quote in archive["published"]:
        body = read(client, quote.get_absolute_url())[1]
        tree = lxml_html.fromstring(body)
        metadata = " ".join(
            [
                *tree.xpath("//meta/@content"),
                *tree.xpath("//script[@type='application/ld+json']/text()"),
                *tree.xpath("//link/@href"),
            ]
        )
        assert leaked(metadata) == []


def test_the_data_release_has_no_unpublished_words(archive, tmp_path):
    call_command("export_release", str(tmp_path))
    found = {
        path.name: words
        for path in sorted(tmp_path.iterdir())
        if (words := leaked(path.read_text(encoding="utf-8")))
    }
    assert found == {}
    with (tmp_path / "quotes.csv").open(encoding="utf-8", newline="") as released:
        released_keys = [row["key"] for row in csv.DictReader(released)]
    assert sorted(released_keys) == sorted(quote.key for quote in archive["published"])
    keys = {archive[name].key for name in ("draft", "review", "retracted")}
    release = (tmp_path / "quotes.json").read_text()
    assert not any(key in release for key in keys)
    assert not any(
        source.key in (tmp_path / "sources.json").read_text()
        for source in archive["hidden_sources"]
    )


def test_a_legal_withdrawal_leaves_the_notice_and_the_words_nowhere(archive, chief_editor):
    retracted = archive["retracted"]
    retracted.withdraw(by=chief_editor)
    client = Client()
    key = retracted.key
    notices = [f"/q/{key}/", f"/q/{key}/v/1/", f"/q/{key}/v/2/", f"/q/{key}/embed"]
    for address in [*notices, f"/q/{key}/cite.ris", f"/api/quotes/{key}/"]:
        response, body = read(client, address)
        assert response.status_code == 410, address
        assert leaked(body) == [], address
        assert "It was misattributed." in body, address  # the notice stays, with its reason
    for address in notices[:3]:
        assertContains(read(client, address)[0], "withdrawn for legal reasons", status_code=410)
    answer = read(client, f"/api/quotes/{key}/")[0].json()
    assert (answer["text"], answer["withdrawn"]) == (None, True)
    assert answer["speaker"] == "Olaf Scholz"
    found = {
        address: words
        for address in public_addresses(archive)
        if (words := leaked(read(client, address)[1]))
    }
    assert found == {}
    for field in ("text", "translation", "context"):
        assert (
            read(client, f"/quotes/?q={RETRACTED[field]}")[0].context["page"].paginator.count == 0
        )


def test_a_retracted_quotes_key_is_still_reserved(archive, monkeypatch):
    retracted = archive["retracted"]
    deleted_draft = make_quote(status=Quote.Status.DRAFT)
    deleted_key = deleted_draft.key
    deleted_draft.delete()
    # The next keys drawn are the retracted quote's and the deleted draft's, then a fresh one.
    keys = iter([retracted.key, deleted_key, "freshkey"])
    monkeypatch.setattr("tracker.models.base.random_key", lambda: next(keys))
    quote = make_quote()
    assert quote.key == "freshkey"
    response = Client().get(retracted.get_absolute_url())
    assert response.status_code == 410
    assert RETRACTED["text"] in response.content.decode()

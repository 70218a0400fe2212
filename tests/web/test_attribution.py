"""How the words reached us, end to end: an editor enters an attribution chain, edits to the
words and a verification level in the quote's admin page; readers see them on the card, the
permalink, the feed, the CSV, the API and the JSON-LD, and can filter by them."""

import json
import re

import pytest
from django.urls import reverse
from pytest_django.asserts import assertContains, assertNotContains

from tests.admin.pages import posted_back, quote_page
from tests.api.helpers import get
from tests.helpers import (
    make_event,
    make_intermediary,
    make_nation,
    make_outlet,
    make_quote,
    make_source,
    make_speaker,
    make_stance,
)
from tests.web.test_exports import read_csv
from tracker.models import AttributionLink, Correction, Quote, WordEdit

pytestmark = pytest.mark.django_db


@pytest.fixture
def records(db):
    italy = make_nation(code="it", name="Italy", is_eu_member=True)
    return {
        "speaker": make_speaker(name="Guido Crosetto"),
        "stance": make_stance(),
        "ansa": make_outlet(name="ANSA", slug="ansa"),
        "afp": make_outlet(name="AFP", slug="afp"),
        "figaro": make_source(
            title="L'Italie et les troupes",
            outlet=make_outlet(name="Le Figaro", slug="le-figaro"),
            url="https://www.lefigaro.fr/italie-troupes",
        ),
        "conference": make_event(name="Rome press conference"),
        "government_source": make_intermediary(name="a government source", nation=italy),
    }


def test_editor_enters_a_chain_and_edits_and_readers_see_them_everywhere(
    client, editor, chief_editor, records
):
    # An editor enters the quote with its chain and edits, inline on the quote's add page.
    client.force_login(editor)
    page = client.get(reverse("admin:tracker_quote_add"))
    assert page.status_code == 200
    data = posted_back(
        page,
        text="Italy will not send [its] soldiers … under these conditions.",
        kind=Quote.Kind.INDIRECT,
        language="en",
        speaker=records["speaker"].pk,
        said_on="2025-02-17",
        said_on_precision=Quote.Precision.DAY,
        source=records["figaro"].pk,
        stance=records["stance"].pk,
        verification=Quote.Verification.INTERMEDIARY,
        **inline_rows(
            "attribution_links",
            [
                {"relation": "said_at", "event": records["conference"].pk},
                {"relation": "citing", "intermediary": records["government_source"].pk},
                {"relation": "reported_by", "outlet": records["ansa"].pk},
                {"relation": "also_reported_by", "outlet": records["afp"].pk},
            ],
        ),
        **inline_rows(
            "word_edits",
            [
                {"kind": "omitted", "explanation": "Le Figaro left out a clause."},
                {"kind": "inserted", "words": "[its]", "explanation": "Added by Le Figaro."},
            ],
        ),
    )
    response = client.post(reverse("admin:tracker_quote_add"), data)
    assert response.status_code == 302, response.context["errors"]
    quote = Quote.objects.get(speaker=records["speaker"])
    assert [link.relation for link in quote.chain()] == [
        "said_at",
        "citing",
        "reported_by",
        "read_in",
        "also_reported_by",
    ]
    quote.publish(by=chief_editor)
    client.logout()

    # The card, in the list: the chain in one line, the level, and that words were edited.
    listing = client.get(reverse("quote_list"))
    card = text_of(listing)
    assert (
        "said at Rome press conference · citing a government source (Italy) · reported by "
        "ANSA · read in Le Figaro · also reported by AFP"
    ) in card
    assert "Unnamed intermediary" in card
    assert "Edited: words omitted, words inserted in brackets" in card
    assertContains(listing, "Indirect quote (through an intermediary)")

    # The permalink: the chain in full with its links, the edits explained, the source linked.
    permalink = client.get(quote.get_absolute_url())
    assertContains(permalink, f'<a href="{records["ansa"].get_absolute_url()}">ANSA</a>')
    assertContains(permalink, f'<a href="{records["conference"].get_absolute_url()}">')
    assertContains(permalink, '<a href="https://www.lefigaro.fr/italie-troupes">')
    assertContains(permalink, "a government source (Italy)")
    assertContains(permalink, "Le Figaro left out a clause.")
    assertContains(permalink, "(“[its]”): Added by Le Figaro.")
    json_ld = json.loads(
        re.search(r'type="application/ld\+json"[^>]*>(.*?)</script>', permalink.text, re.S)[1]
    )
    assert json_ld["recordedAt"]["name"] == "Rome press conference"
    read_in = json_ld["isBasedOn"]
    assert read_in["publisher"]["name"] == "Le Figaro"
    assert read_in["isBasedOn"]["publisher"]["name"] == "ANSA"
    assert "a government source (Italy)" in read_in["isBasedOn"]["isBasedOn"]["description"]
    assert json_ld["citation"][0]["publisher"]["name"] == "AFP"
    assert json_ld["description"].startswith("Unnamed intermediary.")

    # The data outputs.
    (row,) = read_csv(client, reverse("quote_csv"))
    assert row["attribution_chain"] == (
        "said at Rome press conference · citing a government source (Italy) · reported by "
        "ANSA · read in Le Figaro · also reported by AFP"
    )
    assert row["verification"] == "intermediary"
    assert row["word_edits"] == (
        "Words omitted: Le Figaro left out a clause.; "
        "Words inserted in brackets: Added by Le Figaro."
    )
    answer = get(client, f"/api/quotes/{quote.key}/")
    chain = answer["attribution_chain"]
    assert [link["relation"] for link in chain] == [
        "said_at",
        "citing",
        "reported_by",
        "read_in",
        "also_reported_by",
    ]
    assert chain[1]["intermediary"]["name"] == "a government source (Italy)"
    assert chain[2]["outlet"]["slug"] == "ansa"
    assert chain[3]["source"]["key"] == records["figaro"].key
    assert answer["verification"] == "intermediary"
    assert [edit["kind"] for edit in answer["word_edits"]] == ["omitted", "inserted"]
    feed = client.get(reverse("quote_feed")).content.decode()
    assert "reported by ANSA · read in Le Figaro" in feed
    assert "Verification: Unnamed intermediary." in feed


def inline_rows(prefix, rows):
    """What a browser posts for `rows` added to an empty inline of the admin's page."""
    data = {f"{prefix}-TOTAL_FORMS": len(rows), f"{prefix}-INITIAL_FORMS": 0}
    for number, row in enumerate(rows):
        data[f"{prefix}-{number}-position"] = number + 1
        data.update({f"{prefix}-{number}-{name}": value for name, value in row.items()})
    return data


def text_of(response):
    """The page's text, tags and runs of white space out: what a reader reads."""
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", response.content.decode()))


def test_an_outlet_filter_finds_the_quotes_whose_chain_names_it(client, records):
    first_reported = make_quote(text="First reported by ANSA.", first_reported_in=None)
    first_reported.attribution_links.create(relation="reported_by", outlet=records["ansa"])
    also = make_quote(text="Also reported by ANSA.")
    also.attribution_links.create(
        relation="also_reported_by", source=make_source(outlet=records["ansa"])
    )
    read_there = make_quote(text="Read in ANSA.", source=make_source(outlet=records["ansa"]))
    make_quote(text="Nothing to do with ANSA.")
    expected = {first_reported.text, also.text, read_there.text}

    listing = client.get(reverse("quote_list"), {"outlet": "ansa"})
    for text in expected:
        assertContains(listing, text, count=1)
    assertNotContains(listing, "Nothing to do with ANSA.")
    rows = read_csv(client, reverse("quote_csv") + "?outlet=ansa")
    assert {row["text"] for row in rows} == expected
    answer = get(client, "/api/quotes/", params={"outlet": "ansa"})
    assert {quote["text"] for quote in answer["results"]} == expected
    # The outlet's page lists them too, each once.
    outlet_page = client.get(records["ansa"].get_absolute_url())
    for text in expected:
        assertContains(outlet_page, text, count=1)
    assertNotContains(outlet_page, "Nothing to do with ANSA.")


@pytest.mark.parametrize("level", ["recording", "second_hand"])
def test_readers_filter_by_verification_level_in_every_output(client, level):
    make_quote(text="From the transcript.", verification=Quote.Verification.RECORDING)
    make_quote(text="A report of a report.", verification=Quote.Verification.SECOND_HAND)
    expected = {"recording": "From the transcript.", "second_hand": "A report of a report."}
    wanted, other = expected.pop(level), expected.popitem()[1]

    listing = client.get(reverse("quote_list"), {"verification": level})
    assertContains(listing, wanted)
    assertNotContains(listing, other)
    assert [row["text"] for row in read_csv(client, f"/quotes.csv?verification={level}")] == [
        wanted
    ]
    answer = get(client, "/api/quotes/", params={"verification": level})
    assert [quote["text"] for quote in answer["results"]] == [wanted]
    feed = client.get(reverse("quote_feed"), {"verification": level}).content.decode()
    assert wanted in feed
    assert other not in feed


def test_an_unknown_verification_level_is_a_clear_400_not_a_500(client):
    response = client.get("/api/quotes/", {"verification": "hearsay"})
    assert response.status_code == 400
    assert client.get(reverse("quote_feed"), {"verification": "hearsay"}).status_code == 400


def test_a_cached_card_and_page_go_stale_when_a_link_changes(client, records):
    quote = make_quote(text="Through the wires.")
    link = quote.attribution_links.create(relation="reported_by", outlet=records["ansa"])
    assertContains(client.get(reverse("quote_list")), "reported by")
    assertContains(client.get(reverse("quote_list")), ">ANSA</a>")  # from the cache now

    link.outlet = records["afp"]
    link.save()
    listing = client.get(reverse("quote_list"))
    assertContains(listing, ">AFP</a>")
    assertNotContains(listing, ">ANSA</a>")
    records["government_source"].name = "a senior official"
    records["government_source"].save()
    link.outlet, link.intermediary = None, records["government_source"]
    link.relation = AttributionLink.Relation.CITING
    link.save()
    assertContains(client.get(quote.get_absolute_url()), "citing a senior official (Italy)")
    WordEdit.objects.create(quote=quote, kind="joined", explanation="Two answers joined.")
    assertContains(client.get(reverse("quote_list")), "Edited: passages joined")


def test_changing_a_published_quotes_chain_is_a_public_correction(client, chief_editor, records):
    quote = make_quote(text="We are not there yet.")
    client.force_login(chief_editor)
    page = client.get(quote_page(quote))
    chain = inline_rows(
        "attribution_links", [{"relation": "reported_by", "outlet": records["afp"].pk}]
    )

    refused = client.post(quote_page(quote), posted_back(page, **chain))
    assert refused.status_code == 200
    assertContains(refused, "Say why the published quote is corrected.")
    assert not quote.attribution_links.exists()

    corrected = client.post(
        quote_page(quote),
        posted_back(page, correction_reason="AFP reported it first.", **chain),
    )
    assert corrected.status_code == 302
    correction = Correction.objects.get(quote=quote)
    assert correction.changed == "attribution chain"
    client.logout()
    permalink = client.get(quote.get_absolute_url())
    assertContains(permalink, "corrected the attribution chain. AFP reported it first.")
    assertContains(permalink, f'<a href="{records["afp"].get_absolute_url()}">AFP</a>')


def test_an_editor_cannot_change_a_published_quotes_chain(client, editor, records):
    quote = make_quote(first_reported_in=make_source(outlet=records["ansa"]))
    client.force_login(editor)
    page = client.get(quote_page(quote))
    assert page.status_code == 200
    (links,) = [
        inline
        for inline in page.context["inline_admin_formsets"]
        if inline.formset.prefix == "attribution_links"
    ]
    assert not links.has_add_permission
    assert not links.has_change_permission
    assert not links.has_delete_permission


def test_a_link_needs_exactly_one_target_in_the_admin(client, editor, records):
    client.force_login(editor)
    quote = make_quote(status=Quote.Status.DRAFT)
    page = client.get(quote_page(quote))
    chain = inline_rows(
        "attribution_links",
        [
            {
                "relation": "reported_by",
                "outlet": records["afp"].pk,
                "event": records["conference"].pk,
            }
        ],
    )
    response = client.post(quote_page(quote), posted_back(page, **chain))
    assert response.status_code == 200
    assertContains(
        response, "Choose exactly one of an outlet, a source, an event or an intermediary."
    )
    assert not quote.attribution_links.exists()


def indirect_quote_posted(page, records, links):
    return posted_back(
        page,
        text="Italy will not send soldiers under these conditions.",
        kind=Quote.Kind.INDIRECT,
        language="en",
        speaker=records["speaker"].pk,
        said_on="2025-02-17",
        said_on_precision=Quote.Precision.DAY,
        source=records["figaro"].pk,
        stance=records["stance"].pk,
        verification=Quote.Verification.INTERMEDIARY,
        **inline_rows("attribution_links", links),
    )


def test_an_indirect_quote_without_an_intermediary_in_its_chain_is_not_saved(
    client, editor, records
):
    client.force_login(editor)
    page = client.get(reverse("admin:tracker_quote_add"))
    links = [{"relation": "reported_by", "outlet": records["ansa"].pk}]
    response = client.post(
        reverse("admin:tracker_quote_add"), indirect_quote_posted(page, records, links)
    )
    assert response.status_code == 200
    assertContains(response, "An indirect quote names who passed the words on")
    assert not Quote.objects.filter(speaker=records["speaker"]).exists()

    links.append({"relation": "citing", "intermediary": records["government_source"].pk})
    response = client.post(
        reverse("admin:tracker_quote_add"), indirect_quote_posted(page, records, links)
    )
    assert response.status_code == 302, response.context["errors"]
    quote = Quote.objects.get(speaker=records["speaker"])
    assert quote.names_an_intermediary()


def test_an_indirect_draft_without_an_intermediary_is_not_published(client, chief_editor, records):
    draft = make_quote(
        kind=Quote.Kind.INDIRECT,
        status=Quote.Status.DRAFT,
        chain=[("reported_by", {"outlet": records["ansa"]})],
    )
    client.force_login(chief_editor)
    response = client.post(
        reverse("admin:tracker_quote_changelist"),
        {"action": "publish", "_selected_action": [draft.pk]},
        follow=True,
    )
    assertContains(response, "An indirect quote names who passed the words on")
    draft.refresh_from_db()
    assert draft.status == Quote.Status.DRAFT
    draft.attribution_links.create(
        position=2, relation="citing", intermediary=records["government_source"]
    )
    draft.publish(by=chief_editor)
    assert draft.status == Quote.Status.PUBLISHED

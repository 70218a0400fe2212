"""/api/quotes/<key>/: one quote as a citer needs it; a retracted one is 410, a draft 404."""

import datetime
import json
from decimal import Decimal

import pytest

from tests.api.helpers import get
from tests.helpers import (
    make_nation,
    make_quote,
    make_role,
    make_source,
    make_speaker,
    make_stance,
)
from tracker.models import Figure, Quote

pytestmark = pytest.mark.django_db


def test_api_quote_has_the_record_a_citer_needs(client, chief_editor):
    germany = make_nation(code="de", name="Germany")
    scholz = make_speaker(name="Olaf Scholz", slug="olaf-scholz")
    make_role(speaker=scholz, title="Chancellor of Germany", nation=germany)
    reported_first = make_source(title="The first report")
    quote = make_quote(
        text="Das ist völlig verfrüht.",
        translation="That is completely premature.",
        language="de",
        kind=Quote.Kind.PARTIAL,
        speaker=scholz,
        said_on=datetime.date(2025, 2, 1),
        said_on_precision=Quote.Precision.MONTH,
        first_reported_in=reported_first,
        context="Asked about troops, he said it was premature.",
        stance=make_stance(value="opposed", label="Opposed"),
    )
    Figure.objects.create(quote=quote, qualifier="up_to", amount=Decimal("10000"), unit="troops")
    quote.context = "Asked about troops in Ukraine, he said it was premature."
    quote.correct(note="The context named the wrong country.", by=chief_editor)

    answer = get(client, f"/api/quotes/{quote.key}/")

    assert answer["key"] == quote.key
    assert answer["permalink"] == f"http://testserver/q/{quote.key}/"
    assert answer["text"] == "Das ist völlig verfrüht."
    assert answer["translations"] == [
        {
            "language": "en",
            "text": "That is completely premature.",
            "translated_by": "archive",
            "is_by_archive": True,
            "credit": "Translation by On the Record's editors, not published elsewhere",
            "outlet": None,
            "source": None,
        }
    ]
    assert (answer["language"], answer["kind"]) == ("de", "partial")
    assert answer["said_on"] == "2025-02-01"
    assert answer["said_on_precision"] == "month"
    assert answer["said_on_display"] == "February 2025"
    assert answer["speaker"] == {
        "slug": "olaf-scholz",
        "name": "Olaf Scholz",
        "is_person": True,
        "given_name": "",
        "family_name": "",
        "aliases": [],
        "page": "http://testserver/people/olaf-scholz/",
    }
    assert answer["role"] == "Chancellor of Germany"
    assert answer["nation"] == {"code": "de", "name": "Germany"}
    assert answer["topic"] == "troops-for-ukraine"
    assert answer["stance"] == {"value": "opposed", "label": "Opposed"}
    assert answer["source"]["key"] == quote.source.key
    assert answer["source"]["outlet"]["slug"] == quote.source.outlet.slug
    reported_by, read_in = answer["attribution_chain"]
    assert (reported_by["relation"], reported_by["source"]["title"]) == (
        "reported_by",
        "The first report",
    )
    assert (read_in["relation"], read_in["source"]["key"]) == ("read_in", quote.source.key)
    assert answer["verification"] == "first_hand"
    assert answer["word_edits"] == []
    assert answer["context"] == "Asked about troops in Ukraine, he said it was premature."
    assert answer["figures"] == [
        {"qualifier": "up_to", "amount": "10000.00", "unit": "troops", "period": ""}
    ]
    assert [c["note"] for c in answer["corrections"]] == ["The context named the wrong country."]
    assert answer["corrections"][0]["version"] == 2
    assert answer["published_at"]


def test_api_quote_detail_by_key_in_any_case(client):
    quote = make_quote(text="On the record.")
    assert get(client, f"/api/quotes/{quote.key.upper()}/")["text"] == "On the record."
    assert get(client, f"/api/quotes/{quote.key}/")["key"] == quote.key


def test_api_retracted_quote_is_410_with_the_reason(client):
    replacement = make_quote(text="The right words.")
    quote = make_quote(
        text="Taken back.",
        status=Quote.Status.RETRACTED,
        retraction_reason="Said by someone else.",
        replaced_by=replacement,
    )
    answer = get(client, f"/api/quotes/{quote.key}/", status=410)
    assert answer["reason"] == "Said by someone else."
    assert answer["text"] == "Taken back."
    assert answer["replaced_by"] == f"http://testserver/q/{replacement.key}/"
    assert answer["permalink"] == f"http://testserver/q/{quote.key}/"


def test_api_draft_quote_is_404(client):
    for status in (Quote.Status.DRAFT, Quote.Status.REVIEW):
        draft = make_quote(status=status)
        answer = get(client, f"/api/quotes/{draft.key}/", status=404)
        assert draft.text not in json.dumps(answer)
    get(client, "/api/quotes/nosuchkey/", status=404)

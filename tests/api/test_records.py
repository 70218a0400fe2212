"""Speakers, nations, sources and topics: only those published quotes name."""

import datetime

import pytest
from django.utils.text import slugify

from tests.api.helpers import get, keys
from tests.helpers import (
    make_nation,
    make_quote,
    make_role,
    make_source,
    make_speaker,
    make_stance,
)
from tracker.api.pagination import KeysetCursorPagination
from tracker.models import Quote

pytestmark = pytest.mark.django_db


def test_api_speakers_are_those_with_published_quotes(client, monkeypatch):
    monkeypatch.setattr(KeysetCursorPagination, "page_size", 2)
    names = ["Anna Lührmann", "Émilie Dubois", "Olaf Scholz", "Zoë Smith"]
    for name in names:
        make_quote(speaker=make_speaker(name=name, slug=slugify(name)))
    make_quote(speaker=make_speaker(name="Draft Only"), status=Quote.Status.DRAFT)
    seen, url = [], "/api/speakers/"
    while url:
        answer = get(client, url)
        seen += [speaker["name"] for speaker in answer["results"]]
        url = answer["next"]
    assert seen == sorted(names)


def test_api_speaker_detail_has_roles_and_stance_changes(client):
    germany = make_nation(code="de", name="Germany")
    scholz = make_speaker(name="Olaf Scholz", slug="olaf-scholz", nation=germany)
    make_role(speaker=scholz, title="Chancellor of Germany", nation=germany)
    quote = make_quote(speaker=scholz, said_on=datetime.date(2025, 2, 17))
    answer = get(client, "/api/speakers/olaf-scholz/")
    assert answer["name"] == "Olaf Scholz"
    assert answer["roles"][0]["title"] == "Chancellor of Germany"
    assert answer["stance_changes"][0]["key"] == quote.key
    assert answer["quotes"] == "http://testserver/api/quotes/?speaker=olaf-scholz"
    assert keys(client, answer["quotes"]) == [quote.key]
    get(client, "/api/speakers/nobody/", status=404)


def test_api_nations(client):
    germany = make_nation(code="de", name="Germany")
    make_nation(code="fr", name="France")
    quote = make_quote(nation=germany)
    make_quote(nation=make_nation(code="pl", name="Poland"), status=Quote.Status.DRAFT)
    assert [nation["code"] for nation in get(client, "/api/nations/")] == ["de"]
    answer = get(client, "/api/nations/DE/")
    assert answer["name"] == "Germany"
    assert answer["is_nato_member"] is True
    assert [change["key"] for change in answer["stance_changes"]] == [quote.key]
    assert answer["quotes"] == "http://testserver/api/quotes/?nation=de"
    get(client, "/api/nations/zz/", status=404)


def test_api_source_by_key_in_any_case(client):
    source = make_source(title="Europe's troops", authors="A. Writer\nB. Writer")
    quote = make_quote(source=source)
    answer = get(client, f"/api/sources/{source.key.upper()}/")
    assert answer["title"] == "Europe's troops"
    assert answer["authors"] == ["A. Writer", "B. Writer"]
    assert keys(client, answer["quotes"]) == [quote.key]
    get(client, "/api/sources/nokey/", status=404)


def test_api_topics_with_their_stances(client):
    make_stance(value="willing", label="Willing", position=1)
    make_quote(stance=make_stance(value="opposed", label="Opposed", position=4))
    (topic,) = get(client, "/api/topics/")
    assert topic["slug"] == "troops-for-ukraine"
    assert [stance["value"] for stance in topic["stances"]] == ["willing", "opposed"]
    assert get(client, "/api/topics/troops-for-ukraine/")["question"] == topic["question"]
    get(client, "/api/topics/nothing/", status=404)

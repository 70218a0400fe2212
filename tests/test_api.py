"""The read-only JSON API: the pages' filters, cursor pages, and answers its own description allows."""

import datetime
import functools
import json
import re
from decimal import Decimal

import pytest
import yaml
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils.text import slugify
from openapi_core import OpenAPI
from openapi_core.contrib.django import DjangoOpenAPIRequest, DjangoOpenAPIResponse
from openapi_spec_validator import validate as validate_spec

from tests.helpers import (
    make_nation,
    make_quote,
    make_role,
    make_source,
    make_speaker,
    make_stance,
)
from tracker import api
from tracker.models import Figure, Quote

pytestmark = pytest.mark.django_db


@functools.cache
def description():
    """The API's OpenAPI description, as /api/schema/ serves it."""
    response = Client().get("/api/schema/")
    assert response.status_code == 200
    return OpenAPI.from_dict(response.json())


def get(client, address, *, status=200, params=None, fresh=False):
    """Ask the API, check the status, and check the answer against the API's description."""
    headers = {"accept": "application/json"}
    if fresh:  # not the answer kept for readers: the one the API builds
        headers["Cache-Control"] = "no-cache"
    response = client.get(address, params, headers=headers)
    assert response.status_code == status, response.content
    assert response["Content-Type"] == "application/json"
    description().validate_response(
        DjangoOpenAPIRequest(response.wsgi_request), DjangoOpenAPIResponse(response)
    )
    return response.json()


def keys(client, address, params=None):
    return [quote["key"] for quote in get(client, address, params=params)["results"]]


def page_keys(client, query):
    response = client.get(f"{reverse('quote_list')}?{query}")
    assert response.status_code == 200
    # The permalinks of the page's cards, in the order readers see them.
    return re.findall(r'class="permalink" href="/q/([^/]+)/"', response.content.decode())


def test_api_quote_list_shows_only_published(client):
    published = make_quote(text="On the record.")
    make_quote(text="Off the record.", status=Quote.Status.DRAFT)
    make_quote(text="Being checked.", status=Quote.Status.REVIEW)
    make_quote(text="Taken back.", status=Quote.Status.RETRACTED)
    answer = get(client, "/api/quotes/")
    assert [quote["key"] for quote in answer["results"]] == [published.key]
    assert answer["next"] is None
    assert answer["previous"] is None


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
    assert answer["translation"] == "That is completely premature."
    assert (answer["language"], answer["kind"]) == ("de", "partial")
    assert answer["said_on"] == "2025-02-01"
    assert answer["said_on_precision"] == "month"
    assert answer["said_on_display"] == "February 2025"
    assert answer["speaker"] == {
        "slug": "olaf-scholz",
        "name": "Olaf Scholz",
        "page": "http://testserver/people/olaf-scholz/",
    }
    assert answer["role"] == "Chancellor of Germany"
    assert answer["nation"] == {"code": "de", "name": "Germany"}
    assert answer["topic"] == "troops-for-ukraine"
    assert answer["stance"] == {"value": "opposed", "label": "Opposed"}
    assert answer["source"]["key"] == quote.source.key
    assert answer["source"]["outlet"]["slug"] == quote.source.outlet.slug
    assert answer["first_reported_in"]["title"] == "The first report"
    assert answer["context"] == "Asked about troops in Ukraine, he said it was premature."
    assert answer["figures"] == [
        {"qualifier": "up_to", "amount": "10000.00", "unit": "troops", "period": ""}
    ]
    assert [c["note"] for c in answer["corrections"]] == ["The context named the wrong country."]
    assert answer["corrections"][0]["version"] == 2
    assert answer["published_at"]


@pytest.mark.parametrize(
    "query",
    [
        "nation=de&nation=fr",
        "nation=pl",
        "said_after=2025-02-17",
        "said_before=2025-02-16",
        "said_after=2025-02-10&said_before=2025-02-20",
        "q=troops",
        "q=troops+-Baltic",
        "stance=open",
        "kind=paraphrase",
        "lang=fr",
        "sort=oldest",
        "sort=relevance&q=troops",
        "topic=troops-for-ukraine&stance=opposed",
    ],
)
def test_api_filters_find_what_the_page_finds(client, query):
    germany = make_nation(code="de", name="Germany")
    france = make_nation(code="fr", name="France")
    poland = make_nation(code="pl", name="Poland")
    open_ = make_stance(value="open", label="Open", position=2)
    make_quote(text="Troops for Ukraine", nation=germany, said_on=datetime.date(2025, 2, 17))
    make_quote(
        text="Des troupes, pourquoi pas",
        translation="Troops, why not",
        language="fr",
        nation=france,
        stance=open_,
        said_on=datetime.date(2025, 2, 10),
    )
    make_quote(
        text="Troops to the Baltic",
        nation=poland,
        kind=Quote.Kind.PARAPHRASE,
        said_on=datetime.date(2025, 3, 1),
    )
    make_quote(text="Peace is far away", nation=germany, said_on=datetime.date(2025, 1, 5))
    make_quote(text="Troops draft", nation=germany, status=Quote.Status.DRAFT)
    found = keys(client, f"/api/quotes/?{query}")
    assert found, query
    assert found == page_keys(client, query), query


def test_api_filters_by_several_nations_date_words_stance_and_kind(client):
    germany = make_nation(code="de", name="Germany")
    france = make_nation(code="fr", name="France")
    german = make_quote(text="Sending troops", nation=germany, said_on=datetime.date(2025, 2, 17))
    french = make_quote(
        text="Troops maybe",
        nation=france,
        kind=Quote.Kind.PARAPHRASE,
        stance=make_stance(value="open", label="Open", position=2),
        said_on=datetime.date(2025, 2, 10),
    )
    make_quote(text="Polish troops", nation=make_nation(code="pl", name="Poland"))
    make_quote(text="Sending troops, drafted", nation=germany, status=Quote.Status.DRAFT)
    assert set(keys(client, "/api/quotes/?nation=de&nation=fr")) == {german.key, french.key}
    assert keys(client, "/api/quotes/?nation=de&nation=fr&said_after=2025-02-11") == [german.key]
    assert keys(client, "/api/quotes/?q=sending") == [german.key]
    assert keys(client, "/api/quotes/?stance=open") == [french.key]
    assert keys(client, "/api/quotes/?kind=paraphrase") == [french.key]


@pytest.mark.parametrize(
    ("query", "parameter"),
    [
        ("said_after=yesterday-ish", "said_after"),
        ("said_before=2025-02-30", "said_before"),
        ("nation=zz", "nation"),
        ("nation=de&nation=zz", "nation"),
        ("kind=rumour", "kind"),
        ("lang=xx", "lang"),
        ("stance=furious", "stance"),
        ("topic=nothing", "topic"),
        ("speaker=nobody", "speaker"),
        ("source=nokey", "source"),
        ("outlet=nowhere", "outlet"),
        ("sort=loudest", "sort"),
        ("q=" + "word " * 100, "q"),
        ("cursor=not-a-cursor", "cursor"),
        ("cursor=cD0lMDA%3D", "cursor"),  # p=%00
        ("cursor=cD1bIm5vdC1hLWRhdGUiLCAxXQ%3D%3D", "cursor"),  # p=["not-a-date", 1]
        ("cursor=cD1bIjIwMjUtMDItMTciXQ%3D%3D", "cursor"),  # p=["2025-02-17"]
        ("cursor=bz01JnA9MQ%3D%3D", "cursor"),  # o=5&p=1
    ],
)
def test_api_bad_filter_values_are_a_400_that_names_the_parameter(client, query, parameter):
    make_nation(code="de", name="Germany")
    make_quote()
    answer = get(client, f"/api/quotes/?{query}", status=400)
    assert parameter in answer["detail"]
    assert list(answer["errors"]) == [parameter]
    assert answer["errors"][parameter][0]


@pytest.mark.parametrize("query", ["speaker=%00", "nation=%00", "source=%00", "q=%00"])
def test_api_nul_bytes_are_a_400(client, query):
    # Refused for the whole site by RejectNulBytesMiddleware, before the API reads them.
    make_quote()
    assert client.get(f"/api/quotes/?{query}").status_code == 400


def test_api_cursor_pages_through_every_quote_exactly_once(client, monkeypatch):
    monkeypatch.setattr(api.KeysetCursorPagination, "page_size", 10)
    # Many quotes share a day, as on the day of a summit, and, for sort=relevance, several
    # share a rank: the cursor must still tell them apart.
    for n in range(30):
        words = f"Troops, statement {n}" + ", troops" * (n % 4)
        make_quote(text=words, said_on=datetime.date(2025, 2, 17 + n % 3))
    make_quote(text="Troops, a draft", status=Quote.Status.DRAFT)
    for query in ["sort=newest", "sort=oldest", "q=troops&sort=relevance"]:
        expected = page_keys(client, query) + page_keys(client, f"{query}&page=2")
        seen, pages, address = [], [], f"/api/quotes/?{query}"
        while address:
            answer = get(client, address)
            pages.append(answer)
            seen += [quote["key"] for quote in answer["results"]]
            address = answer["next"]
        assert [len(page["results"]) for page in pages] == [10, 10, 10], query
        assert len(set(seen)) == 30, query
        assert seen == expected, query
        # and back again from the last page
        back, address = [], pages[-1]["previous"]
        while address:
            answer = get(client, address)
            back = [quote["key"] for quote in answer["results"]] + back
            address = answer["previous"]
        assert back == seen[:20], query


def test_api_cursor_keeps_the_filters(client, monkeypatch):
    monkeypatch.setattr(api.KeysetCursorPagination, "page_size", 2)
    germany = make_nation(code="de", name="Germany")
    german = [make_quote(nation=germany, said_on=datetime.date(2025, 2, n)) for n in (1, 2, 3)]
    make_quote(nation=make_nation(code="fr", name="France"))
    first = get(client, "/api/quotes/?nation=de")
    second = get(client, first["next"])
    assert [q["key"] for q in first["results"] + second["results"]] == [
        german[2].key,
        german[1].key,
        german[0].key,
    ]
    assert second["next"] is None


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


def test_api_speakers_are_those_with_published_quotes(client, monkeypatch):
    monkeypatch.setattr(api.KeysetCursorPagination, "page_size", 2)
    names = ["Anna Lührmann", "Émilie Dubois", "Olaf Scholz", "Zoë Smith"]
    for name in names:
        make_quote(speaker=make_speaker(name=name, slug=slugify(name)))
    make_quote(speaker=make_speaker(name="Draft Only"), status=Quote.Status.DRAFT)
    seen, address = [], "/api/speakers/"
    while address:
        answer = get(client, address)
        seen += [speaker["name"] for speaker in answer["results"]]
        address = answer["next"]
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


def test_api_index_links_every_list_and_the_description(client):
    answer = get(client, "/api/")
    assert answer["schema"] == "http://testserver/api/schema/"
    for name in ("quotes", "speakers", "nations", "topics"):
        assert client.get(answer[name]).status_code == 200


def test_api_schema_is_a_valid_openapi_description_in_yaml_and_json(client):
    as_json = client.get("/api/schema/")
    assert as_json.status_code == 200
    assert as_json["Content-Type"] == "application/json"
    as_yaml = client.get("/api/schema/?format=yaml")
    assert as_yaml.status_code == 200
    assert as_yaml["Content-Type"].startswith("application/vnd.oai.openapi")
    spec = yaml.safe_load(as_yaml.content)
    assert spec == json.loads(as_json.content)
    validate_spec(spec)
    assert spec["openapi"].startswith("3.")
    parameters = {p["name"] for p in spec["paths"]["/api/quotes/"]["get"]["parameters"]}
    assert parameters == {
        "nation",
        "speaker",
        "outlet",
        "source",
        "topic",
        "stance",
        "kind",
        "lang",
        "said_after",
        "said_before",
        "q",
        "sort",
        "cursor",
    }


def make_full_quotes(count, *, corrected_by):
    germany = make_nation(code="de", name="Germany")
    for n in range(count):
        speaker = make_speaker()
        make_role(speaker=speaker, nation=germany)
        quote = make_quote(
            speaker=speaker, first_reported_in=make_source(), said_on=datetime.date(2025, 2, 17)
        )
        Figure.objects.create(quote=quote, amount=n + 1, unit="troops")
        quote.corrections.create(
            version=2, note="Fixed.", changed="words", corrected_by=corrected_by
        )


def count_queries(client, address):
    with CaptureQueriesContext(connection) as queries:
        get(client, address, fresh=True)
    return len(queries)


@pytest.mark.parametrize("address", ["/api/quotes/", "/api/quotes/?nation=de&q=words"])
def test_api_quote_list_queries_do_not_grow_with_the_page(client, chief_editor, address):
    description()  # read the description before counting
    make_full_quotes(3, corrected_by=chief_editor)
    few = count_queries(client, address)
    make_full_quotes(27, corrected_by=chief_editor)
    with CaptureQueriesContext(connection) as many:  # new quotes: written, not kept
        assert len(get(client, address, fresh=True)["results"]) == 25
    assert len(many) == few


def test_an_api_page_is_kept_until_what_it_shows_changes(client, chief_editor):
    germany, france = make_nation(code="de", name="Germany"), make_nation(code="fr", name="France")
    quote = make_quote(text="German words", nation=germany)
    address = "/api/quotes/?nation=de"
    first = get(client, address)
    # A publication elsewhere, changing no record a German quote shows: the page is kept.
    make_quote(nation=france, speaker=quote.speaker, source=quote.source, stance=quote.stance)
    with CaptureQueriesContext(connection) as queries:
        assert get(client, address, fresh=True) == first
    assert not [q for q in queries if 'JOIN "tracker_speaker"' in q["sql"]]
    # Its own figures, its correction and its speaker's name show at once.
    Figure.objects.create(quote=quote, amount=5000, unit="troops")
    (shown,) = get(client, address, fresh=True)["results"]
    assert shown["figures"] == [
        {"qualifier": "exactly", "amount": "5000.00", "unit": "troops", "period": ""}
    ]
    quote.text = "German words, corrected"
    quote.correct(note="A word was missing.", by=chief_editor)
    assert get(client, address, fresh=True)["results"][0]["text"] == "German words, corrected"
    quote.speaker.name = "Olaf Scholz (SPD)"
    quote.speaker.save()
    assert get(client, address, fresh=True)["results"][0]["speaker"]["name"] == "Olaf Scholz (SPD)"


def test_a_kept_api_page_links_to_a_next_page_once_there_is_one(client):
    germany = make_nation(code="de", name="Germany")
    quotes = [make_quote(nation=germany, said_on=datetime.date(2025, 2, 17)) for _ in range(25)]
    speaker, source, stance = quotes[0].speaker, quotes[0].source, quotes[0].stance
    assert get(client, "/api/quotes/?nation=de")["next"] is None
    # An older quote: the 25 newest stay as they were, but a next page now holds it.
    make_quote(
        nation=germany,
        speaker=speaker,
        source=source,
        stance=stance,
        said_on=datetime.date(2024, 1, 1),
    )
    page = get(client, "/api/quotes/?nation=de", fresh=True)
    assert [q["key"] for q in page["results"]] == [
        q.key for q in sorted(quotes, key=lambda q: -q.pk)
    ]
    assert page["next"] is not None


@pytest.mark.parametrize(
    ("query", "finds"),
    [
        ("q=%22%22&sort=relevance", False),
        ("q=-&sort=relevance", False),
        ("q=%22unclosed&sort=relevance", False),
        ("q=troops+-troops&sort=relevance", False),
        ("q=%22troops&sort=relevance", True),
        ("q=%20&sort=relevance", True),
        ("sort=relevance", True),
    ],
)
def test_api_odd_words_never_fail(client, query, finds):
    quote = make_quote(text="Troops for Ukraine")
    assert keys(client, f"/api/quotes/?{query}") == ([quote.key] if finds else [])


def test_nul_bytes_get_a_json_400_from_the_api(client):
    response = client.get("/api/quotes/?speaker=%00")
    assert response.status_code == 400
    assert response.json() == {
        "detail": "Addresses cannot contain NUL bytes.",
        "errors": {"speaker": ["Addresses cannot contain NUL bytes."]},
    }

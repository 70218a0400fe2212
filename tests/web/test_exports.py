"""Data out: the filtered CSV, the sitemap and robots.txt."""

import csv
import datetime
import hashlib
import io
import json
import re

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.helpers import (
    make_event,
    make_nation,
    make_outlet,
    make_quote,
    make_role,
    make_source,
    make_speaker,
    make_stance,
    make_topic,
)
from tracker import exports
from tracker.models import Nation, Quote
from tracker.sitemaps import QuoteSitemap

pytestmark = pytest.mark.django_db


def read_csv(client, address):
    response = client.get(address)
    assert response.status_code == 200
    assert response.streaming
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    body, last_line = complete_download(response)
    rows = list(csv.DictReader(io.StringIO(body)))
    assert last_line == f"# complete: {len(rows)} quotes\r\n"
    return rows


def complete_download(response):
    """The CSV, and the line after it that says the download is whole."""
    body = b"".join(response.streaming_content).decode()
    rows, _, last_line = body[:-2].rpartition("\r\n")
    return rows + "\r\n", last_line + "\r\n"


def test_csv_has_the_filtered_published_quotes_and_round_trips(client):
    germany = make_nation(code="de", name="Germany")
    quote = make_quote(text='He said: "no", then, after a pause,\nyes.', nation=germany)
    make_quote(text="French words", nation=make_nation(code="fr", name="France"))
    make_quote(text="German draft", nation=germany, status=Quote.Status.DRAFT)
    make_quote(text="German retraction", nation=germany, status=Quote.Status.RETRACTED)
    rows = read_csv(client, "/quotes.csv?nation=de")
    assert [row["text"] for row in rows] == ['He said: "no", then, after a pause,\nyes.']
    assert rows[0]["key"] == quote.key
    assert rows[0]["permalink"] == f"http://testserver/q/{quote.key}/"
    assert rows[0]["nation"] == "de"


@pytest.mark.parametrize(
    "formula", ['=HYPERLINK("http://evil")', "+1+1", "-2+3", "@SUM(A1)", "\tTAB"]
)
def test_csv_neutralises_cells_a_spreadsheet_would_run(client, formula):
    make_quote(text=formula)
    (row,) = read_csv(client, "/quotes.csv")
    assert row["text"] == "'" + formula


def test_csv_writes_the_columns_declared_each_row_as_wide_as_the_header(client):
    make_quote(nation=make_nation(code="de", name="Germany"))
    make_quote(text="No nation, no role.")
    body, _ = complete_download(client.get("/quotes.csv"))
    header, *rows = csv.reader(io.StringIO(body))
    assert header == [column.name for column in exports.quote_columns()]
    assert len(set(header)) == len(header)
    assert len(rows) == 2
    assert all(len(row) == len(header) for row in rows)


def test_csv_row_is_exactly_as_published(client):
    # The file's bytes are a contract with those who read it: order, quoting, blanks, dates.
    germany = make_nation(code="de", name="Germany")
    speaker = make_speaker(slug="olaf-scholz", name="Olaf Scholz")
    make_role(speaker=speaker, nation=germany, title="Chancellor")
    outlet = make_outlet(slug="reuters", name="Reuters")
    published_at = datetime.datetime(2025, 2, 18, 9, 30, tzinfo=datetime.UTC)
    quote = make_quote(
        text='He said "no",\nthen yes.',
        speaker=speaker,
        nation=germany,
        source=make_source(outlet=outlet, title="Talks, day one", url="https://r.test/1"),
        stance=make_stance(value="opposed", label="Opposed"),
        said_on=datetime.date(2025, 2, 17),
        published_at=published_at,
        context="@ the summit",
    )
    response = client.get("/quotes.csv")
    body = b"".join(response.streaming_content).decode()
    assert body == (
        "key,permalink,said_on,said_on_latest,said_on_precision,said_on_edtf,said_on_note,"
        "speaker,speaker_slug,role,nation,nation_kind,kind,"
        "language,spoken_language,text,translations,topic,stance,source_key,source_title,outlet,source_url,"
        "event,attribution_chain,verification,word_edits,context,public_note,published_at,"
        "responds_to\r\n"
        f"{quote.key},http://testserver/q/{quote.key}/,2025-02-17,2025-02-17,day,2025-02-17,,"
        "Olaf Scholz,olaf-scholz,"
        f'Chancellor,de,nation,direct,en,,"He said ""no"",\nthen yes.",,{quote.stance.topic.slug},'
        f'opposed,{quote.source.key},"Talks, day one",Reuters,https://r.test/1,,'
        "read in Reuters,first_hand,,"
        "'@ the summit,,2025-02-18T09:30:00+00:00,\r\n"
        "# complete: 1 quotes\r\n"
    )


def test_csv_with_bad_filters_answers_400(client):
    assert client.get("/quotes.csv?said_before=tomorrowish").status_code == 400


def make_full_quotes(count):
    """Quotes whose every column comes from a record of its own, as in a real archive."""
    germany = make_nation(code="de", name="Germany")
    for _ in range(count):
        speaker = make_speaker()
        make_role(speaker=speaker, nation=germany)
        topic = make_topic(slug=f"topic-of-{speaker.slug}", name=f"Topic of {speaker.name}")
        make_quote(
            speaker=speaker,
            stance=make_stance(topic=topic),
            first_reported_in=make_source(),
            said_on=datetime.date(2025, 2, 17),
        )


def csv_queries(client, address):
    with CaptureQueriesContext(connection) as queries:
        rows = read_csv(client, address)  # the queries run as the response streams
    return len(queries), rows


@pytest.mark.parametrize("address", ["/quotes.csv", "/quotes.csv?q=words&sort=relevance"])
def test_csv_queries_do_not_grow_with_the_rows(client, address):
    make_full_quotes(3)
    few, rows = csv_queries(client, address)
    assert len(rows) == 3
    make_full_quotes(27)
    many, rows = csv_queries(client, address)
    assert len(rows) == 30
    assert many == few
    for row in rows:
        assert row["role"] and row["nation"] and row["topic"].startswith("topic-of-"), row
        assert row["attribution_chain"].startswith("reported by Outlet "), row


def test_each_row_has_its_own_quotes_chain_and_edits_across_batches(client, monkeypatch):
    # Chains and edits are read a batch of rows at a time: rows straddle three batches here.
    monkeypatch.setattr(exports, "PARTS_SIZE", 2)
    quotes = [
        make_quote(
            said_on=datetime.date(2025, 2, day),
            first_reported_in=make_source() if day % 2 else None,
            chain=[("also_reported_by", {"outlet": make_outlet()})] if day % 3 == 0 else [],
            edits=[{"kind": "omitted", "explanation": f"Words left out on the {day}th."}]
            if day != 2
            else [],
        )
        for day in range(1, 6)
    ]
    rows = {row["key"]: row for row in read_csv(client, "/quotes.csv")}
    assert len(rows) == 5
    for quote in quotes:
        row = rows[quote.key]
        assert row["attribution_chain"] == quote.chain_text()
        assert row["word_edits"] == "; ".join(str(edit) for edit in quote.word_edits.all())
    assert rows[quotes[2].key]["attribution_chain"].startswith("reported by ")
    assert " · also reported by " in rows[quotes[2].key]["attribution_chain"]
    assert rows[quotes[1].key]["word_edits"] == ""


def test_csv_streams_a_few_rows_at_a_time_in_order(client, monkeypatch):
    monkeypatch.setattr(exports, "ROWS_PER_WRITE", 2)
    keys = [make_quote(said_on=datetime.date(2025, 2, day)).key for day in range(1, 6)]
    response = client.get("/quotes.csv?sort=oldest")
    pieces = list(response.streaming_content)
    # The header with rows 1-2 (read before the download starts), rows 3-4, row 5, the end.
    assert len(pieces) == 4
    assert pieces[-1] == b"# complete: 5 quotes\r\n"
    rows = list(csv.DictReader(io.StringIO(b"".join(pieces[:-1]).decode())))
    assert [row["key"] for row in rows] == keys


def test_an_empty_csv_says_it_is_complete(client):
    response = client.get("/quotes.csv?q=nothing-matches-this")
    body = b"".join(response.streaming_content).decode()
    assert body.splitlines()[1:] == ["# complete: 0 quotes"]


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's cursors")
@pytest.mark.django_db(
    transaction=True, serialized_rollback=True
)  # outside a test's transaction, as a request runs
def test_csv_rows_come_from_the_database_as_it_finds_them(client):
    # A cursor WITH HOLD (Django's outside a transaction) is filled whole before the first row.
    make_quote()
    with CaptureQueriesContext(connection) as queries:
        assert len(read_csv(client, "/quotes.csv")) == 1
    (declared,) = [q["sql"] for q in queries if q["sql"].startswith("DECLARE")]
    assert "WITH HOLD" not in declared


def test_data_release_queries_do_not_grow_with_the_quotes(tmp_path):
    def release_queries():
        with CaptureQueriesContext(connection) as queries:
            call_command("export_release", str(tmp_path))
        return len(queries)

    make_full_quotes(3)
    few = release_queries()
    make_full_quotes(27)
    assert release_queries() == few
    assert len(json.loads((tmp_path / "quotes.json").read_text())) == 30


def test_sitemap_lists_published_quotes_only(client):
    published = make_quote()
    draft = make_quote(status=Quote.Status.DRAFT)
    retracted = make_quote(status=Quote.Status.RETRACTED)
    index = client.get(reverse("sitemap_index"))
    assert index.status_code == 200
    quotes = client.get("/sitemap-quotes.xml").content.decode()
    assert f"/q/{published.key}/" in quotes
    assert f"/q/{draft.key}/" not in quotes
    assert f"/q/{retracted.key}/" not in quotes
    people = client.get("/sitemap-people.xml").content.decode()
    assert published.speaker.get_absolute_url() in people
    assert draft.speaker.get_absolute_url() not in people


def sitemap_locations(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return re.findall(r"<loc>http://testserver(/[^<]*)</loc>", response.content.decode())


def test_sitemap_pages_are_ranges_of_ids_that_list_every_published_quote_once(client, monkeypatch):
    monkeypatch.setattr(QuoteSitemap, "limit", 10)
    quotes = [make_quote(speaker=make_speaker()) for _ in range(25)]
    for quote in quotes[::4]:
        quote.status = Quote.Status.DRAFT
        quote.save()
    index = sitemap_locations(client, reverse("sitemap_index"))
    pages = [url for url in index if url.startswith("/sitemap-quotes.xml")]
    # One page for each ten ids from the first published quote's to the last's.
    ids = [quote.pk for quote in quotes if quote.status == Quote.Status.PUBLISHED]
    assert len(pages) == -(-(max(ids) - min(ids) + 1) // 10)
    listed = [url for page in pages for url in sitemap_locations(client, page)]
    published = [quote for quote in quotes if quote.status == Quote.Status.PUBLISHED]
    assert sorted(listed) == sorted(quote.get_absolute_url() for quote in published)
    assert client.get(f"/sitemap-quotes.xml?p={len(pages) + 1}").status_code == 404


@pytest.mark.parametrize("url", ["/sitemap.xml", "/sitemap-quotes.xml", "/sitemap-sources.xml"])
def test_a_sitemap_reads_a_range_of_ids_counting_nothing_and_skipping_nothing(client, url):
    # Django's count every item, skip to a page with OFFSET, and read every quote for the
    # index's dates: seconds at a million quotes.
    def queries_for(quotes):
        for _ in range(quotes):
            make_quote(speaker=make_speaker())
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200  # the archive changed: rendered afresh
        return [query["sql"].upper() for query in queries]

    few = queries_for(2)
    many = queries_for(20)
    assert len(many) == len(few)
    assert not [sql for sql in many if "COUNT(" in sql or "OFFSET" in sql]
    quotes_read = [sql for sql in many if 'FROM "TRACKER_QUOTE"' in sql.split("WHERE")[0]]
    assert all("MAX(" in sql or '"ID" <' in sql for sql in quotes_read), quotes_read


def test_robots_txt_points_to_the_sitemap_and_keeps_out_of_the_admin(client):
    body = client.get("/robots.txt").content.decode()
    assert "Disallow: /admin/" in body
    assert "Sitemap: http://testserver/sitemap.xml" in body


def test_data_release_writes_every_published_record_with_a_manifest(tmp_path):
    published = make_quote(text="Published words", nation=make_nation(code="de", name="Germany"))
    make_quote(text="Draft words", status=Quote.Status.DRAFT)
    make_quote(text="Retracted words", status=Quote.Status.RETRACTED)
    call_command("export_release", str(tmp_path), "--base-url", "https://archive.test")
    manifest = json.loads((tmp_path / "manifest.json").read_text())
    assert manifest["files"]["quotes.json"]["count"] == 1
    quotes = json.loads((tmp_path / "quotes.json").read_text())
    assert [q["text"] for q in quotes] == ["Published words"]
    assert quotes[0]["permalink"] == f"https://archive.test/q/{published.key}/"
    rows = list(csv.DictReader((tmp_path / "quotes.csv").open(encoding="utf-8")))
    assert [row["key"] for row in rows] == [published.key]
    assert [n["code"] for n in json.loads((tmp_path / "nations.json").read_text())] == ["de"]
    speakers = json.loads((tmp_path / "speakers.json").read_text())
    assert [s["slug"] for s in speakers] == [published.speaker.slug]
    for name, entry in manifest["files"].items():
        assert hashlib.sha256((tmp_path / name).read_bytes()).hexdigest() == entry["sha256"]


def test_data_release_carries_names_aliases_nationality_bodies_and_event_days(tmp_path):
    netherlands = make_nation(code="nl", name="Netherlands")
    nato = make_nation(code="nato", name="NATO", kind=Nation.Kind.ORGANISATION)
    rutte = make_speaker(
        name="Mark Rutte", given_name="Mark", family_name="Rutte", nation=nato,
        nationality=netherlands, aliases="Marc Rutte",
    )  # fmt: skip
    summit = make_event(happened_on=datetime.date(2025, 6, 24), ended_on=datetime.date(2025, 6, 25))
    make_quote(speaker=rutte, nation=nato, event=summit, public_note="Said twice that day.")
    make_event(name="A summit no published quote names")
    call_command("export_release", str(tmp_path))
    (speaker,) = json.loads((tmp_path / "speakers.json").read_text())
    assert (speaker["given_name"], speaker["family_name"]) == ("Mark", "Rutte")
    assert speaker["aliases"] == ["Marc Rutte"]
    assert (speaker["nation__code"], speaker["nationality__code"]) == ("nato", "nl")
    nations = json.loads((tmp_path / "nations.json").read_text())
    assert {n["code"]: n["kind"] for n in nations} == {"nato": "organisation", "nl": "nation"}
    (event,) = json.loads((tmp_path / "events.json").read_text())
    assert (event["slug"], event["happened_on"], event["ended_on"]) == (
        summit.slug,
        "2025-06-24",
        "2025-06-25",
    )
    (quote,) = json.loads((tmp_path / "quotes.json").read_text())
    assert (quote["event"], quote["public_note"]) == (summit.slug, "Said twice that day.")

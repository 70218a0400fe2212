"""An editor imports prepared statements from a file with the CSV export's columns: a dry run
shows what would be created or changed and each row's errors; once confirmed, the rows become
drafts, all together or not at all. An export imports back unchanged."""

import csv
import io
import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.urls import reverse
from pytest_django.asserts import assertContains, assertNotContains

from tests.helpers import make_quote, make_source, make_speaker, make_stance, make_user
from tracker import exports, imports, services
from tracker.models import Outlet, Quote, Source, Speaker
from tracker.seed import records

pytestmark = pytest.mark.django_db

IMPORT = reverse("admin:tracker_quote_import")
CONFIRM = reverse("admin:tracker_quote_process_import")
CSV, JSON = "0", "1"  # the formats, in the order the import form offers them


def export_csv(quotes=None):
    """The quotes' CSV as a reader downloads it, its last line included."""
    if quotes is None:
        quotes = Quote.objects.order_by("said_on", "id")
    return "".join(exports.csv_download(quotes, base_url="http://testserver"))


def csv_rows(body):
    lines = [line for line in body.splitlines(keepends=True) if not line.startswith("# ")]
    return list(csv.DictReader(io.StringIO("".join(lines), newline="")))


def csv_of(rows, header=None):
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=header or imports.export_columns())
    writer.writeheader()
    writer.writerows(
        [{name: exports.neutralise(value) for name, value in row.items()} for row in rows]
    )
    return out.getvalue()


def dry_run(client, body, *, name="quotes.csv", file_format=CSV):
    content = body if isinstance(body, bytes) else body.encode()
    upload = SimpleUploadedFile(name, content, content_type="text/csv")
    return client.post(IMPORT, {"format": file_format, "import_file": upload})


def confirm(client, response):
    return client.post(CONFIRM, response.context["confirm_form"].initial, follow=True)


def totals(response):
    return {kind: count for kind, count in response.context["result"].totals.items() if count}


def row_errors(response):
    """{row number: {column: [messages]}} of the rows the dry run refused."""
    return {
        row.number: {column: list(messages) for column, messages in row.error_dict.items()}
        for row in response.context["result"].invalid_rows
    }


def a_row(**cells):
    """A prepared statement, as an editor writes it: the columns the import reads."""
    speaker = Speaker.objects.get(slug="row-speaker")
    source = Source.objects.get(title="Prepared report")
    row = dict.fromkeys(imports.export_columns(), "")
    row.update(
        said_on="2025-02-17",
        said_on_precision="day",
        speaker=speaker.name,
        speaker_slug=speaker.slug,
        kind="direct",
        language="en",
        text="We will send troops.",
        topic="troops-for-ukraine",
        stance="willing",
        source_key=source.key,
        source_title=source.title,
        outlet=source.outlet.name,
        verification="first_hand",
    )
    row.update(cells)
    return row


@pytest.fixture
def prepared(db):
    """The records a prepared statement names."""
    make_speaker(name="Row Speaker", slug="row-speaker", aliases="Rowe Speaker")
    make_stance(value="willing", label="Willing", position=1)
    make_stance(value="opposed", label="Opposed", position=4)
    make_source(title="Prepared report")


@pytest.fixture
def seeded(db):
    services.load_seed()


# Who may import ------------------------------------------------------------------------------


def test_editors_find_the_import_on_the_quote_list(client, editor):
    client.force_login(editor)
    response = client.get(reverse("admin:tracker_quote_changelist"))
    assertContains(response, f"href='{IMPORT}'")


def test_chief_editors_import_too(client, chief_editor, prepared):
    client.force_login(chief_editor)
    response = dry_run(client, csv_of([a_row()]))
    assert totals(response) == {"new": 1}


def test_staff_who_may_not_add_quotes_cannot_import(client):
    reader = make_user()  # staff, in no editorial group
    client.force_login(reader)
    assert client.get(IMPORT).status_code == 403
    assert client.post(CONFIRM, {}).status_code == 403
    response = client.get(reverse("admin:tracker_quote_changelist"))
    assertNotContains(response, IMPORT, status_code=403)


# Round trips ---------------------------------------------------------------------------------


def test_the_seed_exported_and_imported_again_is_nothing_to_change(client, editor, seeded):
    client.force_login(editor)
    body = export_csv(exports.published_quotes())
    versions = {quote.key: quote.revision for quote in Quote.objects.all()}
    response = dry_run(client, body)
    assert totals(response) == {"skip": len(records.QUOTES)}
    confirm(client, response)
    assert {quote.key: quote.revision for quote in Quote.objects.all()} == versions


def test_the_seed_imported_into_an_archive_without_quotes_is_the_same_quotes_as_drafts(
    client, editor, monkeypatch
):
    with transaction.atomic():
        services.load_seed()
        body = export_csv(exports.published_quotes())
        transaction.set_rollback(True)
    assert not Quote.objects.exists()
    # The seed's speakers with their roles, sources, questions and events; no quote.
    monkeypatch.setattr(records, "QUOTES", [])
    services.load_seed()
    client.force_login(editor)

    response = dry_run(client, body)
    assert totals(response) == {"new": len(csv_rows(body))}
    assert not Quote.objects.exists()
    confirm(client, response)

    assert set(Quote.objects.values_list("status", flat=True)) == {Quote.Status.DRAFT}
    imported = {row["key"]: row for row in csv_rows(export_csv())}
    for row in csv_rows(body):
        assert {name: imported[row["key"]][name] for name in imports.imported_columns()} == {
            name: row[name] for name in imports.imported_columns()
        }
    # And again: the same file now changes nothing.
    assert totals(dry_run(client, body)) == {"skip": len(csv_rows(body))}


def test_the_data_releases_quotes_json_imports_too(client, editor, seeded, tmp_path):
    exports.write_release(directory=tmp_path, base_url="http://testserver")
    client.force_login(editor)
    response = dry_run(
        client, (tmp_path / "quotes.json").read_bytes(), name="quotes.json", file_format=JSON
    )
    assert totals(response) == {"skip": len(records.QUOTES)}


def test_every_column_of_the_export_is_read_or_said_to_follow_from_the_record():
    columns = imports.export_columns()
    assert columns == [column.name for column in exports.quote_columns()]
    read = {field.column_name for field in imports.QuoteResource().get_import_fields()}
    assert read | imports.READ_TO_FIND | imports.EXPORT_ONLY == set(columns)
    assert not (read | imports.READ_TO_FIND) & imports.EXPORT_ONLY


# The dry run, then the import ----------------------------------------------------------------


def test_the_dry_run_shows_what_would_be_created_and_changes_nothing(client, editor, prepared):
    client.force_login(editor)
    response = dry_run(client, csv_of([a_row(), a_row(text="Not one soldier.", stance="opposed")]))
    assert totals(response) == {"new": 2}
    assertContains(response, "Not one soldier.")
    assert "confirm_form" in response.context
    assert not Quote.objects.exists()


def test_a_confirmed_import_makes_drafts_by_the_editor(client, editor, prepared):
    client.force_login(editor)
    response = confirm(client, dry_run(client, csv_of([a_row(), a_row(text="Not one soldier.")])))
    assertContains(response, "The new quotes are drafts")
    quotes = list(Quote.objects.order_by("id"))
    assert [quote.text for quote in quotes] == ["We will send troops.", "Not one soldier."]
    for quote in quotes:
        assert quote.status == Quote.Status.DRAFT
        assert quote.published_at is None
        latest = quote.history.latest()
        assert latest.history_user == editor
        assert latest.history_change_reason == "Imported from quotes.csv"
    # Never published by an import: no reader sees them.
    assert client.get(quotes[0].get_absolute_url()).status_code == 200  # an editor does
    client.logout()
    assert client.get(quotes[0].get_absolute_url()).status_code == 404


def test_a_row_with_a_drafts_key_changes_that_draft(client, editor, prepared):
    draft = make_quote(
        status=Quote.Status.DRAFT,
        speaker=Speaker.objects.get(slug="row-speaker"),
        source=Source.objects.get(title="Prepared report"),
        stance=make_stance(value="willing"),
        text="We will send troops",
    )
    client.force_login(editor)
    response = dry_run(client, csv_of([a_row(key=draft.key, text="We will send troops.")]))
    assert totals(response) == {"update": 1}
    confirm(client, response)
    draft.refresh_from_db()
    assert draft.text == "We will send troops."
    assert draft.status == Quote.Status.DRAFT


def test_a_published_quote_is_changed_only_by_a_correction_on_its_page(
    client, chief_editor, seeded
):
    client.force_login(chief_editor)
    rows = csv_rows(export_csv(exports.published_quotes()))
    rows[4]["text"] = rows[4]["text"] + " (and more)"
    response = dry_run(client, csv_of(rows))
    errors = row_errors(response)
    assert list(errors) == [5]
    (message,) = errors[5]["__all__"]
    assert f"Quote {rows[4]['key']} is published: an import does not change it." in message
    assert "confirm_form" not in response.context
    assert not Quote.objects.filter(text=rows[4]["text"]).exists()


def test_unknown_speakers_outlets_and_sources_are_added_as_editors_add_them(
    client, editor, prepared
):
    client.force_login(editor)
    row = a_row(
        speaker="Anna Newname",
        speaker_slug="",
        source_key="",
        source_title="A new interview",
        outlet="The New Paper",
        source_url="https://new-paper.example/interview",
    )
    confirm(client, dry_run(client, csv_of([row])))
    quote = Quote.objects.get()
    assert quote.speaker.name == "Anna Newname"
    assert quote.speaker.slug == "anna-newname"
    assert quote.source.title == "A new interview"
    assert quote.source.outlet == Outlet.objects.get(name="The New Paper")


def test_a_speaker_is_found_by_an_alias(client, editor, prepared):
    client.force_login(editor)
    confirm(client, dry_run(client, csv_of([a_row(speaker="Rowe Speaker", speaker_slug="")])))
    assert Quote.objects.get().speaker.slug == "row-speaker"


# Errors, row by row, and nothing half-imported ------------------------------------------------


def test_each_rows_errors_name_the_row_and_the_column_and_nothing_is_imported(
    client, editor, prepared
):
    client.force_login(editor)
    rows = [
        a_row(),
        a_row(said_on="17/02/2025"),
        a_row(kind="rant", said_on_precision="fortnight"),
        a_row(nation="xx", topic="troops-for-ukraine", stance="keen"),
        a_row(event="no-such-event", responds_to="http://testserver/q/zzzzzzzz/"),
        a_row(text=""),
    ]
    response = dry_run(client, csv_of(rows))
    errors = row_errors(response)
    assert list(errors) == [2, 3, 4, 5, 6]
    assert errors[2] == {"said_on": ["“17/02/2025” is not a date: write it as 2025-02-17."]}
    assert errors[3]["kind"] == [
        "“rant” is not a kind of quote: one of direct, partial, paraphrase, statement, indirect."
    ]
    assert "“fortnight” is not a date precision" in errors[3]["said_on_precision"][0]
    assert "No nation or organisation has the code “xx”" in errors[4]["nation"][0]
    assert (
        "“keen” is no stance on Troops for Ukraine: one of willing, opposed."
        in (errors[4]["stance"][0])
    )
    assert "No event has the slug “no-such-event”" in errors[5]["event"][0]
    assert "No quote in the archive has the permalink" in errors[5]["responds_to"][0]
    assert "text" in errors[6]
    assertContains(response, "is not a date: write it as 2025-02-17.")
    assert "confirm_form" not in response.context
    assert not Quote.objects.exists()


def test_a_key_twice_in_the_file_is_refused_on_its_second_row(client, editor, prepared):
    draft = make_quote(status=Quote.Status.DRAFT)
    client.force_login(editor)
    rows = [
        a_row(key=draft.key),
        a_row(text="Words of a new quote."),
        a_row(key=draft.key.upper(), text="Other words."),
    ]
    errors = row_errors(dry_run(client, csv_of(rows)))
    assert errors == {3: {"key": ["Row 1 has this key too: each quote once a file."]}}


def test_words_the_speaker_has_in_the_archive_already_are_not_added_twice(client, editor, prepared):
    client.force_login(editor)
    confirm(client, dry_run(client, csv_of([a_row()])))
    existing = Quote.objects.get()
    errors = row_errors(dry_run(client, csv_of([a_row()])))  # the same words, without the key
    assert errors == {
        1: {
            "text": [
                f"Row Speaker has these words in the archive already, as quote {existing.key}: "
                "give its key to change it, or leave the row out."
            ]
        }
    }
    assert totals(dry_run(client, csv_of([a_row(key=existing.key.upper())]))) == {"skip": 1}


def test_a_key_that_is_no_key_is_refused(client, editor, prepared):
    client.force_login(editor)
    errors = row_errors(dry_run(client, csv_of([a_row(key="not-a-key!")])))
    assert "“not-a-key!” is no quote's key" in errors[1]["key"][0]


def test_an_import_that_no_longer_applies_when_confirmed_imports_nothing(
    client, editor, chief_editor, prepared
):
    """One transaction: a row refused at the confirmation undoes the rows before it."""
    draft = make_quote(
        status=Quote.Status.DRAFT,
        speaker=Speaker.objects.get(slug="row-speaker"),
        source=Source.objects.get(title="Prepared report"),
        stance=make_stance(value="willing"),
    )
    client.force_login(editor)
    response = dry_run(client, csv_of([a_row(), a_row(key=draft.key, text="Changed words.")]))
    assert totals(response) == {"new": 1, "update": 1}
    draft.publish(by=chief_editor)  # while the editor reads the dry run

    response = confirm(client, response)
    assertContains(response, "Nothing was imported")
    assert list(Quote.objects.all()) == [draft]
    draft.refresh_from_db()
    assert draft.text != "Changed words."


# Bad files: a clear message, and nothing changes ---------------------------------------------

COLUMNS = ",".join(imports.export_columns())


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "The submitted file is empty."),
        (b"  \n\n", "The file is empty: there is nothing to import."),
        (b"x" * (5 * 1024 * 1024), "This file is 5.0\xa0MB; an import reads at most 2.0\xa0MB."),
        (bytes(range(256)) * 4, "This is not a text file"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "This is not a text file"),
        (COLUMNS.encode() + b"\r\n", "The file has a header but no rows"),
        (
            COLUMNS.replace("speaker_slug", "speaker_id").encode() + b"\r\n",
            "unknown column “speaker_id”; missing column “speaker_slug”",
        ),
        (b"key,text\r\nabc,Words\r\n", "missing columns “said_on”, “said_on_latest”"),
        (
            COLUMNS.encode() + b"\r\n" + b"a,b\r\n",
            "Row 1 has 2 cells where the header has 31",
        ),
        (
            COLUMNS.encode() + b"\r\n# incomplete: the export broke off after 0 quotes\r\n",
            "This export broke off before its end",
        ),
    ],
    ids=[
        "nothing",
        "blank",
        "5 MB",
        "binary",
        "image",
        "no rows",
        "wrong column",
        "missing columns",
        "short row",
        "broken export",
    ],
)
def test_a_file_that_cannot_be_imported_is_refused_with_a_clear_message(
    client, editor, content, message
):
    client.force_login(editor)
    response = dry_run(client, content)
    assert response.status_code == 200
    assert message in " ".join(response.context["form"].errors["import_file"])
    assert "result" not in response.context
    assert not Quote.objects.exists()


def test_json_that_is_no_list_of_quotes_is_refused(client, editor):
    client.force_login(editor)
    for content, message in [
        (b"{not json", "This is not JSON the archive can read"),
        (b'{"key": "x"}', "The JSON must be a list of quotes"),
        (b"[]", "The list is empty"),
    ]:
        response = dry_run(client, content, name="quotes.json", file_format=JSON)
        assert message in " ".join(response.context["form"].errors["import_file"])


# Hostile words: kept as text, never run -------------------------------------------------------


def test_html_with_scripts_is_stored_as_text_and_escaped_where_shown(client, editor, prepared):
    client.force_login(editor)
    words = '<script>alert("imported")</script><img src=x onerror=alert(1)> said it.'
    response = dry_run(client, csv_of([a_row(text=words)]))
    assertNotContains(response, "<script>alert")
    assertNotContains(response, "<img src=x")
    assertContains(response, "&lt;script&gt;")
    confirm(client, response)
    quote = Quote.objects.get()
    assert quote.text == words
    page = client.get(reverse("admin:tracker_quote_change", args=[quote.pk]))
    assertNotContains(page, "<script>alert")
    assertContains(page, "&lt;script&gt;alert(&quot;imported&quot;)&lt;/script&gt;")


@pytest.mark.parametrize(
    "words",
    ['=HYPERLINK("http://evil.example")', "+1+1", "-2+3", "@SUM(A1)", "'=1+1", "''@x", "'quoted'"],
)
def test_a_formula_the_export_guarded_imports_as_the_words_it_was(client, editor, prepared, words):
    client.force_login(editor)
    confirm(client, dry_run(client, csv_of([a_row(text=words)])))  # csv_of guards as the export
    quote = Quote.objects.get()
    assert quote.text == words
    (row,) = list(csv.reader(io.StringIO(export_csv().splitlines(keepends=True)[1])))
    cell = row[imports.export_columns().index("text")]
    assert cell == (f"'{words}" if words.lstrip("'")[0] in "=+-@" else words)
    assert totals(dry_run(client, export_csv())) == {"skip": 1}


def test_a_formula_typed_without_the_guard_is_stored_as_text_and_exported_guarded(
    client, editor, prepared
):
    client.force_login(editor)
    row = a_row(text='=HYPERLINK("http://evil.example","Click")')
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(row))
    writer.writeheader()
    writer.writerow(row)  # as a spreadsheet saves it: no apostrophe
    confirm(client, dry_run(client, out.getvalue()))
    assert Quote.objects.get().text == '=HYPERLINK("http://evil.example","Click")'
    (exported,) = csv_rows(export_csv())
    assert exported["text"] == '\'=HYPERLINK("http://evil.example","Click")'


def test_json_is_read_as_written_with_no_guard_to_take_off(client, editor, prepared):
    client.force_login(editor)
    body = json.dumps([a_row(text="'=1+1")]).encode()
    confirm(client, dry_run(client, body, name="quotes.json", file_format=JSON))
    assert Quote.objects.get().text == "'=1+1"

"""The archive as rows: the CSV of a filtered view, and the columns of a data release."""

import csv
import datetime
import hashlib
import io
import itertools
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any, NamedTuple

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models, transaction
from django.db.models import Case, OuterRef, Q, StringAgg, Subquery, Value, When
from django.db.models.functions import Coalesce, Concat
from django.urls import reverse

from tracker.models import (
    Alias,
    AttributionLink,
    Event,
    Nation,
    Outlet,
    Quote,
    Source,
    Speaker,
    Stance,
    Topic,
    Translation,
    WordEdit,
    with_published_quotes,
)
from tracker.models.dates import PossibleDates

# The version of the release's format, raised with each change to its files: see
# docs/release-format.md, its changelog, which each release carries as CHANGELOG.md. The API
# announces it too (tracker/api/views.py).
FORMAT_VERSION = "2.0"
FORMAT_CHANGELOG = settings.BASE_DIR / "docs" / "release-format.md"

# A cell starting with one of these runs as a formula in a spreadsheet.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


# What a cell to guard starts with: a start above, or apostrophes before one.
GUARDED_STARTS = frozenset(FORMULA_STARTS) | {"'"}


def neutralise(value):
    """The cell with an apostrophe before it when a spreadsheet would run it, or when it starts
    with apostrophes before such a start: the import (tracker/imports.py) takes exactly one off
    a guarded cell, so every cell reads back as it was written."""
    text = "" if value is None else value if type(value) is str else str(value)
    return f"'{text}" if text[:1] in GUARDED_STARTS and is_runnable(text) else text


def is_runnable(text):
    return text.lstrip("'").startswith(FORMULA_STARTS)


def is_guarded(cell):
    """Whether neutralise() put the apostrophe at the start of this cell."""
    return cell.startswith("'") and is_runnable(cell[1:])


def blank_if_none(value):
    return "" if value is None else value


def blank_or(cell):
    return lambda value: "" if value is None else cell(value)


def isoformat_or_blank(value):
    return "" if value is None else value.isoformat()


class Column(NamedTuple):
    """One column of the quotes' CSV and of the release's quotes.json."""

    name: str  # its header
    field: str | tuple[str, ...]  # what it is read from: paths for QuerySet.values_list()
    cell: Callable[..., Any] | None = None  # from the values read to the cell; None: as read
    # What reads the cell's records for a whole batch of rows (QuoteParts), or None.
    parts: Any = None


class QuoteParts:
    """The attribution chains and edits of a batch of rows' quotes, read for the whole batch at
    once (two queries a batch, not one a row): each cell is then looked up by the quote's pk.
    Only the links are model instances (their names come from their targets); the quotes and
    their edits are read as values, so a batch weighs little more than its text."""

    def __init__(self):
        self.links, self.edits_of, self.read_in = {}, {}, ""

    def read(self, pks):
        self.links, self.edits_of = {}, {}
        self.read_in = str(AttributionLink.Relation.READ_IN.label)  # in the reader's language
        for link in AttributionLink.objects.filter(quote__in=pks).for_chain():
            self.links.setdefault(link.quote_id, []).append(link)
        kinds = dict(WordEdit.Kind.choices)
        edits = WordEdit.objects.filter(quote__in=pks).values_list("quote", "kind", "explanation")
        for pk, kind, explanation in edits:
            self.edits_of.setdefault(pk, []).append(f"{kinds[kind]}: {explanation}")

    def chain(self, pk, outlet):
        """As Quote.chain_text() gives it, the source read in named by its outlet."""
        links = self.links.get(pk)
        if not links:
            return f"{self.read_in} {outlet}"
        chain = Quote.in_chain_order(links, f"{self.read_in} {outlet}")
        return " · ".join(str(link) for link in chain)

    def edits(self, pk):
        return "; ".join(self.edits_of.get(pk, ()))


def translations_cell():
    """A quote's translations in one cell, one per line, each with its language and who made
    it: "en (translated by this archive's editors): ...". One subquery, no query per row."""
    credit = Case(
        When(translated_by=Translation.TranslatedBy.ARCHIVE, then=Value("this archive's editors")),
        When(outlet__isnull=False, then="outlet__name"),
        *[
            When(translated_by=value, then=Value(label.lower()))
            for value, label in Translation.TranslatedBy.choices
        ],
        output_field=models.TextField(),
    )
    line = Concat(
        "language",
        Value(" (translated by "),
        credit,
        Value("): "),
        "text",
        output_field=models.TextField(),
    )
    translations = (
        Translation.objects.filter(quote=OuterRef("pk"))
        .order_by()
        .values("quote")
        .annotate(cell=StringAgg(line, Value("\n")))
        .values("cell")
    )
    return Coalesce(Subquery(translations), Value(""), output_field=models.TextField())


# Cells read from an annotation of the quotes rather than a field.
ANNOTATED = {"translations_text": translations_cell}


def quote_columns(base_url=""):
    """The quotes' columns, in order, with permalinks under `base_url`. A new column is a line
    here: the header, the fields read and each row follow from this list."""
    parts = QuoteParts()
    return (
        Column("key", "key"),
        Column("permalink", "key", permalinks(base_url)),
        Column("said_on", "said_on", datetime.date.isoformat),
        Column("said_on_latest", "said_on_latest", datetime.date.isoformat),
        Column("said_on_precision", "said_on_precision"),
        Column("said_on_edtf", SAID_ON_FIELDS, edtf_of),
        Column("said_on_note", "said_on_note"),
        Column("speaker", "speaker__name"),
        Column("speaker_slug", "speaker__slug"),
        Column("role", "role__title", blank_if_none),
        Column("nation", "nation__code", blank_if_none),
        Column("nation_kind", "nation__kind", blank_if_none),
        Column("kind", "kind"),
        Column("language", "language"),
        Column("spoken_language", "spoken_language"),
        Column("text", "text"),
        Column("translations", "translations_text"),
        Column("topic", "stance__topic__slug"),
        Column("stance", "stance__value"),
        Column("source_key", "source__key"),
        Column("source_title", "source__title"),
        Column("outlet", "source__outlet__name"),
        Column("source_url", "source__url"),
        Column("event", "event__slug", blank_if_none),
        Column("attribution_chain", ("pk", "source__outlet__name"), parts.chain, parts),
        Column("verification", "verification"),
        Column("word_edits", "pk", parts.edits, parts),
        Column("context", "context"),
        Column("public_note", "public_note"),
        Column("published_at", "published_at", isoformat_or_blank),
        # The permalink of the published statement it answers (Quote.with_answered_key()).
        Column("responds_to", "answered_key", blank_or(permalinks(base_url))),
    )


SAID_ON_FIELDS = ("said_on", "said_on_latest", "said_on_precision")


def edtf_of(earliest, latest, precision):
    return PossibleDates.of(earliest, precision, latest).edtf()


def permalinks(base_url):
    """A function from a key to its permalink, the URL resolver asked once rather than per row."""
    placeholder = "0key0"
    prefix, _, suffix = reverse("quote_detail", args=[placeholder]).rpartition(placeholder)
    prefix = base_url + prefix

    def permalink(key):
        if key.isascii() and key.isalnum():  # every key made here: nothing to escape
            return prefix + key + suffix
        return base_url + reverse("quote_detail", args=[key])

    return permalink


# Rows read from the database at a time: a server-side cursor on PostgreSQL, so that any
# number of rows is read in constant memory.
CHUNK_SIZE = 2000
# Rows whose chains and edits are read at once: two queries each time.
PARTS_SIZE = CHUNK_SIZE


def quote_rows(quotes, columns):
    """Each quote of `quotes` as a tuple of the cells of `columns`, in one streamed query with
    its joins: no model instances, no query per row."""
    paths = [
        column.field if isinstance(column.field, tuple) else (column.field,) for column in columns
    ]
    fields = list(
        dict.fromkeys(["pk", *(field for read in paths for field in read)])
    )  # each read once
    cells = [
        ([fields.index(field) for field in read], column.cell)
        for read, column in zip(paths, columns, strict=True)
    ]
    parts = {id(column.parts): column.parts for column in columns if column.parts}.values()
    # In a transaction, PostgreSQL's cursor hands the rows over as the query finds them. In
    # autocommit, Django declares it WITH HOLD, and PostgreSQL finds and stores every row
    # before the first: at a million quotes, the whole archive's first row came after 4 s
    # instead of 0.4 s. The transaction only reads, and stays open while the rows are read:
    # as long as the download takes.
    quotes = quotes.annotate(**{name: ANNOTATED[name]() for name in fields if name in ANNOTATED})
    with transaction.atomic(using=quotes.db):
        rows = quotes.with_answered_key().values_list(*fields).iterator(chunk_size=CHUNK_SIZE)
        for batch in itertools.batched(rows, PARTS_SIZE):
            for reader in parts:
                reader.read([values[0] for values in batch])
            for values in batch:
                yield tuple(
                    values[indexes[0]] if cell is None else cell(*(values[i] for i in indexes))
                    for indexes, cell in cells
                )


# Rows handed to the server at a time (about 100 KB): a write per row costs the server a
# system call each, and took more time than making the rows.
ROWS_PER_WRITE = 200


def csv_lines(quotes, base_url=""):
    """CSV lines, a few hundred at a time, so that any number of rows streams in constant memory."""
    columns = quote_columns(base_url)
    for text, _ in csv_batches(columns, quote_rows(quotes, columns)):
        yield text


def csv_batches(columns, rows):
    """The header, then the rows a few hundred at a time: (text, how many rows it holds)."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(column.name for column in columns)
    yield out.getvalue(), 0
    for batch in itertools.batched(rows, ROWS_PER_WRITE):
        out.seek(0)
        out.truncate()
        writer.writerows([neutralise(cell) for cell in row] for row in batch)
        yield out.getvalue(), len(batch)


# The last line of a downloaded CSV says whether the download holds every row: a file without
# it was cut (a worker killed, a connection lost). docs/deploy.md tells readers how to check.
COMPLETE = "# complete: {count} quotes\r\n"
INCOMPLETE = "# incomplete: the export broke off after {count} quotes; download it again\r\n"


def csv_download(quotes, base_url=""):
    """The CSV lines of a download, ending with a line that says it is complete, or, when a
    row cannot be read (the database lost), that it is not.

    The first rows are read on the first next(), with the header: a database that cannot be
    reached fails there, before the download has started. Each piece is whole rows, so a
    download that breaks off ends at a row's end, never inside a character. After the line that
    says so, the error goes on up to the server, which then cuts the transfer: a browser shows
    the download as failed, and curl exits with an error, as well.
    """
    columns = quote_columns(base_url)
    batches = csv_batches(columns, quote_rows(quotes, columns))
    header, _ = next(batches)
    first, count = next(batches, ("", 0))
    yield header + first
    try:
        for text, rows in batches:
            yield text
            count += rows
    except Exception:
        yield INCOMPLETE.format(count=count)
        raise
    yield COMPLETE.format(count=count)


def published_quotes():
    return Quote.objects.published().order_by("said_on", "id")


def _records():
    """Every published record's table, as (name, rows) pairs of plain dicts."""
    public = Quote.objects.published()
    # The bodies spoken for, and the nationalities of the speakers.
    named = (
        Q(pk__in=public.values("nation"))
        | Q(pk__in=public.values("speaker__nation"))
        | Q(pk__in=public.values("speaker__nationality"))
    )
    yield (
        "nations",
        Nation.objects.confirmed()
        .filter(named)
        .values("code", "kind", "name", "is_eu_member", "is_nato_member", "public_note"),
    )
    yield "speakers", _speakers(Speaker.objects.filter(pk__in=public.values("speaker")))
    yield (
        "outlets",
        with_published_quotes(Outlet.objects.all()).values(
            "slug", "name", "home_url", "public_note"
        ),
    )
    # EXISTS per source: an OR of two IN subqueries did not finish in 7 minutes at 1M quotes.
    cited = with_published_quotes(Source.objects.all())
    yield (
        "sources",
        cited.order_by("key").values(
            "key",
            "outlet__slug",
            "kind",
            "title",
            "is_title_supplied",
            "authors",
            "url",
            "archived_url",
            "language",
            "published_on",
            "published_on_precision",
            "accessed_on",
            "public_note",
        ),
    )
    yield (
        "events",
        with_published_quotes(Event.objects.all())
        .order_by("happened_on", "slug")
        .values("slug", "name", "happened_on", "ended_on", "place", "description", "public_note"),
    )
    topics = Topic.objects.confirmed()
    yield "topics", topics.values("slug", "name", "question", "public_note")
    yield (
        "stances",
        Stance.objects.filter(topic__in=topics).values("topic__slug", "value", "label", "position"),
    )


def _speakers(speakers):
    """The speakers' rows, each with the list of its `aliases`: two queries for them all."""
    aliases = {}
    for speaker_id, name in Alias.objects.filter(speaker__in=speakers).values_list(
        "speaker", "name"
    ):
        aliases.setdefault(speaker_id, []).append(name)
    rows = speakers.values(
        "pk",
        "slug",
        "name",
        "given_name",
        "family_name",
        "kind",
        "nation__code",
        "nationality__code",
        "description",
        "public_note",
    )
    for row in rows:
        row["aliases"] = aliases.get(row.pop("pk"), [])
        yield row


def write_release(*, directory, base_url):
    """Write every published record as JSON and CSV, with a manifest naming the version.

    The version is the day's date with a hash of the content: any change to the archive
    makes a new version, and the manifest's checksums prove a copy whole.
    """
    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    files = {}

    def finish(name, path, count):
        with path.open("rb") as written:  # in pieces: the quotes' files run to hundreds of MB
            digest = hashlib.file_digest(written, "sha256").hexdigest()
        files[name] = {"count": count, "sha256": digest}

    for name, rows in _records():
        rows = list(rows)
        path = directory / f"{name}.json"
        path.write_text(json.dumps(rows, cls=DjangoJSONEncoder, ensure_ascii=False, indent=1))
        finish(f"{name}.json", path, len(rows))

    json_path = directory / "quotes.json"
    columns = quote_columns(base_url)
    names = [column.name for column in columns]
    with json_path.open("w", encoding="utf-8") as out:
        out.write("[\n")
        count = 0
        for row in quote_rows(published_quotes(), columns):
            out.write(
                ("" if count == 0 else ",\n")
                + json.dumps(dict(zip(names, row, strict=True)), ensure_ascii=False)
            )
            count += 1
        out.write("\n]\n")
    finish("quotes.json", json_path, count)

    csv_path = directory / "quotes.csv"
    with csv_path.open("w", encoding="utf-8", newline="") as out:
        out.writelines(csv_lines(published_quotes(), base_url))
    finish("quotes.csv", csv_path, files["quotes.json"]["count"])

    changelog_path = directory / "CHANGELOG.md"
    changelog_path.write_bytes(FORMAT_CHANGELOG.read_bytes())
    finish("CHANGELOG.md", changelog_path, 1)

    digest = hashlib.sha256("".join(f["sha256"] for f in files.values()).encode()).hexdigest()[:12]
    manifest = {
        "format_version": FORMAT_VERSION,
        "version": f"{datetime.date.today().isoformat()}-{digest}",
        "generated_at": datetime.datetime.now(datetime.UTC).isoformat(),
        "licence_note": "Quotations are the speakers' words as published by the sources named.",
        "files": files,
    }
    (directory / "manifest.json").write_text(json.dumps(manifest, indent=1))
    return manifest

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

from django.core.serializers.json import DjangoJSONEncoder
from django.db import models, transaction
from django.db.models import Case, OuterRef, StringAgg, Subquery, Value, When
from django.db.models.functions import Coalesce, Concat
from django.urls import reverse

from tracker.models import (
    Nation,
    Outlet,
    Quote,
    Source,
    Speaker,
    Stance,
    Topic,
    Translation,
    with_published_quotes,
)

# A cell starting with one of these runs as a formula in a spreadsheet.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value):
    text = "" if value is None else str(value)
    return f"'{text}" if text.startswith(FORMULA_STARTS) else text


def blank_if_none(value):
    return "" if value is None else value


def isoformat_or_blank(value):
    return "" if value is None else value.isoformat()


class Column(NamedTuple):
    """One column of the quotes' CSV and of the release's quotes.json."""

    name: str  # its header
    field: str  # what it is read from: a path for QuerySet.values_list()
    cell: Callable[[Any], Any] | None = None  # from the value read to the cell; None: as read


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
    return (
        Column("key", "key"),
        Column("permalink", "key", permalinks(base_url)),
        Column("said_on", "said_on", datetime.date.isoformat),
        Column("said_on_precision", "said_on_precision"),
        Column("speaker", "speaker__name"),
        Column("speaker_slug", "speaker__slug"),
        Column("role", "role__title", blank_if_none),
        Column("nation", "nation__code", blank_if_none),
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
        Column("first_reported_in_outlet", "first_reported_in__outlet__name", blank_if_none),
        Column("first_reported_in_key", "first_reported_in__key", blank_if_none),
        Column("context", "context"),
        Column("published_at", "published_at", isoformat_or_blank),
    )


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


def quote_rows(quotes, columns):
    """Each quote of `quotes` as a tuple of the cells of `columns`, in one streamed query with
    its joins: no model instances, no query per row."""
    fields = list(dict.fromkeys(column.field for column in columns))  # the key is read once
    cells = [(fields.index(column.field), column.cell) for column in columns]
    # In a transaction, PostgreSQL's cursor hands the rows over as the query finds them. In
    # autocommit, Django declares it WITH HOLD, and PostgreSQL finds and stores every row
    # before the first: at a million quotes, the whole archive's first row came after 4 s
    # instead of 0.4 s. The transaction only reads, and stays open while the rows are read:
    # as long as the download takes.
    quotes = quotes.annotate(**{name: ANNOTATED[name]() for name in fields if name in ANNOTATED})
    with transaction.atomic(using=quotes.db):
        for values in quotes.values_list(*fields).iterator(chunk_size=CHUNK_SIZE):
            yield tuple(
                values[index] if cell is None else cell(values[index]) for index, cell in cells
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
    yield (
        "nations",
        Nation.objects.filter(pk__in=public.values("nation")).values(
            "code", "name", "is_eu_member", "is_nato_member"
        ),
    )
    yield (
        "speakers",
        Speaker.objects.filter(pk__in=public.values("speaker")).values(
            "slug", "name", "kind", "nation__code", "description"
        ),
    )
    yield (
        "outlets",
        Outlet.objects.filter(pk__in=public.values("source__outlet")).values(
            "slug", "name", "home_url"
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
            "accessed_on",
        ),
    )
    yield "topics", Topic.objects.values("slug", "name", "question")
    yield "stances", Stance.objects.values("topic__slug", "value", "label", "position")


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

    digest = hashlib.sha256("".join(f["sha256"] for f in files.values()).encode()).hexdigest()[:12]
    manifest = {
        "version": f"{datetime.date.today().isoformat()}-{digest}",
        "generated_at": datetime.datetime.now(datetime.UTC).isoformat(),
        "licence_note": "Quotations are the speakers' words as published by the sources named.",
        "files": files,
    }
    (directory / "manifest.json").write_text(json.dumps(manifest, indent=1))
    return manifest

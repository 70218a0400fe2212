"""The archive as rows: the CSV of a filtered view, and the columns of a data release."""

import csv
import datetime
import hashlib
import json
from pathlib import Path

from django.core.serializers.json import DjangoJSONEncoder
from django.urls import reverse

from tracker.models import Nation, Outlet, Quote, Source, Speaker, Stance, Topic

COLUMNS = [
    "key",
    "permalink",
    "said_on",
    "said_on_precision",
    "speaker",
    "speaker_slug",
    "role",
    "nation",
    "kind",
    "language",
    "text",
    "translation",
    "topic",
    "stance",
    "source_key",
    "source_title",
    "outlet",
    "source_url",
    "first_reported_in_outlet",
    "first_reported_in_key",
    "context",
    "published_at",
]

# A cell starting with one of these runs as a formula in a spreadsheet.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value):
    text = "" if value is None else str(value)
    return f"'{text}" if text.startswith(FORMULA_STARTS) else text


def quote_row(quote, base_url=""):
    first = quote.first_reported_in
    return {
        "key": quote.key,
        "permalink": base_url + reverse("quote_detail", args=[quote.key]),
        "said_on": quote.said_on.isoformat(),
        "said_on_precision": quote.said_on_precision,
        "speaker": quote.speaker.name,
        "speaker_slug": quote.speaker.slug,
        "role": quote.role.title if quote.role else "",
        "nation": quote.nation.code if quote.nation else "",
        "kind": quote.kind,
        "language": quote.language,
        "text": quote.text,
        "translation": quote.translation,
        "topic": quote.stance.topic.slug,
        "stance": quote.stance.value,
        "source_key": quote.source.key,
        "source_title": quote.source.title,
        "outlet": quote.source.outlet.name,
        "source_url": quote.source.url,
        "first_reported_in_outlet": first.outlet.name if first else "",
        "first_reported_in_key": first.key if first else "",
        "context": quote.context,
        "published_at": quote.published_at.isoformat() if quote.published_at else "",
    }


class _Echo:
    def write(self, value):
        return value


def csv_lines(quotes, base_url=""):
    """CSV lines, one at a time, so that any number of rows streams in constant memory."""
    writer = csv.writer(_Echo())
    yield writer.writerow(COLUMNS)
    for quote in quotes.iterator(chunk_size=2000):
        row = quote_row(quote, base_url)
        yield writer.writerow([neutralise(row[column]) for column in COLUMNS])


def published_quotes():
    return Quote.objects.published().for_listing().order_by("said_on", "id")


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
    cited = Source.objects.filter(pk__in=public.values("source")) | Source.objects.filter(
        pk__in=public.exclude(first_reported_in=None).values("first_reported_in")
    )
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
        files[name] = {"count": count, "sha256": hashlib.sha256(path.read_bytes()).hexdigest()}

    for name, rows in _records():
        rows = list(rows)
        path = directory / f"{name}.json"
        path.write_text(json.dumps(rows, cls=DjangoJSONEncoder, ensure_ascii=False, indent=1))
        finish(f"{name}.json", path, len(rows))

    json_path = directory / "quotes.json"
    with json_path.open("w", encoding="utf-8") as out:
        out.write("[\n")
        count = 0
        for quote in published_quotes().iterator(chunk_size=2000):
            out.write(
                ("" if count == 0 else ",\n")
                + json.dumps(quote_row(quote, base_url), ensure_ascii=False)
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

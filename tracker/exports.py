"""The archive as rows: the CSV of a filtered view, and the columns of a data release."""

import csv

from django.urls import reverse

from tracker.models import Quote

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

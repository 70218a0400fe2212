"""Prepared statements read from a file with the columns of the quotes' CSV (tracker/exports.py):
an export imports back unchanged. Each row becomes a draft, or changes the draft or quote in
review its key names; a published quote changes only by a correction on its own page.

django-import-export reads the file, shows the dry run and reports each row's errors; the whole
import is one transaction (tracker/admin/imports.py wires it into the quotes' admin)."""

import csv
import datetime
import io
import json
from urllib.parse import urlsplit

import tablib
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils.text import get_text_list, slugify
from import_export import fields, resources, widgets
from import_export.formats import base_formats

from tracker import exports
from tracker.models import (
    KEY_ALPHABET,
    KEY_LENGTH,
    Alias,
    Event,
    Nation,
    Outlet,
    Quote,
    Source,
    Speaker,
    Stance,
    Topic,
    normalize_key,
)

# A file larger than this is refused before it is read: some thousands of statements.
MAX_FILE_SIZE = 2 * 1024 * 1024

# Columns of the export that say what follows from the record, read from it and never written
# back: the permalink from the key, the EDTF date from the dates, the kind of the body spoken
# for from its code, the time of publication (an import makes drafts). The translations, the
# attribution chain and the edits to the words are records of their own, entered on the
# quote's page.
EXPORT_ONLY = {
    "permalink",
    "said_on_edtf",
    "nation_kind",
    "translations",
    "attribution_chain",
    "word_edits",
    "published_at",
}


# Columns read only to find a record a row names: a speaker by its slug, a source by its title,
# outlet and address when the archive does not have its key.
READ_TO_FIND = {"speaker_slug", "topic", "source_title", "outlet", "source_url"}


class ImportFileError(ValueError):
    """A file that cannot be imported at all, with the editor's explanation."""


def export_columns():
    return [column.name for column in exports.quote_columns()]


def imported_columns():
    return [name for name in export_columns() if name not in EXPORT_ONLY]


def check_columns(headers):
    """Refuse a file whose header is not the export's: a column missing, unknown or twice."""
    headers = [str(header or "").strip() for header in headers]
    known = export_columns()
    unknown = [header for header in headers if header not in known]
    missing = [name for name in imported_columns() if name not in headers]
    twice = sorted({header for header in headers if headers.count(header) > 1})
    problems = []
    if unknown:
        problems.append(f"unknown {_columns(unknown)}")
    if missing:
        problems.append(f"missing {_columns(missing)}")
    if twice:
        problems.append(f"{_columns(twice)} twice")
    if problems:
        raise ImportFileError(
            f"The file's header is not the CSV export's: {'; '.join(problems)}. Export the "
            "quotes as CSV to see the columns an import reads."
        )


def _columns(names):
    label = "column" if len(names) == 1 else "columns"
    return f"{label} {get_text_list([f'“{name}”' for name in names], 'and')}"


def unguard(cell):
    """The cell as it was before the export guarded it against spreadsheets (exports.guard):
    the guard's leading apostrophe comes off again, and only the guard's."""
    if exports.is_guarded(cell):
        return cell[1:]
    return cell


def dataset_of(headers, rows):
    check_columns(headers)
    width = len(headers)
    for number, row in enumerate(rows, start=1):
        if len(row) != width:
            raise ImportFileError(
                f"Row {number} has {len(row)} cells where the header has {width}: "
                "a quotation mark left open, or a comma too many?"
            )
    if not rows:
        raise ImportFileError("The file has a header but no rows: there is nothing to import.")
    return tablib.Dataset(*rows, headers=[str(header).strip() for header in headers])


class ArchiveCSV(base_formats.CSV):
    """The quotes' CSV as the archive writes it: its last line says whether the export was
    whole, and its cells are guarded against spreadsheets' formulas."""

    def create_dataset(self, in_stream, **kwargs):
        text = in_stream.decode("utf-8-sig") if isinstance(in_stream, bytes) else in_stream
        lines = text.splitlines(keepends=True)
        while lines and not lines[-1].strip():
            lines.pop()
        if lines and lines[-1].startswith(exports.INCOMPLETE.partition("{")[0]):
            raise ImportFileError(
                "This export broke off before its end (its last line says so): download it "
                "again, then import the whole file."
            )
        if lines and lines[-1].startswith(exports.COMPLETE.partition("{")[0]):
            lines.pop()
        try:
            header, *rows = list(csv.reader(io.StringIO("".join(lines), newline="")))
        except ValueError:  # no line at all
            raise ImportFileError("The file is empty: there is nothing to import.") from None
        except csv.Error as error:
            raise ImportFileError(
                f"This is not a CSV file the archive can read: {error}."
            ) from None
        return dataset_of(header, [[unguard(cell) for cell in row] for row in rows])


class ArchiveJSON(base_formats.JSON):
    """A list of quotes, each an object with the export's columns, as the data release's
    quotes.json holds them."""

    def create_dataset(self, in_stream, **kwargs):
        try:
            quotes = json.loads(in_stream)
        except ValueError as error:
            raise ImportFileError(f"This is not JSON the archive can read: {error}.") from None
        if not isinstance(quotes, list) or not all(isinstance(q, dict) for q in quotes):
            raise ImportFileError("The JSON must be a list of quotes, each an object of columns.")
        if not quotes:
            raise ImportFileError("The list is empty: there is nothing to import.")
        headers = list(quotes[0])
        for number, quote in enumerate(quotes, start=1):
            if list(quote) != headers:
                raise ImportFileError(f"Quote {number} has other columns than the first one.")
        return dataset_of(headers, [[_text(quote[name]) for name in headers] for quote in quotes])


def _text(value):
    return "" if value is None else str(value)


class TextWidget(widgets.CharWidget):
    def clean(self, value, row=None, **kwargs):
        return _text(value).strip() if value is not None else ""


class KeyWidget(widgets.Widget):
    """A key as a person may type it (normalize_key): any case, O for 0."""

    def clean(self, value, row=None, **kwargs):
        return normalize_key(_text(value))

    def render(self, value, obj=None, **kwargs):
        return value or ""


class DateWidget(widgets.Widget):
    def clean(self, value, row=None, **kwargs):
        value = _text(value).strip()
        if not value:
            return None
        try:
            return datetime.date.fromisoformat(value)
        except ValueError:
            raise ValueError(f"“{value}” is not a date: write it as 2025-02-17.") from None

    def render(self, value, obj=None, **kwargs):
        return "" if value is None else value.isoformat()


class ChoiceWidget(widgets.Widget):
    def __init__(self, choices, noun):
        super().__init__()
        self.choices, self.noun = choices, noun

    def clean(self, value, row=None, **kwargs):
        value = _text(value).strip()
        if value not in self.choices.values:
            raise ValueError(
                f"“{value}” is not a {self.noun}: one of {', '.join(self.choices.values)}."
            )
        return value


class RecordWidget(widgets.Widget):
    """A related record, named in the preview as the export names it; QuoteResource finds it."""

    def __init__(self, name):
        super().__init__()
        self.name = name

    def render(self, value, obj=None, **kwargs):
        return "" if value is None else self.name(value)


def _key_of(permalink):
    return normalize_key(urlsplit(permalink).path.rstrip("/").rpartition("/")[2])


def is_key(key):
    return len(key) == KEY_LENGTH and all(letter in KEY_ALPHABET for letter in key)


class QuoteResource(resources.ModelResource):
    key = fields.Field("key", "key", KeyWidget())
    said_on = fields.Field("said_on", "said_on", DateWidget())
    said_on_latest = fields.Field("said_on_latest", "said_on_latest", DateWidget())
    said_on_precision = fields.Field(
        "said_on_precision", "said_on_precision", ChoiceWidget(Quote.Precision, "date precision")
    )
    said_on_note = fields.Field("said_on_note", "said_on_note", TextWidget())
    speaker = fields.Field("speaker", "speaker", RecordWidget(lambda speaker: speaker.name))
    role = fields.Field("role", "role", RecordWidget(lambda role: role.title))
    nation = fields.Field("nation", "nation", RecordWidget(lambda nation: nation.code))
    kind = fields.Field("kind", "kind", ChoiceWidget(Quote.Kind, "kind of quote"))
    language = fields.Field("language", "language", TextWidget())
    spoken_language = fields.Field("spoken_language", "spoken_language", TextWidget())
    text = fields.Field("text", "text", TextWidget())
    stance = fields.Field(
        "stance", "stance", RecordWidget(lambda stance: f"{stance.topic.slug}: {stance.value}")
    )
    source = fields.Field("source", "source_key", RecordWidget(lambda source: source.key))
    event = fields.Field("event", "event", RecordWidget(lambda event: event.slug))
    verification = fields.Field(
        "verification", "verification", ChoiceWidget(Quote.Verification, "verification level")
    )
    context = fields.Field("context", "context", TextWidget())
    public_note = fields.Field("public_note", "public_note", TextWidget())
    responds_to = fields.Field("responds_to", "responds_to", RecordWidget(lambda quote: quote.key))

    # Found by import_instance()'s find_ methods, from several columns, rather than read from
    # one. The other columns are read as the quote's page reads them: stripped of spaces.
    FOUND = ("key", "speaker", "role", "nation", "stance", "source", "event", "responds_to")

    class Meta:
        model = Quote
        fields = (
            "key",
            "said_on",
            "said_on_latest",
            "said_on_precision",
            "said_on_note",
            "speaker",
            "role",
            "nation",
            "kind",
            "language",
            "spoken_language",
            "text",
            "stance",
            "source",
            "event",
            "verification",
            "context",
            "public_note",
            "responds_to",
        )
        import_id_fields = ["key"]
        # A row that would change nothing is reported as skipped: a file exported from this
        # archive imports as "nothing to change".
        skip_unchanged = True
        report_skipped = True
        use_transactions = True
        # Each row is checked as the quote's page checks it (Quote.clean(), its constraints).
        clean_model_instances = True

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.user = None
        self.file_name = ""
        self.rows_of_keys = {}

    def get_queryset(self):
        return Quote.objects.select_related("speaker", "role", "nation", "stance__topic", "source")

    def before_import(self, dataset, **kwargs):
        self.user = kwargs.get("user")
        self.file_name = kwargs.get("file_name") or "a file"
        self.rows_of_keys = {}
        check_columns(dataset.headers)

    def before_import_row(self, row, **kwargs):
        key = normalize_key(_text(row.get("key")))
        if not key:
            return
        if key in self.rows_of_keys:
            raise ValidationError(
                {"key": f"Row {self.rows_of_keys[key]} has this key too: each quote once a file."}
            )
        self.rows_of_keys[key] = kwargs.get("row_number")

    def init_instance(self, row=None):
        return Quote(status=Quote.Status.DRAFT)

    def import_field(self, field, instance, row, is_m2m=False, **kwargs):
        if field.attribute not in self.FOUND:
            super().import_field(field, instance, row, is_m2m, **kwargs)

    def import_instance(self, instance, row, **kwargs):
        errors = {}
        try:
            super().import_instance(instance, row, **kwargs)
        except ValidationError as error:
            errors = error.update_error_dict(errors)
        row = {name: _text(value).strip() for name, value in row.items()}
        for column, find in [
            ("key", self.find_key),
            ("speaker", self.find_speaker),
            ("role", self.find_role),
            ("nation", self.find_nation),
            ("stance", self.find_stance),
            ("source_key", self.find_source),
            ("event", self.find_event),
            ("responds_to", self.find_answered),
        ]:
            try:
                find(instance, row)
            except ValueError as error:
                errors[column] = ValidationError(str(error))
        if not errors:
            # As saving would: so that a row that leaves them empty compares as unchanged.
            instance.fill_in()
        if not errors and (words := self.words_in_the_archive(instance)):
            errors["text"] = ValidationError(
                f"{instance.speaker} has these words in the archive already, as quote "
                f"{words.key}: give its key to change it, or leave the row out."
            )
        if errors:
            raise ValidationError(errors)

    @staticmethod
    def words_in_the_archive(quote):
        """Another quote of the same speaker with the same words: an import adds no statement
        twice (the quote's page warns of near ones too; an import asks for the exact words)."""
        same = Quote.objects.filter(speaker=quote.speaker, text=quote.text)
        return same.exclude(pk=quote.pk).first() if quote.pk else same.first()

    def find_key(self, quote, row):
        if not quote._state.adding:
            return
        if self.user is None or not self.user.has_perm("tracker.add_quote"):
            raise ValueError("You may not add quotes.")
        key = normalize_key(row["key"])
        if not key:
            return  # a new key is drawn
        if not is_key(key):
            raise ValueError(
                f"“{row['key']}” is no quote's key: leave it empty for a new quote, or give the "
                "key of a quote in the archive."
            )
        if Quote.history.filter(key=key).exists():
            raise ValueError(f"The key {key} was used by a deleted quote: a key is never reused.")
        quote.key = key

    def find_speaker(self, quote, row):
        name, slug = row["speaker"], row["speaker_slug"]
        speaker = Speaker.objects.filter(slug=slug).first() if slug else None
        if speaker is not None:
            if name and name != speaker.name and not speaker.aliases.filter(name=name).exists():
                raise ValueError(f"“{slug}” is {speaker.name}, not “{name}”.")
        elif name:
            aliased = Alias.objects.filter(name__iexact=name).values("speaker")
            found = list(Speaker.objects.filter(Q(name__iexact=name) | Q(pk__in=aliased)))
            if len(found) > 1:
                raise ValueError(
                    f"{len(found)} speakers are called “{name}”: give the one meant in "
                    "speaker_slug."
                )
            speaker = (
                found[0] if found else self.create(Speaker, name=name, slug=slug or slugify(name))
            )
        else:
            raise ValueError("Say who said it: a speaker's name (or the speaker_slug).")
        quote.speaker = speaker

    def find_role(self, quote, row):
        title = row["role"]
        if not title:
            quote.role = None  # filled in from the speaker's roles on the day, as it is saved
            return
        if quote.speaker_id is None:
            return
        roles = list(quote.speaker.roles.filter(title=title))
        held = [role for role in roles if quote.said_on and role.covers(quote.said_on)]
        if not roles:
            raise ValueError(
                f"{quote.speaker} has no role “{title}”: add it on the speaker's page first, "
                "or leave the role empty."
            )
        quote.role = (held or roles)[0]

    def find_nation(self, quote, row):
        code = row["nation"].lower()
        quote.nation = None
        if code:
            quote.nation = Nation.objects.filter(code=code).first()
            if quote.nation is None:
                raise ValueError(
                    f"No nation or organisation has the code “{code}”: add it under Nations "
                    "first (a chief editor confirms a nation an editor proposes)."
                )

    def find_stance(self, quote, row):
        topic = Topic.objects.filter(slug=row["topic"]).first()
        if topic is None:
            raise ValueError(f"No question has the slug “{row['topic']}” (the topic column).")
        stance = Stance.objects.filter(topic=topic, value=row["stance"]).first()
        if stance is None:
            values = topic.stances.values_list("value", flat=True)
            raise ValueError(
                f"“{row['stance']}” is no stance on {topic}: one of {', '.join(values)}."
            )
        quote.stance = stance

    def find_source(self, quote, row):
        key = normalize_key(row["source_key"])
        source = Source.objects.filter(key=key).first() if key else None
        if source is None and row["source_url"]:
            source = Source.objects.filter(url=row["source_url"]).order_by("pk").first()
        if source is None:
            if key and not is_key(key):
                raise ValueError(f"“{row['source_key']}” is no source's key.")
            if not row["source_title"] or not row["outlet"]:
                raise ValueError(
                    "A source the archive does not have yet needs its source_title and outlet."
                )
            outlet = Outlet.objects.filter(name__iexact=row["outlet"]).first() or self.create(
                Outlet, name=row["outlet"], slug=slugify(row["outlet"])
            )
            fields = {"outlet": outlet, "title": row["source_title"], "url": row["source_url"]}
            source = self.create(Source, **fields, **({"key": key} if key else {}))
        quote.source = source

    def find_event(self, quote, row):
        slug = row["event"]
        quote.event = Event.objects.filter(slug=slug).first() if slug else None
        if slug and quote.event is None:
            raise ValueError(f"No event has the slug “{slug}”: add it under Events first.")

    def find_answered(self, quote, row):
        permalink = row["responds_to"]
        quote.responds_to = None
        if permalink:
            quote.responds_to = Quote.objects.filter(key=_key_of(permalink)).first()
            if quote.responds_to is None:
                raise ValueError(f"No quote in the archive has the permalink {permalink}.")

    def create(self, model, **fields):
        """A speaker, outlet or source the file names and the archive does not have yet: editors
        add them at once, as on the quote's page."""
        noun = model._meta.verbose_name
        if not self.user.has_perm(f"tracker.add_{model._meta.model_name}"):
            raise ValueError(
                f"The archive has no {noun} “{fields['name']}”, and you may not add one."
            )
        record = model(**fields)
        if isinstance(record, Speaker | Outlet) and not record.slug:
            raise ValueError(f"A new {noun} needs a name made of letters.")
        try:
            record.full_clean()
        except ValidationError as error:
            raise ValueError(
                f"A new {noun} cannot be made of this row: {' '.join(error.messages)}"
            ) from None
        record._history_user = self.user
        record._change_reason = f"Imported from {self.file_name}"
        record.save()
        return record

    def skip_row(self, instance, original, row, import_validation_errors=None):
        unchanged = super().skip_row(instance, original, row, import_validation_errors)
        if unchanged or original is None or original.pk is None or import_validation_errors:
            return unchanged
        if original.status not in Quote.DELETABLE_STATUSES:
            raise ValidationError(
                f"Quote {original.key} is {original.get_status_display().lower()}: an import "
                "does not change it. Correct it on its own page, with the reason readers will see."
            )
        if not self.user.has_perm("tracker.change_quote"):
            raise ValidationError(f"You may not change quote {original.key}.")
        return False

    def validate_instance(self, instance, import_validation_errors=None, validate_unique=True):
        try:
            super().validate_instance(instance, import_validation_errors, validate_unique)
        except ValidationError as error:
            # Named by the file's columns, which the editor sees, not by the model's fields.
            raise ValidationError(
                {
                    "source_key" if name == "source" else name: messages
                    for name, messages in error.message_dict.items()
                }
            ) from None

    def before_save_instance(self, instance, row, **kwargs):
        instance._history_user = self.user
        instance._change_reason = f"Imported from {self.file_name}"

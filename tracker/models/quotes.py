"""Quotes, and which records the public may see through them."""

from types import MappingProxyType

from django.contrib.postgres.search import SearchVectorField
from django.core.exceptions import ValidationError
from django.db import models, router, transaction
from django.db.models import F, Q
from django.db.models.functions import Length
from django.db.models.lookups import Exact
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from tracker import caching, languages, search
from tracker.languages import validate_language
from tracker.models.base import (
    KEY_LENGTH,
    ArchiveRecord,
    Language,
    NotedRecord,
    PublishedRecordDeletion,
    RevisionedRecord,
    choice_label,
    new_quote_key,
)
from tracker.models.counts import count_saved_quote
from tracker.models.dates import PossibleDates, Precision
from tracker.models.people import Nation, Role, Speaker
from tracker.models.quote_cards import QuoteCard
from tracker.models.quote_editing import QuoteEditing
from tracker.models.quote_queries import QUOTE_PATHS, QuoteQuerySet
from tracker.models.sources import Source
from tracker.models.topics import Event, Stance


def none_of(record, path):
    """No rows of the records at the end of `path` (related names, as prefetch_related spells
    them): a prefetch of them asks the database nothing."""
    model = type(record)
    for name in path.split("__"):
        model = model._meta.get_field(name).related_model
    return model.objects.none()


class Quote(QuoteEditing, QuoteCard, NotedRecord, RevisionedRecord, ArchiveRecord):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        REVIEW = "review", _("Ready for review")
        PUBLISHED = "published", _("Published")
        RETRACTED = "retracted", _("Retracted")

    class Kind(models.TextChoices):
        DIRECT = "direct", _("Direct quote")
        PARTIAL = "partial", _("Partial quote")
        PARAPHRASE = "paraphrase", _("Paraphrase")
        STATEMENT = "statement", _("Official statement")
        INDIRECT = "indirect", _("Indirect quote (through an intermediary)")

    class Verification(models.TextChoices):
        # How close the archive got to the words, closest first.
        RECORDING = "recording", _("Recording or official transcript")
        FIRST_HAND = "first_hand", _("First-hand report")
        SECOND_HAND = "second_hand", _("Second-hand report")
        TRANSLATION = "translation", _("Translation")
        INTERMEDIARY = "intermediary", _("Unnamed intermediary")

    Precision = Precision

    DELETABLE_STATUSES = (Status.DRAFT, Status.REVIEW)
    # Where a search matched the quote, with the matched words marked (search.find_passages
    # sets them on the rows of a page of results); a card found by any other list has none.
    passages = MappingProxyType({})

    key = models.CharField(
        max_length=KEY_LENGTH,
        unique=True,
        editable=False,
        default=new_quote_key,
        help_text="The permalink key: never changes, never reused.",
    )
    text = models.TextField(
        help_text="The words exactly as published, in their language: no corrected spelling, "
        "no added emphasis. A paraphrase is the source's own sentence."
    )
    language = models.CharField(
        "language as published",
        max_length=12,
        blank=True,
        default=Language.ENGLISH,
        validators=[validate_language],
        help_text="The language of the words as published: a name or ISO 639 code (Danish, da). "
        "Empty when not known.",
    )
    spoken_language = models.CharField(
        "language spoken",
        max_length=12,
        blank=True,
        validators=[validate_language],
        help_text="The language the words were said in, when the source tells or it is plain: "
        "Polish words published in English are spoken in Polish. Empty when not known.",
    )
    kind = models.CharField(max_length=12, choices=Kind, default=Kind.DIRECT)
    speaker = models.ForeignKey(Speaker, on_delete=models.PROTECT, related_name="quotes")
    role = models.ForeignKey(
        Role,
        on_delete=models.PROTECT,
        related_name="quotes",
        null=True,
        blank=True,
        help_text="The role held when it was said. Left empty, it is filled from the speaker's "
        "roles on that date.",
    )
    nation = models.ForeignKey(
        Nation,
        on_delete=models.PROTECT,
        related_name="quotes",
        null=True,
        blank=True,
        verbose_name="body spoken for",
        help_text="The nation or international organisation spoken for. Left empty, it is taken "
        "from the role or the speaker.",
    )
    said_on = models.DateField(
        "said on (earliest possible day)",
        help_text="When it was said: the day; for a month, the 1st; for a year, 1 January; for "
        "an approximate date, the best guess; for “between”, the earliest possible day; for "
        "“on or before” and “on or after”, the day the reporting gives.",
    )
    said_on_latest = models.DateField(
        "latest possible day",
        blank=True,
        help_text="Only for “between”: the latest day it may have been said. Filled in for "
        "every other precision.",
    )
    said_on_precision = models.CharField(
        "how precisely the date is known",
        max_length=12,
        choices=Precision,
        default=Precision.DAY,
    )
    said_on_note = models.TextField(
        "how the date was inferred",
        blank=True,
        help_text="Shown to readers, when the source does not give the date itself: The "
        "article, published on Monday 17 February 2025, says “on Sunday”.",
    )
    source = models.ForeignKey(
        Source,
        on_delete=models.PROTECT,
        related_name="quotes",
        help_text="Where we read it.",
    )
    verification = models.CharField(
        "verification level",
        max_length=12,
        choices=Verification,
        default=Verification.FIRST_HAND,
        help_text="How close we got to the words: a recording or official transcript; a "
        "report by someone who heard them (first-hand); a report of that report (second-hand); "
        "a translation of them; or words passed on by an unnamed intermediary.",
    )
    context = models.TextField(
        blank=True, help_text="The sentence around the words, as the source gives it."
    )
    stance = models.ForeignKey(
        Stance,
        on_delete=models.PROTECT,
        related_name="quotes",
        help_text="The position the words take on the tracked question.",
    )
    event = models.ForeignKey(
        Event, on_delete=models.PROTECT, related_name="quotes", null=True, blank=True
    )
    responds_to = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        related_name="responses",
        null=True,
        blank=True,
        help_text="The statement these words answer, when they answer one: both permalinks then "
        "show the exchange, once both are published.",
    )
    status = models.CharField(max_length=10, choices=Status, default=Status.DRAFT)
    published_at = models.DateTimeField(null=True, blank=True, editable=False)
    retracted_at = models.DateTimeField(null=True, blank=True, editable=False)
    retraction_reason = models.TextField(blank=True, editable=False)
    is_withdrawn = models.BooleanField(
        default=False,
        editable=False,
        help_text="Retracted for legal reasons: the words are shown nowhere, only the notice "
        "that the statement was retracted, when and why.",
    )
    replaced_by = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        related_name="replaces",
        null=True,
        blank=True,
        editable=False,
        help_text="The quote that replaces a retracted one, if any.",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    search_text = models.TextField(
        blank=True,
        editable=False,
        help_text="Everything a reader may search for, folded to lower case without accents.",
    )
    # Made from text and search_text (which holds the translations) by a PostgreSQL trigger
    # (migrations 0003 and 0020); unused on SQLite.
    search_vector = SearchVectorField(null=True, editable=False)

    objects = QuoteQuerySet.as_manager()
    history = HistoricalRecords(excluded_fields=["search_text", "search_vector"])

    class Meta:
        ordering = ["-said_on", "-id"]
        permissions = [
            ("publish_quote", "Can publish quotes"),
            ("retract_quote", "Can retract quotes"),
            ("correct_quote", "Can correct published quotes"),
        ]
        indexes = [
            # With the latest possible day and the precision: a date filter reads the year
            # before (or after) its day for ranged dates (dates.overlapping), and checks each
            # row in the index alone, not in the table (tracker/models/dates.py).
            models.Index(
                fields=["status", "-said_on", "-id"],
                name="quote_public_by_date",
                include=["said_on_latest", "said_on_precision"],
            ),
            # The editors' list shows every status, newest first.
            models.Index(fields=["-said_on", "-id"], name="quote_by_date"),
            # With the id, in the lists' order: a deep page of a nation's, a person's or a
            # stance's quotes is counted to in the index alone (OFFSET), not row by row in
            # the table (the middle of Germany's 178,155: 440 to 40 ms).
            models.Index(
                fields=["nation", "status", "-said_on", "-id"], name="quote_nation_by_date"
            ),
            models.Index(
                fields=["speaker", "status", "-said_on", "-id"], name="quote_speaker_by_date"
            ),
            models.Index(
                fields=["stance", "status", "-said_on", "-id"], name="quote_stance_by_date"
            ),
            # Who spoke for a nation, from the index alone (4.6 s to 6 ms at a million quotes).
            models.Index(
                fields=["nation", "speaker"],
                condition=Q(status="published"),
                name="quote_nation_speakers",
            ),
        ]
        constraints = [
            models.CheckConstraint(condition=~Q(text=""), name="quote_text_not_blank"),
            models.CheckConstraint(
                condition=Q(said_on_latest__gte=F("said_on")),
                name="quote_said_on_latest_not_before_earliest",
            ),
            models.CheckConstraint(
                condition=Exact(Length("key"), KEY_LENGTH), name="quote_key_length"
            ),
            models.CheckConstraint(
                condition=Q(status__in=["draft", "review"]) | Q(published_at__isnull=False),
                name="quote_published_has_date",
            ),
            models.CheckConstraint(
                condition=~Q(status="retracted")
                | (Q(retracted_at__isnull=False) & ~Q(retraction_reason="")),
                name="quote_retraction_has_reason",
            ),
            models.CheckConstraint(
                condition=Q(is_withdrawn=False) | Q(status="retracted"),
                name="quote_withdrawn_is_retracted",
            ),
            models.CheckConstraint(
                condition=Q(replaced_by__isnull=True) | ~Q(replaced_by=F("id")),
                name="quote_not_replaced_by_itself",
            ),
            models.CheckConstraint(
                condition=Q(responds_to__isnull=True) | ~Q(responds_to=F("id")),
                name="quote_not_responding_to_itself",
            ),
        ]

    # Asked by every card and citation (see choice_label).
    def get_kind_display(self):
        return choice_label(self.Kind, self.kind)

    def get_verification_display(self):
        return choice_label(self.Verification, self.verification)

    def __str__(self):
        return f"{self.speaker}: {self.text[:60]}"

    def save(self, *args, **kwargs):
        loaded_key = getattr(self, "_loaded_key", None)
        if loaded_key is not None and loaded_key != self.key:
            raise ValueError("A quote's key never changes.")
        self.fill_in()
        self.search_text = search.search_text_of(self)
        using = kwargs.get("using") or router.db_for_write(type(self), instance=self)
        with transaction.atomic(using=using):
            before = None if self._state.adding else self.stored_counted_values(using=using)
            self._counted_before = before
            super().save(*args, **kwargs)
            count_saved_quote(
                self.published_values(before),
                self.published_values(self.counted_values()),
                using=using,
            )
        self._loaded_key = self.key

    def fill_in(self):
        """What saving fills in when it is left empty: the latest possible day, the role held
        on the day, the body spoken for."""
        if self.said_on:
            self.said_on_latest = self.said_on_dates.latest
        if self.role_id is None and self.speaker_id and self.said_on:
            self.role = self.speaker.role_on(self.said_on)
        if self.nation_id is None:
            self.nation_id = (
                (self.role and self.role.nation_id)
                or (self.speaker_id and self.speaker.nation_id)
                or None
            )

    def get_absolute_url(self):
        return reverse("quote_detail", args=[self.key])

    def delete(self, *args, **kwargs):
        if self.status not in self.DELETABLE_STATUSES:
            raise PublishedRecordDeletion(
                "A published or retracted quote cannot be deleted: correct or retract it."
            )
        self._counted_before = self.stored_counted_values()
        return super().delete(*args, **kwargs)

    def changed_for_readers(self):
        before = self._counted_before
        after = None if self.pk is None else self.counted_values()
        # Readers never see a draft: saving one changes nothing they see.
        if self.is_unseen(before) and self.is_unseen(after):
            return
        scopes = self.scopes(before) | self.scopes(after) if before != after else set()
        # A statement others answer is shown beside them (their permalinks, API answers, CSV).
        is_answered = self.pk is not None and self.responses.exists()
        caching.record_changed(self, scopes=scopes, is_shown_beside_quotes=is_answered)

    @classmethod
    def from_db(cls, db, field_names, values, **kwargs):
        instance = super().from_db(db, field_names, values, **kwargs)
        instance._loaded_key = instance.__dict__.get("key")
        return instance

    # What counts and aggregates count: a change to anything else (a corrected word) leaves
    # them be.
    COUNTED_FIELDS = (
        "status",
        "said_on",
        "nation_id",
        "speaker_id",
        "stance_id",
        "source_id",
    )

    def counted_values(self):
        return {field: getattr(self, field) for field in self.COUNTED_FIELDS}

    def stored_counted_values(self, *, using=None):
        rows = type(self)._base_manager.using(using).filter(pk=self.pk)
        return rows.values(*self.COUNTED_FIELDS).first()

    # What the counts of published quotes count by (tracker/models/counts.py).
    COUNTED_BY_FIELDS = {"status", "said_on", "nation", "speaker", "stance"}

    @classmethod
    def published_values(cls, values):
        """The counted values of a published quote; None for a quote readers do not see."""
        return values if values and values["status"] == cls.Status.PUBLISHED else None

    @classmethod
    def is_unseen(cls, values):
        return values is None or values["status"] in cls.DELETABLE_STATUSES

    @staticmethod
    def scopes(values):
        """The versions (tracker/caching.py) of the published quotes these values count in."""
        if not values or values["status"] != Quote.Status.PUBLISHED:
            return set()
        scopes = {caching.scope("speaker", values["speaker_id"])}
        if values["nation_id"]:
            scopes.add(caching.scope("nation", values["nation_id"]))
        if values["stance_id"]:
            topic = Stance.objects.filter(pk=values["stance_id"]).values_list("topic", flat=True)
            scopes.add(caching.scope("topic", topic.first()))
        return scopes

    def clean(self):
        errors = {}
        if self.role_id and self.speaker_id and self.role.speaker_id != self.speaker_id:
            errors["role"] = "This role belongs to another speaker."
        elif self.role_id and self.said_on and not self.role.covers(self.said_on):
            errors["role"] = "The speaker did not hold this role on that date."
        if self.said_on:
            fields = {"earliest": "said_on", "latest": "said_on_latest"}
            for bound, message in self.said_on_dates.errors().items():
                errors[fields[bound]] = message
            if not errors:
                self.said_on_latest = self.said_on_dates.latest
        if self.responds_to_id and self.responds_to_id == self.pk:
            errors["responds_to"] = "A statement cannot answer itself."
        elif self.responds_to_id and self.links_to_a_retracted_statement():
            errors["responds_to"] = "This statement was retracted: a response cannot answer it."
        if errors:
            raise ValidationError(errors)

    @property
    def language_name(self):
        return languages.name_of(self.language)

    @property
    def spoken_language_name(self):
        return languages.name_of(self.spoken_language)

    @property
    def is_spoken_in_another_language(self):
        """The words as published are a translation of what was said."""
        return bool(self.spoken_language) and self.spoken_language != self.language

    @property
    def is_public(self):
        return self.status == self.Status.PUBLISHED

    # The exchange a permalink shows: only published statements, on either side.

    def answered_statement(self):
        """The published statement these words answer, with its speaker, or None: read only
        for the few quotes that answer one (no join on every permalink)."""
        if self.responds_to_id is None:
            return None
        return type(self).objects.published().exchanged().filter(pk=self.responds_to_id).first()

    def published_responses(self):
        """The published statements that answer this one, oldest first."""
        return self.responses.published().exchanged().order_by("said_on", "id")

    def read_parts(self):
        """Reads the attribution chain, word edits and translations of a quote read with
        QuoteQuerySet.for_reading_alone(): a query for each it has, none for the others (an
        empty queryset is not sent to the database)."""
        chain, edits = QuoteQuerySet.CHAIN_PREFETCH
        parts = [
            ("attribution_links", self.has_links, chain),
            ("word_edits", self.has_edits, edits),
            ("translations", self.has_translations, QuoteQuerySet.with_translations()),
            ("speaker__aliases", self.has_aliases, "speaker__aliases"),
        ]
        models.prefetch_related_objects(
            [self],
            *(
                lookup if has_some else models.Prefetch(name, queryset=none_of(self, name))
                for name, has_some, lookup in parts
            ),
        )
        if not self.has_copy:
            self.source.latest_snapshot = None  # Source.latest_snapshot, known without a query

    def links_to_a_retracted_statement(self):
        """Whether these words are newly linked to a retracted statement: a link made before
        the retraction stays, so that the quote can still be edited."""
        if self.responds_to.status != self.Status.RETRACTED:
            return False
        stored = type(self).objects.filter(pk=self.pk).values_list("responds_to", flat=True)
        return self.pk is None or stored.first() != self.responds_to_id

    def answers_a_later_statement(self):
        """Whether these words are dated before the statement they answer: possible (a date
        known only to the month), but worth an editor's second look."""
        answered = self.responds_to
        return answered is not None and self.said_on < answered.said_on

    @property
    def said_on_dates(self):
        """The days it may have been said on (tracker/models/dates.py)."""
        return PossibleDates.of(self.said_on, self.said_on_precision, self.said_on_latest)

    @property
    def said_on_display(self):
        """The date as precisely as it is known: “17 Feb 2025”, “February 2025”,
        “between 10 and 16 Feb 2025”, “on or before 18 Feb 2025”."""
        return self.said_on_dates.display()

    @property
    def said_on_edtf(self):
        return self.said_on_dates.edtf()


def with_published_quotes(records, *, directly=False):
    """The records a published quote names: the speakers, nations, outlets and sources readers see.

    One that only drafts, quotes in review or retracted quotes name is not public: its page,
    feed and API URL are 404, and no list, filter or sitemap names it. `directly`: only those a
    quote names itself (where it was read, not further along its attribution chain).
    """
    published = Quote.objects.published()
    condition = Q()
    paths = QUOTE_PATHS[records.model]
    for path in paths[:1] if directly else paths:
        condition |= models.Exists(published.filter(**{path: models.OuterRef("pk")}))
    if hasattr(records, "confirmed"):  # a nation or topic waiting for a chief editor is not
        records = records.confirmed()
    return records.filter(condition)


def with_quote_counts(records):
    """with_published_quotes(records), each with its `quote_count` of published quotes: counted
    for the rows read only, so a page of an index counts its fifty records, not all of them."""
    condition = Q()
    for path in QUOTE_PATHS[records.model]:
        condition |= Q(**{path: models.OuterRef("pk")})
    count = (
        Quote.objects.published()
        .filter(condition)
        .order_by()
        # A quote naming the record in two links of its chain is counted once.
        .annotate(
            quotes=models.Func(
                F("pk"), function="COUNT", template="%(function)s(DISTINCT %(expressions)s)"
            )
        )
        .values("quotes")
    )
    return with_published_quotes(records).annotate(quote_count=models.Subquery(count))

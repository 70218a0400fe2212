"""Quotes, the figures they commit to, and what the public may see of them."""

from types import MappingProxyType

from django.apps import apps
from django.contrib.postgres.search import SearchVectorField
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, router, transaction
from django.db.models import F, Q
from django.db.models.functions import Length
from django.db.models.lookups import Exact
from django.urls import reverse
from django.utils import timezone
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
    keys_one_edit_away,
    new_quote_key,
    normalize_key,
)
from tracker.models.counts import count_saved_quote
from tracker.models.people import Nation, Role, Speaker
from tracker.models.sources import Outlet, Source
from tracker.models.topics import Event, Stance, Topic


class QuoteQuerySet(models.QuerySet):
    def published(self):
        return self.filter(status=Quote.Status.PUBLISHED)

    def shown_to_readers(self):
        """Published and retracted quotes: a retraction's page still names who and where."""
        return self.exclude(status__in=Quote.DELETABLE_STATUSES)

    def on_topic(self, topic):
        """The quotes taking a stance on `topic`. Its stances go into the query as ids, which
        PostgreSQL's planner counts from its statistics; through a join to the stances it
        guesses, three times too few for the first question at a million quotes."""
        return self.filter(stance__in=list(topic.stances.values_list("pk", flat=True)))

    def for_permalink(self, user):
        """What a permalink may show: published and retracted quotes, and drafts to editors."""
        if user.has_perm("tracker.view_quote"):
            return self
        return self.filter(status__in=[Quote.Status.PUBLISHED, Quote.Status.RETRACTED])

    def for_feed(self):
        """What a feed's entry shows of a quote: who said it, on which question, and how."""
        return self.select_related("speaker", "stance__topic").prefetch_related(
            self.with_translations()
        )

    def for_listing(self):
        # Searches read the search columns in SQL; no page shows them.
        return (
            self.select_related(
                "speaker",
                "role",
                "nation",
                "stance__topic",
                "source__outlet",
                "first_reported_in__outlet",
            )
            .prefetch_related(self.with_translations())
            .defer("search_text", "search_vector")
        )

    @staticmethod
    def with_translations():
        """The quotes' translations, each with who translated it and where: one query."""
        translations = apps.get_model("tracker", "Translation").objects.select_related(
            "outlet", "source__outlet"
        )
        return models.Prefetch("translations", queryset=translations)

    def deletable(self):
        return self.filter(status__in=Quote.DELETABLE_STATUSES)

    def near_key(self, typed):
        """The quotes whose keys a person may have meant by `typed`: one letter off, missing,
        added or two swapped. One query on the keys' unique index, however large the archive."""
        return self.filter(key__in=keys_one_edit_away(normalize_key(typed))).order_by("key")

    def matching(self, query):
        """Quotes matching words as typed into a search engine, of any status: the public pages
        ask for published() quotes first; the editors' admin finds drafts and retractions too."""
        return search.matching(self, query)

    def search(self, query):
        """Quotes matching words as typed into a search engine, each with a `rank`."""
        return search.ranked(self, query)

    def by_relevance(self):
        """Best matches of a search() first, among the newest."""
        return search.by_relevance(self)

    def delete(self):
        if self.exclude(status__in=Quote.DELETABLE_STATUSES).exists():
            raise PublishedRecordDeletion(
                "Published or retracted quotes cannot be deleted: correct or retract them."
            )
        return super().delete()

    def update(self, **kwargs):
        if "key" in kwargs:
            raise ValueError("A quote's key never changes.")
        if counted := {name.removesuffix("_id") for name in kwargs} & Quote.COUNTED_BY_FIELDS:
            raise ValueError(
                f"Saving each quote counts it where it is published ({', '.join(sorted(counted))} "
                "changed): update() would leave the counts behind (tracker/models/counts.py)."
            )
        return super().update(**kwargs)


class Quote(NotedRecord, RevisionedRecord, ArchiveRecord):
    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        REVIEW = "review", "Ready for review"
        PUBLISHED = "published", "Published"
        RETRACTED = "retracted", "Retracted"

    class Kind(models.TextChoices):
        DIRECT = "direct", "Direct quote"
        PARTIAL = "partial", "Partial quote"
        PARAPHRASE = "paraphrase", "Paraphrase"
        STATEMENT = "statement", "Official statement"

    class Precision(models.TextChoices):
        DAY = "day", "Exact day"
        MONTH = "month", "Month only"
        APPROXIMATE = "approximate", "Approximate"

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
        help_text="The nation spoken for. Left empty, it is taken from the role or the speaker.",
    )
    said_on = models.DateField(
        help_text="When it was said. For a month, the 1st; for an approximate date, the best guess."
    )
    said_on_precision = models.CharField(
        "how precisely the date is known",
        max_length=12,
        choices=Precision,
        default=Precision.DAY,
    )
    source = models.ForeignKey(
        Source,
        on_delete=models.PROTECT,
        related_name="quotes",
        help_text="Where we read it.",
    )
    first_reported_in = models.ForeignKey(
        Source,
        on_delete=models.PROTECT,
        related_name="first_reported_quotes",
        null=True,
        blank=True,
        help_text="Where the source says it first appeared, when that is another item.",
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
            models.Index(fields=["status", "-said_on", "-id"], name="quote_public_by_date"),
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
                condition=Q(first_reported_in__isnull=True) | ~Q(first_reported_in=F("source")),
                name="quote_first_report_is_another_source",
            ),
            models.CheckConstraint(
                condition=Q(replaced_by__isnull=True) | ~Q(replaced_by=F("id")),
                name="quote_not_replaced_by_itself",
            ),
        ]

    def __str__(self):
        return f"{self.speaker}: {self.text[:60]}"

    def save(self, *args, **kwargs):
        loaded_key = getattr(self, "_loaded_key", None)
        if loaded_key is not None and loaded_key != self.key:
            raise ValueError("A quote's key never changes.")
        if self.role_id is None and self.speaker_id and self.said_on:
            self.role = self.speaker.role_on(self.said_on)
        if self.nation_id is None:
            self.nation_id = (
                (self.role and self.role.nation_id)
                or (self.speaker_id and self.speaker.nation_id)
                or None
            )
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
        caching.record_changed(self, scopes=scopes)

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
        "first_reported_in_id",
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
        if (
            self.said_on
            and self.said_on_precision == self.Precision.MONTH
            and self.said_on.day != 1
        ):
            errors["said_on"] = "For a date known only to the month, enter the 1st of the month."
        if self.first_reported_in_id and self.first_reported_in_id == self.source_id:
            errors["first_reported_in"] = "Leave empty when the source reported it first."
        if errors:
            raise ValidationError(errors)

    # Editorial verbs. Each checks who may do it, so the rule holds outside the admin too.

    def submit_for_review(self, *, by):
        if self.status != self.Status.DRAFT:
            raise ValidationError("Only a draft can be sent for review.")
        self._change_status(self.Status.REVIEW, by=by, reason="Sent for review")

    def publish(self, *, by):
        if not by.has_perm("tracker.publish_quote"):
            raise PermissionDenied("Only a chief editor can publish a quote.")
        if self.status not in self.DELETABLE_STATUSES:
            raise ValidationError(f"This quote is {self.get_status_display().lower()} already.")
        self.published_at = timezone.now()
        self._change_status(self.Status.PUBLISHED, by=by, reason="Published")
        from tracker import alerts  # readers who asked to hear at once are mailed

        alerts.quote_published()

    def retract(self, *, reason, by, replaced_by=None, withdraw=False):
        """Retract the quote: its address says it was retracted, when and why. With
        `withdraw`, a legal withdrawal: the words are shown nowhere either (withdraw())."""
        if not by.has_perm("tracker.retract_quote"):
            raise PermissionDenied("Only a chief editor can retract a quote.")
        if self.status != self.Status.PUBLISHED:
            raise ValidationError("Only a published quote can be retracted.")
        if not reason or not reason.strip():
            raise ValidationError("Say why the quote is retracted: readers will see the reason.")
        if replaced_by is not None and replaced_by.pk == self.pk:
            raise ValidationError("A quote cannot replace itself.")
        self.retracted_at = timezone.now()
        self.retraction_reason = reason.strip()
        self.replaced_by = replaced_by
        self.is_withdrawn = withdraw
        self._change_status(self.Status.RETRACTED, by=by, reason=f"Retracted: {reason.strip()}")

    def withdraw(self, *, by):
        """A legal withdrawal of a retracted quote: its words leave every public page, feed,
        export and API answer, its earlier versions included; the notice of its retraction
        stays at its address. Editors still see the words in the admin."""
        if not by.has_perm("tracker.retract_quote"):
            raise PermissionDenied("Only a chief editor can withdraw a quote's words.")
        if self.status != self.Status.RETRACTED:
            raise ValidationError("Only a retracted quote's words can be withdrawn: retract it.")
        self.is_withdrawn = True
        self._change_status(self.Status.RETRACTED, by=by, reason="Withdrawn for legal reasons")

    # What keeps the record's own workings, not what readers cite: changing it is no correction.
    # Every other field is, so a new field needs a public correction unless it is named here.
    NOT_CORRECTED = {
        "id",
        "key",
        "status",
        "published_at",
        "retracted_at",
        "retraction_reason",
        "is_withdrawn",
        "replaced_by",
        "notes",
        "created_at",
        "updated_at",
        "search_text",
        "search_vector",
        "revision",
    }
    # How readers are told a field changed, where its verbose name would not do.
    CORRECTION_LABELS = {
        "text": "words",
        "said_on": "date",
        "said_on_precision": "date precision",
        "first_reported_in": "first report",
    }

    @classmethod
    def correctable_fields(cls):
        """{attname: label} of every field whose change to a published quote is a correction."""
        return {
            field.attname: cls.CORRECTION_LABELS.get(field.name, str(field.verbose_name))
            for field in cls._meta.concrete_fields
            if field.name not in cls.NOT_CORRECTED
        }

    def correct(self, *, note, by, also_changed=()):
        """Save the changes made to this published quote as a dated, public correction.
        `also_changed` names what changed beside its fields: its translations."""
        if not by.has_perm("tracker.correct_quote"):
            raise PermissionDenied("Only a chief editor can correct a published quote.")
        if self.status != self.Status.PUBLISHED:
            raise ValidationError("Only a published quote can be corrected.")
        if not note or not note.strip():
            raise ValidationError("Say what was corrected and why: readers will see the note.")
        stored = type(self).objects.get(pk=self.pk)
        changed = [
            label
            for field, label in self.correctable_fields().items()
            if getattr(stored, field) != getattr(self, field)
        ]
        changed += [label for label in also_changed if label not in changed]
        if not changed:
            raise ValidationError("Nothing was changed, so there is nothing to correct.")
        self._history_user = by
        self._change_reason = f"Corrected: {note.strip()}"
        self.save()
        return self.corrections.create(
            version=self.corrections.count() + 2,
            note=note.strip(),
            changed=", ".join(changed),
            corrected_by=by,
        )

    def public_versions(self):
        """The quote as readers saw it: as first published, then after each correction."""
        records = list(self.history.order_by("history_date", "history_id"))
        versions = []
        for record in records:
            if (not versions and record.status == self.Status.PUBLISHED) or (
                versions and (record.history_change_reason or "").startswith("Corrected:")
            ):
                versions.append(record)
        return versions

    def _change_status(self, status, *, by, reason):
        self.status = status
        self._history_user = by
        self._change_reason = reason
        with transaction.atomic():
            self.save()

    def can_be_changed_by(self, user):
        """Drafts change freely; published words only as a chief editor's correction; retracted never."""
        if self.status in self.DELETABLE_STATUSES:
            return True
        return self.status == self.Status.PUBLISHED and user.has_perm("tracker.correct_quote")

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

    @property
    def said_on_display(self):
        """The date as precisely as it is known: “17 Feb 2025”, “February 2025”, “about mid-February 2025”."""
        day = self.said_on
        if self.said_on_precision == self.Precision.MONTH:
            return f"{day:%B %Y}"
        if self.said_on_precision == self.Precision.APPROXIMATE:
            part = "early" if day.day <= 10 else "mid" if day.day <= 20 else "late"
            return f"about {part}-{day:%B %Y}"
        return f"{day.day} {day:%b %Y}"


# How a quote names each kind of record it cites.
QUOTE_PATHS = {
    Nation: ["nation"],
    Speaker: ["speaker"],
    Outlet: ["source__outlet", "first_reported_in__outlet"],
    Source: ["source", "first_reported_in"],
    Topic: ["stance__topic"],
    Event: ["event"],
}


def with_published_quotes(records):
    """The records a published quote names: the speakers, nations, outlets and sources readers see.

    One that only drafts, quotes in review or retracted quotes name is not public: its page,
    feed and API URL are 404, and no list, filter or sitemap names it.
    """
    published = Quote.objects.published()
    condition = Q()
    for path in QUOTE_PATHS[records.model]:
        condition |= models.Exists(published.filter(**{path: models.OuterRef("pk")}))
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
        .annotate(quotes=models.Func(F("pk"), function="COUNT"))
        .values("quotes")
    )
    return with_published_quotes(records).annotate(quote_count=models.Subquery(count))


class Figure(ArchiveRecord):
    """A number a quote commits to: 10,000 troops, £3 billion a year."""

    class Qualifier(models.TextChoices):
        EXACTLY = "exactly", "exactly"
        ABOUT = "about", "about"
        NEARLY = "nearly", "nearly"
        UP_TO = "up_to", "up to"
        UPWARDS_OF = "upwards_of", "upwards of"
        AT_LEAST = "at_least", "at least"

    quote = models.ForeignKey(Quote, on_delete=models.CASCADE, related_name="figures")
    qualifier = models.CharField(max_length=12, choices=Qualifier, default=Qualifier.EXACTLY)
    amount = models.DecimalField(max_digits=18, decimal_places=2)
    unit = models.CharField(max_length=60, help_text="What is counted: troops, GBP, USD.")
    period = models.CharField(
        max_length=60, blank=True, help_text="For recurring sums: “per year until 2030”."
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["quote", "id"]
        constraints = [
            models.CheckConstraint(condition=Q(amount__gte=0), name="figure_amount_not_negative"),
            models.CheckConstraint(condition=~Q(unit=""), name="figure_unit_not_blank"),
        ]

    def __str__(self):
        amount = f"{self.amount:,.2f}".removesuffix(".00")
        qualifier = (
            "" if self.qualifier == self.Qualifier.EXACTLY else f"{self.get_qualifier_display()} "
        )
        return f"{qualifier}{amount} {self.unit} {self.period}".strip()

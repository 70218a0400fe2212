"""Quotes, the figures they commit to, and what the public may see of them."""

import re
from types import MappingProxyType

from django.apps import apps
from django.contrib.postgres.search import SearchVectorField
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, router, transaction
from django.db.models import F, Q
from django.db.models.functions import Coalesce, Length
from django.db.models.lookups import Exact
from django.urls import reverse
from django.utils import timezone
from django.utils.text import get_text_list
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from tracker import caching, languages, search
from tracker.languages import validate_language
from tracker.models import dates
from tracker.models.attribution import AttributionLink
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
from tracker.models.dates import PossibleDates, Precision
from tracker.models.people import Nation, Role, Speaker
from tracker.models.sources import Outlet, Source
from tracker.models.topics import NO_POSITION, Event, Stance, Topic

# A card shows the context of words this short (and of any partial quote or clause).
FRAGMENT_WORDS = 3
# What already marks words left out.
ELLIPSES = ("…", "...", "[…]")
WORD = re.compile(r"\w+")


class QuoteQuerySet(models.QuerySet):
    def published(self):
        return self.filter(status=Quote.Status.PUBLISHED)

    def shown_to_readers(self):
        """Published and retracted quotes: a retraction's page still names who and where."""
        return self.exclude(status__in=Quote.DELETABLE_STATUSES)

    def said_between(self, *, start=None, end=None):
        """The quotes that may have been said between `start` and `end` (either may be None):
        those whose possible days overlap them, on the date indexes (tracker/models/dates.py)."""
        return self.filter(dates.overlapping("said_on", start, end))

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
        """What a feed's entry shows of a quote: who said it, on which question, how, and how
        the words reached us."""
        return self.select_related(
            "speaker", "stance__topic", "source__outlet", "event"
        ).prefetch_related(*self.CHAIN_PREFETCH, self.with_translations())

    def for_listing(self):
        # Searches read the search columns in SQL; no page shows them.
        return (
            self.select_related(
                "speaker",
                "role",
                "nation",
                "stance__topic",
                "source__outlet",
                "event",
            )
            .prefetch_related(*self.CHAIN_PREFETCH, self.with_translations())
            .defer("search_text", "search_vector")
        )

    # The chain and the edits a card shows, two queries for a whole page of rows.
    CHAIN_PREFETCH = (
        models.Prefetch("attribution_links", queryset=AttributionLink.objects.for_chain()),
        "word_edits",
    )

    def naming(self, record):
        """The quotes that name `record` (an outlet, a source, an event) anywhere: as where we
        read them, where they were said, or in a link of their attribution chain. One row per
        quote: the chain is looked into with EXISTS, not joined."""
        condition, in_chain = Q(), Q()
        for path in QUOTE_PATHS[type(record)]:
            if path.startswith(CHAIN):
                in_chain |= Q(**{path.removeprefix(CHAIN): record})
            else:
                condition |= Q(**{path: record})
        if in_chain:
            links = AttributionLink.objects.filter(in_chain, quote=models.OuterRef("pk"))
            condition |= models.Exists(links)
        return self.filter(condition)

    @staticmethod
    def with_translations():
        """The quotes' translations, each with who translated it and where: one query."""
        translations = apps.get_model("tracker", "Translation").objects.select_related(
            "outlet", "source__outlet"
        )
        return models.Prefetch("translations", queryset=translations)

    def deletable(self):
        return self.filter(status__in=Quote.DELETABLE_STATUSES)

    def entered_by(self, user):
        """The quotes `user` entered: the first version in their history is theirs."""
        entered = Quote.history.filter(history_type="+", history_user=user).values("id")
        return self.filter(pk__in=entered)

    def with_answered_key(self):
        """Each quote with the `answered_key` of the statement it answers, when that one is
        published (None otherwise): what the API and the CSV link to."""
        return self.annotate(
            answered_key=models.Case(
                models.When(responds_to__status=Quote.Status.PUBLISHED, then=F("responds_to__key"))
            )
        )

    def at_a_glance(self):
        """What a person's page sums up, in one query: the first and the latest of these quotes
        and the latest on each question (`is_latest_on_topic`: the latest that takes a
        position, or when none does, the latest that takes none), with their questions, in
        date order, each with the `total` of these quotes."""
        first = self.order_by("said_on", "id").values("pk")[:1]
        latest = self.order_by("-said_on", "-id").values("pk")[:1]
        newest_on_topic = self.filter(stance__topic=models.OuterRef("pk"))
        newest_on_topic = newest_on_topic.order_by("-said_on", "-id").values("pk")
        latest_on_topics = Topic.objects.annotate(
            latest_id=Coalesce(
                models.Subquery(newest_on_topic.exclude(stance__value=NO_POSITION)[:1]),
                models.Subquery(newest_on_topic[:1]),
            )
        ).values("latest_id")
        total = self.order_by().annotate(total=models.Func(F("pk"), function="COUNT"))
        rows = self.filter(
            Q(pk=models.Subquery(first))
            | Q(pk=models.Subquery(latest))
            | Q(pk__in=latest_on_topics)
        )
        return (
            rows.annotate(
                total=models.Subquery(total.values("total")),
                is_latest_on_topic=models.Case(
                    models.When(pk__in=latest_on_topics, then=True),
                    default=False,
                    output_field=models.BooleanField(),
                ),
            )
            .select_related("stance__topic")
            .order_by("said_on", "id")
        )

    def near_key(self, typed):
        """The quotes whose keys a person may have meant by `typed`: one letter off, missing,
        added or two swapped. One query on the keys' unique index, however large the archive."""
        return self.filter(key__in=keys_one_edit_away(normalize_key(typed))).order_by("key")

    def matching(self, query):
        """Quotes matching words as typed into a search engine, of any status: the public pages
        ask for published() quotes first; the editors' admin finds drafts and retractions too."""
        return search.matching(self, query)

    def with_words_like(self, text):
        """The quotes whose words are `text`, or nearly, most alike first (search.py)."""
        return search.with_words_like(self, text)

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

    def bulk_create(self, objs, *args, **kwargs):
        # save() fills in the latest possible day; rows created without it get it here too.
        objs = list(objs)
        for quote in objs:
            if quote.said_on:
                quote.said_on_latest = quote.said_on_dates.latest
        return super().bulk_create(objs, *args, **kwargs)

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
        if self.kind == self.Kind.INDIRECT and not self.names_an_intermediary():
            raise ValidationError(self.INDIRECT_WITHOUT_INTERMEDIARY)
        if named := self.proposed_records_named():
            raise ValidationError(
                f"An editor proposed {named}, not yet confirmed: a chief editor confirms it in "
                "the review queue (Pending changes) first; the quote stays a draft until then."
            )
        self.published_at = timezone.now()
        self._change_status(self.Status.PUBLISHED, by=by, reason="Published")
        from tracker import alerts  # readers who asked to hear at once are mailed

        alerts.quote_published()

    INDIRECT_WITHOUT_INTERMEDIARY = (
        "An indirect quote names who passed the words on: add a link to its attribution chain "
        "pointing at an intermediary (“citing” a government source, unnamed officials)."
    )

    def names_an_intermediary(self, links=None):
        """Whether the chain names an intermediary: the stored links, or `links` as entered."""
        if links is None:
            return self.attribution_links.filter(intermediary__isnull=False).exists()
        return any(link.intermediary_id for link in links)

    def proposed_records(self):
        """The nations and topic this quote shows that no chief editor has confirmed yet: it
        stays a draft until they are (PendingChange.propose)."""
        nations = [self.nation, self.speaker.nation, self.role and self.role.nation]
        topic = self.stance and self.stance.topic
        shown = dict.fromkeys(record for record in [*nations, topic] if record is not None)
        return [record for record in shown if not record.is_confirmed]

    def proposed_records_named(self):
        """proposed_records() in words: "the nation “Denmark” and the topic “Greenland”"."""
        proposed = self.proposed_records()
        return get_text_list([f"the {r._meta.verbose_name} “{r}”" for r in proposed], "and")

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
        "responds_to": "statement it answers",
        "said_on": "date",
        "said_on_latest": "latest possible date",
        "said_on_precision": "date precision",
        "said_on_note": "note on the date",
        "verification": "verification level",
    }
    # Records of their own that readers see as part of the quote: a change to any of them, on a
    # published quote, is a correction too (the admin's inlines; correct(changed_records=...)).
    CORRECTED_RECORDS = {
        "translations": "translation",
        "attribution_links": "attribution chain",
        "word_edits": "edits to the words",
    }

    @classmethod
    def correctable_fields(cls):
        """{attname: label} of every field whose change to a published quote is a correction."""
        return {
            field.attname: cls.CORRECTION_LABELS.get(field.name, str(field.verbose_name))
            for field in cls._meta.concrete_fields
            if field.name not in cls.NOT_CORRECTED
        }

    def correct(self, *, note, by, changed_records=()):
        """Save the changes made to this published quote as a dated, public correction.
        `changed_records` names what else changed with it (the CORRECTED_RECORDS' labels:
        "attribution chain"), saved in the same transaction by the caller."""
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
        changed += list(changed_records)
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

    # What a version shows besides the quote's own fields: records of their own, each with its
    # own history, and what each of them shows in turn.
    VERSION_RECORDS = (
        "translations__outlet",
        "translations__source__outlet",
        "attribution_links__outlet",
        "attribution_links__source__outlet",
        "attribution_links__event",
        "attribution_links__intermediary__nation",
    )

    def as_version(self, record, *, is_current):
        """The quote as `record` (one of public_versions()) shows it, with the translations,
        attribution chain and edits to the words it had then, so that a version page shows a
        citer the same words, chain and translation for years. Each of those records keeps its
        own history, read as of the moment the version was made: a correction saves them before
        the quote (Quote.correct(changed_records=...)), so the version includes them. The
        current version has them as they stand, as the permalink does: once the quote is
        published they change only by a correction."""
        version = record.instance
        moment = timezone.now() if is_current else record.history_date
        as_of = {
            name: self._meta.get_field(name).related_model.history.as_of(moment)
            for name in self.CORRECTED_RECORDS
        }
        models.prefetch_related_objects(
            [version],
            models.Prefetch("translations", queryset=as_of["translations"].order_by("id")),
            *(
                models.Prefetch(name, queryset=as_of[name].order_by("position", "id"))
                for name in ("attribution_links", "word_edits")
            ),
            *self.VERSION_RECORDS,
        )
        return version

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

    # The exchange a permalink shows: only published statements, on either side.

    def answered_statement(self):
        """The published statement these words answer, or None."""
        answered = self.responds_to
        return answered if answered is not None and answered.is_public else None

    def published_responses(self):
        """The published statements that answer this one, oldest first."""
        return self.responses.published().select_related("speaker").order_by("said_on", "id")

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

    def chain(self):
        """The attribution chain from the speaker to where we read the words: the stored links
        in order, then "read in" the quote's source (its own field, never stored twice), then
        the outlets that also reported it. The quote's event is the occasion it belongs to; a
        "said at" link says where the words were spoken, when the reporting says so."""
        Relation = AttributionLink.Relation
        links = list(self.attribution_links.all())
        read_in = AttributionLink(relation=Relation.READ_IN, source=self.source)
        return [
            *(link for link in links if link.relation != Relation.ALSO_REPORTED_BY),
            read_in,
            *(link for link in links if link.relation == Relation.ALSO_REPORTED_BY),
        ]

    def chain_data(self):
        return [link.as_data() for link in self.chain()]

    def chain_text(self):
        """The chain in one line, as a card shows it: “said at X · reported by AFP · read in
        Le Figaro”."""
        return " · ".join(str(link) for link in self.chain())

    @property
    def edit_labels(self):
        """What was done to the words, each kind once, as a card marks them: “words omitted”
        (in German the nouns keep their capitals: “Wörter ausgelassen”)."""
        kinds = dict.fromkeys(edit.get_kind_display() for edit in self.word_edits.all())
        if get_language() == "de":
            return list(kinds)
        return [kind[0].lower() + kind[1:] for kind in kinds]

    def edits_data(self):
        return [edit.as_data() for edit in self.word_edits.all()]

    # How a card sets the words: the typography of their kind, a fragment in its context.

    @property
    def is_in_quotation_marks(self):
        """The speaker's (or the body's) own words go in quotation marks; a paraphrase is the
        source's sentence, shown as plain reported text."""
        return self.kind != self.Kind.PARAPHRASE

    @property
    def kind_label(self):
        """What a card says the words are, before them: nothing for a direct quote; an
        indirect quote names its intermediaries, as its chain gives them."""
        if self.kind == self.Kind.DIRECT:
            return ""
        if self.kind == self.Kind.INDIRECT:
            names = [
                str(link.intermediary)
                for link in self.attribution_links.all()
                if link.intermediary_id
            ]
            return "Indirect quote, through " + " and ".join(names) if names else "Indirect quote"
        return self.get_kind_display()

    @property
    def is_fragment(self):
        """Words that do not stand alone: a partial quote, three words or fewer that are not a
        sentence, a clause ending in a comma or a colon, or words starting in lower case."""
        text = self.text.strip()
        return (
            self.kind == self.Kind.PARTIAL
            or (len(text.split()) <= FRAGMENT_WORDS and text[-1:] not in ".!?…")
            or text[-1:] in ",;:"
            or text[:1].islower()
        )

    @property
    def shows_context(self):
        """A card shows the context sentence with the words when they do not stand alone."""
        return bool(self.context.strip()) and self.is_fragment

    @property
    def words_in_context(self):
        """The context around the words, as (before, words, after), when the words are an
        exact span of it; None when they are not (a card then shows the context below)."""
        start = self.context.find(self.text)
        if not self.text or start < 0:
            return None
        end = start + len(self.text)
        return self.context[:start], self.text, self.context[end:]

    @property
    def words_shown(self):
        """The words with an ellipsis where words were left out, when the edits say so and the
        words do not show it: in its place, when the left-out words are found in the context;
        else at the end."""
        omissions = [e for e in self.word_edits.all() if e.kind == e.Kind.OMITTED]
        if not omissions or any(mark in self.text for mark in ELLIPSES):
            return self.text
        context = f" {' '.join(WORD.findall(self.context.lower()))} "
        gaps = [match.start() for match in re.finditer(r"\s+", self.text)]
        for omitted in (WORD.findall(edit.words.lower()) for edit in omissions):
            for gap in gaps if omitted else ():
                before, after = self.text[:gap], self.text[gap:].lstrip()
                words = [*WORD.findall(before.lower()), *omitted, *WORD.findall(after.lower())]
                if f" {' '.join(words)} " in context:
                    return f"{before} … {after}"
        return f"{self.text.rstrip()} …"


CHAIN = "attribution_links__"

# How a quote names each kind of record it cites.
QUOTE_PATHS = {
    Nation: ["nation"],
    Speaker: ["speaker"],
    Outlet: [
        "source__outlet",
        "attribution_links__outlet",
        "attribution_links__source__outlet",
    ],
    Source: ["source", "attribution_links__source"],
    Topic: ["stance__topic"],
    Event: ["event", "attribution_links__event"],
}


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


class Figure(ArchiveRecord):
    """A number a quote commits to: 10,000 troops, £3 billion a year."""

    class Qualifier(models.TextChoices):
        EXACTLY = "exactly", _("exactly")
        ABOUT = "about", _("about")
        NEARLY = "nearly", _("nearly")
        UP_TO = "up_to", _("up to")
        UPWARDS_OF = "upwards_of", _("upwards of")
        AT_LEAST = "at_least", _("at least")

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

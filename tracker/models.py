"""The archive's records: who said what, when, where we read it, and what it commits to."""

import calendar
import contextlib
import contextvars
import functools
import hashlib
import json
import secrets
import shlex
import threading
import time
import unicodedata

from django.apps import apps
from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.contrib.postgres.search import (
    SearchHeadline,
    SearchQuery,
    SearchRank,
    SearchVectorField,
)
from django.core.cache import cache
from django.core.exceptions import EmptyResultSet, PermissionDenied, ValidationError
from django.db import connections, models, router, transaction
from django.db.models import F, Q, Window
from django.db.models.functions import Coalesce, Lag, Length, Lower, TruncMonth
from django.db.models.lookups import Exact
from django.urls import get_script_prefix, get_urlconf, reverse
from django.utils import timezone
from django.utils.text import get_text_list, slugify
from simple_history.models import HistoricalRecords

from tracker.routers import has_replayed, primary_position

# Crockford's base 32: no I, L, O or U, so a key read aloud or retyped survives.
KEY_ALPHABET = "0123456789abcdefghjkmnpqrstvwxyz"
KEY_LENGTH = 8
_KEY_READING = str.maketrans({"o": "0", "i": "1", "l": "1"})


def normalize_key(raw):
    """The canonical form of a key as a person may type it: any case, O for 0, I or L for 1."""
    return raw.strip().lower().replace("-", "").translate(_KEY_READING)


# The PostgreSQL text search configuration made in migration 0003: English stemming on
# unaccented words, so that "Jose" finds "José" and "troop" finds "troops".
SEARCH_CONFIG = "tracker_search"
# How long a cached aggregate may live even if nothing changes (it is rebuilt on any change).
CACHE_SECONDS = 60 * 60 * 24
STANCE_CHANGES_SHOWN = 100
# Below this many matches a search fetches its rows by id; relevance ranks the newest matches.
SMALL_RESULT = 2000
# From this many matches by the planner's estimate, a search is not probed (see matching()).
COMMON_MATCHES = 10 * SMALL_RESULT
RELEVANCE_WINDOW = 1000
# Marks around matched words in snippets; the template escapes the text, then makes them <mark>.
HIGHLIGHT_START, HIGHLIGHT_STOP = "\x02", "\x03"


def fold(text):
    """Lower case without accents, for the plain search that SQLite runs."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def parse_search(query):
    """Split words as typed into a search engine: "a phrase", -excluded, plain words."""
    try:
        tokens = shlex.split(query)
    except ValueError:  # an unclosed quote: read the words as they are
        tokens = query.replace('"', " ").split()
    wanted, excluded = [], []
    for token in tokens:
        if token.startswith("-") and len(token) > 1:
            excluded.append(fold(token[1:]))
        elif token.strip("-"):
            wanted.append(fold(token))
    return wanted, excluded


def random_key():
    return "".join(secrets.choice(KEY_ALPHABET) for _ in range(KEY_LENGTH))


def _unused_key(model_name):
    # A key is never reused, not even one of a draft deleted long ago: the history remembers it.
    model = apps.get_model("tracker", model_name)
    while True:
        key = random_key()
        if (
            not model.objects.filter(key=key).exists()
            and not model.history.filter(key=key).exists()
        ):
            return key


def new_quote_key():
    return _unused_key("Quote")


def new_source_key():
    return _unused_key("Source")


class User(AbstractUser):
    pass


def address(name, arg):
    """reverse(name, args=[arg]), remembered: a page of quotes asks for the addresses of a
    hundred speakers, nations and outlets it mostly asked for before, and reverse() was a
    tenth of its time."""
    return _reversed(name, arg, get_urlconf() or settings.ROOT_URLCONF, get_script_prefix())


@functools.lru_cache(maxsize=20_000)
def _reversed(name, arg, urlconf, prefix):
    return reverse(name, args=[arg], urlconf=urlconf)


ARCHIVE_VERSION_KEY = "archive-version"
_MISSING = object()


def new_archive_version():
    # With a replica, the token carries where the primary's log stood when it was made.
    stamp, position = time.time_ns(), primary_position()
    return f"{stamp}@{position}" if position else str(stamp)


def archive_version():
    """A token that changes whenever anything readers can see may have changed.

    Cached counts, the stance grid and the stance timelines are keyed on it, so a
    publication, correction or retraction is visible at once on every app server that
    shares the cache.
    """
    return _token(ARCHIVE_VERSION_KEY)


def _token(key):
    read = _read_at.get()
    if read is not None and key in read:
        return read[key]
    return str(cache.get_or_set(key, new_archive_version, timeout=None))


_read_at = contextvars.ContextVar("archive_read_at", default=None)


def archive_tokens():
    """The archive's version and the tokens of what cards and the API's figures show, read
    from the cache in one round trip, not one each (a reader's request asks for all three)."""
    keys = [ARCHIVE_VERSION_KEY, CARDS_KEY, FIGURES_KEY]
    found = cache.get_many(keys)
    return {key: str(found[key]) if key in found else _token(key) for key in keys}


@contextlib.contextmanager
def reading_archive_at(tokens):
    """A reader's page is made of one version of the archive: its counts, choices and kept
    parts are asked for under the tokens (archive_tokens) its address was looked up with, not
    each under one more round trip to the cache. Never for an editor's request, whose own saves
    change them."""
    token = _read_at.set(tokens)
    try:
        yield
    finally:
        _read_at.reset(token)


def archive_changed(*, cards=False, figures=False):
    """Something readers see changed; with `cards`, something every quote card may show (a
    name, a title, an outlet), not only the quote saved, whose card is kept by its revision;
    with `figures`, a quote's figures, which the API shows and cards do not."""
    keys = [
        ARCHIVE_VERSION_KEY,
        *([CARDS_KEY] if cards else []),
        *([FIGURES_KEY] if figures else []),
    ]

    def bump():
        now = new_archive_version()
        cache.set_many(dict.fromkeys(keys, now), timeout=None)

    bump()
    # Again after the commit: a reader between the first bump and the commit may have cached
    # what it saw then.
    transaction.on_commit(bump)


CARDS_KEY = "cards"


def cards_version():
    """A token that changes when anything a quote card shows besides the quote itself changes."""
    return _token(CARDS_KEY)


FIGURES_KEY = "figures"


def figures_version():
    """A token that changes when any quote's figures change: a figure is saved apart from its
    quote, whose revision stays where it was."""
    return _token(FIGURES_KEY)


# Aggregates (a topic's stance grid, a nation's or a person's stance changes, the months) are
# slow to compute at a million quotes, so they are not keyed on the archive's version, which
# any save changes: each has a scope ("nation:3", "topic:1", "months") whose token changes only
# when a published quote in it changes, plus one token for the names and labels they show.
AGGREGATES_KEY = "aggregates"
ALL_AGGREGATES = ""
MONTHS = "months"
_changed_scopes = threading.local()


def aggregate_version(scope):
    keys = [AGGREGATES_KEY, f"{AGGREGATES_KEY}:{scope}"]
    found = cache.get_many(keys)
    return ".".join(
        str(found[key] if key in found else cache.get_or_set(key, new_archive_version, None))
        for key in keys
    )


def labels_version():
    """A token that changes when a nation, question or stance changes (each is
    `shown_in_aggregates`), and when the whole archive is replaced."""
    return str(cache.get_or_set(AGGREGATES_KEY, new_archive_version, None))


def archive_replaced():
    """Everything readers see may differ: after a restore, a generated archive, a bulk load."""
    keys = [ARCHIVE_VERSION_KEY, CARDS_KEY, FIGURES_KEY]
    cache.set_many(dict.fromkeys(keys, new_archive_version()), None)
    _bump({ALL_AGGREGATES})


def _bump(scopes):
    now = new_archive_version()
    cache.set_many(
        {
            AGGREGATES_KEY if scope == ALL_AGGREGATES else f"{AGGREGATES_KEY}:{scope}": now
            for scope in scopes
        },
        timeout=None,
    )


def aggregates_changed(scopes, *, using):
    """The aggregates of these scopes are out of date: rebuild them once the change is committed.

    New tokens at once (this transaction's own reads must not find the old answers), and again
    after the commit, when they are computed for the next reader: the editor who published
    waits for them, not the public.
    """
    _bump(scopes)
    pending = getattr(_changed_scopes, "by_database", None)
    if pending is None:
        pending = _changed_scopes.by_database = {}
    pending.setdefault(using, set()).update(scopes)
    # One callback per save, but the first to run takes every pending scope: a bulk action
    # over fifty quotes rebuilds each aggregate once.
    transaction.on_commit(lambda: _rebuild_pending(using), using=using, robust=True)


def _rebuild_pending(using):
    scopes = getattr(_changed_scopes, "by_database", {}).pop(using, set())
    if scopes:
        _bump(scopes)
        rebuild_aggregates(scopes)


def rebuild_aggregates(scopes):
    for scope in sorted(scopes):
        kind, _, pk = scope.partition(":")
        if kind == "topic":
            for topic in Topic.objects.filter(pk=pk):
                topic.stance_grid()
        elif kind == "nation":
            for nation in Nation.objects.filter(pk=pk):
                nation.stance_changes()
                nation.speakers_heard()
        elif kind == "speaker":
            for speaker in Speaker.objects.filter(pk=pk):
                speaker.stance_changes()
        elif kind in (MONTHS, ALL_AGGREGATES):
            Quote.objects.published().by_month()
            if kind == ALL_AGGREGATES and (topic := Topic.objects.featured()):
                topic.stance_grid()


def cached_for_archive(name, compute, *, using, scope=None, timeout=CACHE_SECONDS):
    """`compute()`'s answer from the database `using`, kept until the archive changes, or with
    a `scope`, until the aggregates of that scope change.

    One read from a replica is kept only if the replica had replayed the change that made the
    current version before it was read: a lagging replica's answer would otherwise be kept
    under the new version, and go on showing readers the archive as it was before the change
    long after the replica caught up.
    """
    if scope is None:  # counts: kept apart for each database, like the rows they go with
        version = archive_version()
        key = f"{name}:{using}:{version}"
    else:  # aggregates: rebuilt on the primary when an editor changes them, for every reader
        version = aggregate_version(scope)
        key = f"{name}:{version}"
    answer = cache.get(key, _MISSING)
    if answer is _MISSING:
        keep = all(
            has_replayed(using, token.partition("@")[2] or None)
            for token in str(version).split(".")
        )
        answer = compute()
        if keep:
            cache.set(key, answer, timeout)
    return answer


class KeptInProcess:
    """What one process worked out once and keeps until it ends: at most `most` answers, all
    forgotten at once when full. Each is kept under a key naming everything it depends on
    (a language, a set of permissions, what a page shows), so none goes out of date; what
    only a new release changes needs no shared cache, nor a round trip to one."""

    def __init__(self, most):
        self.most, self.kept = most, {}

    def get(self, key, compute):
        answer = self.kept.get(key)
        if answer is None:
            if len(self.kept) >= self.most:
                self.kept.clear()
            answer = self.kept[key] = compute()
        return answer

    def clear(self):
        self.kept.clear()

    def __len__(self):
        return len(self.kept)


class ArchiveRecord(models.Model):
    """A record readers may see: saving it changes the archive's version."""

    # Whether aggregates show this record's own fields (names, labels), so that changing it
    # makes every aggregate out of date.
    shown_in_aggregates = False
    # Whether quote cards may show its fields: changing it makes every kept card out of date.
    shown_on_cards = True
    # Whether it is one of a quote's figures, which the API shows beside the quote.
    is_figure = False

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        super().save(*args, **kwargs)
        self.after_change()

    def delete(self, *args, **kwargs):
        result = super().delete(*args, **kwargs)
        self.after_change()
        return result

    def after_change(self):
        archive_changed(cards=self.shown_on_cards, figures=self.is_figure)
        if self.shown_in_aggregates:
            aggregates_changed({ALL_AGGREGATES}, using=self._state.db or "default")


class HasAggregates:
    """A record with aggregates of its own (a question's stance grid, a nation's or a person's
    stance changes), kept and rebuilt under its scope, "<kind>:<pk>"."""

    aggregates_kind = ""

    @property
    def aggregates_scope(self):
        return f"{self.aggregates_kind}:{self.pk}"


class EditConflict(ValidationError):
    """Someone saved the record after this copy of it was loaded: saving would overwrite them."""


class RevisionedRecord(models.Model):
    """A record two editors may have open at once, where the second save must not win silently.

    Each save through the model moves `revision` on by one with a conditional UPDATE, in the
    transaction of the save itself. If the row is no longer at the revision this copy was
    loaded at (in the admin: the revision the editor's page was rendered at), someone saved in
    between, and the save raises EditConflict saying who changed what. QuerySet.update() and
    bulk_update() are not edits and leave the revision alone.
    """

    revision = models.PositiveIntegerField(
        default=1,
        editable=False,
        help_text="How many times this record was saved: an edit of an older revision is refused.",
    )

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if self._state.adding or self.pk is None:
            return super().save(*args, **kwargs)
        using = kwargs.get("using") or router.db_for_write(type(self), instance=self)
        with transaction.atomic(using=using):
            # The UPDATE locks the row: a second editor's save waits for this one, then finds
            # the revision moved on and claims nothing.
            claimed = (
                type(self)
                ._base_manager.using(using)
                .filter(pk=self.pk, revision=self.revision)
                .update(revision=F("revision") + 1)
            )
            if not claimed:
                raise EditConflict(self.changes_since(self.revision), code="edit_conflict")
            self.revision += 1
            try:
                return super().save(*args, **kwargs)
            except BaseException:
                self.revision -= 1  # rolled back with the transaction
                raise

    def saved_revision(self):
        """The revision in the database now; inside a transaction, locked until it ends."""
        using = router.db_for_write(type(self), instance=self)
        rows = type(self)._base_manager.using(using).filter(pk=self.pk)
        if transaction.get_connection(using).in_atomic_block:
            rows = rows.select_for_update()
        return rows.values_list("revision", flat=True).first()

    def changes_since(self, revision):
        """Who saved this record after `revision`, when, and what they changed, for an editor."""
        noun = self._meta.verbose_name
        again = (
            "Nothing you entered was saved, so nothing of theirs was overwritten: "
            f"open the {noun} again to see it as it is now, then make your changes again."
        )
        if not type(self)._base_manager.filter(pk=self.pk).exists():
            return f"This {noun} was deleted after you opened it: nothing was saved."
        versions = self.history.order_by("history_date", "history_id")
        later = list(versions.filter(revision__gt=revision).select_related("history_user"))
        if not later:
            return f"This {noun} was saved again after you opened it. {again}"
        who = get_text_list(
            list(dict.fromkeys(str(v.history_user or "someone") for v in later)), "and"
        )
        when = timezone.localtime(later[-1].history_date).strftime("%-d %b %Y at %H:%M %Z")
        opened = versions.filter(revision=revision).last()
        changed = []
        if opened is not None:
            changed = [
                str(self._meta.get_field(change.field).verbose_name)
                for change in later[-1].diff_against(opened).changes
            ]
        what = f"changed its {get_text_list(changed, 'and')}" if changed else "saved it"
        return f"This {noun} was saved again after you opened it: {who} {what} on {when}. {again}"


class Language(models.TextChoices):
    # The languages the archive has met so far; editors add more in a migration when needed.
    ENGLISH = "en", "English"
    FRENCH = "fr", "French"
    GERMAN = "de", "German"
    SPANISH = "es", "Spanish"
    ITALIAN = "it", "Italian"
    POLISH = "pl", "Polish"
    DUTCH = "nl", "Dutch"
    SWEDISH = "sv", "Swedish"
    UKRAINIAN = "uk", "Ukrainian"
    RUSSIAN = "ru", "Russian"


class Nation(HasAggregates, ArchiveRecord):
    code = models.CharField(
        max_length=2,
        unique=True,
        help_text="ISO 3166-1 alpha-2 code in lower case, as used in addresses: de, fr, gb.",
    )
    name = models.CharField(max_length=100, unique=True)
    is_eu_member = models.BooleanField("EU member", default=False)
    is_nato_member = models.BooleanField("NATO member", default=False)

    history = HistoricalRecords()
    shown_in_aggregates = True
    aggregates_kind = "nation"

    class Meta:
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(code=Lower("code")) & Q(Exact(Length("code"), 2)),
                name="nation_code_iso_lower",
            ),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return address("nation_detail", self.code)

    def stance_changes(self):
        return self.quotes.published().stance_changes(scope=self.aggregates_scope)

    def speakers_heard(self):
        """Who spoke for this nation in published quotes, the most quoted first, each with a
        `quote_count`."""
        quotes = Quote.objects.published().filter(nation=self)

        def compute():
            # Counted on the quotes' (nation, speaker) index alone, then the speakers by key.
            counts = dict(
                quotes.order_by().values_list("speaker").annotate(n=models.Count("speaker"))
            )
            speakers = list(Speaker.objects.filter(pk__in=counts))
            for speaker in speakers:
                speaker.quote_count = counts[speaker.pk]
            return sorted(speakers, key=lambda s: (-s.quote_count, s.name, s.pk))

        return quotes.cached("speakers-heard", compute, scope=self.aggregates_scope)


class SpeakerQuerySet(models.QuerySet):
    def people(self):
        return self.filter(kind=Speaker.Kind.PERSON)


class Speaker(HasAggregates, ArchiveRecord):
    class Kind(models.TextChoices):
        PERSON = "person", "Named person"
        INSTITUTION = "institution", "Institution (a government, a ministry)"
        OFFICIALS = "officials", "Unnamed officials, as reported"

    name = models.CharField(
        max_length=200,
        help_text="The canonical, correctly spelt name, whatever spelling a source used.",
    )
    slug = models.SlugField(max_length=200, unique=True, help_text="Used in /people/<slug>/.")
    kind = models.CharField(max_length=12, choices=Kind, default=Kind.PERSON)
    nation = models.ForeignKey(
        Nation,
        on_delete=models.PROTECT,
        related_name="speakers",
        null=True,
        blank=True,
        help_text="The nation this speaker belongs to or speaks for, if any.",
    )
    description = models.CharField(
        max_length=300,
        blank=True,
        help_text="One line to tell readers who this is, for unnamed officials who reported them.",
    )
    aliases = models.TextField(
        blank=True,
        help_text="Other spellings met in sources, one per line (misspellings included), "
        "so that searches for them still find this speaker.",
    )

    objects = SpeakerQuerySet.as_manager()
    history = HistoricalRecords()
    shown_in_aggregates = True
    aggregates_kind = "speaker"

    class Meta:
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(condition=~Q(name=""), name="speaker_name_not_blank"),
        ]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = slugify(self.name)
        super().save(*args, **kwargs)
        self.quotes.refresh_search_text()

    def get_absolute_url(self):
        return address("speaker_detail", self.slug)

    def stance_changes(self):
        return self.quotes.published().stance_changes(scope=self.aggregates_scope)

    def role_on(self, day):
        """The role this speaker held on `day`, the latest begun if several overlap."""
        return (
            self.roles.filter(Q(started_on__isnull=True) | Q(started_on__lte=day))
            .filter(Q(ended_on__isnull=True) | Q(ended_on__gte=day))
            .order_by(F("started_on").desc(nulls_last=True))
            .first()
        )


class Role(ArchiveRecord):
    speaker = models.ForeignKey(Speaker, on_delete=models.PROTECT, related_name="roles")
    title = models.CharField(
        max_length=200, help_text="As readers should see it: “Chancellor of Germany”."
    )
    nation = models.ForeignKey(
        Nation, on_delete=models.PROTECT, related_name="roles", null=True, blank=True
    )
    started_on = models.DateField(null=True, blank=True, help_text="Empty when not known.")
    ended_on = models.DateField(null=True, blank=True, help_text="Empty while the role is held.")

    history = HistoricalRecords()

    class Meta:
        ordering = ["speaker", F("started_on").desc(nulls_last=True)]
        constraints = [
            models.CheckConstraint(
                condition=Q(ended_on__isnull=True)
                | Q(started_on__isnull=True)
                | Q(ended_on__gte=F("started_on")),
                name="role_ends_after_start",
            ),
            models.CheckConstraint(condition=~Q(title=""), name="role_title_not_blank"),
        ]

    def __str__(self):
        return f"{self.title} ({self.speaker})"

    def covers(self, day):
        return (self.started_on is None or self.started_on <= day) and (
            self.ended_on is None or day <= self.ended_on
        )


class Outlet(ArchiveRecord):
    name = models.CharField(max_length=200, unique=True)
    slug = models.SlugField(max_length=200, unique=True)
    home_url = models.URLField("home page", blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return address("outlet_detail", self.slug)


class Source(RevisionedRecord, ArchiveRecord):
    class Kind(models.TextChoices):
        ARTICLE = "article", "News article"
        OPINION = "opinion", "Opinion piece"
        TRANSCRIPT = "transcript", "Transcript"
        VIDEO = "video", "Video"
        SOCIAL = "social", "Social media post"
        PRESS_RELEASE = "press_release", "Press release"
        INTERVIEW = "interview", "Interview"

    key = models.CharField(
        max_length=KEY_LENGTH, unique=True, editable=False, default=new_source_key
    )
    outlet = models.ForeignKey(Outlet, on_delete=models.PROTECT, related_name="sources")
    kind = models.CharField(max_length=16, choices=Kind, default=Kind.ARTICLE)
    title = models.CharField(max_length=400)
    is_title_supplied = models.BooleanField(
        "title supplied by an editor",
        default=False,
        help_text="Tick when the item has no title of its own, or we have not seen it, "
        "and the title is our description.",
    )
    authors = models.TextField(blank=True, help_text="One author per line, as credited.")
    url = models.URLField("address", max_length=600, blank=True)
    archived_url = models.URLField("archived copy", max_length=600, blank=True)
    language = models.CharField(max_length=8, choices=Language, default=Language.ENGLISH)
    published_on = models.DateField(null=True, blank=True)
    accessed_on = models.DateField("date accessed", null=True, blank=True)
    notes = models.TextField(
        blank=True, help_text="For editors: what is known of this item and what we supplied."
    )

    history = HistoricalRecords()

    class Meta:
        # On PostgreSQL the index source_by_date (migration 0009) reads sources in this order,
        # then by -id as the editors' list adds; SQLite cannot index NULLS LAST.
        ordering = [F("published_on").desc(nulls_last=True), "title"]
        constraints = [
            models.CheckConstraint(condition=~Q(title=""), name="source_title_not_blank"),
        ]

    def __str__(self):
        return f"{self.outlet}: {self.title}"

    def get_absolute_url(self):
        return address("source_detail", self.key)

    @property
    def author_list(self):
        return [line.strip() for line in self.authors.splitlines() if line.strip()]


class TopicQuerySet(models.QuerySet):
    def featured(self):
        """The question the home page shows: the first the archive followed."""
        return self.order_by("pk").first()


class Topic(HasAggregates, ArchiveRecord):
    name = models.CharField(max_length=200, unique=True)
    slug = models.SlugField(max_length=200, unique=True)
    question = models.CharField(
        max_length=300, help_text="The question the archive follows, as readers should read it."
    )
    description = models.TextField(blank=True)

    objects = TopicQuerySet.as_manager()
    history = HistoricalRecords()
    shown_in_aggregates = True
    aggregates_kind = "topic"

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return address("topic_detail", self.slug)

    def stance_grid(self):
        """Each nation's latest stance on this question, and how many quotes take each stance.

        Three queries, whatever the size of the archive, kept until a published quote on this
        question (or a name the grid shows) changes.
        """
        return cached_for_archive(
            f"stance-grid:{self.pk}",
            self._stance_grid,
            using=router.db_for_read(Quote),
            scope=self.aggregates_scope,
        )

    def _stance_grid(self):
        stances = list(self.stances.all())
        quotes = Quote.objects.published().filter(stance__topic=self, nation__isnull=False)
        latest = quotes.filter(nation=models.OuterRef("pk")).order_by("-said_on", "-id")
        nations = (
            Nation.objects.filter(pk__in=quotes.values("nation"))
            .annotate(
                latest_stance_id=models.Subquery(latest.values("stance")[:1]),
                latest_said_on=models.Subquery(latest.values("said_on")[:1]),
            )
            .order_by("name")
        )
        counts = {
            (row["nation"], row["stance"]): row["n"]
            for row in quotes.values("nation", "stance").annotate(n=models.Count("id"))
        }
        return {
            "stances": stances,
            "rows": [
                {
                    "nation": nation,
                    "latest_said_on": nation.latest_said_on,
                    "cells": [
                        {
                            "stance": stance,
                            "count": counts.get((nation.pk, stance.pk), 0),
                            "is_latest": stance.pk == nation.latest_stance_id,
                        }
                        for stance in stances
                    ],
                }
                for nation in nations
            ],
        }


class StanceManager(models.Manager):
    # A stance is named with its topic (its __str__), in every choice list and filter.
    def get_queryset(self):
        return super().get_queryset().select_related("topic")


class Stance(ArchiveRecord):
    topic = models.ForeignKey(Topic, on_delete=models.PROTECT, related_name="stances")
    value = models.SlugField(max_length=40, help_text="Used in addresses: ?stance=opposed.")
    label = models.CharField(max_length=100)
    description = models.CharField(max_length=300, blank=True)
    position = models.PositiveSmallIntegerField(
        default=0, help_text="Order on the scale, from most willing to most opposed."
    )

    objects = StanceManager()
    history = HistoricalRecords()
    shown_in_aggregates = True

    class Meta:
        ordering = ["topic", "position"]
        constraints = [
            models.UniqueConstraint(fields=["topic", "value"], name="stance_value_unique_in_topic"),
        ]

    def __str__(self):
        return f"{self.topic}: {self.label}"


class Event(ArchiveRecord):
    name = models.CharField(max_length=200)
    slug = models.SlugField(max_length=200, unique=True)
    happened_on = models.DateField()
    place = models.CharField(max_length=200, blank=True)
    description = models.TextField(blank=True)

    shown_on_cards = False  # cards do not show events
    history = HistoricalRecords()

    class Meta:
        ordering = ["-happened_on"]

    def __str__(self):
        return f"{self.name} ({self.happened_on:%-d %b %Y})"


# The stance of words that take no position; they do not move a speaker's or nation's line.
NO_POSITION = "no-position"


class PublishedRecordDeletion(PermissionDenied):
    """Published records are corrected or retracted, never deleted."""


def planned_rows(queryset):
    """How many rows PostgreSQL's planner expects a query to return: a third of a millisecond,
    without running it."""
    sql, params = queryset.query.sql_with_params()
    with connections[queryset.db].cursor() as cursor:
        cursor.execute(f"EXPLAIN (FORMAT JSON) {sql}", params)
        (plan,) = cursor.fetchone()
    return (json.loads(plan) if isinstance(plan, str) else plan)[0]["Plan"]["Plan Rows"]


class QuoteQuerySet(models.QuerySet):
    def published(self):
        return self.filter(status=Quote.Status.PUBLISHED)

    def for_permalink(self, user):
        """What a permalink may show: published and retracted quotes, and drafts to editors."""
        if user.has_perm("tracker.view_quote"):
            return self
        return self.filter(status__in=[Quote.Status.PUBLISHED, Quote.Status.RETRACTED])

    def for_feed(self):
        """What a feed's entry shows of a quote: who said it, on which question, and how."""
        return self.select_related("speaker", "stance__topic")

    def for_listing(self):
        return self.select_related(
            "speaker",
            "role",
            "nation",
            "stance__topic",
            "source__outlet",
            "first_reported_in__outlet",
        )

    def deletable(self):
        return self.filter(status__in=Quote.DELETABLE_STATUSES)

    def matching(self, query):
        """Quotes matching words as typed into a search engine, of any status.

        The words are looked for in the quote's text, translation and context and in who said
        it (the speaker's name and aliases, the role, the nation): by the GIN-indexed search
        vector on PostgreSQL, in the folded search text on SQLite. The public pages ask for
        published() quotes first; the editors' admin finds drafts and retractions too.
        """
        if self.db_vendor == "postgresql":
            search_query = SearchQuery(query, search_type="websearch", config=SEARCH_CONFIG)
            matches = self.filter(search_vector=search_query)
            # The planner cannot tell a rare word from a missing one: ordered by date, it may
            # walk the date index through every row looking for a match. A bounded probe
            # without order finds out first; a small result is then fetched by id. The
            # probe reads the whole index entry of a word, though: 5 to 25 ms for a word in
            # a quarter of the archive, whose frequency the planner's statistics hold (its
            # estimate was within 0.1% at 1M quotes) and which needs no probe.
            unordered = matches.order_by().values_list("pk", flat=True)
            if planned_rows(unordered) >= COMMON_MATCHES:
                return matches
            probe = list(unordered[:SMALL_RESULT])
            return self.filter(pk__in=probe) if len(probe) < SMALL_RESULT else matches
        wanted, excluded = parse_search(query)
        if not wanted and not excluded:
            return self.none()
        matches = self
        for term in wanted:
            matches = matches.filter(search_text__contains=term)
        for term in excluded:
            matches = matches.exclude(search_text__contains=term)
        return matches

    def search(self, query):
        """Quotes matching words as typed into a search engine, each with a `rank` and a `snippet`."""
        matches = self.matching(query)
        if self.db_vendor == "postgresql":
            search_query = SearchQuery(query, search_type="websearch", config=SEARCH_CONFIG)
            return matches.annotate(
                rank=SearchRank(models.F("search_vector"), search_query),
                snippet=SearchHeadline(
                    "text",
                    search_query,
                    config=SEARCH_CONFIG,
                    start_sel=HIGHLIGHT_START,
                    stop_sel=HIGHLIGHT_STOP,
                    highlight_all=True,
                ),
            )
        return matches.annotate(rank=models.Value(1.0), snippet=models.F("text"))

    def by_relevance(self):
        """Best matches first, among the newest RELEVANCE_WINDOW: ranking every match of a very
        common word would sort hundreds of thousands of rows for one page.

        Those ranked ids are kept until the archive changes (`ranked_ids`, which the pages
        read theirs from): finding and ranking them took 15 ms for a word in a quarter of the
        archive, for each page a reader turned to and for each reader of the same words.
        """
        order = (F("rank").desc(), "-said_on", "-id")
        newest = self.order_by("-said_on", "-id").values_list("pk", flat=True)

        def rank():
            window = list(newest[:RELEVANCE_WINDOW])
            if len(window) < RELEVANCE_WINDOW:
                return None  # few enough to rank them all, with the rest of the query
            return list(self.filter(pk__in=window).order_by(*order).values_list("pk", flat=True))

        try:
            sql, params = newest.query.get_compiler(self.db).as_sql()
        except EmptyResultSet:
            return self.order_by(*order).none()
        digest = hashlib.sha256(f"{sql}|{params}".encode()).hexdigest()
        ranked_ids = cached_for_archive(f"ranked:{self.db_vendor}:{digest}", rank, using=self.db)
        if ranked_ids is None:
            return self.order_by(*order)
        ranked = self.filter(pk__in=ranked_ids).order_by(*order)
        ranked.matched = self  # every match, so that readers are told how many there are
        ranked.ranked_ids = ranked_ids
        return ranked

    @property
    def db_vendor(self):
        return connections[self.db].vendor

    def by_month(self):
        """How many quotes were said in each month, newest first, with each month's first and last day."""

        def compute():
            rows = (
                self.annotate(month=TruncMonth("said_on"))
                .values("month")
                .annotate(count=models.Count("id"))
                .order_by("-month")
            )
            return [
                {
                    "month": row["month"],
                    "first_day": row["month"],
                    "last_day": row["month"].replace(
                        day=calendar.monthrange(row["month"].year, row["month"].month)[1]
                    ),
                    "count": row["count"],
                }
                for row in rows
            ]

        return self.cached("by-month", compute, scope=MONTHS)

    def stance_changes(self, *, scope, latest=STANCE_CHANGES_SHOWN):
        """The dated moments a stance differed from the one before on the same question, oldest
        first: the latest few, as the database finds them (a window over the quotes by date)."""

        def compute():
            before = Window(
                Lag("stance__value"),
                partition_by=[F("stance__topic")],
                order_by=[F("said_on").asc(), F("id").asc()],
            )
            rows = (
                self.exclude(stance__value=NO_POSITION)
                .annotate(previous=Coalesce(before, models.Value("")))
                .exclude(previous=F("stance__value"))
                .order_by("-said_on", "-id")
                .values("said_on", "key", label=F("stance__label"), topic=F("stance__topic__name"))
            )
            return list(rows[:latest])[::-1]

        return self.cached("stance-changes", compute, scope=scope)

    def cached(self, name, compute, *, scope):
        """`compute()`'s answer for this queryset, kept until the aggregates of `scope` change:
        the caller names the scope that holds every quote this queryset can count."""
        try:
            sql, params = self.query.get_compiler(self.db).as_sql()
        except EmptyResultSet:
            return compute()
        digest = hashlib.sha256(f"{name}|{sql}|{params}".encode()).hexdigest()
        return cached_for_archive(f"{name}:{digest}", compute, using=self.db, scope=scope)

    def refresh_search_text(self):
        # After a speaker's name or aliases change: the quotes' search text names them.
        quotes = list(self.select_related("speaker", "role", "nation"))
        for quote in quotes:
            quote.search_text = quote.build_search_text()
        self.bulk_update(quotes, ["search_text"], batch_size=1000)

    def delete(self):
        if self.exclude(status__in=Quote.DELETABLE_STATUSES).exists():
            raise PublishedRecordDeletion(
                "Published or retracted quotes cannot be deleted: correct or retract them."
            )
        return super().delete()

    def update(self, **kwargs):
        if "key" in kwargs:
            raise ValueError("A quote's key never changes.")
        return super().update(**kwargs)


class Quote(RevisionedRecord, ArchiveRecord):
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
        max_length=8,
        choices=Language,
        default=Language.ENGLISH,
        help_text="The language of the words as published.",
    )
    translation = models.TextField(
        blank=True, help_text="An English translation, when the words are not in English."
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
    notes = models.TextField(
        blank=True,
        help_text="For editors only, never shown to readers: why this kind, date or stance.",
    )
    status = models.CharField(max_length=10, choices=Status, default=Status.DRAFT)
    published_at = models.DateTimeField(null=True, blank=True, editable=False)
    retracted_at = models.DateTimeField(null=True, blank=True, editable=False)
    retraction_reason = models.TextField(blank=True, editable=False)
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
    # Kept up to date from text, translation and search_text by a PostgreSQL trigger
    # (migration 0003); unused on SQLite.
    search_vector = SearchVectorField(null=True, editable=False)

    objects = QuoteQuerySet.as_manager()
    shown_on_cards = False  # its own card is kept by its revision, which every save moves on
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
        self.search_text = self.build_search_text()
        before = None if self._state.adding else self._aggregated_values()
        # Readers never see a draft: saving one changes nothing they see, nor any page's ETag.
        self._unseen_by_readers = self.status in self.DELETABLE_STATUSES and (
            before is None or before["status"] in self.DELETABLE_STATUSES
        )
        super().save(*args, **kwargs)
        self._loaded_key = self.key
        after = {field: getattr(self, field) for field in self.AGGREGATED_FIELDS}
        if before != after:
            scopes = self._aggregate_scopes(before) | self._aggregate_scopes(after)
            if scopes:
                aggregates_changed(scopes, using=self._state.db)
        self._loaded_aggregated = after

    def get_absolute_url(self):
        return address("quote_detail", self.key)

    def delete(self, *args, **kwargs):
        if self.status not in self.DELETABLE_STATUSES:
            raise PublishedRecordDeletion(
                "A published or retracted quote cannot be deleted: correct or retract it."
            )
        self._unseen_by_readers = True
        return super().delete(*args, **kwargs)

    def after_change(self):
        if not self._unseen_by_readers:
            super().after_change()

    @classmethod
    def from_db(cls, db, field_names, values, **kwargs):
        instance = super().from_db(db, field_names, values, **kwargs)
        instance._loaded_key = instance.__dict__.get("key")
        fields = cls.AGGREGATED_FIELDS
        if all(field in instance.__dict__ for field in fields):
            instance._loaded_aggregated = {field: instance.__dict__[field] for field in fields}
        return instance

    # What the aggregates count: a change to anything else (a corrected word) leaves them be.
    AGGREGATED_FIELDS = ("status", "said_on", "nation_id", "speaker_id", "stance_id")

    def _aggregated_values(self):
        loaded = getattr(self, "_loaded_aggregated", None)
        if loaded is None:  # made by hand or loaded with deferred fields: ask the database
            stored = type(self)._base_manager.filter(pk=self.pk)
            loaded = stored.values(*self.AGGREGATED_FIELDS).first()
        return loaded

    @staticmethod
    def _aggregate_scopes(values):
        if not values or values["status"] != Quote.Status.PUBLISHED:
            return set()
        scopes = {MONTHS, f"speaker:{values['speaker_id']}"}
        if values["nation_id"]:
            scopes.add(f"nation:{values['nation_id']}")
        if values["stance_id"]:
            topic = Stance.objects.filter(pk=values["stance_id"]).values("topic_id")
            scopes.add(f"topic:{topic[0]['topic_id']}")
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
        if self.language != Language.ENGLISH and not self.translation.strip():
            errors["translation"] = "Words not in English need an English translation."
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

    def retract(self, *, reason, by, replaced_by=None):
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
        self._change_status(self.Status.RETRACTED, by=by, reason=f"Retracted: {reason.strip()}")

    # What a correction may change, and what readers are told changed.
    CORRECTABLE_FIELDS = {
        "text": "words",
        "translation": "translation",
        "language": "language",
        "kind": "kind",
        "speaker_id": "speaker",
        "role_id": "role",
        "nation_id": "nation",
        "said_on": "date",
        "said_on_precision": "date precision",
        "source_id": "source",
        "first_reported_in_id": "first report",
        "context": "context",
        "stance_id": "stance",
        "event_id": "event",
    }

    def correct(self, *, note, by):
        """Save the changes made to this published quote as a dated, public correction."""
        if not by.has_perm("tracker.correct_quote"):
            raise PermissionDenied("Only a chief editor can correct a published quote.")
        if self.status != self.Status.PUBLISHED:
            raise ValidationError("Only a published quote can be corrected.")
        if not note or not note.strip():
            raise ValidationError("Say what was corrected and why: readers will see the note.")
        stored = type(self).objects.get(pk=self.pk)
        changed = [
            label
            for field, label in self.CORRECTABLE_FIELDS.items()
            if getattr(stored, field) != getattr(self, field)
        ]
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

    def build_search_text(self):
        speaker = self.speaker
        parts = [
            speaker.name,
            speaker.aliases,
            self.role.title if self.role_id else "",
            self.nation.name if self.nation_id else "",
            self.text,
            self.translation,
            self.context,
        ]
        return fold("\n".join(part for part in parts if part))

    def can_be_changed_by(self, user):
        """Drafts change freely; published words only as a chief editor's correction; retracted never."""
        if self.status in self.DELETABLE_STATUSES:
            return True
        return self.status == self.Status.PUBLISHED and user.has_perm("tracker.correct_quote")

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
}


def with_published_quotes(records):
    """The records a published quote names: the speakers, nations, outlets and sources readers see.

    One that only drafts, quotes in review or retracted quotes name is not public: its page,
    feed and API address are 404, and no list, filter or sitemap names it.
    """
    published = Quote.objects.published()
    condition = Q()
    for path in QUOTE_PATHS[records.model]:
        condition |= models.Exists(published.filter(**{path: models.OuterRef("pk")}))
    return records.filter(condition)


class CorrectionQuerySet(models.QuerySet):
    def public(self):
        return self.filter(quote__status=Quote.Status.PUBLISHED)


class Correction(ArchiveRecord):
    """A dated, public note that a published quote was changed, and what changed."""

    quote = models.ForeignKey(Quote, on_delete=models.PROTECT, related_name="corrections")
    version = models.PositiveIntegerField(
        help_text="The version this correction made: 2 for the first."
    )
    corrected_at = models.DateTimeField(default=timezone.now)
    note = models.TextField(help_text="What was wrong and what is right now, for readers.")
    changed = models.CharField(
        max_length=300, help_text="The parts that changed: words, date, speaker."
    )
    corrected_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="corrections"
    )

    objects = CorrectionQuerySet.as_manager()

    class Meta:
        ordering = ["-corrected_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["quote", "version"], name="correction_version_unique"),
            models.CheckConstraint(
                condition=Q(version__gte=2), name="correction_version_after_first"
            ),
            models.CheckConstraint(condition=~Q(note=""), name="correction_note_not_blank"),
        ]

    def __str__(self):
        return f"{self.quote.key} v{self.version}: {self.changed}"

    def get_absolute_url(self):
        return address("quote_detail", self.quote.key) + f"#correction-{self.version}"


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

    shown_on_cards = False  # cards do not show figures
    is_figure = True
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

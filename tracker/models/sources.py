"""Where words were published: outlets and the sources (articles, transcripts, posts) we read."""

import itertools

from django.apps import apps
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from tracker import languages
from tracker.languages import validate_language
from tracker.models.base import (
    KEY_LENGTH,
    ArchiveRecord,
    Language,
    NotedRecord,
    RevisionedRecord,
    new_source_key,
)
from tracker.models.dates import SOURCE_PRECISIONS, PossibleDates, Precision


class Outlet(NotedRecord, RevisionedRecord, ArchiveRecord):
    name = models.CharField(max_length=200, unique=True)
    slug = models.SlugField(max_length=200, unique=True)
    home_url = models.URLField("home page", blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("outlet_detail", args=[self.slug])

    # What readers see of an outlet beside a published quote: an editor's change to it waits for a
    # chief editor (tracker/models/reviews.py).
    REVIEWED_FIELDS = ("name",)

    def is_shown_to_readers(self):
        return apps.get_model("tracker", "Quote").objects.shown_to_readers().naming(self).exists()


class Source(NotedRecord, RevisionedRecord, ArchiveRecord):
    class Kind(models.TextChoices):
        ARTICLE = "article", _("News article")
        OPINION = "opinion", _("Opinion piece")
        TRANSCRIPT = "transcript", _("Transcript")
        VIDEO = "video", _("Video")
        SOCIAL = "social", _("Social media post")
        PRESS_RELEASE = "press_release", _("Press release")
        INTERVIEW = "interview", _("Interview")

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
    language = models.CharField(
        max_length=12,
        blank=True,
        default=Language.ENGLISH,
        validators=[validate_language],
        help_text="The language it is published in: a name or ISO 639 code (Danish, da). Empty "
        "when not known.",
    )
    published_on = models.DateField(
        null=True,
        blank=True,
        help_text="The day it was published; for a month, the 1st; for a year, 1 January.",
    )
    published_on_precision = models.CharField(
        "how precisely the publication date is known",
        max_length=12,
        choices=[(precision.value, precision.label) for precision in SOURCE_PRECISIONS],
        default=Precision.DAY,
    )
    accessed_on = models.DateField("date accessed", null=True, blank=True)

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
        return reverse("source_detail", args=[self.key])

    # What readers see of a source beside a published quote: an editor's change to it waits for a
    # chief editor (tracker/models/reviews.py).
    REVIEWED_FIELDS = ("title", "url")

    def is_shown_to_readers(self):
        return self.quotes.model.objects.shown_to_readers().naming(self).exists()

    def clean(self):
        if self.published_on and (errors := self.published_dates.errors()):
            raise ValidationError({"published_on": list(errors.values())})

    @property
    def published_dates(self):
        """The days it may have been published on (tracker/models/dates.py), or None."""
        if self.published_on is None:
            return None
        return PossibleDates.of(self.published_on, self.published_on_precision)

    @property
    def published_on_edtf(self):
        return self.published_dates and self.published_dates.edtf()

    def save(self, *args, **kwargs):
        # A new URL is read, and kept, by a task once the save commits (tracker/tasks.py).
        url_is_new = bool(self.url) and (
            self._state.adding or not Source.objects.filter(pk=self.pk, url=self.url).exists()
        )
        super().save(*args, **kwargs)
        if url_is_new:
            from tracker import tasks

            tasks.after_commit(tasks.snapshot_source, self.pk)

    @cached_property
    def address_changes(self):
        """Each time a known URL was replaced: when, and what it was. The source's page says so,
        so that a reader who followed the old URL knows why it differs."""
        versions = list(self.history.order_by("history_date", "history_id"))
        changes = []
        for before, after in itertools.pairwise(versions):
            if before.url and after.url != before.url:
                changes.append({"changed_at": after.history_date, "previous_url": before.url})
        return changes

    @cached_property
    def latest_snapshot(self):
        """Our latest copy of the page, or None."""
        return self.snapshots.latest_copy()

    @property
    def language_name(self):
        return languages.name_of(self.language)

    @property
    def author_list(self):
        return [line.strip() for line in self.authors.splitlines() if line.strip()]

"""The questions the archive follows, the stances a quote can take on them, and events."""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from simple_history.models import HistoricalRecords

from tracker.models.base import ArchiveRecord, NotedRecord, RevisionedRecord
from tracker.models.dates import PossibleDates


class TopicQuerySet(models.QuerySet):
    def confirmed(self):
        """Topics readers may see: a topic an editor proposed waits for a chief editor."""
        return self.filter(is_confirmed=True)

    def featured(self):
        """The question the home page shows: the first the archive followed."""
        return self.confirmed().order_by("pk").first()


class Topic(NotedRecord, RevisionedRecord, ArchiveRecord):
    name = models.CharField(max_length=200, unique=True)
    slug = models.SlugField(max_length=200, unique=True)
    question = models.CharField(
        max_length=300, help_text="The question the archive follows, as readers should read it."
    )
    description = models.TextField(blank=True)
    is_confirmed = models.BooleanField(
        "confirmed by a chief editor",
        default=True,
        help_text="A topic an editor adds is a proposal: readers do not see it, and quotes "
        "filed against it stay drafts, until a chief editor confirms it in the review queue.",
    )

    objects = TopicQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("topic_detail", args=[self.slug])


class StanceManager(models.Manager):
    # A stance is named with its topic (its __str__), in every choice list and filter.
    def get_queryset(self):
        return super().get_queryset().select_related("topic")


class Stance(NotedRecord, RevisionedRecord, ArchiveRecord):
    topic = models.ForeignKey(Topic, on_delete=models.PROTECT, related_name="stances")
    value = models.SlugField(max_length=40, help_text="Used in URLs: ?stance=opposed.")
    label = models.CharField(max_length=100)
    description = models.CharField(max_length=300, blank=True)
    position = models.PositiveSmallIntegerField(
        default=0, help_text="Order on the scale, from most willing to most opposed."
    )

    objects = StanceManager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["topic_id", "position"]
        constraints = [
            models.UniqueConstraint(fields=["topic", "value"], name="stance_value_unique_in_topic"),
        ]

    def __str__(self):
        return f"{self.topic}: {self.label}"

    # Pages colour a stance by its place on the scale, five tones from most willing to most
    # opposed, always beside its label: never the colour alone.
    TONES = 5

    @property
    def tone(self):
        """The stance's colour on pages: "1" (most willing) to "5", or "none" for no position."""
        if self.value == NO_POSITION:
            return "none"
        return str(min(max(self.position, 1), self.TONES))


class Event(NotedRecord, RevisionedRecord, ArchiveRecord):
    name = models.CharField(max_length=200)
    slug = models.SlugField(max_length=200, unique=True)
    happened_on = models.DateField(help_text="The day it happened, or its first day.")
    ended_on = models.DateField(
        null=True, blank=True, help_text="For an event of several days, its last day."
    )
    place = models.CharField(max_length=200, blank=True)
    description = models.TextField(blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["-happened_on"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ended_on__isnull=True) | Q(ended_on__gte=F("happened_on")),
                name="event_ends_after_start",
            ),
        ]

    def __str__(self):
        return f"{self.name} ({self.dates.display()})"

    def clean(self):
        if self.happened_on and self.ended_on and self.ended_on < self.happened_on:
            raise ValidationError({"ended_on": "An event cannot end before it begins."})

    @property
    def dates(self):
        """The days it lasted (tracker/models/dates.py)."""
        return PossibleDates.of(self.happened_on, latest=self.ended_on, spans=True)

    def get_absolute_url(self):
        return reverse("event_detail", args=[self.slug])


# The stance of words that take no position; they do not move a speaker's or nation's line.
NO_POSITION = "no-position"

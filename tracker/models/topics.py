"""The questions the archive follows, the stances a quote can take on them, and events."""

from django.db import models
from django.urls import reverse
from simple_history.models import HistoricalRecords

from tracker.models.base import ArchiveRecord, NotedRecord, RevisionedRecord


class TopicQuerySet(models.QuerySet):
    def featured(self):
        """The question the home page shows: the first the archive followed."""
        return self.order_by("pk").first()


class Topic(NotedRecord, RevisionedRecord, ArchiveRecord):
    name = models.CharField(max_length=200, unique=True)
    slug = models.SlugField(max_length=200, unique=True)
    question = models.CharField(
        max_length=300, help_text="The question the archive follows, as readers should read it."
    )
    description = models.TextField(blank=True)

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
        ordering = ["topic", "position"]
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
    happened_on = models.DateField()
    place = models.CharField(max_length=200, blank=True)
    description = models.TextField(blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["-happened_on"]

    def __str__(self):
        return f"{self.name} ({self.happened_on:%-d %b %Y})"

    def get_absolute_url(self):
        return reverse("event_detail", args=[self.slug])


# The stance of words that take no position; they do not move a speaker's or nation's line.
NO_POSITION = "no-position"

"""Public corrections of published quotes, and the notices readers see: every correction and
every retraction, newest first."""

import dataclasses
import datetime

from django.conf import settings
from django.db import models
from django.db.models import F, Q, Value
from django.utils import timezone

from tracker.models.base import ArchiveRecord
from tracker.models.quotes import Quote


class CorrectionQuerySet(models.QuerySet):
    def public(self):
        # A correction stays on the record when its quote is retracted later: what readers were
        # once told was corrected is not taken back by the retraction. A legal withdrawal takes
        # back everything: its notes may repeat the words.
        return self.filter(
            quote__status__in=[Quote.Status.PUBLISHED, Quote.Status.RETRACTED],
            quote__is_withdrawn=False,
        )


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
        return self.quote.get_absolute_url() + f"#correction-{self.version}"


@dataclasses.dataclass
class Notice:
    """A correction or a retraction, as /corrections/ and its feed list it."""

    CORRECTION = "correction"
    RETRACTION = "retraction"

    kind: str
    at: datetime.datetime
    quote: Quote
    correction: Correction | None = None

    @property
    def is_retraction(self):
        return self.kind == self.RETRACTION

    def get_absolute_url(self):
        # Also the feed entry's id: a retraction's is not the statement's own address, which
        # the statement feeds use as its id.
        if self.correction:
            return self.correction.get_absolute_url()
        return self.quote.get_absolute_url() + "#retraction"


def public_notices():
    """Every public correction and every retraction, newest first, as rows (notice kind, pk, at): one
    list to count and to page through; `notices()` reads the records of a page of it."""
    corrections = (
        Correction.objects.public()
        .order_by()
        .annotate(notice=Value(Notice.CORRECTION), at=F("corrected_at"))
        .values_list("notice", "pk", "at")
    )
    retractions = (
        Quote.objects.filter(status=Quote.Status.RETRACTED)
        .order_by()
        .annotate(notice=Value(Notice.RETRACTION), at=F("retracted_at"))
        .values_list("notice", "pk", "at")
    )
    return corrections.union(retractions, all=True).order_by("-at", "-pk")


def notices(rows):
    """The Notices of these rows of public_notices(), in their order: two queries."""
    rows = list(rows)
    ids = {
        kind: [pk for row_kind, pk, _at in rows if row_kind == kind]
        for kind in (Notice.CORRECTION, Notice.RETRACTION)
    }
    corrections = Correction.objects.select_related("quote__speaker").in_bulk(
        ids[Notice.CORRECTION]
    )
    quotes = Quote.objects.select_related("speaker").in_bulk(ids[Notice.RETRACTION])
    found = []
    for kind, pk, at in rows:
        if kind == Notice.CORRECTION and pk in corrections:
            correction = corrections[pk]
            found.append(Notice(kind, at, correction.quote, correction))
        elif kind == Notice.RETRACTION and pk in quotes:
            found.append(Notice(kind, at, quotes[pk]))
    return found

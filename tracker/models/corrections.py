"""Public corrections of published quotes."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from tracker.models.base import ArchiveRecord
from tracker.models.quotes import Quote


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
        return self.quote.get_absolute_url() + f"#correction-{self.version}"

"""The numbers quotes commit to."""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from tracker.models.base import ArchiveRecord
from tracker.models.quotes import Quote


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
        ordering = ["quote_id", "id"]
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

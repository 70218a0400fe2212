"""Translations of a quote's words: any number, each with who translated it and where it was
published. One made by this archive's editors says so wherever it is shown."""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from tracker import languages, search
from tracker.languages import validate_language
from tracker.models.base import ArchiveRecord, Language
from tracker.models.quotes import Quote
from tracker.models.sources import Outlet, Source


class Translation(ArchiveRecord):
    class TranslatedBy(models.TextChoices):
        SPEAKER = "speaker", _("The speaker's office")
        OUTLET = "outlet", _("An outlet")
        AGENCY = "agency", _("A wire agency")
        ARCHIVE = "archive", _("This archive's editors")

    quote = models.ForeignKey(Quote, on_delete=models.CASCADE, related_name="translations")
    language = models.CharField(
        max_length=12,
        default=Language.ENGLISH,
        validators=[validate_language],
        help_text="The language of the translation: a name or ISO 639 code (English, en).",
    )
    text = models.TextField(help_text="The translation exactly as published, or as we made it.")
    translated_by = models.CharField(
        "translated by",
        max_length=10,
        choices=TranslatedBy,
        help_text="Who made it. Choose “This archive's editors” for a translation no one "
        "published: readers see it labelled as ours.",
    )
    outlet = models.ForeignKey(
        Outlet,
        on_delete=models.PROTECT,
        related_name="translations",
        null=True,
        blank=True,
        help_text="The outlet or agency that translated it, when one did.",
    )
    source = models.ForeignKey(
        Source,
        on_delete=models.PROTECT,
        related_name="translations",
        null=True,
        blank=True,
        help_text="Where the translation was published, when it was.",
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["quote_id", "id"]
        constraints = [
            models.CheckConstraint(condition=~Q(text=""), name="translation_text_not_blank"),
            models.CheckConstraint(
                condition=~Q(translated_by="archive") | Q(outlet__isnull=True),
                name="translation_by_archive_names_no_outlet",
            ),
        ]

    def __str__(self):
        return f"{self.language_name}: {self.text[:60]}"

    @property
    def language_name(self):
        return languages.name_of(self.language)

    @property
    def is_by_archive(self):
        return self.translated_by == self.TranslatedBy.ARCHIVE

    @property
    def credit(self):
        """Who translated it, as readers read it: “Translated by Reuters”, “Translation by On
        the Record's editors”."""
        if self.is_by_archive:
            return "Translation by On the Record's editors, not published elsewhere"
        if self.outlet_id:
            return f"Translated by {self.outlet.name}"
        return f"Translated by {self.get_translated_by_display().lower()}"

    # The quote is searched by its translations (tracker/search.py).
    def save(self, *args, **kwargs):
        super().save(*args, **kwargs)
        search.refresh_search_text(Quote.objects.filter(pk=self.quote_id))

    def delete(self, *args, **kwargs):
        result = super().delete(*args, **kwargs)
        search.refresh_search_text(Quote.objects.filter(pk=self.quote_id))
        return result

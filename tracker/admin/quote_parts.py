"""The parts of the quotes' admin: the list's own filters, and the figures and translations
edited on a quote's page."""

from django.contrib import admin

from tracker.admin.base import LanguagesAdmin, is_unpublished
from tracker.admin.forms import TRANSLATION_FIELDS
from tracker.citations import short_title
from tracker.models import Figure, Source, Translation

# How much of the words, and of a source's name, a row of the quote list shows: with the
# speaker, date, source, status and key beside them, the list fits a 1,280-pixel screen.
WORDS_LENGTH = 70
SOURCE_LENGTH = 45


class SourceListFilter(admin.SimpleListFilter):
    """The quotes read in one source: the latest sources to choose from, any other by the link
    on its page (?source__id__exact=), and named here once chosen. A list of every source
    would be 150,000 links."""

    title = "source"
    parameter_name = "source__id__exact"
    LATEST = 8

    def lookups(self, request, model_admin):
        latest = Source.objects.select_related("outlet").order_by("-id")[: self.LATEST]
        choices = [
            (str(source.pk), short_title(str(source), length=SOURCE_LENGTH)) for source in latest
        ]
        chosen = self.value()
        if chosen and chosen.isdigit() and chosen not in dict(choices):
            source = Source.objects.select_related("outlet").filter(pk=chosen).first()
            if source is not None:
                choices.insert(0, (chosen, short_title(str(source), length=SOURCE_LENGTH)))
        return choices

    def queryset(self, request, queryset):
        chosen = self.value()
        if not chosen:
            return queryset
        return queryset.filter(source=chosen) if chosen.isdigit() else queryset.none()


class EnteredByListFilter(admin.SimpleListFilter):
    """An editor's own quotes ("My drafts" on the admin's index links here)."""

    title = "entered by"
    parameter_name = "entered_by"

    def lookups(self, request, model_admin):
        return [("me", "Me")]

    def queryset(self, request, queryset):
        return queryset.entered_by(request.user) if self.value() == "me" else queryset


class FigureInline(admin.TabularInline):
    model = Figure
    extra = 0

    # Figures are part of what a quote says, but Quote.correct() does not cover them: once the
    # quote is published they change only by retracting it and publishing a replacement.
    def has_add_permission(self, request, obj):
        return super().has_add_permission(request, obj) and is_unpublished(obj)

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and is_unpublished(obj)

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and is_unpublished(obj)


class TranslationInline(LanguagesAdmin, admin.StackedInline):
    model = Translation
    extra = 0
    fields = TRANSLATION_FIELDS
    autocomplete_fields = ["outlet", "source"]

    # A draft's translations change freely; a published quote's only as a chief editor's
    # correction (QuoteCorrectionForm asks why); a retracted quote's never.
    def has_add_permission(self, request, obj):
        return super().has_add_permission(request, obj) and self.may_change(request, obj)

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and self.may_change(request, obj)

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and self.may_change(request, obj)

    @staticmethod
    def may_change(request, quote):
        return quote is None or quote.can_be_changed_by(request.user)

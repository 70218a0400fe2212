"""Where the words were read: outlets, and sources with their quotes entered inline."""

from django.contrib import admin
from django.db.models import Q
from django.utils.text import smart_split, unescape_string_literal

from tracker.admin.base import (
    HistoryAdmin,
    LanguageListFilter,
    LanguagesAdmin,
    ReviewedChangesAdmin,
    RevisionedAdmin,
)
from tracker.admin.finder import FindQuotesMixin
from tracker.admin.forms import ROLE_AUTOCOMPLETE, QuoteForm
from tracker.admin.lists import ArchiveListAdmin
from tracker.models import Outlet, Quote, Source, normalize_key


@admin.register(Outlet)
class OutletAdmin(ReviewedChangesAdmin, RevisionedAdmin, HistoryAdmin):
    list_display = ["name", "home_url"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}


class DraftQuoteInline(LanguagesAdmin, admin.StackedInline):
    """Where an editor enters a new article's quotes; each one starts as a draft."""

    model = Quote
    form = QuoteForm
    fk_name = "source"
    extra = 1
    verbose_name = "draft quote"
    verbose_name_plural = "draft quotes (not public yet)"
    fields = [
        "text",
        "save_anyway",
        "kind",
        "language",
        "spoken_language",
        "speaker",
        "role",
        "nation",
        "said_on_precision",
        "said_on",
        "said_on_latest",
        "said_on_note",
        "context",
        "stance",
        "event",
        "public_note",
        "notes",
        "loaded_revision",
    ]
    autocomplete_fields = ["speaker", "role", "event"]
    show_change_link = True

    class Media:
        js = ROLE_AUTOCOMPLETE

    def get_queryset(self, request):
        # Published words are corrected or retracted on their own page, never edited in bulk here.
        return super().get_queryset(request).deletable()


class PublishedQuoteInline(admin.TabularInline):
    model = Quote
    fk_name = "source"
    extra = 0
    verbose_name = "published quote"
    verbose_name_plural = "published and retracted quotes (change them on their own page)"
    fields = ["key", "speaker", "text", "said_on", "status"]
    readonly_fields = fields
    show_change_link = True

    def get_queryset(self, request):
        published = super().get_queryset(request).exclude(status__in=Quote.DELETABLE_STATUSES)
        return published.select_related("speaker")

    def has_add_permission(self, request, obj):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Source)
class SourceAdmin(
    FindQuotesMixin,
    LanguagesAdmin,
    ReviewedChangesAdmin,
    ArchiveListAdmin,
    RevisionedAdmin,
    HistoryAdmin,
):
    list_display = ["title", "outlet", "kind", "published_on", "key"]
    list_filter = ["kind", LanguageListFilter]
    # What get_search_results looks in: each word, in the title, the URL or the outlet's name.
    search_fields = ["title", "=key", "outlet__name", "url"]
    autocomplete_fields = ["outlet"]
    date_hierarchy = "published_on"
    readonly_fields = ["key"]
    change_list_template = "admin/tracker/source/change_list.html"  # "Find quotes in a new article"

    def get_queryset(self, request):
        # A source is named with its outlet: in the list, and in the quote page's autocomplete.
        return super().get_queryset(request).select_related("outlet")

    def get_search_results(self, request, queryset, search_term):
        # Django would join the outlets to look in their names, and the join keeps PostgreSQL
        # from the trigram indexes on title and URL (migration 0009): it would read all
        # 150,000 sources. The few hundred outlets are looked in first.
        for word in smart_split(search_term):
            if word[0] in "\"'" and word[0] == word[-1]:
                word = unescape_string_literal(word)
            outlets = Outlet.objects.filter(name__icontains=word).values_list("pk", flat=True)
            queryset = queryset.filter(
                Q(title__icontains=word)
                | Q(url__icontains=word)
                | Q(outlet__in=list(outlets))
                | Q(key=normalize_key(word))
            )
        return queryset, False

    def get_inlines(self, request, obj):
        # A source being added has no published quotes yet.
        return [DraftQuoteInline] if obj is None else [DraftQuoteInline, PublishedQuoteInline]

"""Where the words were read: outlets, and sources with their quotes entered inline."""

from django.contrib import admin
from django.contrib.admin import ActionLocation
from django.db.models import Q
from django.utils.text import smart_split, unescape_string_literal

from tracker.admin.base import (
    ChosenRecordsAdmin,
    HistoryAdmin,
    LanguageListFilter,
    LanguagesAdmin,
    ReviewedChangesAdmin,
    RevisionedAdmin,
)
from tracker.admin.finder import FindQuotesMixin
from tracker.admin.forms import QuoteForm
from tracker.admin.lists import ArchiveListAdmin
from tracker.admin.quote_parts import WORDS_LENGTH
from tracker.citations import short_title
from tracker.models import Outlet, Quote, Source, normalize_key


@admin.register(Outlet)
class OutletAdmin(ReviewedChangesAdmin, RevisionedAdmin, HistoryAdmin):
    list_display = ["name", "home_url"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}


class SourceQuoteInline(admin.TabularInline):
    """Every quote read in the source, a row each, in the order of the article: the order they
    were entered in, which is the finder's (no quote records its place in the article). Each is
    changed on its own page."""

    model = Quote
    fk_name = "source"
    extra = 0
    verbose_name = "quote"
    verbose_name_plural = "quotes, in the order of the article (change each on its own page)"
    fields = ["words", "speaker", "kind", "said_on", "status"]
    readonly_fields = fields
    show_change_link = True

    @admin.display(description="words")
    def words(self, quote):
        return short_title(quote.text, length=WORDS_LENGTH)

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("speaker").order_by("id")

    def has_add_permission(self, request, obj):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class NewQuoteForm(QuoteForm):
    """A row of the source page's table of new quotes. A table's cells have no labels of their
    own: each box is named after its column."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            widget = getattr(field.widget, "widget", field.widget)  # inside its related links
            if field.label:
                widget.attrs.setdefault("aria-label", field.label)
        self.fields["text"].widget.attrs["rows"] = 2


class NewQuoteInline(ChosenRecordsAdmin, admin.TabularInline):
    """Where an editor enters an article's quotes, a row each; each one starts as a draft, said
    on the day the article was published unless the row says otherwise."""

    model = Quote
    form = NewQuoteForm
    fk_name = "source"
    extra = 1
    verbose_name = "new draft quote"
    verbose_name_plural = "new draft quotes (not public until published)"
    fields = ["text", "speaker", "kind", "said_on", "stance", "save_anyway"]
    autocomplete_fields = ["speaker"]

    def get_queryset(self, request):
        # Quotes already entered are listed above (SourceQuoteInline), not edited in bulk here.
        return super().get_queryset(request).none()

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)  # a new class on each call
        if obj is not None and obj.published_on:
            formset.form.base_fields["said_on"].initial = obj.published_on
        return formset


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

    actions = ["send_drafts_for_review"]

    def get_inlines(self, request, obj):
        # A source being added has no quotes yet.
        return [NewQuoteInline] if obj is None else [SourceQuoteInline, NewQuoteInline]

    def has_delete_permission(self, request, obj=None):
        # Readers may have seen it beside a published or retracted quote: it stays.
        if obj is not None and obj.quotes.shown_to_readers().exists():
            return False
        return super().has_delete_permission(request, obj)

    def has_send_for_review_permission(self, request):
        return request.user.has_perm("tracker.change_quote")

    @admin.action(
        permissions=["send_for_review"],
        description="Send its drafts for review",
        location=[ActionLocation.CHANGE_FORM],
    )
    def send_drafts_for_review(self, request, queryset):
        drafts = Quote.objects.filter(source__in=queryset, status=Quote.Status.DRAFT)
        if not drafts.exists():
            self.message_user(request, "This source has no drafts to send for review.")
            return
        # The quotes' own action: the same verb, checks and messages as on the quote list.
        self.admin_site.get_model_admin(Quote).send_for_review(request, drafts.order_by("id"))

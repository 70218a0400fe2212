"""How the words reached us: the intermediaries editors name once and reuse, and the chain and
edits entered inline on a quote's page."""

from django.contrib import admin
from django.core.exceptions import ValidationError
from django.forms.models import BaseInlineFormSet

from tracker.admin.base import ChosenRecordsAdmin, HistoryAdmin, RevisionedAdmin
from tracker.admin.forms import ChosenRecordsForm, RevisionedForm
from tracker.models import AttributionLink, Intermediary, Quote, WordEdit


@admin.register(Intermediary)
class IntermediaryAdmin(RevisionedAdmin, HistoryAdmin):
    form = RevisionedForm
    list_display = ["__str__", "kind", "nation", "is_named"]
    list_filter = ["kind"]
    list_select_related = ["nation"]
    search_fields = ["name", "nation__name"]


class QuotePartInline(ChosenRecordsAdmin, admin.TabularInline):
    """A part of what readers see of a quote, entered on its page: free on a draft; on a
    published quote, only in a chief editor's correction (QuoteAdmin.save_related)."""

    form = ChosenRecordsForm
    extra = 0

    def quote_may_change(self, request, obj):
        return obj is None or obj.can_be_changed_by(request.user)

    def has_add_permission(self, request, obj):
        return super().has_add_permission(request, obj) and self.quote_may_change(request, obj)

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and self.quote_may_change(request, obj)

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and self.quote_may_change(request, obj)


class AttributionChainFormSet(BaseInlineFormSet):
    def clean(self):
        # The quote as posted (the admin built it from its form before the inlines).
        super().clean()
        quote = self.instance
        links = [
            form.instance
            for form in self.forms
            if getattr(form, "cleaned_data", None) and not form.cleaned_data.get("DELETE")
        ]
        if quote.kind == Quote.Kind.INDIRECT and not quote.names_an_intermediary(links):
            raise ValidationError(Quote.INDIRECT_WITHOUT_INTERMEDIARY)


class AttributionLinkInline(QuotePartInline):
    model = AttributionLink
    formset = AttributionChainFormSet
    fields = ["position", "relation", "outlet", "source", "event", "intermediary"]
    autocomplete_fields = ["outlet", "source", "event", "intermediary"]
    verbose_name = "link of the attribution chain"
    verbose_name_plural = (
        "attribution chain, from the speaker to where we read it (“read in” is the source "
        "above; “also reported by” links come after it)"
    )

    def get_queryset(self, request):
        return super().get_queryset(request).for_chain()

    def formfield_for_choice_field(self, db_field, request, **kwargs):
        if db_field.name == "relation":
            kwargs["choices"] = [("", "---------"), *AttributionLink.STORED_RELATIONS]
        return super().formfield_for_choice_field(db_field, request, **kwargs)


class WordEditInline(QuotePartInline):
    model = WordEdit
    fields = ["position", "kind", "words", "explanation"]
    verbose_name = "edit to the words"
    verbose_name_plural = "edits to the words (readers see each explanation)"

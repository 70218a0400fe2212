"""What every record's admin shares: its history, read-only, and edits refused when the page is
out of date."""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from simple_history.admin import SimpleHistoryAdmin

from tracker import languages
from tracker.admin.forms import ChosenAutocompleteSelect, LanguageField, RevisionedForm
from tracker.models import Language, PendingChange, Quote
from tracker.models.reviews import may_change_at_once


def is_unpublished(quote):
    return quote is None or quote.status in Quote.DELETABLE_STATUSES


class HistoryAdmin(SimpleHistoryAdmin):
    # The History page is a record of who changed what, not a way to change it: simple_history
    # saves whatever is posted to an old version's page from anyone who may merely view the
    # object, and a revert would rewrite a quote behind the editorial verbs.
    def revert_disabled(self, request, obj=None):
        return True

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        if request.method == "POST":
            raise PermissionDenied
        return super().history_form_view(request, object_id, version_id, extra_context)


class LanguageListFilter(admin.SimpleListFilter):
    """The languages most quotes are in, named without reading every quote for its language
    (Django's filter for a field without choices would); any other is chosen by its code in the
    URL (?language=da), and named here once chosen."""

    title = "language as published"
    parameter_name = "language"

    def lookups(self, request, model_admin):
        chosen = self.value()
        common = [(code, label) for code, label in Language.choices]
        if chosen and chosen not in dict(common):
            common.append((chosen, languages.name_of(chosen)))
        return common

    def queryset(self, request, queryset):
        return queryset.filter(language=self.value()) if self.value() else queryset


class LanguagesAdmin:
    """Language fields take any language of the ISO 639 registry, by name or code."""

    LANGUAGE_FIELDS = ("language", "spoken_language")

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if db_field.name in self.LANGUAGE_FIELDS:
            return db_field.formfield(form_class=LanguageField)
        return super().formfield_for_dbfield(db_field, request, **kwargs)


class ChosenRecordsAdmin:
    """Names each autocomplete's chosen record with the one its object was read with."""

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if "widget" not in kwargs and db_field.name in self.get_autocomplete_fields(request):
            kwargs["widget"] = ChosenAutocompleteSelect(
                db_field, self.admin_site, using=kwargs.get("using")
            )
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


class RevisionedAdmin(ChosenRecordsAdmin):
    """Carries the revision an editor opened in a hidden field of the change page."""

    form = RevisionedForm

    # The notes every record has (NotedRecord) come last in its first fieldset, before the
    # hidden revision: the record's own fields first.
    NOTES = ["public_note", "notes"]

    def get_fieldsets(self, request, obj=None):
        fieldsets = [
            (
                name,
                {
                    **options,
                    "fields": [
                        *(
                            f
                            for f in options["fields"]
                            if f not in ["loaded_revision", *self.NOTES]
                        ),
                        *(f for f in self.NOTES if f in options["fields"]),
                    ],
                },
            )
            for name, options in super().get_fieldsets(request, obj)
        ]
        if obj is None or not self.has_change_permission(request, obj):
            return fieldsets
        (name, options), *others = fieldsets
        return [(name, {**options, "fields": [*options["fields"], "loaded_revision"]}), *others]


class ProposedRecordAdmin:
    """A nation or topic an editor adds is a proposal: unconfirmed, hidden from readers, in the
    review queue until a chief editor approves it (PendingChange.propose). A chief editor's own
    is confirmed at once."""

    def get_fields(self, request, obj=None):
        fields = super().get_fields(request, obj)
        return fields if obj is not None else [f for f in fields if f != "is_confirmed"]

    def get_readonly_fields(self, request, obj=None):
        return [*super().get_readonly_fields(request, obj), "is_confirmed"]

    def save_model(self, request, obj, form, change):
        if not change:
            obj.is_confirmed = may_change_at_once(request.user)
        super().save_model(request, obj, form, change)
        if not change and PendingChange.propose(obj, by=request.user):
            messages.info(
                request,
                f"The {obj._meta.verbose_name} “{obj}” waits for a chief editor to confirm it "
                "in the review queue: readers do not see it until then. Quotes filed against "
                "it stay drafts until it is confirmed.",
            )


class ReviewedChangesAdmin:
    """An editor's change to what a published quote shows (a speaker's name, a source's URL)
    waits for a chief editor (tracker/models/reviews.py); the rest of the edit is saved."""

    def save_model(self, request, obj, form, change):
        self.hold_for_review(request, obj, form)
        super().save_model(request, obj, form, change)

    def save_formset(self, request, form, formset, change):
        for inline_form in formset.initial_forms:
            if inline_form.has_changed() and inline_form not in formset.deleted_forms:
                self.hold_for_review(request, inline_form.instance, inline_form)
        super().save_formset(request, form, formset, change)

    def hold_for_review(self, request, record, form):
        pending = PendingChange.hold(record, form.changed_data, by=request.user)
        if pending is not None:
            messages.info(
                request,
                f"Readers see this {record._meta.verbose_name} beside published quotes: your "
                f"change ({pending.summary()}) waits for a chief editor's approval.",
            )

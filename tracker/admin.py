"""The editors' admin: editors prepare drafts, chief editors publish, correct and retract them."""

from django import forms
from django.contrib import admin, messages
from django.contrib.admin import ActionLocation, helpers
from django.contrib.admin.utils import model_ngettext
from django.contrib.auth.admin import UserAdmin
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.template.response import TemplateResponse
from simple_history.admin import SimpleHistoryAdmin

from tracker.models import (
    Correction,
    Event,
    Figure,
    Nation,
    Outlet,
    Quote,
    Role,
    Source,
    Speaker,
    Stance,
    Topic,
    User,
    normalize_key,
)

ON_LIST_AND_PAGE = [ActionLocation.CHANGE_LIST, ActionLocation.CHANGE_FORM]


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


class LoadedRevisionField(forms.IntegerField):
    """The revision of the record that the editor's page showed, posted back with their edit."""

    widget = forms.HiddenInput

    def has_changed(self, initial, data):
        return False  # it says which version was edited; it is not an edit


class RevisionedForm(forms.ModelForm):
    """Refuses an edit made on a page opened before someone else saved the same record."""

    loaded_revision = LoadedRevisionField(required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk is not None:
            self.fields["loaded_revision"].initial = self.instance.revision

    def clean(self):
        cleaned_data = super().clean()
        # Unchanged, the form would save what is in the database already.
        if self.instance.pk is None or not self.has_changed():
            return cleaned_data
        loaded = cleaned_data.get("loaded_revision")
        if loaded is None:
            raise ValidationError(
                "This page is out of date: open it again, then make your changes."
            )
        if loaded != self.instance.saved_revision():
            raise ValidationError(self.instance.changes_since(loaded), code="edit_conflict")
        # The model checks again as it saves, in case someone saves in between.
        self.instance.revision = loaded
        return cleaned_data


class RevisionedAdmin:
    """Carries the revision an editor opened in a hidden field of the change page."""

    form = RevisionedForm

    def get_fieldsets(self, request, obj=None):
        fieldsets = [
            (name, {**options, "fields": [f for f in options["fields"] if f != "loaded_revision"]})
            for name, options in super().get_fieldsets(request, obj)
        ]
        if obj is None or not self.has_change_permission(request, obj):
            return fieldsets
        (name, options), *others = fieldsets
        return [(name, {**options, "fields": [*options["fields"], "loaded_revision"]}), *others]


admin.site.register(User, UserAdmin)


@admin.register(Nation)
class NationAdmin(HistoryAdmin):
    list_display = ["name", "code", "is_eu_member", "is_nato_member"]
    list_filter = ["is_eu_member", "is_nato_member"]
    search_fields = ["name", "=code"]


class RoleInline(admin.TabularInline):
    model = Role
    extra = 0
    fields = ["title", "nation", "started_on", "ended_on"]


@admin.register(Speaker)
class SpeakerAdmin(HistoryAdmin):
    list_display = ["name", "kind", "nation"]
    list_filter = ["kind", "nation"]
    list_select_related = ["nation"]
    search_fields = ["name", "aliases"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [RoleInline]


@admin.register(Role)
class RoleAdmin(HistoryAdmin):
    # Registered on its own so that quotes can pick a role by autocomplete.
    list_display = ["title", "speaker", "nation", "started_on", "ended_on"]
    list_select_related = ["speaker", "nation"]
    search_fields = ["title", "speaker__name"]
    autocomplete_fields = ["speaker"]


@admin.register(Outlet)
class OutletAdmin(HistoryAdmin):
    list_display = ["name", "home_url"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}


class DraftQuoteInline(admin.StackedInline):
    """Where an editor enters a new article's quotes; each one starts as a draft."""

    model = Quote
    form = RevisionedForm
    fk_name = "source"
    extra = 1
    verbose_name = "draft quote"
    verbose_name_plural = "draft quotes (not public yet)"
    fields = [
        "text",
        "kind",
        "language",
        "translation",
        "speaker",
        "role",
        "nation",
        "said_on",
        "said_on_precision",
        "first_reported_in",
        "context",
        "stance",
        "event",
        "notes",
        "loaded_revision",
    ]
    autocomplete_fields = ["speaker", "role", "first_reported_in", "event"]
    show_change_link = True

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
        return super().get_queryset(request).exclude(status__in=Quote.DELETABLE_STATUSES)

    def has_add_permission(self, request, obj):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Source)
class SourceAdmin(RevisionedAdmin, HistoryAdmin):
    list_display = ["title", "outlet", "kind", "published_on", "key"]
    list_filter = ["kind", "language"]
    list_select_related = ["outlet"]
    search_fields = ["title", "=key", "outlet__name", "url"]
    autocomplete_fields = ["outlet"]
    date_hierarchy = "published_on"
    readonly_fields = ["key"]
    show_full_result_count = False

    def get_inlines(self, request, obj):
        # A source being added has no published quotes yet.
        return [DraftQuoteInline] if obj is None else [DraftQuoteInline, PublishedQuoteInline]


class StanceInline(admin.TabularInline):
    model = Stance
    extra = 0
    fields = ["value", "label", "description", "position"]


@admin.register(Topic)
class TopicAdmin(HistoryAdmin):
    list_display = ["name", "question"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [StanceInline]


@admin.register(Event)
class EventAdmin(HistoryAdmin):
    list_display = ["name", "happened_on", "place"]
    search_fields = ["name", "place"]
    date_hierarchy = "happened_on"
    prepopulated_fields = {"slug": ["name"]}


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


# The form fields whose change readers are told of; the editors' notes change without a correction.
CORRECTABLE = {name.removesuffix("_id") for name in Quote.CORRECTABLE_FIELDS}


class QuoteCorrectionForm(RevisionedForm):
    correction_reason = forms.CharField(
        label="Reason for the correction",
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="This quote is published: a change readers see is a dated, public correction. "
        "Say what was wrong and what is right now.",
    )

    def corrects(self):
        return bool(CORRECTABLE.intersection(self.changed_data))

    def clean(self):
        cleaned_data = super().clean()
        reason = cleaned_data.get("correction_reason")
        if self.corrects() and not reason:
            self.add_error("correction_reason", "Say why the published quote is corrected.")
        elif reason and not self.corrects():
            self.add_error(
                "correction_reason", "Nothing readers see was changed: there is nothing to correct."
            )
        return cleaned_data


class RetractionForm(forms.Form):
    reason = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Readers see it where the quote was: say what was wrong.",
    )
    replacement = forms.CharField(
        label="Replaced by",
        required=False,
        max_length=20,
        help_text="The key of the published quote that replaces it, if there is one.",
    )

    def clean_replacement(self):
        key = self.cleaned_data["replacement"]
        if not key:
            return None
        try:
            return Quote.objects.published().get(key=normalize_key(key))
        except Quote.DoesNotExist:
            raise ValidationError("No published quote has this key.") from None


@admin.register(Quote)
class QuoteAdmin(RevisionedAdmin, HistoryAdmin):
    list_display = ["__str__", "nation", "said_on", "kind", "stance", "source", "status", "key"]
    list_filter = ["status", "kind", "stance", "nation", "said_on_precision", "language"]
    list_select_related = ["speaker", "nation", "stance__topic", "source__outlet"]
    search_fields = ["=key", "text", "translation", "speaker__name"]
    date_hierarchy = "said_on"
    # At a million quotes, counting every row for each page load or filter facet costs seconds.
    show_full_result_count = False
    show_facets = admin.ShowFacets.NEVER
    autocomplete_fields = ["speaker", "role", "source", "first_reported_in", "event"]
    fieldsets = [
        (
            None,
            {"fields": ["text", "kind", "language", "translation", "context", "stance", "notes"]},
        ),
        (
            "Who and when",
            {"fields": ["speaker", "role", "nation", "said_on", "said_on_precision", "event"]},
        ),
        ("Where we read it", {"fields": ["source", "first_reported_in"]}),
        (
            "Editorial status",
            {
                "fields": [
                    "key",
                    "status",
                    "published_at",
                    "retracted_at",
                    "retraction_reason",
                    "replaced_by",
                ]
            },
        ),
    ]
    # The status changes only through the actions, which call the model's verbs.
    readonly_fields = [
        "key",
        "status",
        "published_at",
        "retracted_at",
        "retraction_reason",
        "replaced_by",
    ]
    inlines = [FigureInline]
    actions = ["send_for_review", "publish", "retract"]

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and (
            obj is None or obj.can_be_changed_by(request.user)
        )

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and is_unpublished(obj)

    def has_publish_permission(self, request):
        return request.user.has_perm("tracker.publish_quote")

    def has_retract_permission(self, request):
        return request.user.has_perm("tracker.retract_quote")

    def is_correction(self, request, obj):
        return (
            obj is not None
            and obj.status == Quote.Status.PUBLISHED
            and self.has_change_permission(request, obj)
        )

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if self.is_correction(request, obj):
            return [*fieldsets, ("Correction", {"fields": ["correction_reason"]})]
        return fieldsets

    def get_form(self, request, obj=None, change=False, **kwargs):
        if self.is_correction(request, obj):
            kwargs["form"] = QuoteCorrectionForm
        return super().get_form(request, obj, change, **kwargs)

    def save_model(self, request, obj, form, change):
        if isinstance(form, QuoteCorrectionForm) and form.corrects():
            # The verb records the public correction and keeps the reason in the history.
            obj.correct(note=form.cleaned_data["correction_reason"], by=request.user)
        else:
            super().save_model(request, obj, form, change)

    def get_deleted_objects(self, objs, request):
        # Django refuses a deletion that would take protected objects with it, and lists them:
        # published words are such objects, to be corrected or retracted instead.
        refused = [quote for quote in objs if quote.status not in Quote.DELETABLE_STATUSES]
        deletable = [quote for quote in objs if quote not in refused]
        deleted, model_count, perms_needed, protected = super().get_deleted_objects(
            deletable, request
        )
        protected += [
            f"{quote.get_status_display()} quote {quote.key} “{quote}”: "
            "correct or retract it, it cannot be deleted."
            for quote in refused
        ]
        return deleted, model_count, perms_needed, protected

    def response_action(self, request, queryset, action_location=ActionLocation.CHANGE_LIST):
        # Django leaves publish and retract out of an editor's menu, and answers a stale page or
        # a forged request for them with only "No action selected.": say why nothing happened.
        prefix = (
            "" if action_location == ActionLocation.CHANGE_LIST else f"{action_location.value}-"
        )
        posted = request.POST.getlist(f"{prefix}action")
        for name, allowed in [
            ("publish", self.has_publish_permission),
            ("retract", self.has_retract_permission),
        ]:
            if name in posted and not allowed(request):
                self.message_user(
                    request,
                    f"Only a chief editor can {name} quotes. Nothing was changed.",
                    messages.ERROR,
                )
                return None
        return super().response_action(request, queryset, action_location=action_location)

    def apply_verb(self, request, queryset, verb, done):
        changed = 0
        for quote in queryset:
            try:
                # The quote and its history version are saved together or not at all.
                with transaction.atomic():
                    verb(quote)
            except (PermissionDenied, ValidationError) as error:
                reason = " ".join(error.messages) if isinstance(error, ValidationError) else error
                self.message_user(request, f"{quote.key} “{quote}”: {reason}", messages.ERROR)
            else:
                changed += 1
        if changed:
            self.message_user(
                request, f"{changed} {model_ngettext(self.opts, changed)} {done}.", messages.SUCCESS
            )

    @admin.action(
        permissions=["change"],
        description="Send for review",
        description_plural="Send selected quotes for review",
        location=ON_LIST_AND_PAGE,
    )
    def send_for_review(self, request, queryset):
        self.apply_verb(
            request,
            queryset,
            lambda quote: quote.submit_for_review(by=request.user),
            "sent for review",
        )

    @admin.action(
        permissions=["publish"],
        description="Publish",
        description_plural="Publish selected quotes",
        location=ON_LIST_AND_PAGE,
    )
    def publish(self, request, queryset):
        self.apply_verb(
            request, queryset, lambda quote: quote.publish(by=request.user), "published"
        )

    @admin.action(
        permissions=["retract"],
        description="Retract…",
        description_plural="Retract selected quotes…",
        location=ON_LIST_AND_PAGE,
    )
    def retract(self, request, queryset):
        # Like Django's delete action: a first post shows the form, the form posts back with "post".
        form = RetractionForm(request.POST if request.POST.get("post") else None)
        if form.is_valid():
            self.apply_verb(
                request,
                queryset,
                lambda quote: quote.retract(
                    reason=form.cleaned_data["reason"],
                    replaced_by=form.cleaned_data["replacement"],
                    by=request.user,
                ),
                "retracted",
            )
            return None
        # The form posts back to where the action was chosen: the list or the quote's own page.
        on_page = "action" not in request.POST
        action_field = f"{ActionLocation.CHANGE_FORM.value}-action" if on_page else "action"
        return TemplateResponse(
            request,
            "admin/tracker/quote/retract.html",
            {
                **self.admin_site.each_context(request),
                "title": "Retract this quote" if on_page else "Retract quotes",
                "opts": self.opts,
                "form": form,
                "quotes": queryset,
                "action_field": action_field,
                "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
            },
        )


@admin.register(Correction)
class CorrectionAdmin(admin.ModelAdmin):
    """Corrections are made by correcting a quote; here they are only read."""

    list_display = ["quote", "version", "corrected_at", "changed", "corrected_by"]
    list_select_related = ["quote__speaker", "corrected_by"]
    date_hierarchy = "corrected_at"
    search_fields = ["quote__key", "note"]
    show_full_result_count = False

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

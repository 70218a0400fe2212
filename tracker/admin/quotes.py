"""Quotes, the heart of the archive: editors prepare drafts, chief editors publish, correct and
retract them, and a published quote is never deleted."""

from django.contrib import admin, messages
from django.contrib.admin import ActionLocation, helpers
from django.contrib.admin.utils import model_ngettext
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Exists, OuterRef
from django.template.response import TemplateResponse

from tracker.admin.attribution import AttributionLinkInline, WordEditInline
from tracker.admin.base import (
    HistoryAdmin,
    LanguageListFilter,
    LanguagesAdmin,
    RevisionedAdmin,
    is_unpublished,
)
from tracker.admin.forms import ROLE_AUTOCOMPLETE, QuoteCorrectionForm, QuoteForm, RetractionForm
from tracker.admin.imports import QuoteImportAdmin
from tracker.admin.lists import ArchiveListAdmin
from tracker.admin.quote_parts import (
    SOURCE_LENGTH,
    WORDS_LENGTH,
    EnteredByListFilter,
    FigureInline,
    SourceListFilter,
    TranslationInline,
)
from tracker.citations import short_title
from tracker.models import Figure, Quote, normalize_key

ON_LIST_AND_PAGE = [ActionLocation.CHANGE_LIST, ActionLocation.CHANGE_FORM]

# The statuses each action applies to: it is offered only where it can do something.
ACTION_STATUSES = {
    "send_for_review": {Quote.Status.DRAFT},
    "publish": set(Quote.DELETABLE_STATUSES),
    "delete_selected": set(Quote.DELETABLE_STATUSES),
    "retract": {Quote.Status.PUBLISHED},
    "withdraw": {Quote.Status.RETRACTED},
}


@admin.register(Quote)
class QuoteAdmin(QuoteImportAdmin, LanguagesAdmin, ArchiveListAdmin, RevisionedAdmin, HistoryAdmin):
    # What a row must say, in columns that wrap: a 1,280-pixel screen shows them all beside
    # Django's two sidebars (the kind and the rest are filters).
    list_display = ["words", "speaker_name", "said", "source_name", "status", "key"]
    list_filter = [
        "status",
        EnteredByListFilter,
        SourceListFilter,
        "kind",
        "verification",
        "stance",
        "nation",
        "said_on_precision",
        LanguageListFilter,
    ]
    list_select_related = ["speaker", "nation", "stance__topic", "source__outlet"]
    # get_search_results looks in these through the search index, not with Django's LIKE.
    search_fields = ["=key", "search_text"]
    search_help_text = (
        'Words as in the public search ("a phrase", -excluded): of the quote, its translation '
        "or context, or its speaker's name, role or nation. Or a quote's key. Drafts and "
        "retracted quotes are found too."
    )
    date_hierarchy = "said_on"
    autocomplete_fields = ["speaker", "role", "source", "event", "responds_to"]
    form = QuoteForm
    fieldsets = [
        (
            None,
            {
                "fields": [
                    "text",
                    "save_anyway",
                    "kind",
                    "language",
                    "spoken_language",
                    "context",
                    "stance",
                    "public_note",
                    "notes",
                ]
            },
        ),
        ("Who", {"fields": ["speaker", "role", "nation", "event"]}),
        (
            "When",
            {
                "fields": ["said_on_precision", "said_on", "said_on_latest", "said_on_note"],
                "description": "As precisely as the reporting gives it. An exact day, a month "
                "(enter the 1st), a year (enter 1 January), about a day, one day between two "
                "(enter the earliest and the latest), or on or before (or after) a day. Say "
                "for readers how the date was inferred when the source does not give it.",
            },
        ),
        ("Where we read it", {"fields": ["source", "verification"]}),
        ("The exchange", {"fields": ["responds_to"]}),
        (
            "Editorial status",
            {
                "fields": [
                    "key",
                    "status",
                    "published_at",
                    "retracted_at",
                    "retraction_reason",
                    "is_withdrawn",
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
        "is_withdrawn",
        "replaced_by",
    ]
    inlines = [TranslationInline, AttributionLinkInline, WordEditInline, FigureInline]
    actions = ["send_for_review", "publish", "retract", "withdraw"]
    # What the change form names each chosen record with (Role.__str__, Source.__str__), read
    # with it rather than one query each while the form is rendered.
    named_with = {"role": "speaker", "source": "outlet", "responds_to": "speaker"}

    class Media:
        js = ROLE_AUTOCOMPLETE

    @admin.display(description="words")
    def words(self, quote):
        return short_title(quote.text, length=WORDS_LENGTH)

    # Django keeps a foreign key's and a date's cell on one line; these wrap as words do.
    @admin.display(description="speaker", ordering="speaker__name")
    def speaker_name(self, quote):
        return quote.speaker.name

    @admin.display(description="said on", ordering="said_on")
    def said(self, quote):
        return quote.said_on

    @admin.display(description="source", ordering="source")
    def source_name(self, quote):
        return short_title(str(quote.source), length=SOURCE_LENGTH)

    def get_actions(self, request, action_location=ActionLocation.CHANGE_LIST):
        # A list filtered to one status offers only the actions that apply to it: no "Send for
        # review" among quotes in review, no "Delete" among published ones. (A quote's own page
        # is narrowed to its status in render_change_form, where the quote is at hand.)
        actions = super().get_actions(request, action_location=action_location)
        status = request.GET.get("status__exact")
        if action_location != ActionLocation.CHANGE_LIST or status not in Quote.Status:
            return actions
        return {name: action for name, action in actions.items() if self.applies(name, status)}

    @staticmethod
    def applies(action_name, status):
        return status in ACTION_STATUSES.get(action_name, Quote.Status)

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        action_form = context.get("action_form")
        if action_form is not None and obj is not None:
            field = action_form.fields["action"]
            field.choices = [
                (name, label)
                for name, label in field.choices
                if not name
                or (
                    self.applies(name, obj.status) and not (name == "withdraw" and obj.is_withdrawn)
                )
            ]
            if len(field.choices) == 1:  # only the blank choice: no action applies
                context["action_form"] = None
        return super().render_change_form(request, context, add, change, form_url, obj)

    def get_inlines(self, request, obj):
        # A published quote's figures do not change (FigureInline): without any, its page
        # would show an empty table that cannot be added to.
        if is_unpublished(obj):
            return self.inlines
        has_figures = getattr(obj, "has_figures", None)  # read with it (get_object)
        if has_figures if has_figures is not None else obj.figures.exists():
            return self.inlines
        return [inline for inline in self.inlines if inline is not FigureInline]

    def get_queryset(self, request):
        # A quote is named with its speaker (Quote.__str__), the change form's title too. The
        # list's own joins go here as well: Django adds list_select_related only to a queryset
        # that joins nothing yet.
        return super().get_queryset(request).select_related(*self.list_select_related)

    def get_object(self, request, object_id, from_field=None):
        # Django's, with every record the change form names read with the quote, each with
        # what names it in turn (ChosenAutocompleteSelect): joined to one quote, not to each
        # row of the list. Not the nation and stance: their selects read every nation and
        # stance anyway, and each join costs PostgreSQL about 0.15 ms to plan.
        field = self.opts.pk if from_field is None else self.opts.get_field(from_field)
        named = [f"{name}__{by}" for name, by in self.named_with.items()]
        try:
            return (
                self.get_queryset(request)
                .select_related(None)
                .select_related("speaker", *named, "event")
                .annotate(has_figures=Exists(Figure.objects.filter(quote=OuterRef("pk"))))
                .get(**{field.name: field.to_python(object_id)})
            )
        except (Quote.DoesNotExist, ValidationError, ValueError):
            return None

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name in self.named_with:
            kwargs.setdefault(
                "queryset",
                db_field.related_model._meta.default_manager.select_related(
                    self.named_with[db_field.name]
                ),
            )
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def get_search_results(self, request, queryset, search_term):
        # Django's search is a LIKE '%word%' on each field: a scan of a million quotes. The
        # words are matched among all quotes, by the search index, before the list's filters
        # narrow them: matched within a filter on an unindexed field (a language), finding
        # out whether a word is rare would read every quote in that language.
        if not search_term.strip():
            return queryset, False
        by_words = queryset & Quote.objects.matching(search_term)
        by_key = queryset.filter(key=normalize_key(search_term))
        return by_words | by_key, False

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
        # The status fields that say nothing yet of this quote (a draft's publication, a
        # published quote's retraction) are left off its page.
        unsaid = set()
        if obj is None:  # its key is drawn as it is saved: a key shown here would not be its own
            unsaid.add("key")
        if obj is None or obj.published_at is None:
            unsaid.add("published_at")
        if obj is None or obj.status != Quote.Status.RETRACTED:
            unsaid.update(["retracted_at", "retraction_reason", "is_withdrawn", "replaced_by"])
        fieldsets = [
            (name, {**options, "fields": [f for f in options["fields"] if f not in unsaid]})
            for name, options in super().get_fieldsets(request, obj)
        ]
        if self.is_correction(request, obj):
            # The reason sits right after the words, the field most often corrected.
            (name, options), *others = fieldsets
            fields = list(options["fields"])
            fields.insert(fields.index("text") + 1, "correction_reason")
            return [(name, {**options, "fields": fields}), *others]
        return fieldsets

    def get_form(self, request, obj=None, change=False, **kwargs):
        if not self.is_correction(request, obj):
            return super().get_form(request, obj, change, **kwargs)
        kwargs["form"] = QuoteCorrectionForm
        form = super().get_form(request, obj, change, **kwargs)  # a new class on each call
        form.changed_records = self.changed_records(request, obj)
        return form

    def changed_records(self, request, obj):
        """What the posted inlines change of the quote's own parts (Quote.CORRECTED_RECORDS:
        its attribution chain, its edits), as readers are told of it in a correction."""
        if request.method != "POST":
            return []
        changed = []
        for formset_class, inline in self.get_formsets_with_inlines(request, obj):
            related_name = inline.model._meta.get_field("quote").remote_field.related_name
            if related_name not in Quote.CORRECTED_RECORDS:
                continue
            prefix = formset_class.get_default_prefix()
            formset = formset_class(**self.get_formset_kwargs(request, obj, inline, prefix))
            if formset.has_changed():
                changed.append(Quote.CORRECTED_RECORDS[related_name])
        return changed

    def save_model(self, request, obj, form, change):
        # A correction is saved with the inlines it may include (save_related).
        if not (isinstance(form, QuoteCorrectionForm) and form.corrects()):
            super().save_model(request, obj, form, change)
        if obj.status in Quote.DELETABLE_STATUSES and (named := obj.proposed_records_named()):
            self.message_user(
                request,
                f"This quote names {named}, proposed and not yet confirmed by a chief editor: "
                "it stays a draft until a chief editor confirms it in Pending changes.",
                messages.WARNING,
            )
        if obj.answers_a_later_statement():
            self.message_user(
                request,
                f"{obj.key} is dated {obj.said_on_display}, before the statement it answers "
                f"({obj.responds_to.said_on_display}): check both dates.",
                messages.WARNING,
            )

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        if isinstance(form, QuoteCorrectionForm) and form.corrects():
            # The verb records the public correction and the reason in the history, in the
            # admin's transaction with the translations, chain and edits just saved.
            obj = form.instance
            obj.correct(
                note=form.cleaned_data["correction_reason"],
                by=request.user,
                changed_records=form.changed_records,
            )

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
            ("withdraw", self.has_retract_permission),
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
        # Quotes in review, published or retracted are left as they are, said once for all.
        others = [quote for quote in queryset if quote.status != Quote.Status.DRAFT]
        if others:
            named = ", ".join(f"{q.key} ({q.get_status_display().lower()})" for q in others)
            self.message_user(
                request,
                f"Only drafts are sent for review; left as they are: {named}.",
                messages.WARNING,
            )
        self.apply_verb(
            request,
            queryset.filter(status=Quote.Status.DRAFT),
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
                    withdraw=form.cleaned_data["withdraw"],
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

    @admin.action(
        permissions=["retract"],
        description="Withdraw the words (legal)",
        description_plural="Withdraw the words of selected retracted quotes (legal)",
        location=ON_LIST_AND_PAGE,
    )
    def withdraw(self, request, queryset):
        # For a retraction made before the lawyers asked: the notice stays, the words go.
        self.apply_verb(
            request, queryset, lambda quote: quote.withdraw(by=request.user), "withdrawn"
        )

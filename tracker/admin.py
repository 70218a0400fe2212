"""The editors' admin: editors prepare drafts, chief editors publish, correct and retract them."""

import calendar
import datetime
import functools
import hashlib

from django import forms
from django.contrib import admin, messages
from django.contrib.admin import ActionLocation, helpers
from django.contrib.admin.utils import model_ngettext
from django.contrib.admin.views.main import PAGE_VAR, ChangeList
from django.contrib.admin.widgets import AutocompleteSelect, RelatedFieldWidgetWrapper
from django.contrib.auth.admin import UserAdmin
from django.core.cache import cache, caches
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Exists, Max, Min, OuterRef, Q
from django.template.response import TemplateResponse
from django.urls import get_script_prefix, get_urlconf, reverse
from django.utils import formats
from django.utils.html import conditional_escape, escape, format_html
from django.utils.safestring import mark_safe
from django.utils.text import capfirst, smart_split, unescape_string_literal
from django.utils.translation import get_language, gettext
from simple_history.admin import SimpleHistoryAdmin

from tracker.models import (
    CACHE_SECONDS,
    Correction,
    Event,
    Figure,
    KeptInProcess,
    Nation,
    Outlet,
    Quote,
    Role,
    Source,
    Speaker,
    Stance,
    Topic,
    User,
    labels_version,
    normalize_key,
)
from tracker.pagination import CappedCountPaginator

ON_LIST_AND_PAGE = [ActionLocation.CHANGE_LIST, ActionLocation.CHANGE_FORM]


@functools.lru_cache(maxsize=1000)  # addresses with a record's id would be many
def _admin_url(viewname, args, current_app, prefix, urlconf):
    return reverse(viewname, args=args, current_app=current_app, urlconf=urlconf)


def admin_url(viewname, *, args=(), current_app=None):
    """reverse(), worked out once for each address by each process: the links beside a change
    form's related fields and its autocompletes asked for the same thirty addresses on every
    page. The addresses never change while a process runs, unless it is served under another
    prefix or with another set of addresses, which are part of the key."""
    return _admin_url(viewname, tuple(args), current_app, get_script_prefix(), get_urlconf())


class KeptLinksWrapper(RelatedFieldWidgetWrapper):
    """Django's links beside a related field (add, change, delete, view), their addresses
    worked out once (admin_url), and drawn once for each field, set of links and language by
    each process, the field's own widget put in as it is drawn: drawing the seven wrappers of
    a quote's change form was a fifteenth of its time."""

    WIDGET = "kept-links-widget"
    drawn = KeptInProcess(most=500)  # each related field of each form, for each permission

    def render(self, name, value, attrs=None, renderer=None):
        context = self.get_context(name, value, attrs)
        widget = context.pop("rendered_widget")
        key = (get_language(), repr(sorted((item, str(shown)) for item, shown in context.items())))
        around = {**context, "rendered_widget": mark_safe(self.WIDGET)}
        html = self.drawn.get(key, lambda: self._render(self.template_name, around, renderer))
        return mark_safe(html.replace(self.WIDGET, widget, 1))

    def get_related_url(self, info, action, *args):
        app_label, model_name = info
        return admin_url(
            f"admin:{app_label}_{model_name}_{action}", args=args, current_app=self.admin_site.name
        )


def labels_version_for(request):
    """labels_version(), read once for each request however many selects it keeps."""
    if not hasattr(request, "labels_version"):
        request.labels_version = labels_version()
    return request.labels_version


class KeptSelect(forms.Select):
    """Every nation or every stance, drawn once for each name, value and chosen row until a
    nation, question or stance changes (its `labels` version, labels_version), not option by
    option on every quote page: the two selects were a fifth of the change form's time. Each
    process keeps its own copy too (the "pages" cache), read without going to Redis."""

    labels = None

    def render(self, name, value, attrs=None, renderer=None):
        drawn = repr((name, value, sorted({**self.attrs, **(attrs or {})}.items())))
        return self.keep(
            f"select:{hashlib.sha256(drawn.encode()).hexdigest()}",
            lambda: super(KeptSelect, self).render(name, value, attrs, renderer),
        )

    def keep(self, key, draw):
        key = f"{key}:{self.choices.queryset.model._meta.label}:{self.labels or labels_version()}"
        html = caches["pages"].get(key)
        if html is None:
            html = cache.get(key)
            if html is None:
                html = draw()
                cache.set(key, html, timeout=CACHE_SECONDS)
            caches["pages"].set(key, html, timeout=CACHE_SECONDS)
        return html


class ChosenAutocompleteSelect(AutocompleteSelect):
    """An autocomplete that names the record already chosen with the one its form's object was
    read with (ChosenRecordsForm), rather than reading it again: one query less for each such
    field of a change form."""

    chosen = None

    def get_url(self):
        return admin_url(self.url_name % self.admin_site.name)

    def optgroups(self, name, value, attr=None):
        chosen = self.chosen
        selected = [v for v in value if v not in self.choices.field.empty_values]
        if selected and (chosen is None or selected != [str(chosen.pk)]):
            return super().optgroups(name, value, attr)
        # As Django draws it: an empty choice unless required, then the chosen one if any.
        options = [] if self.is_required else [self.create_option(name, "", "", False, 0)]
        if selected:
            label = self.choices.field.label_from_instance(chosen)
            options.append(self.create_option(name, chosen.pk, label, set(value), len(options)))
        return [(None, options, 0)]


class LabelsDrawnDirectly:
    """Each field's <label> as django/forms/label.html draws it, without rendering a template
    for each: the sixteen labels of a quote's change form were a twentieth of its time.
    tests/test_admin.py holds the two to the same HTML."""

    def render(self, template_name=None, context=None, renderer=None):
        if template_name != self.template_name_label or context is None:
            return super().render(template_name, context, renderer)
        if not context["use_tag"]:
            return conditional_escape(context["label"])
        attrs = mark_safe(
            "".join(
                format_html(" {}", name) if value is True else format_html(' {}="{}"', name, value)
                for name, value in context["attrs"].items()
                if value is not False
            )
        )
        tag = context["tag"]
        return format_html("<{}{}>{}</{}>", tag, attrs, context["label"], tag)


class ChosenRecordsForm(LabelsDrawnDirectly, forms.ModelForm):
    """Hands each autocomplete the record its object already holds (ChosenAutocompleteSelect)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, field in self.fields.items():
            widget = getattr(field.widget, "widget", field.widget)  # inside its related links
            relation = getattr(type(self.instance), name, None)
            if isinstance(widget, ChosenAutocompleteSelect) and relation.is_cached(self.instance):
                widget.chosen = getattr(self.instance, name)


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


class RevisionedForm(ChosenRecordsForm):
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


class KeptMedia(forms.Media):
    """A change form's scripts and styles, merged and drawn once for each list of them by each
    process: Django merges the lists of every widget and draws each tag again for every page,
    a twentieth of the quote change form's time. The page's nonce goes in as it is drawn."""

    NONCE = "kept-media-nonce"
    drawn = KeptInProcess(most=100)  # a list for each set of widgets a form shows

    def __init__(self, media):
        super().__init__()
        self._css_lists, self._js_lists = media._css_lists, media._js_lists

    def render(self, *, attrs=None):
        if set(attrs or ()) - {"nonce"}:
            return super().render(attrs=attrs)
        marker = {"nonce": self.NONCE}
        key = (
            tuple(tuple(scripts) for scripts in self._js_lists),
            tuple(
                (medium, tuple(sheets)) for css in self._css_lists for medium, sheets in css.items()
            ),
            bool(attrs),
        )
        html = self.drawn.get(key, lambda: super(KeptMedia, self).render(attrs=attrs and marker))
        if attrs:
            html = html.replace(self.NONCE, escape(attrs["nonce"]))
        return mark_safe(html)


class KeptChangeForm:
    """Parts of a change form that are the same on every page, worked out once: the addresses
    of the links beside related fields (KeptLinksWrapper), the scripts and styles (KeptMedia)."""

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        formfield = super().formfield_for_dbfield(db_field, request, **kwargs)
        widget = getattr(formfield, "widget", None)
        if type(widget) is RelatedFieldWidgetWrapper:
            # Django wraps the widget itself, with no say in the wrapper's class.
            widget.__class__ = KeptLinksWrapper
        return formfield

    def render_change_form(self, request, context, *args, **kwargs):
        context["media"] = KeptMedia(context["media"])
        return super().render_change_form(request, context, *args, **kwargs)


class RevisionedAdmin(KeptChangeForm):
    """Carries the revision an editor opened in a hidden field of the change page."""

    form = RevisionedForm

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if "widget" not in kwargs and db_field.name in self.get_autocomplete_fields(request):
            kwargs["widget"] = ChosenAutocompleteSelect(
                db_field, self.admin_site, using=kwargs.get("using")
            )
        formfield = super().formfield_for_foreignkey(db_field, request, **kwargs)
        if formfield is not None and isinstance(formfield.widget, KeptSelect):
            formfield.widget.labels = labels_version_for(request)
        return formfield

    def get_fieldsets(self, request, obj=None):
        fieldsets = [
            (name, {**options, "fields": [f for f in options["fields"] if f != "loaded_revision"]})
            for name, options in super().get_fieldsets(request, obj)
        ]
        if obj is None or not self.has_change_permission(request, obj):
            return fieldsets
        (name, options), *others = fieldsets
        return [(name, {**options, "fields": [*options["fields"], "loaded_revision"]}), *others]


class ArchiveChangeList(ChangeList):
    def date_hierarchy_links(self):
        """Django's date hierarchy, without its scan of the list for the dates it holds.

        Django links to each year (then month, then day) that has a row in the list: a
        SELECT DISTINCT over every row the list shows, a million of them. These are links to
        every year, month and day from the table's first date to its last, found by two index
        lookups; one without rows shows an empty list.
        """
        field = self.date_hierarchy
        span = self.root_queryset.aggregate(first=Min(field), last=Max(field))
        first, last = span["first"], span["last"]
        year, month, day = (
            int(self.params[f"{field}__{part}"]) if f"{field}__{part}" in self.params else None
            for part in ("year", "month", "day")
        )

        def link(**parts):
            return self.get_query_string(
                {f"{field}__{part}": value for part, value in parts.items()}, [f"{field}__"]
            )

        def title(date, date_format):
            return capfirst(formats.date_format(date, date_format))

        if year is None:
            back = None
            years = range(first.year, last.year + 1) if first else []
            choices = [(str(y), link(year=y)) for y in years]
        elif month is None:
            back = ("All dates", link())
            months = range(
                first.month if first and first.year == year else 1,
                last.month + 1 if last and last.year == year else 13,
            )
            choices = [
                (title(datetime.date(year, m, 1), "YEAR_MONTH_FORMAT"), link(year=year, month=m))
                for m in months
            ]
        elif day is None:
            back = (str(year), link(year=year))
            choices = [
                (
                    title(datetime.date(year, month, d), "MONTH_DAY_FORMAT"),
                    link(year=year, month=month, day=d),
                )
                for d in range(1, calendar.monthrange(year, month)[1] + 1)
            ]
        else:
            back = (
                title(datetime.date(year, month, 1), "YEAR_MONTH_FORMAT"),
                link(year=year, month=month),
            )
            choices = [(title(datetime.date(year, month, day), "MONTH_DAY_FORMAT"), None)]
        return {
            "back": back and {"title": back[0], "link": back[1]},
            "choices": [{"title": text, "link": href} for text, href in choices],
            "field_name": self.lookup_opts.get_field(field).verbose_name,
        }


class ArchiveListAdmin:
    """The list of a table of a million rows, at about the cost of the page it shows.

    Django's list counts every row a filter matches and finds the dates of all of them for
    its date hierarchy: each a scan of the table. Here the count stops two pages past the
    page shown (CappedCountPaginator) and the date links come from the table's first and
    last dates (ArchiveChangeList). The list's own query walks an index in its order.
    """

    change_list_template = "admin/tracker/archive_change_list.html"
    show_full_result_count = False
    show_facets = admin.ShowFacets.NEVER
    # Half Django's hundred rows: rendering them (cells, checkboxes) is most of a page's cost.
    list_per_page = 50

    def get_changelist(self, request, **kwargs):
        return ArchiveChangeList

    def action_checkbox(self, obj):
        # Django's, written out rather than drawn by the form renderer's template for each row:
        # a sixteenth of a list page's time.
        return format_html(
            '<input type="checkbox" name="{}" value="{}" class="action-select" aria-label="{}">',
            helpers.ACTION_CHECKBOX_NAME,
            obj.pk,
            format_html(gettext("Select this object for an action - {}"), str(obj)),
        )

    def get_paginator(self, request, queryset, per_page, orphans=0, allow_empty_first_page=True):
        # The page asked for: ?p= on the list, ?page= in a form's autocomplete.
        try:
            page_number = int(request.GET.get(PAGE_VAR) or request.GET.get("page") or 1)
        except ValueError:
            page_number = 1  # as the change list reads it
        return CappedCountPaginator(
            queryset,
            per_page,
            orphans=orphans,
            allow_empty_first_page=allow_empty_first_page,
            page_number=page_number,
        )


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

    def get_queryset(self, request):
        # A role is named with its speaker, in the quote page's autocomplete.
        return super().get_queryset(request).select_related("speaker")


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
        published = super().get_queryset(request).exclude(status__in=Quote.DELETABLE_STATUSES)
        return published.select_related("speaker")

    def has_add_permission(self, request, obj):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Source)
class SourceAdmin(ArchiveListAdmin, RevisionedAdmin, HistoryAdmin):
    list_display = ["title", "outlet", "kind", "published_on", "key"]
    list_filter = ["kind", "language"]
    # What get_search_results looks in: each word, in the title, the address or the outlet's name.
    search_fields = ["title", "=key", "outlet__name", "url"]
    autocomplete_fields = ["outlet"]
    date_hierarchy = "published_on"
    readonly_fields = ["key"]

    def get_queryset(self, request):
        # A source is named with its outlet: in the list, and in the quote page's autocomplete.
        return super().get_queryset(request).select_related("outlet")

    def get_search_results(self, request, queryset, search_term):
        # Django would join the outlets to look in their names, and the join keeps PostgreSQL
        # from the trigram indexes on title and address (migration 0009): it would read all
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
class QuoteAdmin(ArchiveListAdmin, RevisionedAdmin, HistoryAdmin):
    list_display = ["__str__", "nation", "said_on", "kind", "stance", "source", "status", "key"]
    list_filter = ["status", "kind", "stance", "nation", "said_on_precision", "language"]
    list_select_related = ["speaker", "nation", "stance__topic", "source__outlet"]
    # get_search_results looks in these through the search index, not with Django's LIKE.
    search_fields = ["=key", "search_text"]
    search_help_text = (
        'Words as in the public search ("a phrase", -excluded): of the quote, its translation '
        "or context, or its speaker's name, role or nation. Or a quote's key. Drafts and "
        "retracted quotes are found too."
    )
    date_hierarchy = "said_on"
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
    # What the change form names each chosen record with (Role.__str__, Source.__str__), read
    # with it rather than one query each while the form is drawn.
    named_with = {"role": "speaker", "source": "outlet", "first_reported_in": "outlet"}

    def get_inlines(self, request, obj):
        # A published quote's figures do not change (FigureInline): without any, its page
        # would show an empty table that cannot be added to.
        if is_unpublished(obj):
            return self.inlines
        has_figures = getattr(obj, "has_figures", None)  # read with it (get_object)
        if has_figures if has_figures is not None else obj.figures.exists():
            return self.inlines
        return []

    def get_queryset(self, request):
        # A quote is named with its speaker (Quote.__str__), the change form's title too. The
        # list's own joins go here as well: Django adds list_select_related only to a queryset
        # that joins nothing yet.
        return super().get_queryset(request).select_related(*self.list_select_related)

    def get_object(self, request, object_id, from_field=None):
        # Django's, with every record the change form names read with the quote, each with
        # what names it in turn (ChosenAutocompleteSelect): joined to one quote, not to each
        # row of the list. Not the list's nation and stance: their selects are kept drawn
        # (KeptSelect), and each join costs PostgreSQL about 0.15 ms to plan.
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
        if db_field.related_model in (Nation, Stance):
            kwargs.setdefault("widget", KeptSelect)
        if db_field.name in self.named_with:
            kwargs.setdefault(
                "queryset",
                db_field.related_model._default_manager.select_related(
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
        if obj is None or obj.published_at is None:
            unsaid.add("published_at")
        if obj is None or obj.status != Quote.Status.RETRACTED:
            unsaid.update(["retracted_at", "retraction_reason", "replaced_by"])
        fieldsets = [
            (name, {**options, "fields": [f for f in options["fields"] if f not in unsaid]})
            for name, options in super().get_fieldsets(request, obj)
        ]
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

"""The one place that reads query parameters: /quotes/, its feed, its CSV and the API share it.

The parameter names and values are a public contract (docs/product.md): a shared address
keeps meaning the same view.
"""

import copy
import datetime
import hashlib

import django_filters
from django import forms
from django.db import router
from django.db.models import QuerySet
from django.forms.models import ModelChoiceIterator
from django.http import QueryDict
from django_filters import fields as filter_fields

from tracker.models import (
    KeptInProcess,
    Language,
    Nation,
    Outlet,
    Quote,
    Source,
    Speaker,
    Stance,
    Topic,
    cached_for_archive,
    with_published_quotes,
)

MAX_SEARCH_LENGTH = 200


class DateInput(forms.DateInput):
    input_type = "date"

    def format_value(self, value):
        # A date input may only hold an ISO date: a bad value is named in the error message instead.
        value = super().format_value(value)
        try:
            datetime.date.fromisoformat(str(value))
        except ValueError:
            return None
        return value


class KeptOptions:
    """A select drawn once for each name, chosen value and archive version, not read and drawn
    option by option for every page: the nations, questions and stances to choose from were a
    sixth of a fresh /quotes/ page, and three of its queries. `keep` says for how long."""

    def render(self, name, value, attrs=None, renderer=None):
        drawn = repr((name, value, sorted({**self.attrs, **(attrs or {})}.items())))
        return self.keep(
            f"select:{hashlib.sha256(drawn.encode()).hexdigest()}",
            lambda: super(KeptOptions, self).render(name, value, attrs, renderer),
        )

    def keep(self, key, draw):
        # Readers' choices: records with published quotes, which any publication may change.
        return cached_for_archive(f"filter-{key}", draw, using=router.db_for_read(Quote))


class KeptSelect(KeptOptions, forms.Select):
    pass


class FixedSelect(KeptOptions, forms.Select):
    """A select of choices fixed in the code (kinds, languages, orders), drawn once for each
    name and chosen value by each process: the languages' options alone were drawn one by one,
    a fifth of a fresh /quotes/ page's form. Only a new release changes them."""

    drawn = KeptInProcess(most=1000)  # a value from the address may be anything

    def keep(self, key, draw):
        return self.drawn.get((key, tuple(self.choices)), draw)


class KeptSelectMultiple(KeptOptions, forms.SelectMultiple):
    pass


class ReadWithOneQuery(ModelChoiceIterator):
    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        for record in self.queryset.all():
            yield self.choice(record)


class FilterChoices(filter_fields.ModelChoiceIterator, ReadWithOneQuery):
    """A filter's nations or questions, read with one plain SELECT.

    Django reads a select's records with QuerySet.iterator(), which on PostgreSQL opens a
    server-side cursor (WITH HOLD outside a transaction: DECLARE, FETCH, CLOSE), three round
    trips and about 2 ms of every /quotes/ page for a few dozen rows.
    """


class ModelChoiceField(filter_fields.ModelChoiceField):
    iterator = FilterChoices
    widget = KeptSelect


class ModelMultipleChoiceField(filter_fields.ModelMultipleChoiceField):
    iterator = FilterChoices
    widget = KeptSelectMultiple


class ModelChoiceFilter(django_filters.ModelChoiceFilter):
    field_class = ModelChoiceField


class ModelMultipleChoiceFilter(django_filters.ModelMultipleChoiceFilter):
    field_class = ModelMultipleChoiceField


class FilterSet(django_filters.FilterSet):
    """django-filter's FilterSet, made for each request at a fraction of its cost.

    The stock one deep-copies its filters with the querysets they hold, then makes a new form
    class, whose fields the form deep-copies again: about 0.7 ms of every list, feed, export
    and API page, more than the query it leads to. Here each filter is copied with its own
    options and parent, and the form class is made once per process, its fields copied for each
    form by FieldsCopiedLightly. So a filter's choices must not depend on the request.
    """

    def __init__(self, data=None, queryset=None, *, request=None, prefix=None):
        # BaseFilterSet.__init__, but for the deep copy of the filters.
        if queryset is None:
            queryset = self._meta.model._default_manager.all()
        self.is_bound = data is not None
        self.data = data or QueryDict()
        self.queryset = queryset
        self.request = request
        self.form_prefix = prefix
        self.filters = {name: self._copy(filter_) for name, filter_ in self.base_filters.items()}
        for filter_ in self.filters.values():
            filter_.model = queryset.model
            filter_.parent = self

    @staticmethod
    def _copy(filter_):
        copied = _shallow(filter_)
        copied.extra = dict(filter_.extra)  # a filter writes its queryset into it
        copied.__dict__.pop("_field", None)
        if filter_.method is not None:
            copied.method = filter_.method  # a FilterMethod that finds this copy's parent
        return copied

    def get_form_class(self):
        form_class = type(self).__dict__.get("_form_class")
        if form_class is None:
            if any(callable(f.extra.get("queryset")) for f in self.base_filters.values()):
                raise TypeError("A filter's choices depend on the request: no form class is kept.")
            form_class = super().get_form_class()
            form_class.base_fields = FieldsCopiedLightly(form_class.base_fields)
            type(self)._form_class = form_class
        return form_class


class FieldsCopiedLightly(dict):
    """A form's fields, which each form copies (BaseForm deep-copies its base_fields) as
    Field.__deepcopy__ does, but without copy.copy()'s generic path, and with the choices and
    querysets shared: neither is changed in place, and every use of a queryset clones it. Deep
    copies were half of a filter form's time."""

    def __deepcopy__(self, memo):
        return {name: self.copy_of(field, memo) for name, field in self.items()}

    @staticmethod
    def copy_of(field, memo):
        if isinstance(field.widget, forms.MultiWidget):
            return copy.deepcopy(field, memo)
        copied = _shallow(field)
        copied.widget = _shallow(field.widget)
        copied.widget.attrs = dict(field.widget.attrs)
        copied.error_messages = dict(field.error_messages)
        copied.validators = list(field.validators)
        if isinstance(field, forms.ChoiceField):
            copied.widget.choices = copied.choices  # a ModelChoiceField's, read through the copy
        return copied


def _shallow(instance):
    copied = object.__new__(type(instance))
    copied.__dict__.update(instance.__dict__)
    return copied


def stance_choices():
    return [
        (value, value)
        for value in Stance.objects.order_by("value").values_list("value", flat=True).distinct()
    ]


class QuoteFilter(FilterSet):
    # A record only drafts name is not public: filtering by it is refused as if it did not exist.
    nation = ModelMultipleChoiceFilter(
        method="filter_nations",
        to_field_name="code",
        queryset=with_published_quotes(Nation.objects.all()),
        label="Nation",
    )
    speaker = django_filters.ModelChoiceFilter(
        field_name="speaker",
        to_field_name="slug",
        queryset=with_published_quotes(Speaker.objects.all()),
        widget=forms.TextInput,  # too many rows for a dropdown
        label="Speaker",
    )
    outlet = django_filters.ModelChoiceFilter(
        field_name="source__outlet",
        to_field_name="slug",
        queryset=with_published_quotes(Outlet.objects.all()),
        widget=forms.TextInput,  # too many rows for a dropdown
        label="Outlet",
    )
    source = django_filters.ModelChoiceFilter(
        field_name="source",
        to_field_name="key",
        queryset=with_published_quotes(Source.objects.all()),
        widget=forms.TextInput,  # too many rows for a dropdown
        label="Source",
    )
    topic = ModelChoiceFilter(
        field_name="stance__topic",
        to_field_name="slug",
        queryset=Topic.objects.all(),
        empty_label="Any topic",
        label="Topic",
    )
    stance = django_filters.ChoiceFilter(
        field_name="stance__value",
        choices=stance_choices,
        empty_label="Any stance",
        label="Stance",
        widget=KeptSelect,
    )
    kind = django_filters.ChoiceFilter(
        choices=Quote.Kind.choices, empty_label="Any kind", label="Kind", widget=FixedSelect
    )
    lang = django_filters.ChoiceFilter(
        field_name="language",
        choices=Language.choices,
        empty_label="Any language",
        label="Language",
        widget=FixedSelect,
    )
    said_after = django_filters.DateFilter(
        field_name="said_on",
        lookup_expr="gte",
        label="Said on or after",
        widget=DateInput,
    )
    said_before = django_filters.DateFilter(
        field_name="said_on",
        lookup_expr="lte",
        label="Said on or before",
        widget=DateInput,
    )
    q = django_filters.CharFilter(
        method="search_words",
        label="Words",
        max_length=MAX_SEARCH_LENGTH,
        widget=forms.TextInput(attrs={"type": "search"}),
    )
    sort = django_filters.ChoiceFilter(
        method="sort_quotes",
        choices=[
            ("newest", "Newest first"),
            ("oldest", "Oldest first"),
            ("relevance", "Most relevant"),
        ],
        empty_label=None,
        label="Order",
        widget=FixedSelect,
    )

    class Meta:
        model = Quote
        fields = []

    def filter_nations(self, queryset, name, value):
        # No nation chosen is an empty queryset: asking it whether it holds a row compiled it
        # for nothing (0.7 ms). The nations chosen are read here, so that the list's queries
        # hold their ids, not a subquery the planner would guess at.
        if isinstance(value, QuerySet) and value.query.is_empty():
            return queryset
        return queryset.filter(nation__in=value) if value else queryset

    def search_words(self, queryset, name, value):
        return queryset.search(value) if value.strip() else queryset

    def sort_quotes(self, queryset, name, value):
        # Applied after every other filter (django-filter runs them in declared order).
        if value == "oldest":
            return queryset.order_by("said_on", "id")
        if value == "relevance" and self.form.cleaned_data.get("q", "").strip():
            return queryset.by_relevance()
        return queryset.order_by("-said_on", "-id")

    def chips(self):
        """The active filters, each with the address of this view without it."""
        if not self.is_bound or not self.is_valid():
            return []
        chips = []
        for name, value in self.form.cleaned_data.items():
            if (
                name in ("sort",)
                or value in (None, "", [])
                or (not hasattr(value, "__len__") and not value)
            ):
                continue
            values = list(value) if name == "nation" else [value]
            for item in values:
                remaining = self.data.copy()
                remaining.pop("page", None)
                if name == "nation":
                    remaining.setlist(
                        "nation",
                        [code for code in self.data.getlist("nation") if code != item.code],
                    )
                else:
                    remaining.pop(name, None)
                chips.append(
                    {
                        "label": self.filters[name].label,
                        "value": self._display(name, item),
                        "remove_query": remaining.urlencode(),
                    }
                )
        return chips

    def _display(self, name, value):
        field = self.form.fields[name]
        if hasattr(field, "choices") and not hasattr(value, "pk"):
            return dict(field.choices).get(value, value)
        return value

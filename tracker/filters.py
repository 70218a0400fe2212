"""The one place that reads query parameters: /quotes/, its feed, its CSV and the API share it.

The parameter names and values are a public contract (docs/product.md): a shared URL keeps
meaning the same view.
"""

import datetime
import functools
import re

import django_filters
from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.http import QueryDict
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django_filters import fields as filter_fields

from tracker import aggregates, caching, languages
from tracker.models import (
    Alias,
    Event,
    Nation,
    Outlet,
    Quote,
    Source,
    Speaker,
    Stance,
    Topic,
    normalize_key,
    with_published_quotes,
)
from tracker.pagination import cached_count_or_estimate

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


class ChoicesInOneQuery(filter_fields.ModelChoiceIterator):
    """A select's records read with one plain SELECT (ModelChoiceField.iterator, as Django's
    forms documentation describes it).

    Django's ModelChoiceIterator reads them with QuerySet.iterator(), which on PostgreSQL opens
    a server-side cursor (DECLARE, FETCH, CLOSE): three round trips for a few dozen nations.
    """

    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        if self.field.null_label is not None:
            yield (self.field.null_value, self.field.null_label)
        for record in self.queryset.all():
            yield self.choice(record)


class ModelChoiceField(filter_fields.ModelChoiceField):
    iterator = ChoicesInOneQuery


class ModelMultipleChoiceField(filter_fields.ModelMultipleChoiceField):
    iterator = ChoicesInOneQuery


# For the filters shown as selects; a text box never reads its filter's choices.
class ModelChoiceFilter(django_filters.ModelChoiceFilter):
    field_class = ModelChoiceField


class ModelMultipleChoiceFilter(django_filters.ModelMultipleChoiceFilter):
    field_class = ModelMultipleChoiceField


SUGGESTIONS_SHOWN = 500  # names offered in each box's list; any other is still accepted typed


class ChoiceByName(filter_fields.ModelChoiceField):
    """A record chosen by what a reader types: its slug or key, as before; its name; one of its
    aliases; or words of its name that name it alone ("Starmer" is Keir Starmer). Words that
    name several records are refused with the choices listed, so that nothing is guessed."""

    def __init__(self, *args, name_field="name", alias_field=None, read_key=str, **kwargs):
        self.name_field, self.alias_field, self.read_key = name_field, alias_field, read_key
        super().__init__(*args, **kwargs)

    def to_python(self, value):
        if value in self.empty_values:
            return None
        typed = " ".join(str(value).split())
        if len(typed) > MAX_SEARCH_LENGTH:
            raise ValidationError(_("Too long for a name: type a shorter one."), code="too_long")
        try:
            return super().to_python(self.read_key(typed))
        except ValidationError:
            pass
        named, near = self.records_named(typed)
        if len(named) == 1:
            return named[0]
        words = {"noun": self.label.lower(), "typed": typed}
        if named:
            choices = "; ".join(f"{record} ({self.prepare_value(record)})" for record in named)
            raise ValidationError(
                gettext(
                    "“%(typed)s” names more than one %(noun)s: %(choices)s. Type the full name of one."
                )
                % {**words, "choices": choices},
                code="ambiguous",
            )
        message = (
            gettext(
                "No %(noun)s named “%(typed)s” has published statements: check the spelling, or "
                "choose one of the names suggested."
            )
            % words
        )
        if near:
            names = "; ".join(str(record) for record in near)
            message += " " + gettext("Did you mean %(names)s?") % {"names": names}
        raise ValidationError(message, code="invalid_choice")

    def records_named(self, typed):
        """The records `typed` names exactly (the name, or an alias, in any case), else those
        whose name holds it as whole words; and, when none does, the names that contain it."""
        exact = Q(**{f"{self.name_field}__iexact": typed})
        if self.alias_field:
            exact |= Q(**{f"{self.alias_field}__iexact": typed})
        named = list(self.queryset.filter(exact).distinct()[:10])
        if named:
            return named, []
        contains = Q(**{f"{self.name_field}__icontains": typed})
        if self.alias_field:
            contains |= Q(**{f"{self.alias_field}__icontains": typed})
        found = list(self.queryset.filter(contains).distinct()[:20])
        words = re.compile(rf"(?<!\w){re.escape(typed.casefold())}(?!\w)")
        named = [
            record
            for record in found
            if words.search(getattr(record, self.name_field).casefold())
            or typed.casefold() in self.aliases(record)
        ]
        return named, ([] if named else found[:5])

    def aliases(self, record):
        if not self.alias_field:
            return set()
        related, _, field = self.alias_field.partition("__")
        names = getattr(record, related).values_list(field, flat=True)
        return {" ".join(name.split()).casefold() for name in names}


class LanguageField(forms.CharField):
    """A language as a reader types it, by name or ISO 639 code, read against the registry:
    ?lang=da, ?lang=Danish."""

    def to_python(self, value):
        return languages.read(super().to_python(value)[:MAX_SEARCH_LENGTH])


class LanguageFilter(django_filters.CharFilter):
    field_class = LanguageField

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("help_text", "A name or code: French, fr.")
        super().__init__(*args, **kwargs)


class ChoiceByNameFilter(django_filters.ModelChoiceFilter):
    field_class = ChoiceByName

    def __init__(self, *args, suggestions, **kwargs):
        # The box offers the names of its datalist (rendered with the form, no script needed).
        kwargs.setdefault("widget", forms.TextInput(attrs={"list": suggestions}))
        super().__init__(*args, **kwargs)


def stance_choices():
    """Each stance value once, by its label: the labels of every question that uses it, when
    they differ ("Opposed / Against")."""
    labels = {}
    stances = Stance.objects.filter(topic__in=Topic.objects.confirmed())
    for value, label in stances.order_by("position", "value").values_list("value", "label"):
        labels.setdefault(value, [])
        if label not in labels[value]:
            labels[value].append(label)
    return [(value, " / ".join(names)) for value, names in labels.items()]


def canonical(data):
    """The query as the archive writes it: nation codes in lower case. ?nation=GB is ?nation=gb,
    as /nations/GB/ is /nations/gb/. (A source's key is read by its field, ChoiceByName: the
    same box takes a title, which normalize_key() would garble.)"""
    if data is None or "nation" not in data:
        return data
    query = QueryDict(mutable=True)
    for name in data:
        values = data.getlist(name) if hasattr(data, "getlist") else data[name]
        query.setlist(name, [values] if isinstance(values, str) else list(values))
    query.setlist("nation", [code.strip().lower() for code in query.getlist("nation")])
    return query


class QuoteFilter(django_filters.FilterSet):
    # A record only drafts name is not public: filtering by it is refused as if it did not exist.
    nation = ModelMultipleChoiceFilter(
        method="filter_nations",
        to_field_name="code",
        # Nations first, then international organisations.
        queryset=with_published_quotes(Nation.objects.order_by("kind", "name")),
        widget=forms.CheckboxSelectMultiple,  # a list box needs Ctrl-click, and fails on phones
        label=_("Nation or organisation"),
    )
    speaker = ChoiceByNameFilter(
        field_name="speaker",
        to_field_name="slug",
        queryset=with_published_quotes(Speaker.objects.all()),
        alias_field="aliases__name",
        suggestions="speaker-names",
        label=_("Speaker"),
    )
    outlet = ChoiceByNameFilter(
        field_name="source__outlet",
        method="filter_naming",
        to_field_name="slug",
        queryset=with_published_quotes(Outlet.objects.all()),
        suggestions="outlet-names",
        label=_("Outlet"),
    )
    source = ChoiceByNameFilter(
        field_name="source",
        method="filter_naming",
        to_field_name="key",
        queryset=with_published_quotes(Source.objects.all()),
        name_field="title",
        read_key=normalize_key,
        suggestions="source-names",
        label=_("Source"),
    )
    event = ChoiceByNameFilter(
        field_name="event",
        method="filter_naming",
        to_field_name="slug",
        queryset=with_published_quotes(Event.objects.all()),
        suggestions="event-names",
        label=_("Event"),
    )
    topic = ModelChoiceFilter(
        field_name="stance__topic",
        method="filter_topic",
        to_field_name="slug",
        queryset=Topic.objects.confirmed(),
        empty_label=_("Any topic"),
        label=_("Topic"),
    )
    stance = django_filters.ChoiceFilter(
        field_name="stance__value",
        choices=stance_choices,
        empty_label=_("Any stance"),
        label=_("Stance"),
    )
    kind = django_filters.ChoiceFilter(
        choices=Quote.Kind.choices, empty_label=_("Any kind"), label=_("Kind")
    )
    verification = django_filters.ChoiceFilter(
        choices=Quote.Verification.choices,
        empty_label=_("Any verification"),
        label=_("Verification level"),
    )
    lang = LanguageFilter(field_name="language", label=_("Language"))
    # A quote whose possible days overlap the dates chosen is in: “February 2025” is in a
    # filter for 10 to 12 February, its card marked as approximately dated.
    said_after = django_filters.DateFilter(
        method="filter_said_between",
        label=_("Said on or after"),
        widget=DateInput,
    )
    said_before = django_filters.DateFilter(
        method="filter_said_between",
        label=_("Said on or before"),
        widget=DateInput,
    )
    q = django_filters.CharFilter(
        method="search_words",
        label=_("Words"),
        max_length=MAX_SEARCH_LENGTH,
        widget=forms.TextInput(attrs={"type": "search"}),
    )
    sort = django_filters.ChoiceFilter(
        method="sort_quotes",
        choices=[
            ("newest", _("Newest first")),
            ("oldest", _("Oldest first")),
            ("relevance", _("Most relevant")),
        ],
        empty_label=None,
        label=_("Order"),
    )

    class Meta:
        model = Quote
        fields = []

    def __init__(self, data=None, *args, **kwargs):
        super().__init__(canonical(data), *args, **kwargs)
        # The stances are read at most once for each request, however often the form, its
        # validation and the chips ask for them.
        self.filters["stance"].extra["choices"] = functools.cache(stance_choices)

    NAMED = {"speaker": "name", "outlet": "name", "source": "title", "event": "name"}

    def suggestions(self):
        """For each box chosen by name, its datalist: the names of the records with published
        statements (a source by its title), as the form's inputs name them (`list`): of the
        newest records that published statements name themselves, in alphabetical order (any
        other name the box accepts may still be typed)."""
        lists = []
        for name, name_field in self.NAMED.items():
            # Newest first on the primary key, so the query stops at the first few hundred:
            # sorting every distinct title took 1.3 s with 150,000 sources, and looking along
            # every attribution chain 0.2 s more.
            model = self.filters[name].queryset.model
            records = with_published_quotes(model.objects.all(), directly=True).order_by("-pk")
            names = records.values_list(name_field, flat=True)[:SUGGESTIONS_SHOWN]
            lists.append({"id": f"{name}-names", "names": sorted(set(names), key=str.casefold)})
        return lists

    def filter_nations(self, queryset, name, value):
        # The nations chosen, as the form read them, go into the list's queries as ids, not as
        # a subquery the planner would guess at.
        return queryset.filter(nation__in=list(value)) if value else queryset

    def filter_naming(self, queryset, name, value):
        # An outlet, a source or an event anywhere in the quote's attribution chain, not only
        # where we read it: a quote first reported by Reuters is among Reuters' quotes.
        return queryset.naming(value) if value else queryset

    def filter_said_between(self, queryset, name, value):
        if not value:
            return queryset
        if name == "said_after":
            return queryset.said_between(start=value)
        return queryset.said_between(end=value)

    def filter_topic(self, queryset, name, value):
        return queryset.on_topic(value) if value else queryset

    def search_words(self, queryset, name, value):
        return queryset.search(value) if value.strip() else queryset

    def sort_quotes(self, queryset, name, value):
        # Applied after every other filter (django-filter runs them in declared order).
        if value == "oldest":
            return queryset.order_by("said_on", "id")
        if value == "relevance" and self.form.cleaned_data.get("q", "").strip():
            self.matches = queryset
            return queryset.by_relevance()
        return queryset.order_by("-said_on", "-id")

    matches = None  # with relevance ranking, every match, of which the newest are ranked

    def match_count(self):
        """How many quotes match in all: more than relevance ranks, which is the newest only."""
        if self.matches is None:
            return None
        return cached_count_or_estimate(self.matches, depends_on=self.count_depends_on())

    def known_count(self):
        """How many quotes match, where the counts kept as quotes are saved say it exactly: with
        no filter, or one nation alone (tracker/aggregates.py). Else None."""
        chosen = {name for name, value in self.form.cleaned_data.items() if value}
        nations = self.form.cleaned_data.get("nation") or []
        if not chosen - {"sort"}:
            return aggregates.published_count()
        if not chosen - {"sort", "nation"} and len(nations) == 1:
            return aggregates.published_count(nations[0])
        return None

    def count_depends_on(self):
        """What a count of this view depends on (tracker/caching.py): the quotes of the nations,
        the speaker or the topic chosen, which hold every quote it can count, and the records
        beside them when those decide what matches."""
        data = self.form.cleaned_data
        if data.get("nation"):
            scopes = [caching.scope_of(nation) for nation in data["nation"]]
        elif data.get("speaker") or data.get("topic"):
            scopes = [caching.scope_of(data.get("speaker") or data["topic"])]
        else:
            scopes = [caching.ALL_QUOTES]
        # A search matches names, and an outlet, a source or an event may be named in a chain:
        # both change with the records beside the quotes.
        names = data.get("q", "").strip() or any(map(data.get, ("outlet", "source", "event")))
        return scopes + ([caching.RECORDS] if names else [])

    def chips(self):
        """The active filters, each with the URL's query string without it."""
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
                        "value": self.display(name, item),
                        "remove_query": remaining.urlencode(),
                    }
                )
        return chips

    def describe(self):
        """The active filters in words, for a title: "Nation: Germany, Stance: Opposed". Words
        typed with control characters lose them: no XML (a feed's title) may hold them."""
        described = ", ".join(f"{chip['label']}: {chip['value']}" for chip in self.chips())
        return "".join(char for char in described if char.isprintable())

    def display(self, name, value):
        field = self.form.fields[name]
        if hasattr(field, "choices") and not hasattr(value, "pk"):
            return dict(field.choices).get(value, value)
        return value


class RecordFilter(django_filters.FilterSet):
    """The name filter of an index page (/people/?name=scholz): the words as typed, found in any
    of the record's NAME_FIELDS, in any case."""

    name = django_filters.CharFilter(
        method="filter_name", label=_("Name contains"), max_length=MAX_SEARCH_LENGTH
    )

    NAME_FIELDS = ("name",)  # as it stands, the outlets' filter

    def filter_name(self, queryset, name, value):
        condition = Q()
        for field in self.NAME_FIELDS:
            condition |= Q(**{f"{field}__icontains": value.strip()})
        return queryset.filter(condition) if value.strip() else queryset


class SpeakerFilter(RecordFilter):
    def filter_name(self, queryset, name, value):
        # An alias (a transliteration, a misspelling met in a source) finds the speaker too.
        typed = value.strip()
        if not typed:
            return queryset
        aliased = Alias.objects.filter(name__icontains=typed).values("speaker")
        return queryset.filter(Q(name__icontains=typed) | Q(pk__in=aliased))


class NationFilter(RecordFilter):
    NAME_FIELDS = ("name", "code")


class SourceFilter(RecordFilter):
    NAME_FIELDS = ("title", "outlet__name")
    name = django_filters.CharFilter(
        method="filter_name", label=_("Title or outlet contains"), max_length=MAX_SEARCH_LENGTH
    )


class TopicFilter(RecordFilter):
    NAME_FIELDS = ("name", "question")


class EventFilter(RecordFilter):
    NAME_FIELDS = ("name", "place")

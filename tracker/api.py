"""The read-only public JSON API: the published archive, the pages' filters, an OpenAPI description.

/api/quotes/ takes exactly the parameters of /quotes/ (QuoteFilter) and pages with a cursor in
the order they ask for. Drafts never appear; a retracted quote's address answers 410 with why.
"""

import hashlib
import json
from functools import cached_property
from types import SimpleNamespace

from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import models
from django.db.models import F, FloatField, Prefetch, Q
from django.db.models.expressions import OrderBy
from django.db.models.functions import Cast
from django.shortcuts import get_object_or_404
from django.urls import path, reverse
from django.utils.http import urlencode
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.renderers import (
    OpenApiJsonRenderer,
    OpenApiJsonRenderer2,
    OpenApiYamlRenderer,
    OpenApiYamlRenderer2,
)
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema, extend_schema_field
from drf_spectacular.views import SpectacularAPIView
from rest_framework import generics, serializers, status
from rest_framework.exceptions import APIException, NotFound
from rest_framework.negotiation import DefaultContentNegotiation
from rest_framework.pagination import Cursor, CursorPagination
from rest_framework.response import Response
from rest_framework.views import APIView

from tracker.filters import QuoteFilter
from tracker.middleware import kept_by_revisions
from tracker.models import (
    Correction,
    Figure,
    Nation,
    Outlet,
    Quote,
    Role,
    Source,
    Speaker,
    Stance,
    Topic,
    figures_version,
    normalize_key,
    with_published_quotes,
)
from tracker.pagination import rows_in_order

app_name = "api"

PAGE_SIZE = 25


def absolute(request, address):
    return request.build_absolute_uri(address)


# Errors, so that the OpenAPI description says what a client gets back when it is wrong.


class BadFilters(APIException):
    status_code = status.HTTP_400_BAD_REQUEST
    default_code = "bad_filters"

    def __init__(self, errors):
        names = ", ".join(errors)
        super().__init__(
            {"detail": f"Some filters could not be read: {names}.", "errors": dict(errors)}
        )


class BadCursor(APIException):
    status_code = status.HTTP_400_BAD_REQUEST
    default_code = "bad_cursor"

    def __init__(self):
        super().__init__(
            {
                "detail": "The cursor could not be read: follow the next and previous links.",
                "errors": {"cursor": ["This cursor was not given out by this API."]},
            }
        )


class ErrorSerializer(serializers.Serializer):
    detail = serializers.CharField()


class BadFiltersSerializer(ErrorSerializer):
    errors = serializers.DictField(
        child=serializers.ListField(child=serializers.CharField()),
        help_text="Each parameter that could not be read, with what was wrong with it.",
    )


class RetractionSerializer(ErrorSerializer):
    key = serializers.CharField()
    permalink = serializers.URLField()
    speaker = serializers.CharField(help_text="Who the retracted words were attributed to.")
    said_on_display = serializers.CharField()
    text = serializers.CharField(help_text="The words that were retracted.")
    retracted_at = serializers.DateTimeField()
    reason = serializers.CharField(help_text="Why the editors retracted it.")
    replaced_by = serializers.URLField(
        allow_null=True, help_text="The permalink of the quote that replaces it, if any."
    )


# The filters and the pages.


class QuoteFilterBackend(DjangoFilterBackend):
    """QuoteFilter, as on the pages; a value it cannot read is a 400 that names the parameter."""

    def filter_queryset(self, request, queryset, view):
        quote_filter = self.get_filterset(request, queryset, view)
        if not quote_filter.is_valid():
            raise BadFilters(quote_filter.errors)
        return quote_filter.qs


def _ordering(queryset):
    """The queryset's ordering as field names ("-said_on"), from order_by() or Meta.ordering."""
    names = []
    for item in queryset.query.order_by or queryset.model._meta.ordering:
        if isinstance(item, OrderBy) and isinstance(item.expression, F):
            item = ("-" if item.descending else "") + item.expression.name
        if not isinstance(item, str):
            raise TypeError(f"A cursor cannot follow the ordering {item!r}.")
        names.append(item)
    if names[-1].lstrip("-") not in ("id", "pk"):
        raise TypeError("A cursor needs an ordering that ends with the unique id.")
    return tuple(names)


def _reversed(ordering):
    return tuple(name[1:] if name.startswith("-") else f"-{name}" for name in ordering)


def _beyond(ordering, values):
    """Rows after the one whose ordering fields hold `values`, in that ordering."""
    condition = Q()
    for index, name in enumerate(ordering):
        lookup = "lt" if name.startswith("-") else "gt"
        same = {
            earlier.lstrip("-"): value
            for earlier, value in zip(ordering[:index], values[:index], strict=True)
        }
        condition |= Q(**same, **{f"{name.lstrip('-')}__{lookup}": values[index]})
    return condition


class KeysetCursorPagination(CursorPagination):
    """Cursor pages in the queryset's own order: newest, oldest or most relevant first.

    The cursor holds the ordering values of the row at the page's edge (said_on and id, or
    rank, said_on and id), and every ordering ends with the unique id, so following `next`
    never repeats or skips a row, however many rows share a date or a rank. (DRF's stock
    cursor keeps only the first field and counts past equal values, up to 1,000 of them.)
    """

    page_size = PAGE_SIZE

    def paginate_queryset(self, queryset, request, view=None):
        ordered = self.ordered(queryset, request)
        if ordered is None:
            return self.paged([], has_more=False)
        rows = list(ordered[: self.page_size + 1])
        return self.paged(rows[: self.page_size], has_more=len(rows) > self.page_size)

    def ordered(self, queryset, request):
        """The queryset in the page's order, from the cursor on; None for words that search
        nothing (no rank to order by)."""
        self.request = request
        self.cursor = self.decode_cursor(request)
        if queryset.query.is_empty():
            return None
        self.ordering = _ordering(queryset)
        ordering = _reversed(self.ordering) if self.backwards else self.ordering
        queryset = queryset.order_by(*ordering)
        if exact := self._exact_values(queryset):
            queryset = queryset.annotate(**exact)
        if self.cursor:
            queryset = queryset.filter(_beyond(ordering, self._position(queryset)))
        return queryset

    @cached_property
    def base_url(self):
        # Only for the links of a page drawn, not one kept.
        return self.request.build_absolute_uri()

    @property
    def backwards(self):
        return bool(self.cursor and self.cursor.reverse)

    def paged(self, rows, *, has_more):
        """The page of these rows, read in the order asked for, with or without more after."""
        self.page = rows
        if self.backwards:
            self.page.reverse()
            self.has_next, self.has_previous = bool(self.page), has_more
        else:
            self.has_next, self.has_previous = has_more, self.cursor is not None
        return self.page

    def decode_cursor(self, request):
        try:
            cursor = super().decode_cursor(request)
        except NotFound:
            raise BadCursor() from None
        if cursor is not None and (cursor.offset or cursor.position is None):
            raise BadCursor()
        return cursor

    def _position(self, queryset):
        """The cursor's values, each checked by its field, so a forged cursor is a 400."""
        try:
            values = json.loads(self.cursor.position)
            if not isinstance(values, list) or len(values) != len(self.ordering):
                raise ValueError
            values = [
                self._field(queryset, name.lstrip("-")).clean(value, None)
                for name, value in zip(self.ordering, values, strict=True)
            ]
            if any(isinstance(value, str) and "\x00" in value for value in values):
                raise ValueError  # PostgreSQL text cannot hold a NUL
            return values
        except (ValueError, TypeError, OverflowError, DjangoValidationError):
            raise BadCursor() from None

    @staticmethod
    def _field(queryset, name):
        if name in queryset.query.annotations:
            return queryset.query.annotations[name].output_field
        return queryset.model._meta.get_field(name)

    def _exact_values(self, queryset):
        # PostgreSQL's search rank is a 4-byte real, and its text form reads back as a
        # slightly different 8-byte float, which would compare unequal to itself. The cursor
        # holds the rank widened to 8 bytes by the database, which compares exactly.
        return {
            f"cursor_{name}": Cast(name, FloatField())
            for name in (name.lstrip("-") for name in self.ordering)
            if name in queryset.query.annotations
        }

    def _link(self, row, *, backwards):
        values = [
            getattr(row, f"cursor_{name}", getattr(row, name))
            for name in (name.lstrip("-") for name in self.ordering)
        ]
        position = json.dumps(values, default=str)
        return self.encode_cursor(Cursor(offset=0, reverse=backwards, position=position))

    def get_paginated_response_schema(self, schema):
        link = {"type": ["string", "null"], "format": "uri"}
        return {
            "type": "object",
            "required": ["next", "previous", "results"],
            "properties": {
                "next": {**link, "description": "The following page; null on the last."},
                "previous": {**link, "description": "The page before; null on the first."},
                "results": schema,
            },
        }

    def get_next_link(self):
        return self._link(self.page[-1], backwards=False) if self.has_next and self.page else None

    def get_previous_link(self):
        if self.has_previous and self.page:
            return self._link(self.page[0], backwards=True)
        return None


# Serializers: plain fields read from rows loaded with select_related, no query of their own.


class RecordSerializer(serializers.ModelSerializer):
    # Read only: every field is in every answer, and the OpenAPI description says so.
    # An address may be empty when unknown: a plain string, not a URI that may be "".
    serializer_field_mapping = {
        **serializers.ModelSerializer.serializer_field_mapping,
        models.URLField: serializers.CharField,
    }

    def get_fields(self):
        fields = super().get_fields()
        for field in fields.values():
            field.read_only = True
        return fields


class Addresses:
    """Absolute addresses of public pages: reverse() once per URL name and answer, not per row."""

    PLACEHOLDER = "-placeholder-"  # matches every converter the public addresses use

    def __init__(self, request):
        self.base = request.build_absolute_uri("/")[:-1]
        self.templates = {}

    def __call__(self, url_name, value):
        if url_name not in self.templates:
            self.templates[url_name] = self.base + reverse(url_name, args=[self.PLACEHOLDER])
        return self.templates[url_name].replace(self.PLACEHOLDER, value)

    @classmethod
    def of(cls, context):
        """The addresses of one answer, shared by its serializers through their context."""
        if "addresses" not in context:
            context["addresses"] = cls(context["request"])
        return context["addresses"]


@extend_schema_field(OpenApiTypes.URI)
class PageField(serializers.Field):
    """The absolute address of a record's public page on this site."""

    def __init__(self, url_name, attribute, **kwargs):
        self.url_name, self.attribute = url_name, attribute
        super().__init__(source="*", read_only=True, **kwargs)

    def to_representation(self, record):
        return Addresses.of(self.context)(self.url_name, getattr(record, self.attribute))


class NationRefSerializer(RecordSerializer):
    class Meta:
        model = Nation
        fields = ["code", "name"]


class SpeakerRefSerializer(RecordSerializer):
    page = PageField("speaker_detail", "slug")

    class Meta:
        model = Speaker
        fields = ["slug", "name", "page"]


class OutletSerializer(RecordSerializer):
    class Meta:
        model = Outlet
        fields = ["slug", "name", "home_url"]


class SourceRefSerializer(RecordSerializer):
    outlet = OutletSerializer()
    page = PageField("source_detail", "key")

    class Meta:
        model = Source
        fields = ["key", "title", "outlet", "url", "page"]


class StanceRefSerializer(RecordSerializer):
    class Meta:
        model = Stance
        fields = ["value", "label"]


class FigureSerializer(RecordSerializer):
    class Meta:
        model = Figure
        fields = ["qualifier", "amount", "unit", "period"]


class CorrectionSerializer(RecordSerializer):
    class Meta:
        model = Correction
        fields = ["version", "corrected_at", "changed", "note"]


class QuoteSerializer(RecordSerializer):
    """A quote with everything a citer needs to cite it, its records nested."""

    permalink = PageField("quote_detail", "key")
    said_on_display = serializers.CharField(read_only=True)
    speaker = SpeakerRefSerializer()
    role = serializers.CharField(
        source="role.title", allow_null=True, help_text="The role held when it was said."
    )
    nation = NationRefSerializer(allow_null=True)
    topic = serializers.SlugField(source="stance.topic.slug")
    stance = StanceRefSerializer()
    source = SourceRefSerializer()
    first_reported_in = SourceRefSerializer(allow_null=True)
    figures = FigureSerializer(many=True)
    corrections = CorrectionSerializer(many=True, help_text="Oldest first.")

    class Meta:
        model = Quote
        fields = [
            "key",
            "permalink",
            "text",
            "translation",
            "language",
            "kind",
            "said_on",
            "said_on_precision",
            "said_on_display",
            "speaker",
            "role",
            "nation",
            "topic",
            "stance",
            "source",
            "first_reported_in",
            "context",
            "figures",
            "published_at",
            "corrections",
        ]

    def to_representation(self, quote):
        # The busiest answer, written straight from the row: DRF's field-by-field path through
        # the nested serializers took about 0.7 ms a quote, this takes about 0.1 ms. The fields
        # above still make the OpenAPI description, and the tests check every answer against it.
        url = Addresses.of(self.context)
        source, first, nation = quote.source, quote.first_reported_in, quote.nation
        return {
            "key": quote.key,
            "permalink": url("quote_detail", quote.key),
            "text": quote.text,
            "translation": quote.translation,
            "language": quote.language,
            "kind": quote.kind,
            "said_on": quote.said_on.isoformat(),
            "said_on_precision": quote.said_on_precision,
            "said_on_display": quote.said_on_display,
            "speaker": {
                "slug": quote.speaker.slug,
                "name": quote.speaker.name,
                "page": url("speaker_detail", quote.speaker.slug),
            },
            "role": quote.role.title if quote.role else None,
            "nation": {"code": nation.code, "name": nation.name} if nation else None,
            "topic": quote.stance.topic.slug,
            "stance": {"value": quote.stance.value, "label": quote.stance.label},
            "source": source_ref(source, url),
            "first_reported_in": source_ref(first, url) if first else None,
            "context": quote.context,
            "figures": [
                {
                    "qualifier": figure.qualifier,
                    "amount": f"{figure.amount:.2f}",
                    "unit": figure.unit,
                    "period": figure.period,
                }
                for figure in quote.listed_figures
            ],
            "published_at": timestamp(quote.published_at),
            "corrections": [
                {
                    "version": correction.version,
                    "corrected_at": timestamp(correction.corrected_at),
                    "changed": correction.changed,
                    "note": correction.note,
                }
                for correction in quote.listed_corrections
            ],
        }


_timestamp = serializers.DateTimeField()


def timestamp(value):
    return None if value is None else _timestamp.to_representation(value)


def source_ref(source, url):
    outlet = source.outlet
    return {
        "key": source.key,
        "title": source.title,
        "outlet": {"slug": outlet.slug, "name": outlet.name, "home_url": outlet.home_url},
        "url": source.url,
        "page": url("source_detail", source.key),
    }


class RoleSerializer(RecordSerializer):
    nation = NationRefSerializer(allow_null=True)

    class Meta:
        model = Role
        fields = ["title", "nation", "started_on", "ended_on"]


class StanceChangeSerializer(serializers.Serializer):
    said_on = serializers.DateField()
    topic = serializers.CharField()
    stance = serializers.CharField(source="label")
    key = serializers.CharField(help_text="The quote that took the new stance.")
    permalink = serializers.SerializerMethodField()

    @extend_schema_field(OpenApiTypes.URI)
    def get_permalink(self, change):
        return Addresses.of(self.context)("quote_detail", change["key"])


@extend_schema_field(OpenApiTypes.URI)
class QuotesLinkField(serializers.Field):
    """The address of this record's published quotes in the API: /api/quotes/?<filter>=<value>."""

    def __init__(self, parameter, attribute, **kwargs):
        self.parameter, self.attribute = parameter, attribute
        super().__init__(source="*", read_only=True, **kwargs)

    def to_representation(self, record):
        query = urlencode({self.parameter: getattr(record, self.attribute)})
        return absolute(self.context["request"], f"{reverse('api:quote_list')}?{query}")


class SpeakerSerializer(RecordSerializer):
    nation = NationRefSerializer(allow_null=True)
    page = PageField("speaker_detail", "slug")
    quotes = QuotesLinkField("speaker", "slug")

    class Meta:
        model = Speaker
        fields = ["slug", "name", "kind", "description", "nation", "page", "quotes"]


class SpeakerDetailSerializer(SpeakerSerializer):
    roles = RoleSerializer(many=True)
    stance_changes = StanceChangeSerializer(many=True, help_text="Oldest first.")

    class Meta(SpeakerSerializer.Meta):
        fields = [*SpeakerSerializer.Meta.fields, "roles", "stance_changes"]


class NationSerializer(RecordSerializer):
    page = PageField("nation_detail", "code")
    quotes = QuotesLinkField("nation", "code")

    class Meta:
        model = Nation
        fields = ["code", "name", "is_eu_member", "is_nato_member", "page", "quotes"]


class NationDetailSerializer(NationSerializer):
    stance_changes = StanceChangeSerializer(many=True, help_text="Oldest first.")

    class Meta(NationSerializer.Meta):
        fields = [*NationSerializer.Meta.fields, "stance_changes"]


class SourceSerializer(RecordSerializer):
    outlet = OutletSerializer()
    authors = serializers.ListField(child=serializers.CharField(), source="author_list")
    page = PageField("source_detail", "key")
    quotes = QuotesLinkField("source", "key")

    class Meta:
        model = Source
        fields = [
            "key",
            "title",
            "is_title_supplied",
            "kind",
            "outlet",
            "authors",
            "url",
            "archived_url",
            "language",
            "published_on",
            "accessed_on",
            "page",
            "quotes",
        ]


class StanceSerializer(RecordSerializer):
    class Meta:
        model = Stance
        fields = ["value", "label", "description", "position"]


class TopicSerializer(RecordSerializer):
    stances = StanceSerializer(many=True, help_text="From most willing to most opposed.")
    page = PageField("topic_detail", "slug")
    quotes = QuotesLinkField("topic", "slug")

    class Meta:
        model = Topic
        fields = ["slug", "name", "question", "description", "stances", "page", "quotes"]


class IndexSerializer(serializers.Serializer):
    quotes = serializers.URLField()
    speakers = serializers.URLField()
    nations = serializers.URLField()
    topics = serializers.URLField()
    schema = serializers.URLField(help_text="This API's OpenAPI 3 description.")


# Views: each one QuerySet chain.


class Index(APIView):
    """Where to start: the lists, and this API's OpenAPI description."""

    @extend_schema(responses=IndexSerializer)
    def get(self, request):
        names = {
            "quotes": "quote_list",
            "speakers": "speaker_list",
            "nations": "nation_list",
            "topics": "topic_list",
            "schema": "schema",
        }
        return Response(
            {
                name: absolute(request, reverse(f"api:{url_name}"))
                for name, url_name in names.items()
            }
        )


def with_figures_and_corrections(quotes):
    # Loaded into lists (to_attr): no related manager and queryset made for every quote.
    return quotes.for_listing().prefetch_related(
        Prefetch("figures", queryset=Figure.objects.order_by("id"), to_attr="listed_figures"),
        Prefetch(
            "corrections",
            queryset=Correction.objects.order_by("version"),
            to_attr="listed_corrections",
        ),
    )


@extend_schema(responses={200: QuoteSerializer(many=True), 400: BadFiltersSerializer})
class QuoteList(generics.ListAPIView):
    """Published quotes, filtered by the parameters of /quotes/, in cursor pages.

    `sort=newest` (the default) and `sort=oldest` order by the date said; `sort=relevance`
    with `q` orders by how well the words match. Follow `next` for the following page.
    """

    serializer_class = QuoteSerializer
    filter_backends = [QuoteFilterBackend]
    filterset_class = QuoteFilter
    pagination_class = KeysetCursorPagination

    def get_queryset(self):
        return with_figures_and_corrections(Quote.objects.published())

    def list(self, request, *args, **kwargs):
        """A page kept for readers under which quotes it shows, at which revisions (with the
        one after it, which decides whether there is a next page): a publication elsewhere
        does not make it written again (kept_by_revisions)."""
        pages = self.paginator
        # The rows' related records are chosen only for a page not kept (answer()).
        ordered = pages.ordered(self.filter_queryset(Quote.objects.published()), request)
        shown = (
            [] if ordered is None else list(ordered.values_list("pk", "revision")[: PAGE_SIZE + 1])
        )

        def answer():
            ids = [pk for pk, _ in shown]
            shows = with_figures_and_corrections(ordered) if ids else None
            rows = rows_in_order(shows, ids[: pages.page_size]) if ids else []
            pages.paged(rows, has_more=len(ids) > pages.page_size)
            page = pages.get_paginated_response(self.get_serializer(pages.page, many=True).data)
            # Rendered here, so that it can be kept.
            return self.finalize_response(request, page, *args, **kwargs).render()

        return kept_by_revisions(
            request._request,
            "api-quotes:" + hashlib.sha256(repr(shown).encode()).hexdigest(),
            answer,
            also=[figures_version()],
        )


@extend_schema(responses={200: QuoteSerializer, 404: ErrorSerializer, 410: RetractionSerializer})
class QuoteDetail(generics.RetrieveAPIView):
    """One published quote by its permalink key, in any case. A retracted quote answers 410."""

    serializer_class = QuoteSerializer

    def get_object(self):
        # What a permalink shows the public: published quotes, and retracted ones to say so.
        quotes = Quote.objects.for_permalink(AnonymousUser())
        return get_object_or_404(
            with_figures_and_corrections(quotes), key=normalize_key(self.kwargs["key"])
        )

    def retrieve(self, request, *args, **kwargs):
        quote = self.get_object()
        if quote.status == Quote.Status.RETRACTED:
            return Response(self.retraction(quote), status=status.HTTP_410_GONE)
        return Response(self.get_serializer(quote).data)

    def retraction(self, quote):
        replacement = quote.replaced_by
        notice = {
            "detail": "This quote was retracted.",
            "key": quote.key,
            "permalink": absolute(self.request, quote.get_absolute_url()),
            "speaker": quote.speaker.name,
            "said_on_display": quote.said_on_display,
            "text": quote.text,
            "retracted_at": quote.retracted_at,
            "reason": quote.retraction_reason,
            "replaced_by": (
                absolute(self.request, replacement.get_absolute_url())
                if replacement and replacement.is_public
                else None
            ),
        }
        return RetractionSerializer(notice).data


@extend_schema(responses={200: SpeakerSerializer(many=True), 400: BadFiltersSerializer})
class SpeakerList(generics.ListAPIView):
    """Speakers with at least one published quote, by name, in cursor pages."""

    serializer_class = SpeakerSerializer
    pagination_class = KeysetCursorPagination

    def get_queryset(self):
        speakers = Speaker.objects.select_related("nation").order_by("name", "id")
        return with_published_quotes(speakers)


@extend_schema(responses={200: SpeakerDetailSerializer, 404: ErrorSerializer})
class SpeakerDetail(generics.RetrieveAPIView):
    """One speaker, the roles they held, and the dates their stance changed."""

    serializer_class = SpeakerDetailSerializer

    def get_object(self):
        return get_object_or_404(
            with_published_quotes(Speaker.objects.select_related("nation")).prefetch_related(
                Prefetch("roles", queryset=Role.objects.select_related("nation"))
            ),
            slug=self.kwargs["slug"],
        )


class NationList(generics.ListAPIView):
    """Nations with at least one published quote, by name."""

    serializer_class = NationSerializer
    pagination_class = None

    def get_queryset(self):
        return with_published_quotes(Nation.objects.order_by("name"))


@extend_schema(responses={200: NationDetailSerializer, 404: ErrorSerializer})
class NationDetail(generics.RetrieveAPIView):
    """One nation by its ISO code, and the dates its stance changed."""

    serializer_class = NationDetailSerializer

    def get_object(self):
        return get_object_or_404(
            with_published_quotes(Nation.objects.all()), code=self.kwargs["code"].lower()
        )


@extend_schema(responses={200: SourceSerializer, 404: ErrorSerializer})
class SourceDetail(generics.RetrieveAPIView):
    """One source, the published item we read quotes in, by its key in any case."""

    serializer_class = SourceSerializer

    def get_object(self):
        return get_object_or_404(
            with_published_quotes(Source.objects.select_related("outlet")),
            key=normalize_key(self.kwargs["key"]),
        )


def topics():
    return Topic.objects.prefetch_related("stances").order_by("name")


class TopicList(generics.ListAPIView):
    """The questions the archive follows, with the stances a quote can take on each."""

    serializer_class = TopicSerializer
    pagination_class = None

    def get_queryset(self):
        return with_published_quotes(topics())


@extend_schema(responses={200: TopicSerializer, 404: ErrorSerializer})
class TopicDetail(generics.RetrieveAPIView):
    """One question the archive follows, with its stances."""

    serializer_class = TopicSerializer
    queryset = topics()
    lookup_field = "slug"


class FormatParameter(DefaultContentNegotiation):
    """Reads ?format=, which the rest of the API ignores (URL_FORMAT_OVERRIDE is off)."""

    settings = SimpleNamespace(URL_FORMAT_OVERRIDE="format")


class Description(SpectacularAPIView):
    """This API's OpenAPI 3 description: JSON, or YAML with ?format=yaml."""

    content_negotiation_class = FormatParameter

    # JSON first: the language of the rest of the API, and ten times quicker to write than YAML.
    renderer_classes = [
        OpenApiJsonRenderer2,
        OpenApiJsonRenderer,
        OpenApiYamlRenderer,
        OpenApiYamlRenderer2,
    ]
    # Made once per process: it changes only with the code, and takes ~100 ms to make.
    made = None

    def _get_schema_response(self, request):
        if Description.made is None:
            Description.made = super()._get_schema_response(request)
        response = Description.made
        return Response(
            response.data, headers={"Content-Disposition": response["Content-Disposition"]}
        )


# Record addresses take any text (<str:>), so that one naming nothing is the API's own JSON 404,
# as the description says, not the site's HTML one.
urlpatterns = [
    path("", Index.as_view(), name="index"),
    path("quotes/", QuoteList.as_view(), name="quote_list"),
    path("quotes/<str:key>/", QuoteDetail.as_view(), name="quote_detail"),
    path("speakers/", SpeakerList.as_view(), name="speaker_list"),
    path("speakers/<str:slug>/", SpeakerDetail.as_view(), name="speaker_detail"),
    path("nations/", NationList.as_view(), name="nation_list"),
    path("nations/<str:code>/", NationDetail.as_view(), name="nation_detail"),
    path("sources/<str:key>/", SourceDetail.as_view(), name="source_detail"),
    path("topics/", TopicList.as_view(), name="topic_list"),
    path("topics/<str:slug>/", TopicDetail.as_view(), name="topic_detail"),
    path("schema/", Description.as_view(), name="schema"),
]

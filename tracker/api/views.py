"""The API's views: each one QuerySet chain, answered through its serializer.

Readers' answers are cached, and answer 304, like every public page: until the archive changes
(tracker/caching.py).
"""

from types import SimpleNamespace

from django.contrib.auth.models import AnonymousUser
from django.db.models import Prefetch
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.renderers import (
    OpenApiJsonRenderer,
    OpenApiJsonRenderer2,
    OpenApiYamlRenderer,
    OpenApiYamlRenderer2,
)
from drf_spectacular.utils import OpenApiResponse, extend_schema
from drf_spectacular.views import SpectacularAPIView
from rest_framework import generics, status
from rest_framework.negotiation import DefaultContentNegotiation
from rest_framework.response import Response
from rest_framework.views import APIView

from tracker import caching
from tracker.api.errors import (
    BadFilters,
    BadFiltersSerializer,
    ErrorSerializer,
    RetractionSerializer,
)
from tracker.api.pagination import IdsFirstCursorPagination, KeysetCursorPagination
from tracker.api.serializers import (
    IndexSerializer,
    NationDetailSerializer,
    NationSerializer,
    QuoteSerializer,
    SourceSerializer,
    SpeakerDetailSerializer,
    SpeakerSerializer,
    TopicSerializer,
)
from tracker.exports import FORMAT_VERSION
from tracker.filters import QuoteFilter
from tracker.models import (
    Correction,
    Figure,
    Nation,
    Quote,
    Source,
    Speaker,
    Topic,
    normalize_key,
    with_published_quotes,
)
from tracker.site import absolute_url


class QuoteFilterBackend(DjangoFilterBackend):
    """QuoteFilter, as on the pages; a value it cannot read is a 400 that names the parameter."""

    def filter_queryset(self, request, queryset, view):
        quote_filter = self.get_filterset(request, queryset, view)
        if not quote_filter.is_valid():
            raise BadFilters(quote_filter.errors)
        return quote_filter.qs


class Index(APIView):
    """Where to start: the lists, and this API's OpenAPI description."""

    @extend_schema(responses=IndexSerializer)
    def get(self, request):
        url_names = {
            "quotes": "quote_list",
            "speakers": "speaker_list",
            "nations": "nation_list",
            "topics": "topic_list",
            "schema": "schema",
        }
        links = {
            name: absolute_url(reverse(f"api:{url_name}")) for name, url_name in url_names.items()
        }
        return Response(IndexSerializer({**links, "format_version": FORMAT_VERSION}).data)


def with_figures_and_corrections(quotes):
    """What QuoteSerializer shows of each quote: its related records in one query each (the
    statement it answers by its key), its figures and corrections in lists, not a related
    manager and queryset for every quote."""
    return (
        quotes.for_listing()
        .with_answered_key()
        .prefetch_related(
            "speaker__aliases",
            Prefetch("figures", queryset=Figure.objects.order_by("id"), to_attr="listed_figures"),
            Prefetch(
                "corrections",
                queryset=Correction.objects.order_by("version"),
                to_attr="listed_corrections",
            ),
        )
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
    pagination_class = IdsFirstCursorPagination

    def get_queryset(self):
        return with_figures_and_corrections(Quote.objects.published())

    def list(self, request, *args, **kwargs):
        page = self.paginate_queryset(self.filter_queryset(self.get_queryset()))

        def serialize(missing):
            rows = list(self.get_queryset().filter(pk__in=[quote.pk for quote in missing]))
            # One list serializer: its child's fields are built once, not once per quote.
            answers = self.get_serializer(rows, many=True).data
            return {row.pk: answer for row, answer in zip(rows, answers, strict=True)}

        # Each answer names URLs of this site: cached per site URL.
        site = request.build_absolute_uri("/")
        answers = caching.per_quote("api_quote", page, serialize, varies_on=[site])
        return self.get_paginated_response(answers)


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
            retraction = RetractionSerializer(quote, context=self.get_serializer_context())
            return Response(retraction.data, status=status.HTTP_410_GONE)
        return Response(self.get_serializer(quote).data)


@extend_schema(responses={200: SpeakerSerializer(many=True), 400: BadFiltersSerializer})
class SpeakerList(generics.ListAPIView):
    """Speakers with at least one published quote, by name, in cursor pages."""

    serializer_class = SpeakerSerializer
    pagination_class = KeysetCursorPagination

    def get_queryset(self):
        speakers = (
            Speaker.objects.select_related("nation", "nationality")
            .prefetch_related("aliases")
            .order_by("name", "id")
        )
        return with_published_quotes(speakers)


@extend_schema(
    responses={
        200: SpeakerDetailSerializer,
        301: OpenApiResponse(
            description="A speaker merged into another record of the same person: Location is "
            "that record's URL."
        ),
        404: ErrorSerializer,
    }
)
class SpeakerDetail(generics.RetrieveAPIView):
    """One speaker, the roles they held, and the dates their stance changed."""

    serializer_class = SpeakerDetailSerializer

    def get_object(self):
        return get_object_or_404(
            with_published_quotes(Speaker.objects.select_related("nation", "nationality"))
            .with_roles()
            .prefetch_related("aliases"),
            slug=self.kwargs["slug"],
        )

    def retrieve(self, request, *args, **kwargs):
        try:
            return super().retrieve(request, *args, **kwargs)
        except Http404:
            # A merged speaker's URL leads to the speaker it was merged into.
            if (target := Speaker.objects.merge_target_of(self.kwargs["slug"])) is None:
                raise
            return redirect("api:speaker_detail", target.slug, permanent=True)


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
    return Topic.objects.confirmed().prefetch_related("stances").order_by("name")


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

"""The API's answers, field by field: each serializer is both what a view answers and what the
OpenAPI description says it answers.

They read rows loaded by the views with select_related and prefetch_related, and make no query
of their own.
"""

from django.db import models
from django.urls import reverse
from django.utils.http import urlencode
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from tracker import aggregates
from tracker.models import (
    AttributionLink,
    Correction,
    Event,
    Figure,
    Intermediary,
    Nation,
    Outlet,
    Quote,
    Role,
    Source,
    Speaker,
    Stance,
    Topic,
    Translation,
    WordEdit,
)
from tracker.site import absolute_url


@extend_schema_field(OpenApiTypes.URI)
class AbsoluteURLField(serializers.Field):
    """The absolute URL of a record's public page on this site (its get_absolute_url())."""

    def __init__(self, **kwargs):
        super().__init__(source="*", read_only=True, **kwargs)

    def to_representation(self, record):
        return absolute_url(record.get_absolute_url())


@extend_schema_field(OpenApiTypes.URI)
class QuotePermalinkField(serializers.Field):
    """The absolute URL of the permalink of the quote whose key the field holds."""

    def __init__(self, **kwargs):
        super().__init__(read_only=True, **kwargs)

    def to_representation(self, key):
        return absolute_url(reverse("quote_detail", args=[key]))


@extend_schema_field(OpenApiTypes.URI)
class QuoteListURLField(serializers.Field):
    """The URL of a record's published quotes in the API: /api/quotes/?<parameter>=<value>."""

    def __init__(self, parameter, **kwargs):
        self.parameter = parameter
        super().__init__(read_only=True, **kwargs)

    def to_representation(self, value):
        query = urlencode({self.parameter: value})
        return absolute_url(f"{reverse('api:quote_list')}?{query}")


class RecordSerializer(serializers.ModelSerializer):
    # Read only: every field is in every answer, and the OpenAPI description says so.
    # A URL may be empty when unknown: a plain string, not a URI that may be "".
    serializer_field_mapping = {
        **serializers.ModelSerializer.serializer_field_mapping,
        models.URLField: serializers.CharField,
    }

    def get_fields(self):
        fields = super().get_fields()
        for field in fields.values():
            field.read_only = True
        return fields


class NationRefSerializer(RecordSerializer):
    class Meta:
        model = Nation
        fields = ["code", "name"]


class SpeakerNamesMixin(serializers.Serializer):
    """How a speaker is cited: a person's given and family names (empty when not known: cite the
    name), or none for a body or a group, whose name no citation splits; and its aliases."""

    is_person = serializers.BooleanField(read_only=True)
    aliases = serializers.ListField(
        child=serializers.CharField(),
        source="alias_names",
        read_only=True,
        help_text="Other spellings and transliterations of the name met in sources.",
    )


class SpeakerRefSerializer(SpeakerNamesMixin, RecordSerializer):
    page = AbsoluteURLField()

    class Meta:
        model = Speaker
        fields = ["slug", "name", "is_person", "given_name", "family_name", "aliases", "page"]


class OutletSerializer(RecordSerializer):
    class Meta:
        model = Outlet
        fields = ["slug", "name", "home_url"]


class SourceRefSerializer(RecordSerializer):
    outlet = OutletSerializer()
    page = AbsoluteURLField()

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


class EventRefSerializer(RecordSerializer):
    page = AbsoluteURLField()

    class Meta:
        model = Event
        fields = ["slug", "name", "happened_on", "page"]


class IntermediarySerializer(RecordSerializer):
    name = serializers.CharField(
        source="__str__", help_text="As readers see it: “a government source (Italy)”."
    )
    nation = NationRefSerializer(allow_null=True)

    class Meta:
        model = Intermediary
        fields = ["name", "kind", "nation", "is_named"]


class AttributionLinkSerializer(RecordSerializer):
    """One link of the chain; exactly one of outlet, source, event and intermediary is set."""

    relation = serializers.ChoiceField(choices=AttributionLink.Relation.choices)
    label = serializers.CharField(source="get_relation_display")
    outlet = OutletSerializer(allow_null=True)
    source = SourceRefSerializer(allow_null=True)
    event = EventRefSerializer(allow_null=True)
    intermediary = IntermediarySerializer(allow_null=True)

    class Meta:
        model = AttributionLink
        fields = ["relation", "label", "outlet", "source", "event", "intermediary"]


class WordEditSerializer(RecordSerializer):
    class Meta:
        model = WordEdit
        fields = ["kind", "words", "explanation"]


class CorrectionSerializer(RecordSerializer):
    class Meta:
        model = Correction
        fields = ["version", "corrected_at", "changed", "note"]


class TranslationSerializer(RecordSerializer):
    translated_by = serializers.ChoiceField(
        choices=Translation.TranslatedBy.choices,
        help_text="Who translated it; “archive”: this archive's editors, published nowhere else.",
    )
    is_by_archive = serializers.BooleanField(read_only=True)
    credit = serializers.CharField(read_only=True)
    outlet = serializers.CharField(source="outlet.name", allow_null=True, default=None)
    source = SourceRefSerializer(allow_null=True)

    class Meta:
        model = Translation
        fields = [
            "language",
            "text",
            "translated_by",
            "is_by_archive",
            "credit",
            "outlet",
            "source",
        ]


class QuoteSerializer(RecordSerializer):
    """A quote with everything a citer needs to cite it, its records nested."""

    # Its figures and corrections are read from the lists the views load
    # (views.with_figures_and_corrections).

    permalink = AbsoluteURLField()
    said_on_display = serializers.CharField()
    said_on_edtf = serializers.CharField(
        help_text="When it was said, as precisely as it is known, in the Library of Congress "
        "Extended Date/Time Format: 2025-02-17, 2025-02, 2025-02-16~, [2025-02-10..2025-02-16], "
        "[..2025-02-18]."
    )
    speaker = SpeakerRefSerializer()
    role = serializers.CharField(
        source="role.title", allow_null=True, help_text="The role held when it was said."
    )
    nation = NationRefSerializer(allow_null=True)
    topic = serializers.SlugField(source="stance.topic.slug")
    stance = StanceRefSerializer()
    source = SourceRefSerializer()
    translations = TranslationSerializer(many=True)
    attribution_chain = AttributionLinkSerializer(
        many=True,
        source="chain",
        help_text="From the speaker to where we read the words (“read in”, the source), then "
        "the outlets that also reported them.",
    )
    word_edits = WordEditSerializer(many=True, help_text="What was done to the words.")
    responds_to = QuotePermalinkField(
        source="answered_key",
        allow_null=True,
        help_text="The permalink of the published statement these words answer, if any.",
    )
    figures = FigureSerializer(many=True, source="listed_figures")
    corrections = CorrectionSerializer(
        many=True, source="listed_corrections", help_text="Oldest first."
    )

    class Meta:
        model = Quote
        fields = [
            "key",
            "permalink",
            "text",
            "language",
            "spoken_language",
            "translations",
            "kind",
            "said_on",
            "said_on_latest",
            "said_on_precision",
            "said_on_display",
            "said_on_edtf",
            "said_on_note",
            "speaker",
            "role",
            "nation",
            "topic",
            "stance",
            "source",
            "attribution_chain",
            "verification",
            "word_edits",
            "context",
            "responds_to",
            "figures",
            "published_at",
            "corrections",
        ]


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
        path = reverse("quote_detail", args=[change["key"]])
        return absolute_url(path)


class StanceChangesMixin(serializers.Serializer):
    """A nation's or a speaker's stance changes (tracker/aggregates.py), oldest first."""

    stance_changes = serializers.SerializerMethodField(help_text="Oldest first.")

    @extend_schema_field(StanceChangeSerializer(many=True))
    def get_stance_changes(self, record):
        changes = aggregates.stance_changes(record)
        return StanceChangeSerializer(changes, many=True, context=self.context).data


class SpeakerSerializer(SpeakerNamesMixin, RecordSerializer):
    nation = NationRefSerializer(allow_null=True, help_text="The body spoken for, if any.")
    nationality = NationRefSerializer(allow_null=True)
    page = AbsoluteURLField()
    quotes = QuoteListURLField("speaker", source="slug")

    class Meta:
        model = Speaker
        fields = [
            "slug",
            "name",
            "kind",
            "is_person",
            "given_name",
            "family_name",
            "aliases",
            "description",
            "public_note",
            "nation",
            "nationality",
            "page",
            "quotes",
        ]


class SpeakerDetailSerializer(StanceChangesMixin, SpeakerSerializer):
    roles = RoleSerializer(many=True)

    class Meta(SpeakerSerializer.Meta):
        fields = [*SpeakerSerializer.Meta.fields, "roles", "stance_changes"]


class NationSerializer(RecordSerializer):
    page = AbsoluteURLField()
    quotes = QuoteListURLField("nation", source="code")

    class Meta:
        model = Nation
        fields = ["code", "kind", "name", "is_eu_member", "is_nato_member", "page", "quotes"]


class NationDetailSerializer(StanceChangesMixin, NationSerializer):
    class Meta(NationSerializer.Meta):
        fields = [*NationSerializer.Meta.fields, "stance_changes"]


class SourceSerializer(RecordSerializer):
    outlet = OutletSerializer()
    published_on_edtf = serializers.CharField(
        allow_null=True,
        help_text="When it was published, as precisely as it is known, in EDTF: 2025-02.",
    )
    authors = serializers.ListField(child=serializers.CharField(), source="author_list")
    page = AbsoluteURLField()
    quotes = QuoteListURLField("source", source="key")

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
            "published_on_precision",
            "published_on_edtf",
            "accessed_on",
            "public_note",
            "page",
            "quotes",
        ]


class StanceSerializer(RecordSerializer):
    class Meta:
        model = Stance
        fields = ["value", "label", "description", "position"]


class TopicSerializer(RecordSerializer):
    stances = StanceSerializer(many=True, help_text="From most willing to most opposed.")
    page = AbsoluteURLField()
    quotes = QuoteListURLField("topic", source="slug")

    class Meta:
        model = Topic
        fields = ["slug", "name", "question", "description", "stances", "page", "quotes"]


class IndexSerializer(serializers.Serializer):
    quotes = serializers.URLField()
    speakers = serializers.URLField()
    nations = serializers.URLField()
    topics = serializers.URLField()
    schema = serializers.URLField(help_text="This API's OpenAPI 3 description.")
    format_version = serializers.CharField(
        help_text="The version of the records' format, as in the data release's manifest "
        "(docs/release-format.md); also in every answer's Archive-Format-Version header."
    )

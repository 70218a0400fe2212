"""What the API answers when a request cannot be met, and the serializers that describe those
answers in its OpenAPI description."""

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers, status
from rest_framework.exceptions import APIException

from tracker.api.serializers import AbsoluteURLField
from tracker.site import absolute_url


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


class RetractionSerializer(serializers.Serializer):
    """The 410 a retracted quote's URL answers: what was retracted, when and why."""

    detail = serializers.SerializerMethodField()
    key = serializers.CharField()
    permalink = AbsoluteURLField()
    speaker = serializers.CharField(
        source="speaker.name", help_text="Who the retracted words were attributed to."
    )
    said_on_display = serializers.CharField()
    text = serializers.SerializerMethodField(
        help_text="The words that were retracted; null when they were withdrawn."
    )
    withdrawn = serializers.BooleanField(
        source="is_withdrawn",
        help_text="Whether the words were withdrawn for legal reasons: then shown nowhere.",
    )
    retracted_at = serializers.DateTimeField()
    reason = serializers.CharField(
        source="retraction_reason", help_text="Why the editors retracted it."
    )
    replaced_by = serializers.SerializerMethodField(
        help_text="The permalink of the quote that replaces it, if any."
    )

    @extend_schema_field(serializers.CharField())
    def get_detail(self, quote):
        return "This quote was retracted."

    @extend_schema_field(serializers.CharField(allow_null=True))
    def get_text(self, quote):
        return None if quote.is_withdrawn else quote.text

    @extend_schema_field(serializers.URLField(allow_null=True))
    def get_replaced_by(self, quote):
        replacement = quote.replaced_by
        if replacement is None or not replacement.is_public:
            return None
        return absolute_url(replacement.get_absolute_url())

"""The API's JSON, announcing the version of the archive's data format in every answer."""

from rest_framework.renderers import JSONRenderer

from tracker.exports import FORMAT_VERSION

# The fields of the API's records follow the data release's format (docs/release-format.md).
FORMAT_VERSION_HEADER = "Archive-Format-Version"


class ArchiveJSONRenderer(JSONRenderer):
    def render(self, data, accepted_media_type=None, renderer_context=None):
        response = (renderer_context or {}).get("response")
        if response is not None:
            response[FORMAT_VERSION_HEADER] = FORMAT_VERSION
        return super().render(data, accepted_media_type, renderer_context)

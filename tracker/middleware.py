from django.http import HttpResponseBadRequest, JsonResponse

NUL = "\x00"
NUL_MESSAGE = "URLs cannot contain NUL bytes."


class RejectNulBytesMiddleware:
    """Refuse a NUL byte anywhere in the URL (a 400; a 404 in an API path): PostgreSQL text cannot hold one.

    Forms refuse NUL in text fields, but a NUL reaching a lookup (a slug, a key, a code) would
    otherwise surface as a database error, that is a 500.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        names = [
            name
            for name, values in request.GET.lists()
            if NUL in name or any(NUL in value for value in values)
        ]
        if NUL not in request.path and not names:
            return self.get_response(request)
        if not request.path.startswith("/api/"):
            return HttpResponseBadRequest(NUL_MESSAGE, content_type="text/plain; charset=utf-8")
        # The API answers as its OpenAPI description says: no record's URL holds a NUL, so
        # one in the path is a 404; in a parameter, a 400 that names it, like any bad filter.
        if NUL in request.path:
            return JsonResponse({"detail": f"Not found. {NUL_MESSAGE}"}, status=404)
        return JsonResponse(
            {"detail": NUL_MESSAGE, "errors": {name: [NUL_MESSAGE] for name in names}}, status=400
        )

from django.http import HttpResponseBadRequest, JsonResponse

NUL = "\x00"


class RejectNulBytesMiddleware:
    """Answer 400 to a NUL byte anywhere in the address: PostgreSQL text cannot hold one.

    Forms refuse NUL in text fields, but a NUL reaching a lookup (a slug, a key, a code) would
    otherwise surface as a database error, that is a 500.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if NUL in request.path or any(
            NUL in key or any(NUL in value for value in values)
            for key, values in request.GET.lists()
        ):
            message = "Addresses cannot contain NUL bytes."
            if request.path.startswith("/api/"):
                return JsonResponse({"detail": message}, status=400)
            return HttpResponseBadRequest(message, content_type="text/plain; charset=utf-8")
        return self.get_response(request)

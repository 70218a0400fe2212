from django.db import Error as DatabaseError
from django.db import connections
from django.http import HttpResponse, HttpResponseBadRequest, JsonResponse

from tracker.caching import cache_answers

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


LIVENESS_PATH = "/health/live"
READINESS_PATH = "/health/ready"


class HealthMiddleware:
    """Answer a load balancer's or a deployment's health checks, first of all middleware: before
    the host check and the HTTPS redirect, so that they may ask any app server by its address over
    plain http, and before the page cache, which asks Redis.

    - `/health/live`: the process answers requests. It touches neither the database nor the
      cache, so it answers in milliseconds whatever they do.
    - `/health/ready`: the process can serve pages as they should be: each database answers a
      query and the cache stores and returns a value; 503 with what failed when one does not.
      Each check is bounded by its own timeouts (the cache's, tracker/settings.py).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path == LIVENESS_PATH:
            response = HttpResponse("live\n", content_type="text/plain; charset=utf-8")
        elif request.path == READINESS_PATH:
            checks = {
                **{f"database {alias}": database_answers(alias) for alias in connections},
                "cache": cache_answers(),
            }
            response = JsonResponse(
                {name: "ok" if ready else "failing" for name, ready in checks.items()},
                status=200 if all(checks.values()) else 503,
            )
        else:
            return self.get_response(request)
        response["Cache-Control"] = "no-store"
        return response


def database_answers(alias):
    try:
        with connections[alias].cursor() as cursor:
            cursor.execute("SELECT 1")
            return cursor.fetchone() == (1,)
    except DatabaseError:
        return False

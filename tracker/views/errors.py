"""The archive's own answers to a bad request and to a database that cannot be reached."""

import sys

from django.conf import settings
from django.core.exceptions import RequestDataTooBig
from django.db import InterfaceError, OperationalError
from django.http import HttpResponse, HttpResponseBadRequest, JsonResponse
from django.template import loader
from django.views.defaults import bad_request as django_bad_request
from django.views.defaults import server_error as django_server_error

# Seconds a visitor is asked to wait when the database cannot be reached: PostgreSQL restarting
# or failing over takes about that long.
RETRY_AFTER = 30


def bad_request(request, exception):
    """Django's 400, except that a form too large to read (an article of megabytes pasted into
    the quote finder) says so, and that nothing was saved."""
    if not isinstance(exception, RequestDataTooBig):
        return django_bad_request(request, exception)
    body = loader.get_template("400.html").render(
        {"too_large": True, "limit": f"{settings.DATA_UPLOAD_MAX_MEMORY_SIZE / 2**20:g}"}
    )
    return HttpResponseBadRequest(body)


def server_error(request):
    """Django's 500, except while the database cannot be reached (a connection refused or cut):
    then a 503 that asks the visitor to come back, as a page or, from the API, as JSON, and
    that tells an editor their change was not saved. Django calls it inside the `except` that
    caught the error, and keeps logging it with its traceback."""
    if not isinstance(sys.exception(), (OperationalError, InterfaceError)):
        return django_server_error(request)
    unsaved = request.method not in ("GET", "HEAD", "OPTIONS")
    if request.path.startswith("/api/"):
        response = JsonResponse(
            {"detail": "The archive cannot be read just now. Try again in a minute."},
            status=503,
        )
    else:
        # Rendered without the request's context processors: they may read the database.
        page = loader.render_to_string("503.html", {"unsaved": unsaved})
        response = HttpResponse(page, status=503)
    response["Retry-After"] = str(RETRY_AFTER)
    response["Cache-Control"] = "no-store"
    return response

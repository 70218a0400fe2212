"""The archive's addresses plus three reference views: the framework's own ceiling.

Only `manage.py bench` serves this URLconf (it sets ROOT_URLCONF=tracker.bench_urls for its
own server); the public URLconf, tracker.urls, never includes it. Each page's throughput is
printed as a ratio to these views, measured in the same run on the same processes, so that
results compare across machines.
"""

import functools

from django.http import HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404
from django.template import engines
from django.urls import include, path

from tracker.models import Quote

# One row, through the same template engine, context processors and middleware as the pages.
ROW_TEMPLATE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>{{ quote.key }}</title></head>
<body><blockquote>{{ quote.text }}</blockquote><p>{{ quote.said_on }}</p></body></html>
"""

ROW_FIELDS = [
    "key",
    "text",
    "translation",
    "language",
    "kind",
    "said_on",
    "said_on_precision",
    "published_at",
]


@functools.cache
def row_template():
    # Compiled once per process, as the cached template loader does for the pages' files.
    return engines["django"].from_string(ROW_TEMPLATE)


def rendered_every_time(view):
    """The references measure the framework doing the work: never a page kept for readers."""

    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        response.keep_for_readers = False
        return response

    return wrapper


@rendered_every_time
def bare(request):
    return HttpResponse("Hello, world.", content_type="text/plain; charset=utf-8")


@rendered_every_time
def row(request, pk):
    quote = get_object_or_404(Quote, pk=pk)
    return HttpResponse(row_template().render({"quote": quote}, request))


@rendered_every_time
def row_json(request, pk):
    return JsonResponse(get_object_or_404(Quote.objects.values(*ROW_FIELDS), pk=pk))


urlpatterns = [
    path("_bench/bare/", bare, name="bench_bare"),
    path("_bench/row/<int:pk>/", row, name="bench_row"),
    path("_bench/row/<int:pk>.json", row_json, name="bench_row_json"),
    path("", include("tracker.urls")),
]

"""Three reference views: the framework's own ceiling, served only by bench.urls.

Each page's throughput is printed as a ratio to these views, measured in the same run on the
same processes, so that results compare across machines. They measure the framework doing
the work, so they tell every cache not to store them (never_cache: the page cache for readers
honours it too).
"""

import functools

from django.http import HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404
from django.template import engines
from django.views.decorators.cache import never_cache

from tracker.models import Quote

# One row, through the same template engine, context processors and middleware as the pages.
ROW_TEMPLATE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>{{ quote.key }}</title></head>
<body><blockquote>{{ quote.text }}</blockquote><p>{{ quote.said_on }}</p></body></html>
"""

ROW_FIELDS = [
    "key",
    "text",
    "language",
    "spoken_language",
    "kind",
    "said_on",
    "said_on_latest",
    "said_on_precision",
    "verification",
    "published_at",
]


@functools.cache
def row_template():
    # Compiled once per process, as the cached template loader does for the pages' files.
    return engines["django"].from_string(ROW_TEMPLATE)


@never_cache
def bare(request):
    return HttpResponse("Hello, world.", content_type="text/plain; charset=utf-8")


@never_cache
def row(request, pk):
    quote = get_object_or_404(Quote, pk=pk)
    return HttpResponse(row_template().render({"quote": quote}, request))


@never_cache
def row_json(request, pk):
    return JsonResponse(get_object_or_404(Quote.objects.values(*ROW_FIELDS), pk=pk))

"""The benchmark's settings: the product's own, read from the same environment variables
(tracker.settings), serving the archive with the reference views beside it (bench.urls) and
with the bench's commands (`bench`, `generate_archive`).

    DJANGO_SETTINGS_MODULE=bench.settings python manage.py bench    # what `make bench` runs
"""

import os

from tracker.settings import *  # noqa: F403
from tracker.settings import INSTALLED_APPS, MIDDLEWARE

PAGE_CACHE = "tracker.caching.PageCacheMiddleware"

ROOT_URLCONF = "bench.urls"
INSTALLED_APPS = [*INSTALLED_APPS, "bench"]

# `bench --fresh` serves the archive without the page cache, so that every page is rendered
# (with its fragments, counts and aggregates cached as usual): a visitor cannot skip it.
if os.environ.get("BENCH_PAGE_CACHE") == "off":
    MIDDLEWARE = [name for name in MIDDLEWARE if name != PAGE_CACHE]

# `BENCH_CACHALOT=on`: django-cachalot caches every ORM query besides (docs/caching.md, "Why
# not django-cachalot"): the measurement behind the choice of our own layer.
if os.environ.get("BENCH_CACHALOT") == "on":
    INSTALLED_APPS = [*INSTALLED_APPS, "cachalot"]

"""The benchmark's settings: the product's own, read from the same environment variables
(tracker.settings), serving the archive with the reference views beside it (bench.urls) and
with the bench's commands (`bench`, `generate_archive`).

    DJANGO_SETTINGS_MODULE=bench.settings python manage.py bench    # what `make bench` runs
"""

from tracker.settings import *  # noqa: F403
from tracker.settings import INSTALLED_APPS

ROOT_URLCONF = "bench.urls"
INSTALLED_APPS = [*INSTALLED_APPS, "bench"]

# `bench --fresh` and the queries counted per page ask with Cache-Control: no-cache for pages
# rendered afresh, which the product answers from its page cache.
NO_CACHE_RENDERS_AFRESH = True

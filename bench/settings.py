"""The benchmark's settings: the product's own, read from the same environment variables
(tracker.settings), serving the archive with the reference views beside it (bench.urls) and
with the bench's commands (`bench`, `generate_archive`).

    DJANGO_SETTINGS_MODULE=bench.settings python manage.py bench    # what `make bench` runs
"""

import os

from tracker.settings import *  # noqa: F403
from tracker.settings import CACHES, INSTALLED_APPS

ROOT_URLCONF = "bench.urls"
INSTALLED_APPS = [*INSTALLED_APPS, "bench"]

# `bench --after-publication` sets this to a folder of its own: before each request it sends,
# it discards everything cached, and it can clear the cache the app servers share, not the
# copies each gunicorn process caches of the pages it served last, so its server has none.
# Without REDIS_URL, the shared cache is this folder, which the command and the server both
# see (local memory is each process's own).
if after_publication := os.environ.get("BENCH_AFTER_PUBLICATION"):
    CACHES = {**CACHES, "pages": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}
    if not os.environ.get("REDIS_URL"):
        CACHES["default"] = {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": after_publication,
        }

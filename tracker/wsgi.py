import gc
import os
from importlib import import_module

from django.conf import settings
from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tracker.settings")
application = get_wsgi_application()

# What is loaded now (Django, the models, the admin, the views behind every address) lives as
# long as the process. Frozen, it is no longer walked again and again by the garbage collector
# while pages are rendered: the admin's change form took about 15% less time, and its slowest
# requests much less, in the benchmark (docs/performance.md).
import_module(settings.ROOT_URLCONF)
gc.freeze()

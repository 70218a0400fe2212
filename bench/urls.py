"""The archive's URLs plus the reference views (bench.views), under /_bench/.

Only the bench's settings (bench.settings) serve this URLconf; the product's, tracker.urls,
never includes it.
"""

from django.urls import include, path

from bench import views
from tracker.urls import handler500  # noqa: F401 (the root URLconf names the error view)

urlpatterns = [
    path("_bench/bare/", views.bare, name="bench_bare"),
    path("_bench/row/<int:pk>/", views.row, name="bench_row"),
    path("_bench/row/<int:pk>.json", views.row_json, name="bench_row_json"),
    path("", include("tracker.urls")),
]

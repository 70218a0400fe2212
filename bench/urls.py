"""The archive's URLs plus the reference views (bench.views), under /_bench/.

Only the bench's settings (bench.settings) serve this URLconf; the product's, tracker.urls,
never includes it.
"""

from django.urls import path

from bench import views
from tracker import urls as archive

# The root URLconf names the error views.
handler400, handler500 = archive.handler400, archive.handler500

# The archive's patterns added as they are, not include()d: Django allows i18n_patterns (the
# French and German pages) only in a root URLconf.
urlpatterns = [
    path("_bench/bare/", views.bare, name="bench_bare"),
    path("_bench/row/<int:pk>/", views.row, name="bench_row"),
    path("_bench/row/<int:pk>.json", views.row_json, name="bench_row_json"),
    *archive.urlpatterns,
]

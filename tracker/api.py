"""The read-only JSON API (being written)."""

urlpatterns = []

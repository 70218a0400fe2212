"""Public corrections, read in the admin: they are made by correcting a quote."""

from django.contrib import admin

from tracker.models import Correction


@admin.register(Correction)
class CorrectionAdmin(admin.ModelAdmin):
    """Corrections are made by correcting a quote; here they are only read."""

    list_display = ["quote", "version", "corrected_at", "changed", "corrected_by"]
    list_select_related = ["quote__speaker", "corrected_by"]
    date_hierarchy = "corrected_at"
    search_fields = ["quote__key", "note"]
    show_full_result_count = False

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

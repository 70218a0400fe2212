"""Editors' changes to what readers see, waiting for a chief editor to approve or reject them."""

from django.contrib import admin, messages
from django.core.exceptions import ValidationError

from tracker.models import PendingChange
from tracker.models.reviews import may_change_at_once


@admin.register(PendingChange)
class PendingChangeAdmin(admin.ModelAdmin):
    list_display = ["record", "summary", "status", "proposed_by", "proposed_at", "decided_by"]
    list_filter = ["status"]
    list_select_related = ["content_type", "proposed_by", "decided_by"]
    actions = ["approve", "reject"]
    fields = ["record", "summary", "status", "proposed_by", "proposed_at", "decided_by"]
    readonly_fields = fields

    def has_add_permission(self, request):
        return False  # an editor proposes a change by making it on the record's own page

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False  # decided or not, a proposal stays on the record

    def has_view_permission(self, request, obj=None):
        # The editorial groups, who may read the quotes: not any staff account.
        return request.user.is_active and request.user.has_perm("tracker.view_quote")

    def has_decide_permission(self, request):
        return may_change_at_once(request.user)

    @admin.action(description="Approve: readers see the change", permissions=["decide"])
    def approve(self, request, queryset):
        self.decide(request, queryset, PendingChange.approve, "approved")

    @admin.action(description="Reject: readers never see it", permissions=["decide"])
    def reject(self, request, queryset):
        self.decide(request, queryset, PendingChange.reject, "rejected")

    def decide(self, request, queryset, verb, done):
        decided = 0
        for pending in queryset.waiting():
            try:
                verb(pending, by=request.user)
            except ValidationError as refused:
                self.message_user(request, f"{pending.record}: {refused.message}", messages.ERROR)
            else:
                decided += 1
        if decided:
            self.message_user(request, f"{decided} change(s) {done}.", messages.SUCCESS)

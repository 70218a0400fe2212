"""Who speaks: nations, speakers and the roles they hold."""

from django.contrib import admin

from tracker.admin.base import HistoryAdmin, ReviewedChangesAdmin, RevisionedAdmin
from tracker.admin.forms import RevisionedForm
from tracker.models import Alias, Nation, Role, Speaker


@admin.register(Nation)
class NationAdmin(ReviewedChangesAdmin, RevisionedAdmin, HistoryAdmin):
    list_display = ["name", "code", "is_eu_member", "is_nato_member"]
    list_filter = ["is_eu_member", "is_nato_member"]
    search_fields = ["name", "=code"]


class RoleInline(admin.TabularInline):
    model = Role
    form = RevisionedForm
    extra = 0
    fields = ["title", "nation", "started_on", "ended_on", "public_note", "loaded_revision"]


class AliasInline(admin.TabularInline):
    model = Alias
    extra = 1
    fields = ["name", "kind"]


@admin.register(Speaker)
class SpeakerAdmin(ReviewedChangesAdmin, RevisionedAdmin, HistoryAdmin):
    list_display = ["name", "kind", "nation"]
    list_filter = ["kind", "nation"]
    list_select_related = ["nation"]
    search_fields = ["name", "aliases__name"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [AliasInline, RoleInline]


@admin.register(Role)
class RoleAdmin(ReviewedChangesAdmin, RevisionedAdmin, HistoryAdmin):
    # Registered on its own so that quotes can pick a role by autocomplete.
    list_display = ["title", "speaker", "nation", "started_on", "ended_on"]
    list_select_related = ["speaker", "nation"]
    search_fields = ["title", "speaker__name"]
    autocomplete_fields = ["speaker"]

    def get_queryset(self, request):
        # A role is named with its speaker, in the quote page's autocomplete.
        return super().get_queryset(request).select_related("speaker")

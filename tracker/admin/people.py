"""Who speaks: nations, speakers and the roles they hold."""

from django.contrib import admin

from tracker.admin.base import (
    HistoryAdmin,
    ProposedRecordAdmin,
    ReviewedChangesAdmin,
    RevisionedAdmin,
)
from tracker.admin.forms import RevisionedForm
from tracker.models import Alias, Nation, Role, Speaker


@admin.register(Nation)
class NationAdmin(ProposedRecordAdmin, ReviewedChangesAdmin, RevisionedAdmin, HistoryAdmin):
    list_display = ["name", "kind", "code", "is_eu_member", "is_nato_member", "is_confirmed"]
    list_filter = ["kind", "is_eu_member", "is_nato_member", "is_confirmed"]
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
    list_display = ["name", "kind", "nation", "nationality"]
    list_filter = ["kind", "nation"]
    list_select_related = ["nation", "nationality"]
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

    def get_search_results(self, request, queryset, search_term):
        # The quote form's role autocomplete says which speaker is chosen beside it
        # (static/tracker/js/role_autocomplete.js): only that speaker's roles are offered, none
        # before a speaker is chosen.
        queryset, may_have_duplicates = super().get_search_results(request, queryset, search_term)
        if request.GET.get("field_name") == "role" and "speaker" in request.GET:
            speaker = request.GET["speaker"]
            queryset = queryset.filter(speaker=speaker) if speaker.isdigit() else queryset.none()
        return queryset, may_have_duplicates

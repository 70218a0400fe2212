"""What the background work found: our copies of sources' pages, and links that broke or
changed, with the date each was first seen. Read-only: tasks write these, editors read them."""

from django.contrib import admin, messages
from django.utils.html import format_html

from tracker.models import LinkCheck, LinkStatus, Snapshot


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Snapshot)
class SnapshotAdmin(ReadOnlyAdmin):
    list_display = ["source", "fetched_at", "status_code", "content_type", "size", "our_copy"]
    list_select_related = ["source__outlet"]
    search_fields = ["url", "source__title", "=sha256"]
    date_hierarchy = "fetched_at"
    raw_id_fields = ["source"]

    @admin.display(description="our copy")
    def our_copy(self, snapshot):
        return format_html('<a href="{}">read</a>', snapshot.get_absolute_url())


class ProblemFilter(admin.SimpleListFilter):
    title = "problem"
    parameter_name = "problem"

    def lookups(self, request, model_admin):
        return [("yes", "Broken or changed"), ("all", "All links")]

    def choices(self, changelist):
        # Problems first: an editor opens this list to see what needs looking at.
        for value, label in self.lookup_choices:
            yield {
                "selected": (self.value() or "yes") == value,
                "query_string": changelist.get_query_string({self.parameter_name: value}),
                "display": label,
            }

    def queryset(self, request, queryset):
        if (self.value() or "yes") == "yes":
            return queryset.filter(state__in=LinkStatus.PROBLEMS)
        return queryset


@admin.register(LinkStatus)
class LinkStatusAdmin(ReadOnlyAdmin):
    list_display = ["source", "link", "state", "since", "checked_at"]
    list_filter = [ProblemFilter, "state"]
    list_select_related = ["source__outlet"]
    search_fields = ["url", "source__title"]
    actions = ["accept_page"]

    @admin.display(description="URL")
    def link(self, status):
        return format_html('<a href="{}" rel="noreferrer">{}</a>', status.url, status.url)

    @admin.action(description="The changed page is fine: compare with its words now")
    def accept_page(self, request, queryset):
        for status in queryset.select_related("source"):
            status.accept_page()
        messages.success(request, "Those links are marked as answering as they should.")

    def has_accept_page_permission(self, request):
        return request.user.has_perm("tracker.change_source")


@admin.register(LinkCheck)
class LinkCheckAdmin(ReadOnlyAdmin):
    list_display = ["source", "checked_at", "state", "status_code", "final_url"]
    list_filter = ["state"]
    list_select_related = ["source__outlet"]
    search_fields = ["url"]
    date_hierarchy = "checked_at"
    raw_id_fields = ["source"]

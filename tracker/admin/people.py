"""Who speaks: nations, speakers and the roles they hold; two records of one speaker merged."""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path

from tracker.admin.base import (
    HistoryAdmin,
    ProposedRecordAdmin,
    ReviewedChangesAdmin,
    RevisionedAdmin,
)
from tracker.admin.forms import RevisionedForm, SpeakerMergeForm
from tracker.models import Alias, Nation, Role, Speaker
from tracker.services import MERGE_REASON, SpeakerMerge, merge_speakers


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
    list_display = ["name", "kind", "nation", "nationality", "merged_into"]
    list_filter = ["kind", "nation"]
    list_select_related = ["nation", "nationality", "merged_into"]
    search_fields = ["name", "aliases__name"]
    readonly_fields = ["merged_into"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [AliasInline, RoleInline]
    actions = ["merge_two"]

    def get_search_results(self, request, queryset, search_term):
        # An autocomplete (a quote's speaker, the record to merge into) offers only records of
        # their own: a merged speaker is only a redirect.
        queryset, may_have_duplicates = super().get_search_results(request, queryset, search_term)
        if "field_name" in request.GET:
            queryset = queryset.not_merged()
        return queryset, may_have_duplicates

    # A merged record is kept only for its old URLs and its history: nothing more to edit, and
    # deleting it would break the links readers made to it.
    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and not (obj and obj.is_merged)

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and not (obj and obj.is_merged)

    def has_merge_permission(self, request):
        return request.user.has_perm("tracker.merge_speaker")

    def get_urls(self):
        merge = path(
            "<path:object_id>/merge/",
            self.admin_site.admin_view(self.merge_view),
            name="tracker_speaker_merge",
        )
        return [merge, *super().get_urls()]

    def change_view(self, request, object_id, form_url="", extra_context=None):
        extra_context = {**(extra_context or {}), "may_merge": self.has_merge_permission(request)}
        return super().change_view(request, object_id, form_url, extra_context)

    @admin.action(permissions=["merge"], description="Merge the two selected speakers…")
    def merge_two(self, request, queryset):
        speakers = list(queryset[:3])
        if len(speakers) != 2:
            self.message_user(
                request,
                "Choose exactly two records of the same person to merge them. Nothing was changed.",
                messages.ERROR,
            )
            return None
        return TemplateResponse(
            request,
            "admin/tracker/speaker/merge_choose.html",
            {
                **self.admin_site.each_context(request),
                "title": "Which record do you keep?",
                "opts": self.opts,
                "speakers": speakers,
            },
        )

    def merge_view(self, request, object_id):
        """Merge this speaker into another record of the same person: the chief editor chooses
        the record to keep, sees what will move, and confirms."""
        if not self.has_merge_permission(request):
            raise PermissionDenied("Only a chief editor can merge speakers.")
        merged = self.get_object(request, object_id)  # None for an id that names no one
        if merged is None:
            raise Http404("No speaker has this id.")
        data = request.POST if request.method == "POST" else request.GET
        form = SpeakerMergeForm(data if "into" in data else None, admin_site=self.admin_site)
        context = {
            **self.admin_site.each_context(request),
            "title": f"Merge “{merged}” into another record",
            "opts": self.opts,
            "original": merged,
            "form": form,
            "media": self.media + form.media,
            "reason": MERGE_REASON,
        }
        if not form.is_valid():
            # Offered again empty: the autocomplete cannot render a value that names no speaker.
            context["errors"] = [error for errors in form.errors.values() for error in errors]
            context["form"] = SpeakerMergeForm(admin_site=self.admin_site)
            return TemplateResponse(request, "admin/tracker/speaker/merge.html", context)
        target = form.cleaned_data["into"]
        try:
            if request.method != "POST":
                context["merge"] = SpeakerMerge.of(merged, target)
                return TemplateResponse(request, "admin/tracker/speaker/merge.html", context)
            # Saved at the revisions the confirmation page showed: an edit since is refused.
            for record, field in [(merged, "merged_revision"), (target, "target_revision")]:
                loaded = form.cleaned_data[field]
                if loaded is None:
                    raise ValidationError("This page is out of date: open it again.")
                record.revision = loaded
            merge_speakers(merged=merged, target=target, by=request.user)
        except ValidationError as error:
            context["errors"] = error.messages
            return TemplateResponse(request, "admin/tracker/speaker/merge.html", context)
        self.message_user(
            request,
            f"“{merged}” was merged into “{target}”: its quotes and roles are theirs now, its "
            "names are their aliases, and its pages lead to theirs.",
            messages.SUCCESS,
        )
        return redirect("admin:tracker_speaker_change", target.pk)


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

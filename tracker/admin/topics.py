"""What is spoken about: the questions followed, the stances a quote can take, the occasions."""

from django.contrib import admin

from tracker.admin.base import HistoryAdmin, ProposedRecordAdmin, RevisionedAdmin
from tracker.admin.forms import RevisionedForm
from tracker.models import Event, Stance, Topic


class StanceInline(admin.TabularInline):
    model = Stance
    form = RevisionedForm
    extra = 0
    fields = ["value", "label", "description", "position", "loaded_revision"]


@admin.register(Topic)
class TopicAdmin(ProposedRecordAdmin, RevisionedAdmin, HistoryAdmin):
    list_display = ["name", "question", "is_confirmed"]
    list_filter = ["is_confirmed"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [StanceInline]


@admin.register(Event)
class EventAdmin(RevisionedAdmin, HistoryAdmin):
    list_display = ["name", "happened_on", "ended_on", "place"]
    search_fields = ["name", "place"]
    date_hierarchy = "happened_on"
    prepopulated_fields = {"slug": ["name"]}

"""What is spoken about: the questions followed, the stances a quote can take, the occasions."""

from django.contrib import admin

from tracker.admin.base import HistoryAdmin
from tracker.models import Event, Stance, Topic


class StanceInline(admin.TabularInline):
    model = Stance
    extra = 0
    fields = ["value", "label", "description", "position"]


@admin.register(Topic)
class TopicAdmin(HistoryAdmin):
    list_display = ["name", "question"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [StanceInline]


@admin.register(Event)
class EventAdmin(HistoryAdmin):
    list_display = ["name", "happened_on", "place"]
    search_fields = ["name", "place"]
    date_hierarchy = "happened_on"
    prepopulated_fields = {"slug": ["name"]}

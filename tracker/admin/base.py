"""What every record's admin shares: its history, read-only, and edits refused when the page is
out of date."""

from django.core.exceptions import PermissionDenied
from simple_history.admin import SimpleHistoryAdmin

from tracker.admin.forms import ChosenAutocompleteSelect, RevisionedForm
from tracker.models import Quote


def is_unpublished(quote):
    return quote is None or quote.status in Quote.DELETABLE_STATUSES


class HistoryAdmin(SimpleHistoryAdmin):
    # The History page is a record of who changed what, not a way to change it: simple_history
    # saves whatever is posted to an old version's page from anyone who may merely view the
    # object, and a revert would rewrite a quote behind the editorial verbs.
    def revert_disabled(self, request, obj=None):
        return True

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        if request.method == "POST":
            raise PermissionDenied
        return super().history_form_view(request, object_id, version_id, extra_context)


class RevisionedAdmin:
    """Carries the revision an editor opened in a hidden field of the change page."""

    form = RevisionedForm

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if "widget" not in kwargs and db_field.name in self.get_autocomplete_fields(request):
            kwargs["widget"] = ChosenAutocompleteSelect(
                db_field, self.admin_site, using=kwargs.get("using")
            )
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def get_fieldsets(self, request, obj=None):
        fieldsets = [
            (name, {**options, "fields": [f for f in options["fields"] if f != "loaded_revision"]})
            for name, options in super().get_fieldsets(request, obj)
        ]
        if obj is None or not self.has_change_permission(request, obj):
            return fieldsets
        (name, options), *others = fieldsets
        return [(name, {**options, "fields": [*options["fields"], "loaded_revision"]}), *others]

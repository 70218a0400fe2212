"""Importing prepared statements into the quotes' admin."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseRedirect
from django.urls import reverse
from import_export.admin import ImportMixin

from tracker import imports
from tracker.admin.forms import QuoteImportForm


class QuoteImportAdmin(ImportMixin):
    """Prepared statements imported from a file with the CSV export's columns (tracker/imports.py):
    a dry run first, showing what would be created or changed and each row's errors; then, once
    confirmed, all of it in one transaction, or nothing."""

    resource_classes = [imports.QuoteResource]
    import_form_class = QuoteImportForm
    # Editors and chief editors, who add quotes; the rows themselves are checked against the
    # editorial rules (QuoteResource).
    import_formats = [imports.ArchiveCSV, imports.ArchiveJSON]

    def has_import_permission(self, request):
        return request.user.has_perm("tracker.add_quote")

    def process_import(self, request, **kwargs):
        # Whoever may not import is told so, whatever the method (the library answers a GET
        # with 405 before it asks).
        if not self.has_import_permission(request):
            raise PermissionDenied
        return super().process_import(request, **kwargs)

    def get_import_data_kwargs(self, **kwargs):
        # The file is read again once confirmed: a row the archive refuses by then (someone
        # published its quote in between) undoes the whole import, not just that row.
        return {**super().get_import_data_kwargs(**kwargs), "rollback_on_validation_errors": True}

    def add_data_read_fail_error_to_form(self, form, e):
        if isinstance(e, imports.ImportFileError):
            form.add_error("import_file", str(e))
        else:
            super().add_data_read_fail_error_to_form(form, e)

    def process_result(self, result, request):
        if result.has_errors() or result.has_validation_errors():
            self.message_user(
                request,
                "Nothing was imported: the archive changed since the dry run, and some rows "
                "no longer apply. Import the file again to see which.",
                messages.ERROR,
            )
            return HttpResponseRedirect(reverse("admin:tracker_quote_import"))
        response = super().process_result(result, request)
        if result.totals["new"]:
            self.message_user(
                request,
                "The new quotes are drafts: send them for review from the list when they are "
                "ready.",
                messages.INFO,
            )
        return response

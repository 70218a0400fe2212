"""The editors' admin site: Django's, with its list of models worked out once for each set of
permissions. Apart from tracker/admin.py, which registers the models: Django imports this
module while the admin modules are being loaded."""

import functools

from django.contrib.admin import AdminSite
from django.urls import get_script_prefix, get_urlconf
from django.utils.translation import get_language

from tracker.models import KeptInProcess


class AppList(list):
    """The models an editor may see in the admin, with what kept_app_list keys its drawing by,
    worked out once with the list."""

    SHOWN = ("object_name", "name", "admin_url", "add_url", "view_only")  # of each model

    @functools.cached_property
    def listed(self):
        return repr(
            [
                (
                    (app["app_label"], str(app["name"]), app["app_url"]),
                    [tuple(str(model.get(key)) for key in self.SHOWN) for model in app["models"]],
                )
                for app in self
            ]
        )

    @functools.cached_property
    def addresses(self):
        return [
            url
            for app in self
            for url in [app["app_url"], *(m.get("admin_url") for m in app["models"])]
            if url
        ]


class ArchiveAdminSite(AdminSite):
    """The editors' admin. Its list of models, on every page, is worked out once for each set
    of permissions, not for every page: twenty-odd addresses and each model's permissions,
    a twentieth of the quote change form's time."""

    site_header = "On the Record: editors"
    site_title = "On the Record"
    index_title = "The archive"

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.app_lists = KeptInProcess(most=100)  # each editor's permissions may differ

    def get_app_list(self, request, app_label=None):
        user = request.user
        # What the ModelAdmins' permission checks read, and nothing more: another permission
        # is another list (test_an_editor_given_a_permission_sees_its_model_at_once).
        if user.is_active and user.is_superuser:
            permissions = "all"
        else:
            permissions = frozenset(user.get_all_permissions())
        key = (permissions, app_label, get_language(), get_script_prefix(), get_urlconf())
        return self.app_lists.get(
            key, lambda: AppList(super(ArchiveAdminSite, self).get_app_list(request, app_label))
        )

from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps


class TrackerConfig(AppConfig):
    default = True  # the app's own; the admin's below is named in INSTALLED_APPS
    name = "tracker"
    verbose_name = "On the Record"


class EditorsAdminConfig(admin_apps.AdminConfig):
    # Django's documented way to replace its default site: the editors' index shows their desk.
    default = False
    default_site = "tracker.admin_site.EditorsAdminSite"

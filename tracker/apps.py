from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps


class TrackerConfig(AppConfig):
    name = "tracker"
    verbose_name = "On the Record"


class ArchiveAdminConfig(admin_apps.AdminConfig):
    """django.contrib.admin, serving the archive's own site (tracker.admin_site.ArchiveAdminSite)."""

    default = False  # named in INSTALLED_APPS; "tracker" itself is TrackerConfig
    default_site = "tracker.admin_site.ArchiveAdminSite"

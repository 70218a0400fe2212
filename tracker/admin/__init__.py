"""The editors' admin: editors prepare drafts, chief editors publish, correct and retract them.

Django's autodiscovery imports this package; each module registers its records' admins on
Django's own site, which only takes the archive's headers here.
"""

from django.contrib import admin

from tracker.admin import (  # noqa: F401
    attribution,
    corrections,
    people,
    quotes,
    reviews,
    snapshots,
    sources,
    topics,
    users,
)
from tracker.admin.forms import SignInForm

admin.site.site_header = "On the Record: editors"
admin.site.site_title = "On the Record"
admin.site.index_title = "The archive"
admin.site.login_form = SignInForm

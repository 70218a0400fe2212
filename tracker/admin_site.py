"""The editors' admin site: Django's, with each editor's desk on its index page.

Outside the admin package: Django makes the default site (EditorsAdminConfig) as the admin
package is being imported to register on it, and a site inside that package would be made twice.
"""

from django.contrib import admin
from django.urls import reverse
from django.utils.http import urlencode

from tracker.models import Quote


class EditorsAdminSite(admin.AdminSite):
    index_template = "admin/tracker/index.html"

    def index(self, request, extra_context=None):
        return super().index(request, {"desk": self.desk(request), **(extra_context or {})})

    def desk(self, request):
        """What waits for this editor: their own drafts, and for a chief editor the quotes
        waiting for review, each counted and linked to the quote list filtered to them."""
        user = request.user
        quote_list = reverse("admin:tracker_quote_changelist", current_app=self.name)
        links = []
        if user.has_perm("tracker.publish_quote"):
            links.append(
                {
                    "label": "Waiting for review",
                    "count": Quote.objects.filter(status=Quote.Status.REVIEW).count(),
                    "url": f"{quote_list}?{urlencode({'status__exact': Quote.Status.REVIEW})}",
                }
            )
        if user.has_perm("tracker.add_quote"):
            links.append(
                {
                    "label": "My drafts",
                    "count": Quote.objects.filter(status=Quote.Status.DRAFT)
                    .entered_by(user)
                    .count(),
                    "url": f"{quote_list}?"
                    + urlencode({"status__exact": Quote.Status.DRAFT, "entered_by": "me"}),
                }
            )
        return links

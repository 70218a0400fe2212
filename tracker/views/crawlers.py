"""What search engines read: robots.txt and the sitemap index."""

from django.contrib.sitemaps.views import SitemapIndexItem, x_robots_tag
from django.http import HttpResponse
from django.template.response import TemplateResponse
from django.urls import reverse

from tracker.site import absolute_url
from tracker.sitemaps import SITEMAPS


@x_robots_tag
def sitemap_index(request):
    """Django's sitemap index, with each section's URL on SITE_URL (Django's names the host the
    request named), and without the sections' dates, which Django reads every item for."""
    sections = []
    for section, sitemap in SITEMAPS.items():
        url = absolute_url(reverse("django.contrib.sitemaps.views.sitemap", args=[section]))
        pages = range(2, sitemap().paginator.num_pages + 1)
        sections += [SitemapIndexItem(url), *(SitemapIndexItem(f"{url}?p={n}") for n in pages)]
    return TemplateResponse(
        request, "sitemap_index.xml", {"sitemaps": sections}, content_type="application/xml"
    )


def robots_txt(request):
    sitemap = absolute_url(reverse("sitemap_index"))
    lines = ["User-agent: *", "Disallow: /admin/", "Disallow: /q/*/v/", f"Sitemap: {sitemap}", ""]
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")

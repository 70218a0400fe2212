from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from tracker.models import Nation, Quote, Source, Speaker, Topic


class QuoteSitemap(Sitemap):
    changefreq = "monthly"
    limit = 10_000

    def items(self):
        return Quote.objects.published().only("key", "updated_at").order_by("id")

    def lastmod(self, quote):
        return quote.updated_at


class RecordSitemap(Sitemap):
    """Records with at least one published quote: a page with nothing public is not listed."""

    changefreq = "weekly"
    limit = 10_000
    model = None
    path = None

    def items(self):
        public = Quote.objects.published().values(self.path)
        return self.model.objects.filter(pk__in=public).order_by("pk")


class SpeakerSitemap(RecordSitemap):
    model, path = Speaker, "speaker"


class NationSitemap(RecordSitemap):
    model, path = Nation, "nation"


class SourceSitemap(RecordSitemap):
    model, path = Source, "source"


class TopicSitemap(RecordSitemap):
    model, path = Topic, "stance__topic"


class PageSitemap(Sitemap):
    changefreq = "daily"

    def items(self):
        return ["home", "quote_list", "date_list", "correction_list"]

    def location(self, name):
        return reverse(name)


SITEMAPS = {
    "pages": PageSitemap,
    "quotes": QuoteSitemap,
    "people": SpeakerSitemap,
    "nations": NationSitemap,
    "sources": SourceSitemap,
    "topics": TopicSitemap,
}

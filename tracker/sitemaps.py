from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from tracker.models import (
    Event,
    Nation,
    Outlet,
    Quote,
    Source,
    Speaker,
    Topic,
    with_published_quotes,
)


class QuoteSitemap(Sitemap):
    changefreq = "monthly"
    limit = 10_000

    def items(self):
        return Quote.objects.published().only("key", "updated_at").order_by("id")

    def lastmod(self, quote):
        return quote.updated_at


class RecordSitemap(Sitemap):
    """Records a published quote names: a page with nothing public is not listed."""

    changefreq = "weekly"
    limit = 10_000
    model = None

    def items(self):
        return with_published_quotes(self.model.objects.order_by("pk"))


class SpeakerSitemap(RecordSitemap):
    model = Speaker


class NationSitemap(RecordSitemap):
    model = Nation


class SourceSitemap(RecordSitemap):
    model = Source


class TopicSitemap(RecordSitemap):
    model = Topic


class OutletSitemap(RecordSitemap):
    model = Outlet


class EventSitemap(RecordSitemap):
    model = Event


class PageSitemap(Sitemap):
    changefreq = "daily"

    def items(self):
        return [
            "home",
            "quote_list",
            "speaker_list",
            "nation_list",
            "topic_list",
            "event_list",
            "source_list",
            "outlet_list",
            "date_list",
            "correction_list",
            "methodology",
        ]

    def location(self, name):
        return reverse(name)


SITEMAPS = {
    "pages": PageSitemap,
    "quotes": QuoteSitemap,
    "people": SpeakerSitemap,
    "nations": NationSitemap,
    "sources": SourceSitemap,
    "topics": TopicSitemap,
    "outlets": OutletSitemap,
    "events": EventSitemap,
}

"""The sitemaps: every public quote and record, on SITE_URL, in pages that stay fast at a
million quotes.

Django's sitemaps count every item to number their pages, reach page n with OFFSET (reading
every row before it), and, for the index's dates, read every item of every section; a fresh
index took 1.35 s at 100,000 quotes. Here page n of a section holds the ids from
(n - 1) * limit to n * limit - 1 after the first record's: one range of the primary key read, nothing counted (the
number of pages follows from the highest id, one step down the index), and the index gives
no dates. A page may hold fewer than `limit` URLs, as drafts take ids too.
"""

from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.core.paginator import Page, Paginator
from django.db.models import Max, Min
from django.urls import reverse
from django.utils.functional import cached_property

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


class SiteSitemap(Sitemap):
    """URLs on SITE_URL: Django's sitemaps name the host the request named."""

    def get_protocol(self, protocol=None):
        return urlsplit(settings.SITE_URL).scheme

    def get_domain(self, site=None):
        return urlsplit(settings.SITE_URL).netloc


class IdRangePaginator(Paginator):
    """Pages of `per_page` ids each, from the first record's, whichever of them `object_list`
    holds."""

    @cached_property
    def id_range(self):
        ids = self.object_list.aggregate(first=Min("pk"), last=Max("pk"))
        return ids["first"] or 0, ids["last"] or 0

    @cached_property
    def count(self):
        # Not how many records there are: how many ids the pages cover, first to last.
        first, last = self.id_range
        return last - first + 1 if last else 0

    def page(self, number):
        number = self.validate_number(number)
        bottom = self.id_range[0] + (number - 1) * self.per_page
        ids = {"pk__gte": bottom, "pk__lt": bottom + self.per_page}
        return Page(self.object_list.filter(**ids), number, self)


class RecordSitemap(SiteSitemap):
    limit = 10_000

    @property
    def paginator(self):
        return IdRangePaginator(self.items(), self.limit)

    def get_latest_lastmod(self):
        # Django's reads every item for it: every published quote, for each visit of the index.
        return None


class QuoteSitemap(RecordSitemap):
    changefreq = "monthly"

    def items(self):
        return Quote.objects.published().only("key", "updated_at").order_by("id")

    def lastmod(self, quote):
        return quote.updated_at


class PublicRecordSitemap(RecordSitemap):
    """Records a published quote names: a page with nothing public is not listed."""

    changefreq = "weekly"
    model = None

    def items(self):
        return with_published_quotes(self.model.objects.order_by("pk"))


class SpeakerSitemap(PublicRecordSitemap):
    model = Speaker


class NationSitemap(PublicRecordSitemap):
    model = Nation


class SourceSitemap(PublicRecordSitemap):
    model = Source


class TopicSitemap(PublicRecordSitemap):
    model = Topic


class OutletSitemap(PublicRecordSitemap):
    model = Outlet


class EventSitemap(PublicRecordSitemap):
    model = Event


class PageSitemap(SiteSitemap):
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

"""Atom feeds: any filtered view of /quotes/, each person, nation and topic, and the corrections."""

import dataclasses
from typing import NamedTuple

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.http import Http404, HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import escape

from tracker import caching
from tracker.filters import QuoteFilter
from tracker.models import (
    Nation,
    Quote,
    Speaker,
    Topic,
    notices,
    public_notices,
    with_published_quotes,
)
from tracker.site import absolute_url

# As many as a page of the list: a feed reader that asks daily misses none on any real day.
FEED_SIZE = 25


def from_entry(key):
    """An item_* hook of a Feed that reads `key` of the entry StatementFeed.entry() made."""

    def hook(self, entry):
        return entry[key]

    return hook


@dataclasses.dataclass
class Entries:
    """What one request's feed shows: a person's, a nation's or a topic's quotes, or those of a
    filtered view (its record is then the QuoteFilter)."""

    record: object
    quotes: object
    path: str


class StatementsAtomFeed(Atom1Feed):
    """Atom, with each entry's content (type="html"): its words and how they reached us (the
    summary stays the words alone); and its date said as precisely as it is known, in EDTF
    (Dublin Core's `created`, whose recommended format EDTF is): 2025-02, [2025-02-10..2025-02-16]."""

    def root_attributes(self):
        return {**super().root_attributes(), "xmlns:dcterms": "http://purl.org/dc/terms/"}

    def add_item_elements(self, handler, item):
        super().add_item_elements(handler, item)
        if item.get("content") is not None:
            handler.addQuickElement("content", item["content"], {"type": "html"})
        if item.get("said_on_edtf"):
            handler.addQuickElement("dcterms:created", item["said_on_edtf"])


class StatementFeed(Feed):
    """A feed of statements, newest first: each entry who said it, when, on which question, and
    how the words reached us.

    Each entry is made once per version of its quote and cached, as cards and API answers are
    (caching.per_quote): a feed reads its quotes' ids and revisions, then only the quotes whose
    entry is not cached."""

    feed_type = StatementsAtomFeed
    subtitle = "Newly said statements in the archive, newest first."

    def items(self, feed):
        newest = [
            Newest(pk, revision)
            for pk, revision in feed.quotes.values_list("pk", "revision")[:FEED_SIZE]
        ]

        def render(missing):
            rows = feed.quotes.filter(pk__in=[quote.pk for quote in missing])
            return {quote.pk: self.entry(quote) for quote in rows}

        return caching.per_quote("feed_entry", newest, render, varies_on=[settings.SITE_URL])

    def entry(self, quote):
        """What the feed says of one quote, as plain values the cache keeps."""
        return {
            "title": f"{quote.speaker.name}, {quote.said_on_display}: {quote.stance.label}",
            # An Atom summary is HTML (type="html"): the words are escaped to read as typed.
            "description": escape(self.words(quote)),
            "extra": self.content(quote),
            "link": absolute_url(quote.get_absolute_url()),
            "author_name": quote.speaker.name,
            "pubdate": quote.published_at,
            "updateddate": quote.updated_at,
            "categories": [quote.stance.topic.name, quote.stance.label],
        }

    @staticmethod
    def words(quote):
        """The words, then each translation with who made it."""
        translations = "".join(
            f"\n\n{t.language_name} translation ({t.credit}): {t.text}"
            for t in quote.translations.all()
        )
        return f"{quote.text}{translations}"

    def content(self, quote):
        # The entry's content (StatementsAtomFeed): the words, then how they reached us.
        edits = "".join(
            f"\n{edit.get_kind_display()}: {edit.explanation}" for edit in quote.word_edits.all()
        )
        provenance = f"{quote.chain_text()}.\nVerification: {quote.get_verification_display()}."
        return {
            "content": escape(f"{self.words(quote)}\n\n{provenance}{edits}"),
            "said_on_edtf": quote.said_on_edtf,
        }

    # Django's Feed asks for each part of an entry through its own item_* hook.
    item_title = from_entry("title")
    item_description = from_entry("description")
    item_extra_kwargs = from_entry("extra")
    item_link = from_entry("link")
    # Without an item_guid, an entry's id is its permalink: it never changes.
    item_author_name = from_entry("author_name")
    item_pubdate = from_entry("pubdate")
    item_updateddate = from_entry("updateddate")
    item_categories = from_entry("categories")

    # Every link is made from SITE_URL: Django's feeds would add the host the request named.
    def feed_url(self, feed):
        return absolute_url(feed.path)


class Newest(NamedTuple):
    """A quote of a feed, as its cached entry is found: its id and its revision."""

    pk: int
    revision: int


def statements_title(filters=""):
    """A feed of statements titled by its filters: "On the Record: statements (Nation: Germany)"."""
    return f"On the Record: statements ({filters})" if filters else "On the Record: statements"


class QuoteFeed(StatementFeed):
    """The newest quotes of any filtered view of /quotes/, titled by its filters."""

    def __call__(self, request, *args, **kwargs):
        quote_filter = QuoteFilter(request.GET, queryset=Quote.objects.published().for_feed())
        if not quote_filter.is_valid():
            return HttpResponseBadRequest(
                "Some filters could not be read: " + quote_filter.errors.as_text(),
                content_type="text/plain; charset=utf-8",
            )
        return super().__call__(request, quote_filter=quote_filter)

    def get_object(self, request, quote_filter):
        return Entries(record=quote_filter, quotes=quote_filter.qs, path=request.get_full_path())

    def title(self, feed):
        return statements_title(feed.record.describe())

    def link(self, feed):
        query = feed.record.data.urlencode()
        return absolute_url(reverse("quote_list") + (f"?{query}" if query else ""))


class RecordQuoteFeed(StatementFeed):
    """The statements of one person, nation or topic."""

    model = None
    lookup = None

    def get_object(self, request, key):
        record = get_object_or_404(self.records(), **{self.lookup: key})
        quotes = self.quotes_of(record).published().for_feed()
        return Entries(record=record, quotes=quotes, path=request.path)

    def records(self):
        # A person or nation that only drafts name is not public: its feed is not found.
        return with_published_quotes(self.model.objects.all())

    def title(self, feed):
        return f"On the Record: {feed.record}"

    def link(self, feed):
        return absolute_url(feed.record.get_absolute_url())


class SpeakerFeed(RecordQuoteFeed):
    model, lookup = Speaker, "slug"

    def __call__(self, request, key):
        try:
            return super().__call__(request, key=key)
        except Http404:
            # A merged speaker's feed continues as the feed of the speaker it was merged into.
            if (target := Speaker.objects.merge_target_of(key)) is None:
                raise
            return redirect("speaker_feed", key=target.slug, permanent=True)

    def quotes_of(self, speaker):
        return speaker.quotes


class NationFeed(RecordQuoteFeed):
    model, lookup = Nation, "code"

    def __call__(self, request, key):
        if key != key.lower():  # /nations/GB/feed.atom, as /nations/GB/
            return redirect("nation_feed", key=key.lower(), permanent=True)
        return super().__call__(request, key=key)

    def quotes_of(self, nation):
        return nation.quotes


class TopicFeed(RecordQuoteFeed):
    model, lookup = Topic, "slug"

    def records(self):
        return Topic.objects.confirmed()  # a question the archive follows is public, as its page

    def quotes_of(self, topic):
        return Quote.objects.filter(stance__topic=topic)


class CorrectionFeed(Feed):
    feed_type = Atom1Feed
    title = "On the Record: corrections and retractions"
    subtitle = "Every correction to a published statement and every retraction, newest first."

    def link(self):
        return absolute_url(reverse("correction_list"))

    def feed_url(self):
        return absolute_url(reverse("correction_feed"))

    def items(self):
        return notices(public_notices()[:FEED_SIZE])

    def item_title(self, notice):
        quote = notice.quote
        if notice.is_retraction:
            return f"Retracted: {quote.speaker.name}, {quote.said_on_display}"
        return f"Corrected: {quote.speaker.name}, {quote.said_on_display} ({notice.correction.changed})"

    def item_description(self, notice):
        if notice.is_retraction:
            return escape(notice.quote.retraction_reason)
        return escape(notice.correction.note)

    def item_pubdate(self, notice):
        return notice.at

    def item_link(self, notice):
        return absolute_url(notice.get_absolute_url())

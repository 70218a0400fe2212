"""Pages of long quote lists that stay fast at a million quotes."""

import hashlib

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import EmptyResultSet
from django.core.paginator import Paginator
from django.db import connections
from django.utils.functional import cached_property

from tracker.models import CACHE_SECONDS, Quote, cached_for_archive, cards_version
from tracker.routers import has_replayed
from tracker.templatetags.tracker import draw_card


class LateRowPaginator(Paginator):
    def page_of(self, ids, number):
        """The page of these ids, in their order: only they are joined to their related rows."""
        return self._get_page(rows_in_order(self.object_list, ids), number, self)


def rows_of(queryset, ids):
    """The rows of these ids as `queryset` shows them (with the rows it selects along, a
    search's rank and snippet), without the filters that chose the ids. With them, PostgreSQL
    took a search's thousand ids and its words for a sign that hardly a row would match,
    joined each of the 25 to every speaker and outlet in turn, and took 12 ms instead of 2."""
    rows = queryset.model._default_manager.using(queryset.db).filter(pk__in=ids)
    rows.query.select_related = queryset.query.select_related
    rows._prefetch_related_lookups = queryset._prefetch_related_lookups
    # Unordered: the caller puts them in the order of the ids (and compiling the model's
    # ordering was a third of compiling the query).
    return rows.annotate(**queryset.query.annotations).order_by()


def rows_in_order(queryset, ids):
    rows = {row.pk: row for row in rows_of(queryset, ids)}
    return [rows[pk] for pk in ids if pk in rows]


class ArchivePaginator(LateRowPaginator):
    """Two things the stock paginator does slowly on a large archive:

    - counting: the count of a filtered view is cached until the archive changes
      (a publication, correction or retraction), so a reader paging through it counts once;
    - fetching: the page's ids are found on the quote table alone, then only those rows are
      joined to their speakers, sources and outlets (a "late row lookup"), instead of joining
      every candidate row before sorting. Deep pages seek from the nearer end of the list.
      A page of quote cards reads its quotes' revisions, and joins only the rows of the
      quotes whose cards are not kept (kept_cards).
    """

    @cached_property
    def keeps_cards(self):
        return self.object_list.model is Quote

    @cached_property
    def count(self):
        ranked = getattr(self.object_list, "ranked_ids", None)
        return cached_count(self.object_list) if ranked is None else len(ranked)

    @cached_property
    def matches(self):
        """How many quotes match in all: more than `count` when relevance ranks only the newest."""
        everything = getattr(self.object_list, "matched", None)
        return self.count if everything is None else cached_count(everything)

    def page(self, number):
        number = self.validate_number(number)
        bottom = (number - 1) * self.per_page
        top = min(bottom + self.per_page, self.count)
        # The ids alone: where an index holds them in the list's order (every published quote,
        # newest first), PostgreSQL counts its way to a deep page in the index, not the table.
        ids_in_order = self.object_list.values_list("pk", flat=True)
        if (ranked := getattr(self.object_list, "ranked_ids", None)) is not None:
            ids = ranked[bottom:top]  # kept in their order (QuoteQuerySet.by_relevance)
        elif bottom > self.count // 2 and self.object_list.ordered:
            # Nearer the end: read the list backwards, so the last page costs what the first does.
            ids = list(ids_in_order.reverse()[self.count - top : self.count - bottom])[::-1]
        else:
            ids = list(ids_in_order[bottom:top])
        if not self.keeps_cards:
            return self.page_of(ids, number)
        return self._get_page(cards_in_order(self.object_list, ids), number, self)


class KeptCard:
    """A quote on a page of cards: its card as drawn (quote_card shows it), not its row."""

    __slots__ = ("drawn_card", "pk")

    def __init__(self, pk, drawn_card):
        self.pk, self.drawn_card = pk, drawn_card


def first_cards(quotes, number):
    """The first `number` quotes of a list, as kept cards."""
    return cards_in_order(quotes, list(quotes.values_list("pk", flat=True)[:number]))


def cards_in_order(quotes, ids):
    if not ids:
        return []
    revisions = quotes.model._default_manager.using(quotes.db).filter(pk__in=ids)
    cards = kept_cards(quotes, dict(revisions.values_list("pk", "revision")))
    return [cards[pk] for pk in ids if pk in cards]


def kept_cards(quotes, revisions):
    """{pk: KeptCard} for the quotes of `revisions` ({pk: revision}) that `quotes` holds.

    A card is kept under its quote's revision, which every save moves on, and the version of
    the cards (cards_version), which changes with any name, title or outlet a card may show;
    only the quotes whose cards are not kept are read, with their related rows, and drawn.
    A search's cards mark the words it matched, so they are kept apart for each search.
    """
    version, marks = cards_version(), marked_words(quotes)
    keys = {
        pk: f"card:{settings.RELEASE}:{version}:{marks}{pk}:{revision}"
        for pk, revision in revisions.items()
    }
    found = cache.get_many(keys.values())
    cards = {pk: KeptCard(pk, found[key]) for pk, key in keys.items() if key in found}
    missing = [pk for pk in keys if pk not in cards]
    drawn = {}
    for quote in rows_of(quotes, missing) if missing else ():
        cards[quote.pk] = KeptCard(quote.pk, draw_card(quote))
        # Saved again since its id was read: its card is not the one of that revision.
        if quote.revision == revisions[quote.pk]:
            drawn[keys[quote.pk]] = cards[quote.pk].drawn_card
    # A lagging replica's rows may be older than the version: shown, not kept under it.
    if drawn and has_replayed(quotes.db, version.partition("@")[2] or None):
        cache.set_many(drawn, timeout=CACHE_SECONDS)
    return cards


def marked_words(quotes):
    """What a search's cards mark in their words (its snippet, as compiled), or "" for a list."""
    snippet = quotes.query.annotations.get("snippet")
    if snippet is None:
        return ""
    sql, params = snippet.as_sql(quotes.query.get_compiler(quotes.db), connections[quotes.db])
    return hashlib.sha256(repr((sql, params)).encode()).hexdigest()[:16] + ":"


class CappedCountPaginator(LateRowPaginator):
    """Pages of an editors' list that count no further than an editor can page from here.

    Counting every row a filter or a search matches costs a scan of the table when the
    filter has no index (kind, language, date precision): seconds at a million quotes, for a
    number no one pages through. This paginator reads the ids of the page asked for and of
    at most `pages_ahead` pages after it, in the list's order, in one query: they give the
    page, and the count up to there. When there are more rows, `count` stops there,
    `is_capped` says so, and the list says "more than". Only the page's own ids are then
    joined to their related rows, as ArchivePaginator does.
    """

    def __init__(self, object_list, per_page, *, page_number=1, pages_ahead=2, **kwargs):
        super().__init__(object_list, per_page, **kwargs)
        self.page_number = max(page_number, 1)
        self.count_limit = (self.page_number + pages_ahead) * per_page

    @cached_property
    def ids_ahead(self):
        """The ids from the top of the page asked for to one past the count limit, in order."""
        ids = self.object_list.values_list("pk", flat=True)
        return list(ids[self.bottom_of(self.page_number) : self.count_limit + 1])

    def bottom_of(self, number):
        return (number - 1) * self.per_page

    @property
    def count(self):
        # Asked for a page past the end, it finds no ids there: the pages before it count as
        # full, and the page asked for does not exist, which the list answers as Django's does.
        return min(self.bottom_of(self.page_number) + len(self.ids_ahead), self.count_limit)

    @property
    def is_capped(self):
        return len(self.ids_ahead) > self.count_limit - self.bottom_of(self.page_number)

    def page(self, number):
        number = self.validate_number(number)
        if number == self.page_number:
            ids = self.ids_ahead[: self.per_page]
        else:
            bottom = self.bottom_of(number)
            ids = list(
                self.object_list.values_list("pk", flat=True)[bottom : bottom + self.per_page]
            )
        return self.page_of(ids, number)


def cached_count(queryset):
    # Keyed by what is counted: the rows' ids, not the ten tables' columns and the order a
    # page shows them in, which took longer to compile than reading the count.
    counted = queryset.order_by().values("pk")
    try:
        sql, params = counted.query.get_compiler(queryset.db).as_sql()
    except EmptyResultSet:
        return 0
    digest = hashlib.sha256(f"{sql}|{params}".encode()).hexdigest()
    return cached_for_archive(
        f"count:{connections[queryset.db].vendor}:{digest}",
        counted.count,
        using=queryset.db,
        timeout=60 * 60,
    )

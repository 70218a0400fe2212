"""Pages of long lists that stay fast at a million quotes."""

import contextlib
from typing import NamedTuple

from django.core.exceptions import EmptyResultSet
from django.core.paginator import EmptyPage, Page, Paginator
from django.utils.functional import cached_property

from tracker import caching, search

# A list is estimated rather than counted when PostgreSQL's planner expects this many rows or
# more, or a count costing this much or more in its units (one page read in sequence is 1: a
# fifth of the quote table, scanned for a filter no index serves, such as kind or language).
# Counting every match of a common word opens every matching row: seconds at a million quotes.
ESTIMATED_FROM_ROWS = 20_000
ESTIMATED_FROM_COST = 20_000
PAST_THE_ESTIMATE = 10


class Estimate(int):
    """A number of rows as PostgreSQL's planner expects them, rounded: "about 180000"."""

    is_estimate = True


def count_or_estimate(queryset):
    """How many rows `queryset` has, as (number, is_estimate): counted, unless PostgreSQL's
    planner expects many rows or a costly count (SQLite always counts)."""
    if search.is_postgresql(queryset):
        try:
            plan = search.plan_of(queryset)
        except EmptyResultSet:
            return 0, False
        planned = plan["Plan Rows"]
        if planned >= ESTIMATED_FROM_ROWS or plan["Total Cost"] >= ESTIMATED_FROM_COST:
            # Two significant figures: the planner is rarely nearer than that.
            rounding = 10 ** max(0, len(str(round(planned))) - 2)
            return round(planned / rounding) * rounding, True
    return queryset.count(), False


def cached_count_or_estimate(queryset, *, depends_on):
    """The count of `queryset`, or an Estimate of it, cached (caching.cached_count)."""
    number, is_estimate = caching.cached_count(
        queryset, depends_on=depends_on, count=count_or_estimate
    )
    return Estimate(number) if is_estimate else number


def rows_in_order(queryset, ids):
    """The rows of these ids, with what `queryset` selects along, in the ids' order."""
    rows = {row.pk: row for row in queryset.filter(pk__in=ids).order_by()}
    return [rows[pk] for pk in ids if pk in rows]


class ArchivePaginator(Paginator):
    """Three things the stock paginator does slowly on a large archive:

    - counting: the count is cached until what it `depends_on` changes (caching.cached_count),
      so a reader paging through a list counts once;
    - counting a long list at all: where the planner expects many rows or a costly count, the
      count is an Estimate, shown as "about"; a page past the estimated end is read like any
      other, and is empty if the list ends before it;
    - fetching: the page's ids are read first, on the quote table alone (deep pages of a
      counted list from the nearer end of the list), and cached as the count is; then only
      those rows are joined to their speakers, sources and outlets, instead of every
      candidate row before sorting.
    """

    def __init__(self, object_list, per_page, *, depends_on, count=None, **kwargs):
        super().__init__(object_list, per_page, **kwargs)
        self.depends_on = depends_on
        if count is not None:  # known already (aggregates.published_count): exact
            self.count = count

    @cached_property
    def count(self):
        return cached_count_or_estimate(self.object_list, depends_on=self.depends_on)

    @property
    def is_estimate(self):
        return isinstance(self.count, Estimate)

    def validate_number(self, number):
        try:
            return super().validate_number(number)
        except EmptyPage:
            # Past the estimated end there may be rows still: the page is read to find out, up
            # to ten times the estimated length (the planner is rarely out by that much).
            if self.is_estimate and 1 < int(number) <= PAST_THE_ESTIMATE * self.num_pages:
                return int(number)
            raise

    def page(self, number):
        number = self.validate_number(number)
        bottom = (number - 1) * self.per_page
        # The ids alone: where an index holds them in the list's order (every published quote,
        # newest first), PostgreSQL counts its way to a deep page in the index, not the table.
        ids_in_order = self.object_list.values_list("pk", flat=True)
        if self.is_estimate:
            # One more id than the page shows says whether a next page exists.
            ids = self.ids(ids_in_order[bottom : bottom + self.per_page + 1])
            page = EstimatedPage(
                self.rows(ids[: self.per_page]), number, self, has_next=len(ids) > self.per_page
            )
            if not page.has_next() and (ids or number == 1):
                # The last page: the count is known now (and the number of pages with it).
                self.count = bottom + len(ids)
                with contextlib.suppress(AttributeError):
                    del self.num_pages
            return page
        top = min(bottom + self.per_page, self.count)
        if bottom > self.count // 2 and self.object_list.ordered:
            # Nearer the end: read the list backwards, so the last page costs what the first does.
            ids = self.ids(ids_in_order.reverse()[self.count - top : self.count - bottom])[::-1]
        else:
            ids = self.ids(ids_in_order[bottom:top])
        return Page(self.rows(ids), number, self)

    def ids(self, ids_in_order):
        """The ids of a page, cached as its count is: ranking the newest matches of a search
        by relevance costs tens of milliseconds."""
        return caching.cached_list(ids_in_order, depends_on=self.depends_on)

    def rows(self, ids):
        """What the page holds of the rows of these ids: the rows themselves, in order."""
        return rows_in_order(self.object_list, ids)


class QuoteOnPage(NamedTuple):
    pk: int
    revision: int
    role_title: str | None  # the role it was said in: a person's page heads its cards with it


class QuotePaginator(ArchivePaginator):
    """Pages of quotes shown as cards. A page holds each quote's id and revision, which name
    its card in the cache: the cards are read from the cache, and the rows of the quotes whose
    card is not cached are read then, with `rows_of` ({% quote_cards %}). A card that shows a
    search's passages varies on the `search` too."""

    def __init__(self, object_list, per_page, *, depends_on, search="", **kwargs):
        super().__init__(object_list, per_page, depends_on=depends_on, **kwargs)
        self.search = search

    def rows(self, ids):
        found = {
            pk: QuoteOnPage(pk, revision, role_title)
            for pk, revision, role_title in self.object_list.model._default_manager.using(
                self.object_list.db
            )
            .filter(pk__in=ids)
            .order_by()
            .values_list("pk", "revision", "role__title")
        }
        return [found[pk] for pk in ids if pk in found]

    def rows_of(self, quotes):
        """The rows of these quotes, and where the search matched each (search.find_passages)."""
        rows = rows_in_order(self.object_list, [quote.pk for quote in quotes])
        search.find_passages(rows, self.search)
        return rows


class EstimatedPage(Page):
    """A page of a list whose length is estimated: it has a next page if a row follows it."""

    def __init__(self, object_list, number, paginator, *, has_next):
        super().__init__(object_list, number, paginator)
        self.is_followed = has_next

    def has_next(self):
        return self.is_followed


class CappedCountPaginator(Paginator):
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
        return Page(rows_in_order(self.object_list, ids), number, self)

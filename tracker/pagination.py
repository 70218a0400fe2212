"""Pages of long lists that stay fast at a million quotes."""

from django.core.paginator import Page, Paginator
from django.utils.functional import cached_property

from tracker import caching


def rows_in_order(queryset, ids):
    """The rows of these ids, with what `queryset` selects along, in the ids' order."""
    rows = {row.pk: row for row in queryset.filter(pk__in=ids).order_by()}
    return [rows[pk] for pk in ids if pk in rows]


class ArchivePaginator(Paginator):
    """Two things the stock paginator does slowly on a large archive:

    - counting: the count is cached until what it `depends_on` changes (caching.cached_count),
      so a reader paging through a list counts once;
    - fetching: the page's ids are read first, on the quote table alone (deep pages from the
      nearer end of the list), then only those rows are joined to their speakers, sources and
      outlets, instead of every candidate row before sorting.
    """

    def __init__(self, object_list, per_page, *, depends_on, **kwargs):
        super().__init__(object_list, per_page, **kwargs)
        self.depends_on = depends_on

    @cached_property
    def count(self):
        return caching.cached_count(self.object_list, depends_on=self.depends_on)

    def page(self, number):
        number = self.validate_number(number)
        bottom = (number - 1) * self.per_page
        top = min(bottom + self.per_page, self.count)
        # The ids alone: where an index holds them in the list's order (every published quote,
        # newest first), PostgreSQL counts its way to a deep page in the index, not the table.
        ids_in_order = self.object_list.values_list("pk", flat=True)
        if bottom > self.count // 2 and self.object_list.ordered:
            # Nearer the end: read the list backwards, so the last page costs what the first does.
            ids = list(ids_in_order.reverse()[self.count - top : self.count - bottom])[::-1]
        else:
            ids = list(ids_in_order[bottom:top])
        return Page(rows_in_order(self.object_list, ids), number, self)


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

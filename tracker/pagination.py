"""Pages of long quote lists that stay fast at a million quotes."""

import hashlib

from django.core.exceptions import EmptyResultSet
from django.core.paginator import Paginator
from django.db import connections
from django.utils.functional import cached_property

from tracker.models import cached_for_archive


class ArchivePaginator(Paginator):
    """Two things the stock paginator does slowly on a large archive:

    - counting: the count of a filtered view is cached until the archive changes
      (a publication, correction or retraction), so a reader paging through it counts once;
    - fetching: the page's ids are found on the quote table alone, then only those rows are
      joined to their speakers, sources and outlets (a "late row lookup"), instead of joining
      every candidate row before sorting. Deep pages seek from the nearer end of the list.
    """

    @cached_property
    def count(self):
        return cached_count(self.object_list)

    @cached_property
    def matches(self):
        """How many quotes match in all: more than `count` when relevance ranks only the newest."""
        everything = getattr(self.object_list, "matched", None)
        return self.count if everything is None else cached_count(everything)

    def page(self, number):
        number = self.validate_number(number)
        bottom = (number - 1) * self.per_page
        top = min(bottom + self.per_page, self.count)
        ids_in_order = self.object_list.values_list("pk", flat=True)
        if bottom > self.count // 2 and self.object_list.ordered:
            # Nearer the end: read the list backwards, so the last page costs what the first does.
            backwards = ids_in_order.reverse()[self.count - top : self.count - bottom]
            ids = list(backwards)[::-1]
        else:
            ids = list(ids_in_order[bottom:top])
        rows = {row.pk: row for row in self.object_list.filter(pk__in=ids)}
        return self._get_page([rows[pk] for pk in ids if pk in rows], number, self)


def cached_count(queryset):
    try:
        sql, params = queryset.query.get_compiler(queryset.db).as_sql()
    except EmptyResultSet:
        return 0
    digest = hashlib.sha256(f"{sql}|{params}".encode()).hexdigest()
    return cached_for_archive(
        f"count:{connections[queryset.db].vendor}:{digest}",
        lambda: queryset.order_by().count(),
        using=queryset.db,
        timeout=60 * 60,
    )

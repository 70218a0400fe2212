"""The lists of a table of a million rows, at about the cost of the page they show."""

import calendar
import datetime

from django.contrib import admin
from django.contrib.admin.options import IS_POPUP_VAR
from django.contrib.admin.views.main import PAGE_VAR, SEARCH_VAR, ChangeList
from django.db.models import Max, Min
from django.utils import formats
from django.utils.http import urlencode
from django.utils.text import capfirst

from tracker.pagination import CappedCountPaginator


class ArchiveChangeList(ChangeList):
    # archive_change_list.html renders Django's search form itself when the count stopped
    # short, and names the search box as Django's own tag does.
    search_var = SEARCH_VAR

    def elided_page_range(self):
        """The pages to link to from the one shown (1 2 3 … 8 9 10), as Django's pagination."""
        return self.paginator.get_elided_page_range(self.page_num)

    def unfiltered_url(self):
        """The list with no search and no filters: where Django's "Show all" by the search box
        leads."""
        return "?" + urlencode({IS_POPUP_VAR: 1} if self.is_popup else {})

    def date_hierarchy_links(self):
        """Django's date hierarchy, without its scan of the list for the dates it holds.

        Django links to each year (then month, then day) that has a row in the list: a
        SELECT DISTINCT over every row the list shows, a million of them. These are links to
        every year, month and day from the table's first date to its last, found by two index
        lookups; one without rows shows an empty list.
        """
        field = self.date_hierarchy
        span = self.root_queryset.aggregate(first=Min(field), last=Max(field))
        first, last = span["first"], span["last"]
        year, month, day = (
            int(self.params[f"{field}__{part}"]) if f"{field}__{part}" in self.params else None
            for part in ("year", "month", "day")
        )

        def link(**parts):
            return self.get_query_string(
                {f"{field}__{part}": value for part, value in parts.items()}, [f"{field}__"]
            )

        def title(date, date_format):
            return capfirst(formats.date_format(date, date_format))

        if year is None:
            back = None
            years = range(first.year, last.year + 1) if first else []
            choices = [(str(y), link(year=y)) for y in years]
        elif month is None:
            back = ("All dates", link())
            months = range(
                first.month if first and first.year == year else 1,
                last.month + 1 if last and last.year == year else 13,
            )
            choices = [
                (title(datetime.date(year, m, 1), "YEAR_MONTH_FORMAT"), link(year=year, month=m))
                for m in months
            ]
        elif day is None:
            back = (str(year), link(year=year))
            choices = [
                (
                    title(datetime.date(year, month, d), "MONTH_DAY_FORMAT"),
                    link(year=year, month=month, day=d),
                )
                for d in range(1, calendar.monthrange(year, month)[1] + 1)
            ]
        else:
            back = (
                title(datetime.date(year, month, 1), "YEAR_MONTH_FORMAT"),
                link(year=year, month=month),
            )
            choices = [(title(datetime.date(year, month, day), "MONTH_DAY_FORMAT"), None)]
        return {
            "back": back and {"title": back[0], "link": back[1]},
            "choices": [{"title": text, "link": href} for text, href in choices],
            "field_name": self.lookup_opts.get_field(field).verbose_name,
        }


class ArchiveListAdmin:
    """The list of a table of a million rows, at about the cost of the page it shows.

    Django's list counts every row a filter matches and finds the dates of all of them for
    its date hierarchy: each a scan of the table. Here the count stops two pages past the
    page shown (CappedCountPaginator) and the date links come from the table's first and
    last dates (ArchiveChangeList). The list's own query walks an index in its order.
    """

    change_list_template = "admin/tracker/archive_change_list.html"
    show_full_result_count = False
    show_facets = admin.ShowFacets.NEVER
    # Half Django's hundred rows: rendering them (cells, checkboxes) is most of a page's cost.
    list_per_page = 50

    @property
    def list_max_show_all(self):
        # "Show all" only for a list counted to its end: fewer rows than the count ever stops
        # at (the page shown and two more), so never a million rows on one page.
        return 2 * self.list_per_page

    def get_changelist(self, request, **kwargs):
        return ArchiveChangeList

    def get_paginator(self, request, queryset, per_page, orphans=0, allow_empty_first_page=True):
        # The page asked for: ?p= on the list, ?page= in a form's autocomplete.
        try:
            page_number = int(request.GET.get(PAGE_VAR) or request.GET.get("page") or 1)
        except ValueError:
            page_number = 1  # as the change list reads it
        return CappedCountPaginator(
            queryset,
            per_page,
            orphans=orphans,
            allow_empty_first_page=allow_empty_first_page,
            page_number=page_number,
        )

"""Cursor pages in the order a list asks for, which never repeat or skip a row."""

import json
from typing import NamedTuple

from django.core.exceptions import ValidationError
from django.db.models import F, FloatField, Q
from django.db.models.expressions import OrderBy
from django.db.models.functions import Cast
from rest_framework.exceptions import NotFound
from rest_framework.pagination import Cursor, CursorPagination

from tracker.api.errors import BadCursor
from tracker.site import absolute_url

PAGE_SIZE = 25


def ordering_of(queryset):
    """The queryset's ordering as field names ("-said_on"), from order_by() or Meta.ordering."""
    names = []
    for item in queryset.query.order_by or queryset.model._meta.ordering:
        if isinstance(item, OrderBy) and isinstance(item.expression, F):
            item = ("-" if item.descending else "") + item.expression.name
        if not isinstance(item, str):
            raise TypeError(f"A cursor cannot follow the ordering {item!r}.")
        names.append(item)
    if names[-1].lstrip("-") != "id":
        raise TypeError("A cursor needs an ordering that ends with the unique id.")
    return tuple(names)


def reversed_ordering(ordering):
    return tuple(name[1:] if name.startswith("-") else f"-{name}" for name in ordering)


def beyond(ordering, values):
    """Rows after the one whose ordering fields hold `values`, in that ordering."""
    condition = Q()
    for index, name in enumerate(ordering):
        lookup = "lt" if name.startswith("-") else "gt"
        same = {
            earlier.lstrip("-"): value
            for earlier, value in zip(ordering[:index], values[:index], strict=True)
        }
        condition |= Q(**same, **{f"{name.lstrip('-')}__{lookup}": values[index]})
    return condition


class KeysetCursorPagination(CursorPagination):
    """Cursor pages in the queryset's own order: newest, oldest or most relevant first.

    The cursor holds the ordering values of the row at the page's edge (said_on and id, or
    rank, said_on and id), and every ordering ends with the unique id, so following `next`
    never repeats or skips a row, however many rows share a date or a rank. (DRF's stock
    cursor holds only the first field and counts past equal values, up to 1,000 of them.)
    """

    page_size = PAGE_SIZE

    def paginate_queryset(self, queryset, request, view=None):
        self.base_url = absolute_url(request.get_full_path())
        self.cursor = self.decode_cursor(request)
        if queryset.query.is_empty():  # words that search nothing: no rank to order by
            return self.paged([], has_more=False)
        self.ordering = ordering_of(queryset)
        ordering = reversed_ordering(self.ordering) if self.backwards else self.ordering
        ordered = queryset.order_by(*ordering).annotate(**self.exact_values(queryset))
        if self.cursor:
            ordered = ordered.filter(beyond(ordering, self.cursor_values(queryset)))
        self.position_names = [
            f"cursor_{name}" if name in queryset.query.annotations else name
            for name in (name.lstrip("-") for name in self.ordering)
        ]
        return self.paged(*self.read(ordered, view))

    def read(self, ordered, view):
        """The page's rows and whether more follow; what the cursor holds of each row in
        self.positions."""
        rows = list(ordered[: self.page_size + 1])
        self.positions = {
            row.pk: [getattr(row, name) for name in self.position_names] for row in rows
        }
        return rows[: self.page_size], len(rows) > self.page_size

    @property
    def backwards(self):
        return bool(self.cursor and self.cursor.reverse)

    def paged(self, rows, has_more):
        """The page of these rows, read in the order asked for, with or without more after."""
        self.page = rows
        if self.backwards:
            self.page.reverse()
            self.has_next, self.has_previous = bool(self.page), has_more
        else:
            self.has_next, self.has_previous = has_more, self.cursor is not None
        return self.page

    def decode_cursor(self, request):
        try:
            cursor = super().decode_cursor(request)
        except NotFound:
            raise BadCursor() from None
        if cursor is not None and (cursor.offset or cursor.position is None):
            raise BadCursor()
        return cursor

    def cursor_values(self, queryset):
        """The cursor's values, each checked by its field, so a forged cursor is a 400."""
        try:
            values = json.loads(self.cursor.position)
            if not isinstance(values, list) or len(values) != len(self.ordering):
                raise ValueError
            values = [
                self.field_of(queryset, name.lstrip("-")).clean(value, None)
                for name, value in zip(self.ordering, values, strict=True)
            ]
            if any(isinstance(value, str) and "\x00" in value for value in values):
                raise ValueError  # PostgreSQL text cannot hold a NUL
            return values
        except (ValueError, TypeError, OverflowError, ValidationError):
            raise BadCursor() from None

    @staticmethod
    def field_of(queryset, name):
        if name in queryset.query.annotations:
            return queryset.query.annotations[name].output_field
        return queryset.model._meta.get_field(name)

    def exact_values(self, queryset):
        # PostgreSQL's search rank is a 4-byte real, and its text form reads back as a
        # slightly different 8-byte float, which would compare unequal to itself. The cursor
        # holds the rank widened to 8 bytes by the database, which compares exactly.
        return {
            f"cursor_{name}": Cast(name, FloatField())
            for name in (name.lstrip("-") for name in self.ordering)
            if name in queryset.query.annotations
        }

    def link(self, row, *, backwards):
        position = json.dumps(self.positions[row.pk], default=str)
        return self.encode_cursor(Cursor(offset=0, reverse=backwards, position=position))

    def get_next_link(self):
        return self.link(self.page[-1], backwards=False) if self.has_next and self.page else None

    def get_previous_link(self):
        if self.has_previous and self.page:
            return self.link(self.page[0], backwards=True)
        return None

    def get_paginated_response_schema(self, schema):
        link = {"type": ["string", "null"], "format": "uri"}
        return {
            "type": "object",
            "required": ["next", "previous", "results"],
            "properties": {
                "next": {**link, "description": "The following page; null on the last."},
                "previous": {**link, "description": "The page before; null on the first."},
                "results": schema,
            },
        }


class QuoteOnPage(NamedTuple):
    pk: int
    revision: int


class IdsFirstCursorPagination(KeysetCursorPagination):
    """Cursor pages of quotes whose ids and revisions are found first, on the filtered queryset:
    a page holds them (QuoteOnPage), and the view reads the rows of those whose answer is not
    cached by id from its own queryset, without the filters that chose them (given a
    search's words, PostgreSQL planned the joins of 25 rows as if hardly any row matched, and
    took six times as long)."""

    def read(self, ordered, view):
        edges = ordered.prefetch_related(None).values_list("pk", "revision", *self.position_names)
        edges = list(edges[: self.page_size + 1])
        self.positions = {pk: values for pk, _, *values in edges}
        page = [QuoteOnPage(pk, revision) for pk, revision, *_ in edges[: self.page_size]]
        return page, len(edges) > self.page_size

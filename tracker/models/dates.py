"""Dates as precisely as the reporting gives them: a day, a month, a year, about a day, one day
between two, on or before a day, or a span of days (an event). Quotes, sources and events keep
their dates as the earliest and the latest possible day with a precision; this module says what
those mean, shows them in one style, writes them as EDTF (the Library of Congress Extended
Date/Time Format) for the data outputs, and finds the records whose possible days overlap a
range."""

import calendar
import datetime
import functools
from dataclasses import dataclass

from django.db import models
from django.db.models import Q
from django.utils import dateformat
from django.utils.translation import get_language, gettext, pgettext

# The longest a range of possible days may be: a year. Date filters bound their index scans by
# it (overlapping() below), so a wider range would be missed by them.
LONGEST_SPAN = datetime.timedelta(days=366)


def year_before(day):
    """`day` less LONGEST_SPAN, or the first day there is (a filter may ask for 1 Jan 0001)."""
    return day - LONGEST_SPAN if day - datetime.date.min > LONGEST_SPAN else datetime.date.min


def year_after(day):
    """`day` plus LONGEST_SPAN, or the last day there is (a filter may ask for 31 Dec 9999)."""
    return day + LONGEST_SPAN if datetime.date.max - day > LONGEST_SPAN else datetime.date.max


class Precision(models.TextChoices):
    DAY = "day", "Exact day"
    MONTH = "month", "Month only"
    YEAR = "year", "Year only"
    APPROXIMATE = "approximate", "About this day"
    BETWEEN = "between", "One day between the earliest and the latest"
    ON_OR_BEFORE = "on_or_before", "On or before this day"
    ON_OR_AFTER = "on_or_after", "On or after this day"


# What a source's publication date may be: its article is dated, or known to the month or year.
SOURCE_PRECISIONS = [Precision.DAY, Precision.MONTH, Precision.YEAR, Precision.APPROXIMATE]


@dataclass(frozen=True)
class PossibleDates:
    """The days something may have happened on. `earliest` is the day it is filed and ordered
    under; for "on or before" and "on or after" both days are the one day the reporting gives.
    With `spans`, it happened on every day from earliest to latest (an event)."""

    earliest: datetime.date
    latest: datetime.date
    precision: str = Precision.DAY
    spans: bool = False

    @classmethod
    def of(cls, day, precision=Precision.DAY, latest=None, *, spans=False):
        """The possible days of a date entered as `day` (the first) with `precision`; only a
        range between two days, or an event's span, takes its `latest` as entered."""
        if precision == Precision.MONTH:
            latest = day.replace(day=calendar.monthrange(day.year, day.month)[1])
        elif precision == Precision.YEAR:
            latest = day.replace(month=12, day=31)
        elif not (precision == Precision.BETWEEN or spans) or latest is None:
            latest = day
        return cls(day, latest, precision, spans)

    @property
    def is_exact(self):
        """Known to the day: readers see no mark of an approximate date."""
        return self.precision == Precision.DAY

    @property
    def bounds(self):
        """The first and the last day it may have been on. An open side is a year long, as the
        date filters take it (overlapping() below): “on or before 17 Feb 2025” runs from
        17 Feb 2024."""
        if self.precision == Precision.ON_OR_BEFORE:
            return year_before(self.earliest), self.latest
        if self.precision == Precision.ON_OR_AFTER:
            return self.earliest, year_after(self.latest)
        return self.earliest, self.latest

    def errors(self):
        """What is wrong with the days as entered, in words for editors, or an empty dict."""
        if self.precision == Precision.MONTH and self.earliest.day != 1:
            return {"earliest": "For a date known only to the month, enter the 1st of the month."}
        if self.precision == Precision.YEAR and (self.earliest.month, self.earliest.day) != (1, 1):
            return {"earliest": "For a date known only to the year, enter the 1st of January."}
        if self.latest < self.earliest:
            return {"latest": "The latest possible day cannot be before the earliest."}
        if self.precision == Precision.BETWEEN and self.latest == self.earliest:
            return {"latest": "For one day between two, give a latest day after the earliest."}
        if self.latest - self.earliest > LONGEST_SPAN:
            return {"latest": "The possible days may span a year at most."}
        return {}

    def edtf(self):
        """The dates as an EDTF string: 2025-02-17, 2025-02, 2025, 2025-02-16~,
        [2025-02-10..2025-02-16], [..2025-02-18], [2025-02-18..], or 2025-02-17/2025-02-19."""
        first, last = self.earliest.isoformat(), self.latest.isoformat()
        text = {
            Precision.MONTH: first[:7],
            Precision.YEAR: first[:4],
            Precision.APPROXIMATE: f"{first}~",
            Precision.BETWEEN: f"[{first}..{last}]",
            Precision.ON_OR_BEFORE: f"[..{first}]",
            Precision.ON_OR_AFTER: f"[{first}..]",
        }.get(self.precision, first)
        if self.spans and last != first:
            text = f"{first}/{last}"
        return text

    def display(self):
        """The dates in the archive's one style, in the interface's language: “17 Feb 2025”,
        “February 2025”, “2025”, “about mid-February 2025”, “between 10 and 16 Feb 2025”,
        “on or before 18 Feb 2025”, “17 to 19 Feb 2025” (an event's span)."""
        first, last = self.earliest, self.latest
        if self.precision == Precision.MONTH:
            return month_display(first)
        if self.precision == Precision.YEAR:
            return f"{first:%Y}"
        if self.precision == Precision.APPROXIMATE:
            month = month_display(first)
            if first.day <= 10:
                return gettext("about early-%(month)s") % {"month": month}
            if first.day <= 20:
                return gettext("about mid-%(month)s") % {"month": month}
            return gettext("about late-%(month)s") % {"month": month}
        if self.precision == Precision.ON_OR_BEFORE:
            return gettext("on or before %(day)s") % {"day": day_display(first)}
        if self.precision == Precision.ON_OR_AFTER:
            return gettext("on or after %(day)s") % {"day": day_display(first)}
        if last == first:
            return day_display(first)
        if (first.year, first.month) == (last.year, last.month):
            # Translators: the first day of a range within one month, before "to 19 Feb 2025".
            start = dateformat.format(first, pgettext("first day in the month", "j"))
        elif first.year == last.year:
            # Translators: the first day of a range within one year: "10 Feb" (Django's date format).
            start = dateformat.format(first, gettext("j M"))
        else:
            start = day_display(first)
        parts = {"start": start, "end": day_display(last)}
        if self.spans:
            return gettext("%(start)s to %(end)s") % parts
        return gettext("between %(start)s and %(end)s") % parts

    def html_datetime(self):
        """The value of a <time datetime> attribute: as much of the date as is known, and the
        same as the citations give (csl() below): about a day is known to its month."""
        if self.precision == Precision.YEAR:
            return f"{self.earliest:%Y}"
        if self.precision in (Precision.MONTH, Precision.APPROXIMATE):
            return f"{self.earliest:%Y-%m}"
        return self.earliest.isoformat()

    def csl(self):
        """The dates as a CSL-JSON date, for reference managers."""
        parts = {
            Precision.YEAR: [self.earliest.year],
            Precision.MONTH: [self.earliest.year, self.earliest.month],
            Precision.APPROXIMATE: [self.earliest.year, self.earliest.month],
        }.get(self.precision, [self.earliest.year, self.earliest.month, self.earliest.day])
        date = {"date-parts": [parts]}
        if self.precision == Precision.BETWEEN or (self.spans and self.latest != self.earliest):
            date["date-parts"].append([self.latest.year, self.latest.month, self.latest.day])
        if not (self.is_exact or self.precision in (Precision.MONTH, Precision.YEAR)):
            date["circa"] = True
        return date


def day_display(day):
    # Translators: a day, as Django's date filter writes it: "17 Feb 2025".
    return formatted(day, gettext("j M Y"), get_language())


def month_display(day):
    # Translators: a month, as Django's date filter writes it: "February 2025".
    return formatted(day, gettext("F Y"), get_language())


@functools.lru_cache(maxsize=4096)
def formatted(day, format_string, language):
    """A date in a format of the interface `language` (its month names): a card writes its date
    several times (the page, its COinS, its title), and Django's date formatting is slow."""
    return dateformat.format(day, format_string)


def overlapping(field, start=None, end=None):
    """The condition that a record's possible days, kept in `field` (the earliest),
    `field`_latest and `field`_precision, overlap the days from `start` to `end` (either may
    be None). An open side is a year long (LONGEST_SPAN): “on or before 17 Feb 2025” may be any
    day from 17 Feb 2024 to 17 Feb 2025, “on or after” any day of the year from the day given,
    as the methodology page says. The earliest day is bounded on both sides, so that the scan
    stays on the date indexes."""
    latest, precision = f"{field}_latest", f"{field}_precision"
    condition = Q()
    if start is not None:
        condition &= Q(**{f"{field}__gte": year_before(start)}) & (
            Q(**{f"{latest}__gte": start})
            | Q(**{precision: Precision.ON_OR_AFTER, f"{latest}__gte": year_before(start)})
        )
    if end is not None:
        condition &= Q(**{f"{field}__lte": year_after(end)}) & (
            Q(**{f"{field}__lte": end}) | Q(**{precision: Precision.ON_OR_BEFORE})
        )
    return condition

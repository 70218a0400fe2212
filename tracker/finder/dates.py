"""When a statement was said: the relative date nearest its words ("today", "on Sunday",
"last week"), against the article's date."""

import datetime
import functools
import re

import dateparser

from tracker.finder.words import WEEKDAYS
from tracker.models.dates import Precision

RELATIVE_DATES = re.compile(
    rf"\b(today|yesterday|tomorrow|(?:on |last |this )?(?:{WEEKDAYS})|last week|this week|"
    rf"earlier this week|last month|this month|last year|this year)\b",
    re.IGNORECASE,
)


def date_candidate(candidate, published_on):
    """When it was said, from the relative date nearest the words in their sentence."""
    if published_on is None:
        return
    candidate.said_on = candidate.said_on_latest = published_on
    candidate.precision = Precision.ON_OR_BEFORE
    written = published_on.strftime("%A %-d %B %Y")
    candidate.date_note = (
        f"The article, published on {written}, does not say when; it reports the words as "
        "said by then."
    )
    start, context = candidate.start, candidate.context
    matches = list(RELATIVE_DATES.finditer(context))
    if not matches:
        return
    phrase = min(matches, key=lambda m: abs(m.start() + candidate.context_start - start)).group(1)
    earliest, latest, precision = resolve(phrase, published_on)
    if earliest is None:
        return
    candidate.said_on, candidate.said_on_latest, candidate.precision = earliest, latest, precision
    candidate.is_dated = True
    candidate.date_note = (
        f"Inferred from the article, published on {written}, which says “{phrase}”."
    )


@functools.lru_cache(maxsize=256)
def resolve(phrase, published_on):
    """(earliest, latest, precision) of a relative date phrase against the article's date."""
    lowered = phrase.lower().removeprefix("on ")
    monday = published_on - datetime.timedelta(days=published_on.weekday())
    if lowered in ("last week",):
        start = monday - datetime.timedelta(days=7)
        return start, start + datetime.timedelta(days=6), Precision.BETWEEN
    if lowered in ("this week", "earlier this week"):
        return monday, published_on, Precision.BETWEEN
    if lowered in ("last month", "this month"):
        first = published_on.replace(day=1)
        if lowered == "last month":
            first = (first - datetime.timedelta(days=1)).replace(day=1)
        return first, first, Precision.MONTH
    if lowered in ("last year", "this year"):
        year = published_on.year - (lowered == "last year")
        return datetime.date(year, 1, 1), datetime.date(year, 1, 1), Precision.YEAR
    base = datetime.datetime.combine(published_on, datetime.time(12))
    if lowered.removeprefix("last ").capitalize() in WEEKDAYS.split("|"):
        weekday = WEEKDAYS.split("|").index(lowered.removeprefix("last ").capitalize())
        days_back = (published_on.weekday() - weekday) % 7
        if lowered.startswith("last ") and not days_back:
            days_back = 7
        day = published_on - datetime.timedelta(days=days_back)
        return day, day, Precision.DAY
    parsed = dateparser.parse(
        lowered, settings={"RELATIVE_BASE": base, "PREFER_DATES_FROM": "past"}, languages=["en"]
    )
    if parsed is None:
        return None, None, None
    return parsed.date(), parsed.date(), Precision.DAY

"""What the archive adds up: a question's stance grid, a nation's or a person's stance changes,
who spoke for a nation, the months. Each is a few queries whatever the archive's size: the
counts are read from the counts of published quotes (tracker/models/counts.py), the stance
changes from the newest quotes. Each is cached until the published quotes it counts (or a name
it shows) change (tracker/caching.py)."""

import calendar
import itertools

from django.db import models, router
from django.db.models import F, Window
from django.db.models.functions import Coalesce, Lag

from tracker import caching
from tracker.models import (
    NO_POSITION,
    MonthCount,
    Nation,
    NationSpeakerCount,
    NationStanceCount,
    Quote,
    Stance,
)

STANCE_CHANGES_SHOWN = 100
SPEAKERS_SHOWN = 40  # the biggest nation has hundreds: the most quoted, then a filter


def cached(name, record, compute):
    scope = caching.ALL_QUOTES if record is None else caching.scope_of(record)
    key = name if record is None else f"{name}:{record.pk}"
    return caching.cached(
        key, compute, depends_on=[caching.RECORDS, scope], using=router.db_for_read(Quote)
    )


def version_of(record):
    """The version an aggregate of `record` is cached under, for a template's {% cache %}."""
    return caching.versions(caching.RECORDS, caching.scope_of(record))


def stance_grid(topic):
    """Each nation's latest stance on this question, and how many quotes take each stance."""

    def compute():
        stances = list(topic.stances.all())
        counts = {
            (row.nation_id, row.stance_id): row.quotes
            for row in NationStanceCount.objects.filter(stance__in=stances, quotes__gt=0)
        }
        latest = (
            Quote.objects.published()
            .filter(stance__in=stances, nation=models.OuterRef("pk"))
            .order_by("-said_on", "-id")
        )
        nations = (
            Nation.objects.filter(pk__in={nation for nation, _stance in counts})
            .annotate(
                latest_stance_id=models.Subquery(latest.values("stance")[:1]),
                latest_said_on=models.Subquery(latest.values("said_on")[:1]),
            )
            .order_by("name")
        )
        return {
            "stances": stances,
            "rows": [
                {
                    "nation": nation,
                    "latest_said_on": nation.latest_said_on,
                    "cells": [
                        {
                            "stance": stance,
                            "count": counts.get((nation.pk, stance.pk), 0),
                            "is_latest": stance.pk == nation.latest_stance_id,
                        }
                        for stance in stances
                    ],
                }
                for nation in nations
            ],
        }

    return cached("stance-grid", topic, compute)


def stance_changes(record, *, latest=STANCE_CHANGES_SHOWN):
    """The dated moments a nation's or a speaker's stance differed from the one before on the
    same question, oldest first: the latest few.

    Only the newest quotes are read, newest first on the record's own index. In a window over
    the newest `rows` quotes, each quote's predecessor on its question is in the window too,
    except for the oldest of each question there, whose predecessor may be older still: the
    changes newer than every such quote are the latest changes, exactly. When there are fewer
    than `latest` of them, the window doubles, until it holds every quote."""

    def compute():
        quotes = (
            record.quotes.published()
            .exclude(stance__in=Stance.objects.filter(value=NO_POSITION))
            .order_by("-said_on", "-id")
        )
        rows = WINDOW_PER_CHANGE * latest
        while True:
            window = list(quotes.values_list("pk", flat=True)[:rows])
            found = changes_in_window(window, latest)
            if len(window) < rows:
                # Every quote is in the window: the oldest of each question is its first.
                certain = found
            else:
                # The oldest of each question in the window may be no change at all: the
                # changes newer than the newest of those are certain.
                certain = list(itertools.takewhile(lambda change: change["previous"], found))
                if len(certain) < latest:
                    rows *= 2
                    continue
            return [
                {field: change[field] for field in ("said_on", "key", "label", "topic")}
                for change in reversed(certain)
            ]

    return cached("stance-changes", record, compute)


# Where stances change about every other quote, as in a generated archive, a window of four
# quotes a change is read once.
WINDOW_PER_CHANGE = 4


def changes_in_window(window, latest):
    """The newest `latest` quotes among `window` (their ids) whose stance differs from the one
    before on the same question in the window, newest first. `previous` is that stance, or ""
    for the oldest of each question in the window."""
    before = Window(
        Lag("stance__value"),
        partition_by=[F("stance__topic")],
        order_by=[F("said_on").asc(), F("id").asc()],
    )
    rows = (
        Quote.objects.filter(pk__in=window)
        .annotate(previous=Coalesce(before, models.Value("")))
        .exclude(previous=F("stance__value"))
        .order_by("-said_on", "-id")
        .values(
            "said_on", "key", "previous", label=F("stance__label"), topic=F("stance__topic__name")
        )
    )
    return list(rows[:latest])


def speakers_heard(nation, *, shown=SPEAKERS_SHOWN):
    """Who spoke for this nation in published quotes: how many (`count`), and the `shown` most
    quoted first (`most_quoted`), each with a `quote_count`."""

    def compute():
        rows = NationSpeakerCount.objects.filter(nation=nation, quotes__gt=0)
        most_quoted = []
        for row in rows.select_related("speaker").order_by(
            "-quotes", "speaker__name", "speaker__pk"
        )[:shown]:
            row.speaker.quote_count = row.quotes
            most_quoted.append(row.speaker)
        return {"count": rows.count(), "most_quoted": most_quoted}

    return cached(f"speakers-heard:{shown}", nation, compute)


def published_count(nation=None):
    """How many published quotes speak for `nation`, or are in the archive: exact, from the
    counts kept as each quote is saved, whatever the archive's size."""

    def compute():
        rows = NationSpeakerCount.objects.filter(nation=nation) if nation else MonthCount.objects
        return rows.aggregate(total=Coalesce(models.Sum("quotes"), 0))["total"]

    return cached("published-count", nation, compute)


def quotes_by_month():
    """How many published quotes were said in each month, newest first, with each month's
    first and last day."""

    def compute():
        return [
            {
                "month": row.month,
                "first_day": row.month,
                "last_day": row.month.replace(
                    day=calendar.monthrange(row.month.year, row.month.month)[1]
                ),
                "count": row.quotes,
            }
            for row in MonthCount.objects.filter(quotes__gt=0).order_by("-month")
        ]

    return cached("months", None, compute)

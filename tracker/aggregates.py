"""What the archive adds up: a question's stance grid, a nation's or a person's stance changes,
who spoke for a nation, the months. Each is a few queries whatever the archive's size, cached
until the published quotes it counts (or a name it shows) change (tracker/caching.py)."""

import calendar
import itertools

from django.db import models, router
from django.db.models import F, Window
from django.db.models.functions import Coalesce, Lag, TruncMonth

from tracker import caching
from tracker.models import NO_POSITION, Nation, Quote, Speaker, Stance

STANCE_CHANGES_SHOWN = 100


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
        quotes = Quote.objects.published().filter(stance__topic=topic, nation__isnull=False)
        latest = quotes.filter(nation=models.OuterRef("pk")).order_by("-said_on", "-id")
        nations = (
            Nation.objects.filter(pk__in=quotes.values("nation"))
            .annotate(
                latest_stance_id=models.Subquery(latest.values("stance")[:1]),
                latest_said_on=models.Subquery(latest.values("said_on")[:1]),
            )
            .order_by("name")
        )
        counts = {
            (row["nation"], row["stance"]): row["n"]
            for row in quotes.values("nation", "stance").annotate(n=models.Count("id"))
        }
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


def speakers_heard(nation):
    """Who spoke for this nation in published quotes, the most quoted first, each with a
    `quote_count`."""

    def compute():
        # Counted on the quotes' (nation, speaker) index alone, then the speakers by key.
        quotes = Quote.objects.published().filter(nation=nation).order_by()
        counts = dict(quotes.values_list("speaker").annotate(n=models.Count("speaker")))
        speakers = list(Speaker.objects.filter(pk__in=counts))
        for speaker in speakers:
            speaker.quote_count = counts[speaker.pk]
        return sorted(speakers, key=lambda s: (-s.quote_count, s.name, s.pk))

    return cached("speakers-heard", nation, compute)


def quotes_by_month():
    """How many published quotes were said in each month, newest first, with each month's
    first and last day."""

    def compute():
        rows = (
            Quote.objects.published()
            .annotate(month=TruncMonth("said_on"))
            .values("month")
            .annotate(count=models.Count("id"))
            .order_by("-month")
        )
        return [
            {
                "month": row["month"],
                "first_day": row["month"],
                "last_day": row["month"].replace(
                    day=calendar.monthrange(row["month"].year, row["month"].month)[1]
                ),
                "count": row["count"],
            }
            for row in rows
        ]

    return cached("months", None, compute)

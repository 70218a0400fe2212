"""What the archive adds up: a question's stance grid, a nation's or a person's stance changes,
who spoke for a nation, the months. Each is a few queries whatever the archive's size: the
counts are read from the counts of published quotes (tracker/models/counts.py), the stance
changes from the newest quotes. Each is cached until the published quotes it counts (or a name
it shows) change (tracker/caching.py)."""

import calendar

from django.db import models, router
from django.db.models import F, Window
from django.db.models.functions import Coalesce, Lag
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from tracker import caching
from tracker.models import (
    NO_POSITION,
    MonthCount,
    Nation,
    NationSpeakerCount,
    NationStanceCount,
    Quote,
    Stance,
    Topic,
)
from tracker.models.dates import PossibleDates
from tracker.periods import Day, Month

STANCE_CHANGES_SHOWN = 100
SPEAKERS_SHOWN = 40  # the biggest nation has hundreds: the most quoted, then a filter


def cached(name, record, compute):
    scope = caching.ALL_QUOTES if record is None else caching.scope_of(record)
    key = name if record is None else f"{name}:{record.pk}"
    # Some aggregates hold dates as a reader sees them, in the interface's language.
    key = f"{key}:{get_language()}"
    return caching.cached(
        key, compute, depends_on=[caching.RECORDS, scope], using=router.db_for_read(Quote)
    )


def version_of(record):
    """The version an aggregate of `record` is cached under, for a template's {% cache %}."""
    return caching.versions(caching.RECORDS, caching.scope_of(record))


def stance_grid(topic):
    """Who stands where on this question, at a glance: for each body that spoke on it, its
    latest stance, the statement that took it (with its speaker and date), and how many
    published statements take each stance. The rows come in groups, one for each kind of body:
    nations, then international organisations."""

    def compute():
        stances = list(topic.stances.all())
        counts = {
            (row.nation_id, row.stance_id): row.quotes
            for row in NationStanceCount.objects.filter(stance__in=stances, quotes__gt=0)
        }
        latest = latest_statements(
            Nation.objects.filter(pk__in={nation for nation, _stance in counts}),
            stances,
            body="nation",
        )
        groups = []
        for kind, label in (
            (Nation.Kind.NATION, _("Nations")),
            (Nation.Kind.ORGANISATION, _("International organisations")),
        ):
            rows = [
                {
                    "body": nation,
                    "latest": latest[nation],
                    "count": sum(counts.get((nation.pk, stance.pk), 0) for stance in stances),
                    "stances": [
                        {"stance": stance, "count": counts[nation.pk, stance.pk]}
                        for stance in stances
                        if (nation.pk, stance.pk) in counts
                    ],
                }
                for nation in sorted(latest, key=lambda nation: nation.name)
                if nation.kind == kind
            ]
            if rows:
                groups.append({"kind": kind.value, "label": label, "rows": rows})
        return {"stances": stances, "groups": groups}

    # Not cached as data: the home page and the question's page show it in one fragment, cached
    # under the same versions (stance_grid in their templates); pickling it cost more than
    # reading it.
    return compute()


def latest_statements(bodies, stances, *, body):
    """{body: its latest published quote taking one of `stances`}, with its speaker: the latest
    that takes a position, or when none does, the latest that takes none (words that take no
    position do not move a body's line). Two queries, however many bodies."""
    positioned = [stance.pk for stance in stances if stance.value != NO_POSITION]
    newest = Quote.objects.published().filter(**{body: models.OuterRef("pk")})
    newest = newest.order_by("-said_on", "-id").values("pk")
    latest_ids = bodies.annotate(
        latest_id=Coalesce(
            models.Subquery(newest.filter(stance__in=positioned)[:1]),
            models.Subquery(newest.filter(stance__in=stances)[:1]),
        )
    ).values_list("latest_id", flat=True)
    # Two queries, not one: as a subquery, PostgreSQL's planner joined every quote (4 s at a
    # million quotes) to find the few dozen that the ids name.
    latest_ids = [pk for pk in latest_ids if pk is not None]
    quotes = Quote.objects.filter(pk__in=latest_ids).select_related(body, "speaker", "stance")
    return {getattr(quote, body): quote for quote in quotes}


def stance_changes(record, *, latest=STANCE_CHANGES_SHOWN):
    """The dated moments a stance differed from the one before, oldest first, the latest few:
    a nation's or a speaker's on each question, or on a question (a topic), each nation's:
    read from the newest quotes only (newest_changes)."""

    def compute():
        quotes, line = lines_of(record)
        quotes = quotes.exclude(stance__in=Stance.objects.filter(value=NO_POSITION))
        quotes = quotes.order_by("-said_on", "-id")
        found = newest_changes(quotes, latest, line=line, first_of_line=True)
        return described([pk for _previous, pk in found])

    return cached("stance-changes", record, compute)


def lines_of(record):
    """The published quotes a record's stance changes are read from, and what a line of them
    follows: a question, for a nation or a speaker; a nation, for a question."""
    if isinstance(record, Topic):
        # Joined to the stances rather than on_topic()'s ids: one query fewer for the page, and
        # the newest quotes are read in date order whatever the planner guesses of the count.
        quotes = Quote.objects.published().filter(stance__topic=record, nation__isnull=False)
        return quotes, "nation"
    return record.quotes.published(), "stance__topic"


# Where stances change about every other quote, as in a generated archive, a window of four
# quotes a change is read once.
WINDOW_PER_CHANGE = 4


def newest_changes(quotes, latest, *, line, first_of_line):
    """The newest `latest` changes of stance among `quotes` (ordered newest first), each on its
    `line`, newest first, as (the quote before it on its line, the quote that changed) ids; the
    first quote of a line is a change from None when `first_of_line` says so.

    Only the newest quotes are read, newest first on the record's own index: a window of the
    newest few. When it holds fewer than `latest` changes, it doubles, until it holds every
    quote: reading a person's 9,000 quotes at once took 28 ms."""
    rows = WINDOW_PER_CHANGE * latest
    while True:
        window = list(quotes.values_list("pk", flat=True)[:rows])
        holds_every_quote = len(window) < rows
        in_window = with_previous(window, line=line)
        if not holds_every_quote:
            in_window = with_earlier(in_window, latest, line=line, earlier=quotes)
        found = [
            (previous, pk)
            for pk, stance, previous, previous_stance in in_window
            if previous_stance != stance and (first_of_line or previous is not None)
        ][:latest]
        if holds_every_quote or len(found) >= latest:
            return found
        rows *= 2


def with_previous(window, *, line):
    """The quotes of `window` (their ids), newest first, each as (id, stance id, id and stance
    id of the quote before it on the same `line` in the window, or None)."""
    order = {"partition_by": [F(line)], "order_by": [F("said_on").asc(), F("id").asc()]}
    return list(
        Quote.objects.filter(pk__in=window)
        .annotate(
            previous=Window(Lag("id"), **order), previous_stance=Window(Lag("stance_id"), **order)
        )
        .order_by("-said_on", "-id")
        .values_list("pk", "stance_id", "previous", "previous_stance")
    )


def with_earlier(rows, latest, *, line, earlier):
    """`rows` (with_previous()) with the quote before the oldest of each line in the window,
    looked up among `earlier` quotes (ordered newest first), in one query: only for those
    newer than the `latest`-th change the window shows for sure, as no older one can be among
    the newest `latest` changes (reading every line's took 11 ms for a person)."""
    unknown, certain = [], 0
    for pk, stance, previous, previous_stance in rows:
        if certain >= latest:
            break
        if previous is None:
            unknown.append(pk)
        elif previous_stance != stance:
            certain += 1
    if not unknown:
        return rows
    preceding = earlier.filter(
        models.Q(said_on__lt=models.OuterRef("said_on"))
        | models.Q(said_on=models.OuterRef("said_on"), id__lt=models.OuterRef("id")),
        **{line: models.OuterRef(line)},
    )
    found = {
        pk: (previous, previous_stance)
        for pk, previous, previous_stance in Quote.objects.filter(pk__in=unknown)
        .annotate(
            previous=models.Subquery(preceding.values("pk")[:1]),
            previous_stance=models.Subquery(preceding.values("stance_id")[:1]),
        )
        .values_list("pk", "previous", "previous_stance")
    }
    return [(row[0], row[1], *found.get(row[0], row[2:])) for row in rows]


def described(ids):
    """The changes of these quote ids, oldest first, as pages, the API and the timeline show
    them: read as values, a hundred of them on a person's page."""
    rows = (
        Quote.objects.filter(pk__in=ids)
        .order_by("said_on", "pk")
        .values_list(
            "said_on",
            "said_on_latest",
            "said_on_precision",
            "key",
            "stance__value",
            "stance__label",
            "stance__position",
            "stance__topic__name",
            "nation__name",
            "speaker__name",
        )
    )
    changes = []
    for earliest, latest, precision, key, value, label, position, topic, nation, name in rows:
        dates = PossibleDates.of(earliest, precision, latest)
        changes.append(
            {
                "said_on": earliest,
                "said_on_dates": dates,
                "said_on_display": dates.display(),
                "key": key,
                "label": label,
                "tone": Stance(value=value, position=position).tone,
                "topic": topic,
                "nation": nation or "",
                "speaker": name,
            }
        )
    return changes


def speaker_summary(speaker):
    """What a person's page says first: the role held now and the body spoken for, how many
    published statements there are and when the first and latest were said, and the latest
    stance on each question, each with its statement."""

    def compute():
        role = speaker.current_role()
        rows = list(speaker.quotes.published().at_a_glance())
        latest_on_topics = [quote for quote in rows if quote.is_latest_on_topic]
        return {
            "role": role,
            "body": (role and role.nation) or speaker.nation,
            "count": rows[0].total if rows else 0,
            "first": rows[0] if rows else None,
            "latest": rows[-1] if rows else None,
            "stances": sorted(latest_on_topics, key=lambda quote: quote.stance.topic.name),
        }

    # Not cached as data: only the person's page shows it, in a fragment cached under the same
    # versions (speaker_detail.html), and pickling its quotes cost more than reading them.
    return compute()


TURNS_SHOWN = 50


def stance_turns(speaker, *, latest=TURNS_SHOWN):
    """Then and now: on each question where the person's stance changed, each change as the
    statement before it and the statement that made it, (then, now), oldest first: the latest
    few changes. Words that take no position do not change a stance."""

    def compute():
        quotes = speaker.quotes.published().exclude(stance__value=NO_POSITION)
        quotes = quotes.order_by("-said_on", "-id")
        pairs = newest_changes(quotes, latest, line="stance__topic", first_of_line=False)
        ids = {pk for pair in pairs for pk in pair}
        quotes = Quote.objects.filter(pk__in=ids).select_related("stance__topic").in_bulk()
        questions = {}
        for then, now in reversed(pairs):
            topic = quotes[now].stance.topic
            questions.setdefault(topic, []).append((quotes[then], quotes[now]))
        return [
            {"topic": topic, "turns": turns}
            for topic, turns in sorted(questions.items(), key=lambda item: item[0].name)
        ]

    return compute()  # as speaker_summary(): the page caches the fragment it renders


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


def quotes_by_day(month):
    """How many published quotes known to the day were said on each day of `month` that has
    any, oldest first: the days a month's page links to."""

    def compute():
        rows = (
            Quote.objects.published()
            .filter(
                said_on__range=(month.first_day, month.last_day),
                said_on_precision=Quote.Precision.DAY,
            )
            .values("said_on")
            .annotate(count=models.Count("pk"))
            .order_by("said_on")
        )
        return [{"day": Day(row["said_on"]), "count": row["count"]} for row in rows]

    return cached(f"days:{month.first_day.isoformat()}", None, compute)


def neighbouring_months(month):
    """The months before and after `month` that hold published quotes, or None: a reader goes
    from one to the next without landing on empty months."""
    months = [row["month"] for row in quotes_by_month()]  # newest first
    earlier = next((first_day for first_day in months if first_day < month.first_day), None)
    later = next((first_day for first_day in reversed(months) if first_day > month.first_day), None)
    return (Month(earlier) if earlier else None, Month(later) if later else None)


def neighbouring_days(day):
    """The days before and after `day` on which published quotes known to the day were said,
    or None."""

    def compute():
        dated = Quote.objects.published().filter(said_on_precision=Quote.Precision.DAY)
        dates = dated.order_by().values_list("said_on", flat=True)
        earlier = dates.filter(said_on__lt=day.day).order_by("-said_on").first()
        later = dates.filter(said_on__gt=day.day).order_by("said_on").first()
        return (Day(earlier) if earlier else None, Day(later) if later else None)

    return cached(f"neighbouring-days:{day.day.isoformat()}", None, compute)

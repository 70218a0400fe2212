"""A nation's or a speaker's stance changes are read from their newest quotes only, and are the
same as a reading of every quote would find: the same moments, in the same order."""

import datetime
import random

import pytest
from django.core.cache import cache
from django.utils import timezone

from tests.helpers import make_nation, make_source, make_speaker, make_stance, make_topic
from tracker import aggregates
from tracker.models import NO_POSITION, Quote, Speaker, Topic

pytestmark = pytest.mark.django_db


def taking_positions(record):
    """A nation's or a person's published quotes that take a position, oldest first."""
    return (
        record.quotes.published()
        .exclude(stance__value=NO_POSITION)
        .select_related("stance__topic")
        .order_by("said_on", "id")
    )


def every_change(record, latest):
    """The latest stance changes as found by reading every published quote, oldest first."""
    quotes = taking_positions(record)
    before, changes = {}, []
    for quote in quotes:
        topic = quote.stance.topic
        if before.get(topic.pk) != quote.stance.value:
            changes.append(
                {
                    "said_on": quote.said_on,
                    "key": quote.key,
                    "label": quote.stance.label,
                    "topic": topic.name,
                }
            )
        before[topic.pk] = quote.stance.value
    return changes[-latest:]


def shown(change):
    return {field: change[field] for field in ("said_on", "key", "label", "topic")}


def make_archive(seed, *, quotes, steadiness):
    """Quotes of two nations on three questions, one of them rarely spoken of, over a year:
    drafts, retractions and quotes taking no position among them, many on the same day. A
    speaker keeps their stance on a question with the chance `steadiness`."""
    draw = random.Random(seed)
    nations = [make_nation(code="de", name="Germany"), make_nation(code="fr", name="France")]
    speakers = [make_speaker(nation=draw.choice(nations)) for _ in range(4)]
    topics = [
        make_topic(slug=slug, name=slug.title(), question=f"{slug}?")
        for slug in ("troops", "money", "rarely")
    ]
    stances = {
        topic.pk: [
            make_stance(topic=topic, value=value, label=f"{value} ({topic.slug})")
            for value in ("willing", "open", "opposed", NO_POSITION)
        ]
        for topic in topics
    }
    source = make_source()
    held = {}
    rows = []
    for n in range(quotes):
        speaker = draw.choice(speakers)
        topic = topics[2] if draw.random() < 0.03 else draw.choice(topics[:2])
        if (speaker.pk, topic.pk) not in held or draw.random() > steadiness:
            held[speaker.pk, topic.pk] = draw.choice(stances[topic.pk])
        status = draw.choices(
            [Quote.Status.PUBLISHED, Quote.Status.DRAFT, Quote.Status.RETRACTED], [90, 7, 3]
        )[0]
        rows.append(
            Quote(
                key=f"{seed % 10}{n:07d}",
                text=f"Words {n}.",
                speaker=speaker,
                nation=draw.choice(nations) if draw.random() < 0.1 else speaker.nation,
                source=source,
                stance=held[speaker.pk, topic.pk],
                said_on=datetime.date(2025, 1, 1) + datetime.timedelta(days=draw.randrange(200)),
                status=status,
                published_at=None if status == Quote.Status.DRAFT else timezone.now(),
                retracted_at=timezone.now() if status == Quote.Status.RETRACTED else None,
                retraction_reason="Misattributed." if status == Quote.Status.RETRACTED else "",
            )
        )
    # Written at once, without each quote's save: this story is about reading them.
    for row in rows:
        row.said_on_latest = row.said_on
    Quote.objects.bulk_create(rows)
    return [*nations, *speakers]


@pytest.mark.parametrize(
    ("seed", "steadiness"),
    [(1, 0.0), (2, 0.5), (3, 0.95), (4, 1.0)],
    ids=["changes-every-quote", "changes-often", "changes-rarely", "never-changes"],
)
def test_the_latest_changes_are_those_every_quote_shows(seed, steadiness):
    records = make_archive(seed, quotes=600, steadiness=steadiness)
    for record in records:
        for latest in (1, 2, 7, 40, 1000):
            cache.clear()  # the cached answer is the one for the latest 100
            found = aggregates.stance_changes(record, latest=latest)
            assert [shown(change) for change in found] == every_change(record, latest), (
                str(record),
                latest,
            )


def test_a_window_holding_exactly_every_quote_reads_them_all(monkeypatch):
    germany = make_nation(code="de", name="Germany")
    speaker = make_speaker(nation=germany)
    open_, opposed = make_stance(value="open", label="Open"), make_stance(value="opposed")
    for day, stance in enumerate([open_, open_, opposed, opposed], start=1):
        Quote.objects.create(
            text=f"Day {day}.",
            speaker=speaker,
            source=make_source(),
            stance=stance,
            said_on=datetime.date(2025, 3, day),
            status=Quote.Status.PUBLISHED,
            published_at=timezone.now(),
        )
    # A window of four quotes for the two changes asked for: all of them, and no more.
    monkeypatch.setattr(aggregates, "WINDOW_PER_CHANGE", 2)
    changes = aggregates.stance_changes(germany, latest=2)
    assert [(change["said_on"].day, change["label"]) for change in changes] == [
        (1, "Open"),
        (3, "Opposed"),
    ]


def every_change_of_each_nation(topic, latest):
    """A question's latest changes, each nation's line of its own, read from every quote."""
    quotes = (
        Quote.objects.published()
        .filter(stance__topic=topic, nation__isnull=False)
        .exclude(stance__value=NO_POSITION)
        .select_related("stance", "nation")
        .order_by("said_on", "id")
    )
    before, changes = {}, []
    for quote in quotes:
        if before.get(quote.nation_id) != quote.stance.value:
            changes.append((quote.said_on, quote.key, quote.stance.label, quote.nation.name))
        before[quote.nation_id] = quote.stance.value
    return changes[-latest:]


@pytest.mark.parametrize(("seed", "steadiness"), [(5, 0.0), (6, 0.5), (7, 0.95)])
def test_a_questions_latest_changes_follow_each_nations_line(seed, steadiness):
    make_archive(seed, quotes=600, steadiness=steadiness)
    for topic in Topic.objects.all():
        for latest in (1, 2, 7, 40, 1000):
            cache.clear()
            found = aggregates.stance_changes(topic, latest=latest)
            assert [
                (change["said_on"], change["key"], change["label"], change["nation"])
                for change in found
            ] == every_change_of_each_nation(topic, latest), (str(topic), latest)


def every_turn(speaker, latest):
    """A person's latest turns, as (the quote before, the quote that turned) keys, oldest
    first, read from every published quote."""
    quotes = taking_positions(speaker)
    before, turns = {}, []
    for quote in quotes:
        previous = before.get(quote.stance.topic_id)
        if previous is not None and previous.stance_id != quote.stance_id:
            turns.append((previous.key, quote.key))
        before[quote.stance.topic_id] = quote
    return turns[-latest:]


@pytest.mark.parametrize(("seed", "steadiness"), [(8, 0.0), (9, 0.5), (10, 0.95)])
def test_then_and_now_are_the_latest_turns_every_quote_shows(seed, steadiness, monkeypatch):
    make_archive(seed, quotes=600, steadiness=steadiness)
    monkeypatch.setattr(aggregates, "WINDOW_PER_CHANGE", 2)  # windows that double often
    for speaker in Speaker.objects.all():
        for latest in (1, 2, 7, 40, 1000):
            cache.clear()
            questions = aggregates.stance_turns(speaker, latest=latest)
            found = [(then.key, now.key) for q in questions for then, now in q["turns"]]
            assert sorted(found) == sorted(every_turn(speaker, latest)), (str(speaker), latest)
            for question in questions:
                days = [(now.said_on, now.pk) for _then, now in question["turns"]]
                assert days == sorted(days)

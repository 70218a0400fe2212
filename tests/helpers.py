"""Small factories: each makes a valid record and takes overrides for what a test cares about.

And the few things several test modules read the same way.
"""

import datetime
import itertools
import re

import pytest
from django.contrib.auth.models import Group
from django.db import connection
from django.utils import timezone

from tracker.models import (
    Alias,
    Event,
    Intermediary,
    Nation,
    Outlet,
    Quote,
    Role,
    Source,
    Speaker,
    Stance,
    Topic,
    Translation,
    User,
)

_numbers = itertools.count(1)


def make_nation(**overrides):
    fields = {"code": "de", "name": "Germany", "is_eu_member": True, "is_nato_member": True}
    fields.update(overrides)
    nation, _ = Nation.objects.get_or_create(code=fields.pop("code"), defaults=fields)
    return nation


def make_speaker(*, aliases="", **overrides):
    """A speaker; `aliases`, one per line, are saved as its aliases."""
    n = next(_numbers)
    fields = {"name": f"Speaker {n}", "slug": f"speaker-{n}", "kind": Speaker.Kind.PERSON}
    fields.update(overrides)
    speaker = Speaker.objects.create(**fields)
    for name in filter(None, (line.strip() for line in aliases.splitlines())):
        Alias.objects.create(speaker=speaker, name=name)
    return speaker


def make_role(**overrides):
    fields = {"title": "Foreign minister", "started_on": datetime.date(2020, 1, 1)}
    fields.update(overrides)
    if "speaker" not in fields:
        fields["speaker"] = make_speaker()
    return Role.objects.create(**fields)


def make_outlet(**overrides):
    n = next(_numbers)
    fields = {"name": f"Outlet {n}", "slug": f"outlet-{n}", "home_url": "https://example.org/"}
    fields.update(overrides)
    return Outlet.objects.create(**fields)


def make_source(**overrides):
    n = next(_numbers)
    fields = {"title": f"Report {n}", "published_on": datetime.date(2025, 2, 17)}
    fields.update(overrides)
    if "outlet" not in fields:
        fields["outlet"] = make_outlet()
    return Source.objects.create(**fields)


def make_topic(**overrides):
    fields = {
        "name": "Troops for Ukraine",
        "slug": "troops-for-ukraine",
        "question": "Will European nations send troops to Ukraine to back a peace deal?",
    }
    fields.update(overrides)
    topic, _ = Topic.objects.get_or_create(slug=fields.pop("slug"), defaults=fields)
    return topic


def make_stance(**overrides):
    fields = {"value": "opposed", "label": "Opposed", "position": 4}
    fields.update(overrides)
    topic = fields.pop("topic", None) or make_topic()
    stance, _ = Stance.objects.get_or_create(
        topic=topic, value=fields.pop("value"), defaults=fields
    )
    return stance


def make_translation(quote, **overrides):
    fields = {
        "language": "en",
        "text": "In English.",
        "translated_by": Translation.TranslatedBy.ARCHIVE,
    }
    fields.update(overrides)
    return Translation.objects.create(quote=quote, **fields)


def make_quote(*, first_reported_in=None, chain=(), edits=(), translation="", **overrides):
    """A quote; `first_reported_in` (a source) is its chain's "reported by" link, `chain` more
    links as (relation, {target: record}) pairs, `edits` WordEdit fields; a `translation` is
    saved as an English one by this archive's editors."""
    n = next(_numbers)
    fields = {
        "text": f"Words number {n}.",
        "said_on": datetime.date(2025, 2, 17),
        "status": Quote.Status.PUBLISHED,
    }
    fields.update(overrides)
    # Made only when not given: each save of a record readers see changes the archive's version.
    if "speaker" not in fields:
        fields["speaker"] = make_speaker()
    if "source" not in fields:
        fields["source"] = make_source()
    if "stance" not in fields:
        fields["stance"] = make_stance()
    if fields["status"] in (Quote.Status.PUBLISHED, Quote.Status.RETRACTED):
        fields.setdefault("published_at", timezone.now())
    if fields["status"] == Quote.Status.RETRACTED:
        fields.setdefault("retracted_at", timezone.now())
        fields.setdefault("retraction_reason", "Misattributed.")
    quote = Quote.objects.create(**fields)
    links = [("reported_by", {"source": first_reported_in})] if first_reported_in else []
    for position, (relation, target) in enumerate([*links, *chain], start=1):
        quote.attribution_links.create(position=position, relation=relation, **target)
    for position, edit in enumerate(edits, start=1):
        quote.word_edits.create(position=position, **edit)
    if translation:
        make_translation(quote, text=translation)
    return quote


def make_event(**overrides):
    n = next(_numbers)
    fields = {"name": f"Event {n}", "slug": f"event-{n}", "happened_on": datetime.date(2025, 2, 17)}
    return Event.objects.create(**{**fields, **overrides})


def make_intermediary(**overrides):
    n = next(_numbers)
    return Intermediary.objects.create(**{"name": f"a government source {n}", **overrides})


def make_user(*, group=None, **overrides):
    n = next(_numbers)
    fields = {"username": f"user{n}", "password": "correct horse battery staple", "is_staff": True}
    fields.update(overrides)
    user = User.objects.create_user(**fields)
    if group:
        user.groups.add(Group.objects.get(name=group))
    return user


def make_editor(**overrides):
    return make_user(group="Editors", **overrides)


def make_chief_editor(**overrides):
    return make_user(group="Chief editors", **overrides)


# Read the same way by several modules -------------------------------------------------------

on_postgresql = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="ranking and highlighting are PostgreSQL's"
)


def csp_nonce(response):
    """The nonce the page's Content-Security-Policy header allows its scripts and styles."""
    return re.search(r"'nonce-([^']+)'", response["Content-Security-Policy"])[1]

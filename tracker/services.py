"""Writes that span several models: loading the seed article's records, merging two records of
one speaker."""

from collections import Counter
from dataclasses import dataclass
from itertools import zip_longest

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction

from tracker.models import (
    Alias,
    AttributionLink,
    Event,
    Nation,
    Outlet,
    PendingChange,
    Quote,
    Role,
    Source,
    Speaker,
    Stance,
    Subscription,
    Topic,
    Translation,
)
from tracker.seed import records

SEED_REASON = "Loaded from the seed article"
OUTCOMES = ("created", "updated", "unchanged")


@transaction.atomic
def load_seed(*, stdout=None):
    """Create or update every record of the seed article, found by its natural key.

    A record is saved only when something differs, so loading again writes nothing and adds no
    history. Returns, for each kind of record, how many were created, updated or unchanged.
    With `stdout`, says which existing records it changed.
    """
    article = records.ARTICLE_FILE.read_text(encoding="utf-8")
    for record in records.QUOTES:
        _check_against_article(record, article)
    tally = _Tally(stdout)

    nations = {
        row["code"]: tally.sync(Nation, {"code": row["code"]}, _without(row, "code"))
        for row in records.NATIONS
    }
    outlets = {
        row["slug"]: tally.sync(Outlet, {"slug": row["slug"]}, _without(row, "slug"))
        for row in records.OUTLETS
    }
    speakers = {}
    for row in records.SPEAKERS:
        speaker = tally.sync(
            Speaker,
            {"slug": row["slug"]},
            {
                "name": row["name"],
                "kind": row["kind"],
                "nation": nations.get(row["nation"]),
                "description": row.get("description", ""),
                "given_name": row.get("given_name", ""),
                "family_name": row.get("family_name", ""),
            },
        )
        for name, kind in row.get("aliases", []):
            tally.sync(Alias, {"speaker": speaker, "name": name}, {"kind": kind})
        for role in row.get("roles", []):
            tally.sync(
                Role,
                {"speaker": speaker, "title": role["title"], "started_on": role["started_on"]},
                {"nation": nations.get(role["nation"]), "ended_on": role["ended_on"]},
            )
        speakers[row["slug"]] = speaker
    sources = {
        row["key"]: tally.sync(
            Source,
            {"key": row["key"]},
            {**_without(row, "key", "outlet"), "outlet": outlets[row["outlet"]]},
        )
        for row in records.SOURCES
    }
    topic = tally.sync(
        Topic, {"slug": records.TOPIC["slug"]}, _without(records.TOPIC, "slug", "stances")
    )
    stances = {
        row["value"]: tally.sync(
            Stance,
            {"topic": topic, "value": row["value"]},
            {**_without(row, "value"), "position": position},
        )
        for position, row in enumerate(records.TOPIC["stances"], start=1)
    }
    events = {
        row["slug"]: tally.sync(Event, {"slug": row["slug"]}, _without(row, "slug"))
        for row in records.EVENTS
    }

    for record in records.QUOTES:
        speaker = speakers[record["speaker"]]
        existing = Quote.objects.filter(key=record["key"]).first()
        if existing and existing.status == Quote.Status.RETRACTED:
            # A retraction is an editor's decision with a public notice: the seed never undoes it.
            tally.count(existing, "left retracted")
            continue
        quote = tally.sync(
            Quote,
            {"key": record["key"]},
            {
                "text": record["text"],
                "language": record.get("language", "en"),
                "spoken_language": record.get("spoken_language", ""),
                "kind": record["kind"],
                "speaker": speaker,
                "role": _role(speaker, record["role"], record["said_on"]),
                "nation": nations.get(record["nation"]),
                "said_on": record["said_on"],
                "said_on_latest": record.get("said_on_latest", record["said_on"]),
                "said_on_precision": record["precision"],
                "said_on_note": record.get("date_note", ""),
                "source": sources[record["source"]],
                "verification": record["verification"],
                "context": record["context"],
                "stance": stances[record["stance"]],
                "event": events.get(record["event"]),
                "status": Quote.Status.PUBLISHED,
                "published_at": records.PUBLISHED_AT,
            },
        )
        _sync_in_order(quote, "figures", record["figures"], tally)
        chain = [
            {"position": position, "relation": relation, target: sources[key]}
            for position, (relation, target, key) in enumerate(record["chain"], start=1)
        ]
        _sync_in_order(quote, "attribution_links", chain, tally)
        edits = [{"position": n, **edit} for n, edit in enumerate(record["edits"], start=1)]
        _sync_in_order(quote, "word_edits", edits, tally)
        for translation in record.get("translations", []):
            tally.sync(
                Translation,
                {"quote": quote, "language": translation["language"]},
                {
                    "text": translation["text"],
                    "translated_by": translation["translated_by"],
                    "outlet": outlets.get(translation.get("outlet")),
                    "source": sources.get(translation.get("source")),
                },
            )
    return tally.counts


def _check_against_article(record, article):
    # Every word in the archive must be traceable to the article, character for character.
    text, context = record["text"], record["context"]
    problems = []
    if text not in article:
        problems.append("its text is not in the article")
    if context and (context not in article or text not in context):
        problems.append("its context is not the article's sentence around the text")
    quoted = f"“{text}”"
    if record["kind"] in ("direct", "partial") and quoted not in (context or article):
        problems.append("its text is not the whole of a quotation in the article")
    if problems:
        raise ValueError(f"Seed quote {record['key']}: {'; '.join(problems)}.")


def _role(speaker, title, day):
    if title is None:
        return None
    for role in speaker.roles.filter(title=title):
        if role.covers(day):
            return role
    raise ValueError(f"{speaker} did not hold the role “{title}” on {day}.")


def _sync_in_order(quote, name, rows, tally):
    # A quote's figures, links and edits have no key of their own: the seed's are matched in
    # order to the stored ones (in their model's order).
    related = getattr(quote, name)
    for record, row in zip_longest(list(related.all()), rows):
        if row is None:
            record.delete()
            tally.count(record, "deleted")
        else:
            new = record is None
            tally.apply(related.model(quote=quote) if new else record, row, created=new)


def _without(row, *names):
    return {name: value for name, value in row.items() if name not in names}


class _Tally:
    def __init__(self, stdout):
        self.stdout = stdout
        self.counts = {}

    def sync(self, model, lookup, values):
        instance = model.objects.filter(**lookup).first()
        return self.apply(instance or model(**lookup), values, created=instance is None)

    def apply(self, instance, values, *, created):
        changed = [name for name, value in values.items() if _differs(instance, name, value)]
        if not created and not changed:
            self.count(instance, "unchanged")
            return instance
        for name in changed:
            setattr(instance, name, values[name])
        instance.full_clean()
        instance._change_reason = SEED_REASON
        instance.save()
        self.count(instance, "created" if created else "updated", changed)
        return instance

    def count(self, instance, outcome, changed=()):
        name = str(instance._meta.verbose_name_plural)
        self.counts.setdefault(name, Counter({outcome: 0 for outcome in OUTCOMES}))[outcome] += 1
        if self.stdout is not None and outcome not in ("created", "unchanged"):
            detail = f" ({', '.join(changed)})" if changed else ""
            self.stdout.write(
                f"{outcome.capitalize()} {instance._meta.verbose_name} {instance}{detail}"
            )


def _differs(instance, name, value):
    field = instance._meta.get_field(name)
    current = getattr(instance, field.attname)
    return current != (value.pk if isinstance(value, models.Model) else value)


# Merging two records of one speaker --------------------------------------------------------

MERGE_REASON = "Speaker records merged"


@dataclass(frozen=True)
class SpeakerMerge:
    """What merging `merged` into `target` moves, for the chief editor to confirm first."""

    merged: Speaker
    target: Speaker
    published_quotes: int
    other_quotes: int
    roles: int
    aliases: list
    translations: int
    attribution_links: int
    subscriptions: int
    earlier_merges: int

    @classmethod
    def of(cls, merged, target):
        check_speaker_merge(merged, target)
        quotes = merged.quotes.all()
        return cls(
            merged=merged,
            target=target,
            published_quotes=quotes.published().count(),
            other_quotes=quotes.exclude(status=Quote.Status.PUBLISHED).count(),
            roles=merged.roles.count(),
            aliases=_new_names_for(target, merged),
            translations=Translation.objects.filter(quote__speaker=merged).count(),
            attribution_links=AttributionLink.objects.filter(quote__speaker=merged).count(),
            subscriptions=len(_subscriptions_following(merged)),
            earlier_merges=merged.merged_speakers.count(),
        )


def check_speaker_merge(merged, target):
    """Refuse, with the reason, a merge that cannot be made: ValidationError."""
    if merged.pk == target.pk:
        raise ValidationError("A speaker cannot be merged into itself: choose another record.")
    for record in (target, merged):
        if record.is_merged:
            raise ValidationError(
                f"“{record}” was merged into “{record.merged_into}” already: merge into "
                f"“{record.merged_into}” instead."
                if record is target
                else f"“{record}” was merged into “{record.merged_into}” already."
            )
    if PendingChange.objects.waiting().of(merged).exists():
        raise ValidationError(
            f"An editor's change to “{merged}” waits in the review queue (Pending changes): "
            "approve or reject it first."
        )


@transaction.atomic
def merge_speakers(*, merged, target, by):
    """Make two records of one person one: `merged`'s quotes and roles move to `target`, its name
    and aliases become `target`'s aliases, and `merged` stays as a redirect to `target` (a record
    readers saw is never deleted: its URLs lead to `target`). Each published quote is corrected
    in public, so its permalink says who it is now filed under and why; the rest say so in
    their history. Both speakers are saved at the revisions they were loaded at (the pages the
    chief editor confirmed): an edit made since refuses the merge (EditConflict)."""
    if not by.has_perm("tracker.merge_speaker"):
        raise PermissionDenied("Only a chief editor can merge speakers.")
    check_speaker_merge(merged, target)
    moved = f"merged from “{merged}” ({merged.slug}) into “{target}” ({target.slug})"
    reason = f"{MERGE_REASON}: {moved}"

    merged.merged_into = target
    _save_with_history(merged, by, f"{MERGE_REASON}: merged into “{target}” ({target.slug})")
    _save_with_history(target, by, f"{MERGE_REASON}: merged from “{merged}” ({merged.slug})")

    # The roles first: a moved quote's role is then the target speaker's.
    for role in merged.roles.all():
        role.speaker = target
        _save_with_history(role, by, reason)
    new_names = _new_names_for(target, merged)
    for alias in merged.aliases.all():
        if alias.name in new_names:
            alias.speaker = target
            _save_with_history(alias, by, reason)
        else:  # target's name or one of its aliases already
            alias._history_user = by
            alias.delete()
    if merged.name in new_names:
        _save_with_history(Alias(speaker=target, name=merged.name), by, reason)

    note = (
        f"{reason}: the archive held two records of one person, and this statement is now "
        f"filed under “{target}”. The words are unchanged."
    )
    for quote in merged.quotes.select_for_update().order_by("pk"):
        quote.speaker = target
        # What save() fills in from the speaker, filled in here so that a correction names it.
        if quote.role_id is None:
            quote.role = target.role_on(quote.said_on)
        if quote.nation_id is None:
            quote.nation_id = (quote.role and quote.role.nation_id) or target.nation_id
        if quote.status == Quote.Status.PUBLISHED:
            quote.correct(note=note, by=by)
        else:
            _save_with_history(quote, by, reason)

    for subscription in _subscriptions_following(merged):
        filters = subscription.filters.copy()
        filters.setlist(
            "speaker",
            [
                target.slug if value == merged.slug else value
                for value in filters.getlist("speaker")
            ],
        )
        query = filters.urlencode()
        if Subscription.objects.filter(email=subscription.email, query=query).exists():
            subscription.delete()  # the reader follows the target speaker already
        else:
            subscription.query = query
            subscription.save(update_fields=["query"])

    # Records merged into this one before lead to the target speaker in one step.
    for earlier in merged.merged_speakers.all():
        earlier.merged_into = target
        _save_with_history(earlier, by, reason)
    return target


def _save_with_history(record, by, reason):
    record._history_user = by
    record._change_reason = reason
    record.save()


def _new_names_for(target, merged):
    """The names of `merged` (its own, then its aliases) that `target` does not go by yet."""
    known = {target.name.casefold(), *(name.casefold() for name in target.alias_names())}
    names = []
    for name in [merged.name, *merged.alias_names()]:
        if name.casefold() not in known:
            known.add(name.casefold())
            names.append(name)
    return names


def _subscriptions_following(speaker):
    """Readers' alerts whose filters name `speaker` by its slug."""
    return [
        subscription
        for subscription in Subscription.objects.filter(query__contains=speaker.slug)
        if speaker.slug in subscription.filters.getlist("speaker")
    ]

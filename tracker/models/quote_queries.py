"""The ways to ask for quotes (published, on a topic, for a card or a feed, near a key, matching
a search) and how a quote names each kind of record it cites."""

from django.apps import apps
from django.db import models
from django.db.models import F, Q
from django.db.models.functions import Coalesce

from tracker import search
from tracker.models import dates
from tracker.models.attribution import AttributionLink
from tracker.models.base import PublishedRecordDeletion, keys_one_edit_away, normalize_key
from tracker.models.people import Nation, Speaker
from tracker.models.sources import Outlet, Source
from tracker.models.topics import NO_POSITION, Event, Topic


class QuoteQuerySet(models.QuerySet):
    def published(self):
        return self.filter(status=self.model.Status.PUBLISHED)

    def shown_to_readers(self):
        """Published and retracted quotes: a retraction's page still names who and where."""
        return self.exclude(status__in=self.model.DELETABLE_STATUSES)

    def said_between(self, *, start=None, end=None):
        """The quotes that may have been said between `start` and `end` (either may be None):
        those whose possible days overlap them, on the date indexes (tracker/models/dates.py)."""
        return self.filter(dates.overlapping("said_on", start, end))

    def on_topic(self, topic):
        """The quotes taking a stance on `topic`. Its stances go into the query as ids, which
        PostgreSQL's planner counts from its statistics; through a join to the stances it
        guesses, three times too few for the first question at a million quotes."""
        return self.filter(stance__in=list(topic.stances.values_list("pk", flat=True)))

    def for_permalink(self, user):
        """What a permalink may show: published and retracted quotes, and drafts to editors."""
        if user.has_perm("tracker.view_quote"):
            return self
        return self.filter(status__in=[self.model.Status.PUBLISHED, self.model.Status.RETRACTED])

    def for_feed(self):
        """What a feed's entry shows of a quote: who said it, on which question, how, and how
        the words reached us."""
        return self.select_related(
            "speaker", "stance__topic", "source__outlet", "event"
        ).prefetch_related(*self.CHAIN_PREFETCH, self.with_translations())

    # The rows a card joins to its quote.
    CARD_RELATED = ("speaker", "role", "nation", "stance__topic", "source__outlet", "event")

    def for_listing(self):
        # Searches read the search columns in SQL; no page shows them.
        return (
            self.select_related(*self.CARD_RELATED)
            .prefetch_related(*self.CHAIN_PREFETCH, self.with_translations())
            .defer("search_text", "search_vector")
        )

    def for_reading_alone(self):
        """One quote as its permalink reads it: the rows a card joins, and whether it has an
        attribution chain, word edits, translations, published responses and corrections,
        whether its speaker has other spellings and its source our copy (EXISTS, each on its
        index), so that Quote.read_parts() reads only those it has. Most quotes have none of
        them, and a query that finds nothing costs as much of Django's Python as one that finds
        some (docs/performance.md)."""
        parts = {
            "has_links": AttributionLink.objects.all(),
            "has_edits": apps.get_model("tracker", "WordEdit").objects.all(),
            "has_translations": apps.get_model("tracker", "Translation").objects.all(),
            "has_corrections": apps.get_model("tracker", "Correction").objects.all(),
        }
        return (
            self.select_related(*self.CARD_RELATED)
            .defer("search_text", "search_vector")
            .annotate(
                **{
                    flag: models.Exists(rows.filter(quote=models.OuterRef("pk")))
                    for flag, rows in parts.items()
                },
                has_responses=models.Exists(
                    self.model.objects.published().filter(responds_to=models.OuterRef("pk"))
                ),
                has_aliases=models.Exists(
                    apps.get_model("tracker", "Alias").objects.filter(
                        speaker=models.OuterRef("speaker")
                    )
                ),
                has_copy=models.Exists(
                    apps.get_model("tracker", "Snapshot").objects.filter(
                        source=models.OuterRef("source")
                    )
                ),
            )
        )

    def exchanged(self):
        """What a permalink shows of a statement it answers or that answers it
        (templates/tracker/includes/exchange_statement.html): a few columns, not a card's."""
        return self.select_related("speaker").only(
            "key",
            "text",
            "said_on",
            "said_on_precision",
            "said_on_latest",
            "speaker__slug",
            "speaker__name",
        )

    # The chain and the edits a card shows, two queries for a whole page of rows.
    CHAIN_PREFETCH = (
        models.Prefetch("attribution_links", queryset=AttributionLink.objects.for_chain()),
        "word_edits",
    )

    def naming(self, record):
        """The quotes that name `record` (an outlet, a source, an event) anywhere: as where we
        read them, where they were said, or in a link of their attribution chain. One row per
        quote: the chain is looked into with EXISTS, not joined."""
        condition, in_chain = Q(), Q()
        for path in QUOTE_PATHS[type(record)]:
            if path.startswith(CHAIN):
                in_chain |= Q(**{path.removeprefix(CHAIN): record})
            else:
                condition |= Q(**{path: record})
        if in_chain:
            links = AttributionLink.objects.filter(in_chain, quote=models.OuterRef("pk"))
            condition |= models.Exists(links)
        return self.filter(condition)

    @staticmethod
    def with_translations():
        """The quotes' translations, each with who translated it and where: one query."""
        translations = apps.get_model("tracker", "Translation").objects.select_related(
            "outlet", "source__outlet"
        )
        return models.Prefetch("translations", queryset=translations)

    def deletable(self):
        return self.filter(status__in=self.model.DELETABLE_STATUSES)

    def entered_by(self, user):
        """The quotes `user` entered: the first version in their history is theirs."""
        entered = self.model.history.filter(history_type="+", history_user=user).values("id")
        return self.filter(pk__in=entered)

    def with_answered_key(self):
        """Each quote with the `answered_key` of the statement it answers, when that one is
        published (None otherwise): what the API and the CSV link to."""
        return self.annotate(
            answered_key=models.Case(
                models.When(
                    responds_to__status=self.model.Status.PUBLISHED, then=F("responds_to__key")
                )
            )
        )

    def at_a_glance(self):
        """What a person's page sums up, in two queries: the first and the latest of these
        quotes and the latest on each question (`is_latest_on_topic`: the latest that takes a
        position, or when none does, the latest that takes none), with their questions, in
        date order, each with the `total` of these quotes.

        The ids are read first, on the quotes' indexes, and then the rows by id: asked for in
        one query, PostgreSQL read every one of a person's quotes to pick the dozen (23 ms for
        9,000)."""
        first = self.order_by("said_on", "id").values("pk")[:1]
        latest = self.order_by("-said_on", "-id").values("pk")[:1]
        newest_on_topic = self.filter(stance__topic=models.OuterRef("pk"))
        newest_on_topic = newest_on_topic.order_by("-said_on", "-id").values("pk")
        total = self.order_by().annotate(total=models.Func(F("pk"), function="COUNT"))
        ends = (
            Topic.objects.annotate(
                latest_id=Coalesce(
                    models.Subquery(newest_on_topic.exclude(stance__value=NO_POSITION)[:1]),
                    models.Subquery(newest_on_topic[:1]),
                ),
                first_id=models.Subquery(first),
                last_id=models.Subquery(latest),
                total=models.Subquery(total.values("total")),
            )
            .order_by()
            .values_list("latest_id", "first_id", "last_id", "total")
        )
        rows = list(ends)
        on_topics = {row[0] for row in rows} - {None}
        ids = on_topics | {pk for row in rows for pk in row[1:3]} - {None}
        return (
            self.filter(pk__in=ids)
            .annotate(
                total=models.Value(rows[0][3] if rows else 0),
                is_latest_on_topic=models.Case(
                    models.When(pk__in=on_topics, then=True),
                    default=False,
                    output_field=models.BooleanField(),
                ),
            )
            .select_related("stance__topic")
            .order_by("said_on", "id")
        )

    def near_key(self, typed):
        """The quotes whose keys a person may have meant by `typed`: one letter off, missing,
        added or two swapped. One query on the keys' unique index, however large the archive."""
        return self.filter(key__in=keys_one_edit_away(normalize_key(typed))).order_by("key")

    def matching(self, query):
        """Quotes matching words as typed into a search engine, of any status: the public pages
        ask for published() quotes first; the editors' admin finds drafts and retractions too."""
        return search.matching(self, query)

    def with_words_like(self, text):
        """The quotes whose words are `text`, or nearly, most alike first (search.py)."""
        return search.with_words_like(self, text)

    def search(self, query):
        """Quotes matching words as typed into a search engine, each with a `rank`."""
        return search.ranked(self, query)

    def by_relevance(self):
        """Best matches of a search() first, among the newest."""
        return search.by_relevance(self)

    def delete(self):
        if self.exclude(status__in=self.model.DELETABLE_STATUSES).exists():
            raise PublishedRecordDeletion(
                "Published or retracted quotes cannot be deleted: correct or retract them."
            )
        return super().delete()

    def bulk_create(self, objs, *args, **kwargs):
        # save() fills in the latest possible day; rows created without it get it here too.
        objs = list(objs)
        for quote in objs:
            if quote.said_on:
                quote.said_on_latest = quote.said_on_dates.latest
        return super().bulk_create(objs, *args, **kwargs)

    def update(self, **kwargs):
        if "key" in kwargs:
            raise ValueError("A quote's key never changes.")
        if counted := {name.removesuffix("_id") for name in kwargs} & self.model.COUNTED_BY_FIELDS:
            raise ValueError(
                f"Saving each quote counts it where it is published ({', '.join(sorted(counted))} "
                "changed): update() would leave the counts behind (tracker/models/counts.py)."
            )
        return super().update(**kwargs)


CHAIN = "attribution_links__"

# How a quote names each kind of record it cites.
QUOTE_PATHS = {
    Nation: ["nation"],
    Speaker: ["speaker"],
    Outlet: [
        "source__outlet",
        "attribution_links__outlet",
        "attribution_links__source__outlet",
    ],
    Source: ["source", "attribution_links__source"],
    Topic: ["stance__topic"],
    Event: ["event", "attribution_links__event"],
}

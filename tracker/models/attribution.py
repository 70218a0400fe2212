"""How words reached us, and what was done to them on the way.

A quote's attribution chain runs from the speaker to where we read the words: said at an
event, reported by a wire agency, citing a government source, translated by an outlet, read in
the quote's source. The last link, "read in", is always the quote's own `source` (one field,
one truth): the links stored here are the ones before it, and those beside it ("also reported
by"). `Quote.chain()` gives the whole chain in order.

Edits to the words (words omitted, passages joined, words inserted in brackets, punctuation or
spelling normalised) are recorded one by one, each with a short explanation readers see.
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from tracker.models.base import ArchiveRecord, RevisionedRecord, choice_label
from tracker.models.people import Nation
from tracker.models.sources import Outlet, Source
from tracker.models.topics import Event


class Intermediary(RevisionedRecord, ArchiveRecord):
    """Someone who passed the words on without being named or without being an outlet: “a
    government source”, “unnamed officials”, a spokesperson. One record, reused by every quote
    it passed on, and named the same way everywhere: “a government source (Italy)”."""

    class Kind(models.TextChoices):
        GOVERNMENT_SOURCE = "government_source", _("Government source")
        OFFICIALS = "officials", _("Unnamed officials")
        SPOKESPERSON = "spokesperson", _("Spokesperson")
        DIPLOMAT = "diplomat", _("Diplomatic source")
        OTHER = "other", _("Other")

    name = models.CharField(
        max_length=200,
        help_text="As the reporting puts it, in lower case: “a government source”, "
        "“officials familiar with the talks”.",
    )
    kind = models.CharField(max_length=20, choices=Kind, default=Kind.GOVERNMENT_SOURCE)
    nation = models.ForeignKey(
        Nation,
        on_delete=models.PROTECT,
        related_name="intermediaries",
        null=True,
        blank=True,
        help_text="Whose government or service they belong to, when the reporting says.",
    )
    is_named = models.BooleanField(
        "named by the reporting",
        default=False,
        help_text="Tick when the reporting names the person or office (a named spokesperson).",
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(condition=~Q(name=""), name="intermediary_name_not_blank"),
            models.UniqueConstraint(
                fields=["name", "nation"], name="intermediary_name_nation_unique"
            ),
        ]

    def __str__(self):
        return f"{self.name} ({self.nation})" if self.nation_id else self.name


class AttributionLinkQuerySet(models.QuerySet):
    def for_chain(self):
        """What a chain shows of each link: its target and the target's outlet."""
        return self.select_related("outlet", "source__outlet", "event", "intermediary__nation")


class AttributionLink(ArchiveRecord):
    """One link of a quote's chain, pointing at one outlet, source, event or intermediary."""

    class Relation(models.TextChoices):
        SAID_AT = "said_at", _("said at")
        REPORTED_BY = "reported_by", _("reported by")
        CITING = "citing", _("citing")
        TRANSLATED_BY = "translated_by", _("translated by")
        READ_IN = "read_in", _("read in")
        ALSO_REPORTED_BY = "also_reported_by", _("also reported by")

    # Where the words were read is the quote's source, never a stored link: editors choose
    # among the others.
    STORED_RELATIONS = list(Relation.choices)
    STORED_RELATIONS.remove((Relation.READ_IN.value, Relation.READ_IN.label))
    TARGETS = ("outlet", "source", "event", "intermediary")

    quote = models.ForeignKey(
        "tracker.Quote", on_delete=models.CASCADE, related_name="attribution_links"
    )
    position = models.PositiveSmallIntegerField(
        default=0, help_text="Order from the speaker (first) to where we read the words (last)."
    )
    relation = models.CharField(max_length=20, choices=Relation)
    outlet = models.ForeignKey(
        Outlet,
        on_delete=models.PROTECT,
        related_name="attribution_links",
        null=True,
        blank=True,
        help_text="An outlet or wire agency, when no single item of theirs is known.",
    )
    source = models.ForeignKey(
        Source,
        on_delete=models.PROTECT,
        related_name="attribution_links",
        null=True,
        blank=True,
        help_text="The item (article, transcript, post) of this link.",
    )
    event = models.ForeignKey(
        Event,
        on_delete=models.PROTECT,
        related_name="attribution_links",
        null=True,
        blank=True,
        help_text="Where it was said: a press conference, a summit.",
    )
    intermediary = models.ForeignKey(
        Intermediary,
        on_delete=models.PROTECT,
        related_name="attribution_links",
        null=True,
        blank=True,
        help_text="A government source, unnamed officials: who passed the words on.",
    )

    objects = AttributionLinkQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["quote_id", "position", "id"]
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(outlet__isnull=False, source__isnull=True, event__isnull=True)
                    | Q(outlet__isnull=True, source__isnull=False, event__isnull=True)
                    | Q(outlet__isnull=True, source__isnull=True, event__isnull=False)
                )
                & Q(intermediary__isnull=True)
                | Q(
                    outlet__isnull=True,
                    source__isnull=True,
                    event__isnull=True,
                    intermediary__isnull=False,
                ),
                name="attributionlink_one_target",
            ),
            models.CheckConstraint(
                condition=~Q(relation="read_in"), name="attributionlink_read_in_is_the_source"
            ),
        ]

    def __str__(self):
        return f"{self.get_relation_display()} {self.target_name}"

    def get_relation_display(self):  # on every card (see choice_label)
        return choice_label(self.Relation, self.relation)

    @property
    def target(self):
        for name in self.TARGETS:
            if getattr(self, f"{name}_id"):
                return getattr(self, name)
        return None

    @property
    def target_name(self):
        """The short name a card shows: the outlet of a source, the event, the intermediary."""
        if self.source_id:
            return self.source.outlet.name
        return str(self.target.name if self.event_id else self.target) if self.target else ""

    @property
    def target_url(self):
        """Where a reader follows the link: the target's page on this site, if it has one."""
        target = self.target
        return target.get_absolute_url() if hasattr(target, "get_absolute_url") else ""

    def as_data(self):
        """The link as the data outputs (CSV, API, feeds) give it."""
        data = {"relation": self.relation, "label": self.get_relation_display()}
        for name in self.TARGETS:
            data[name] = None
        if self.outlet_id:
            data["outlet"] = {"name": self.outlet.name, "slug": self.outlet.slug}
        if self.source_id:
            data["source"] = {
                "key": self.source.key,
                "title": self.source.title,
                "outlet": self.source.outlet.name,
                "url": self.source.url,
            }
        if self.event_id:
            data["event"] = {"name": self.event.name, "slug": self.event.slug}
        if self.intermediary_id:
            data["intermediary"] = {
                "name": str(self.intermediary),
                "kind": self.intermediary.kind,
            }
        return data

    def clean(self):
        chosen = [name for name in self.TARGETS if getattr(self, f"{name}_id")]
        if len(chosen) != 1:
            raise ValidationError(
                "Choose exactly one of an outlet, a source, an event or an intermediary."
            )
        if self.source_id and self.quote_id and self.source_id == self.quote.source_id:
            raise ValidationError(
                {"source": "This is the quote's source, where we read it: it ends the chain."}
            )


class WordEdit(ArchiveRecord):
    """One change the archive or the outlet made to the words as spoken: readers see it."""

    class Kind(models.TextChoices):
        OMITTED = "omitted", _("Words omitted")
        JOINED = "joined", _("Passages joined")
        INSERTED = "inserted", _("Words inserted in brackets")
        PUNCTUATION = "punctuation", _("Punctuation normalised")
        SPELLING = "spelling", _("Spelling normalised")

    quote = models.ForeignKey("tracker.Quote", on_delete=models.CASCADE, related_name="word_edits")
    position = models.PositiveSmallIntegerField(default=0)
    kind = models.CharField(max_length=12, choices=Kind)
    words = models.CharField(
        max_length=400,
        blank=True,
        help_text="The words concerned, when known: those inserted, or those left out.",
    )
    explanation = models.CharField(
        max_length=400,
        help_text="Shown to readers: who made the edit and why, in a sentence "
        "(“The Telegraph joined two answers from the same interview.”).",
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["quote_id", "position", "id"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(explanation=""), name="wordedit_explanation_not_blank"
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.explanation}"

    def get_kind_display(self):  # on every card (see choice_label)
        return choice_label(self.Kind, self.kind)

    def as_data(self):
        return {
            "kind": self.kind,
            "label": self.get_kind_display(),
            "words": self.words,
            "explanation": self.explanation,
        }

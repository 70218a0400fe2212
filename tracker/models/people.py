"""Who speaks: the bodies spoken for (nations and international organisations), speakers (people,
institutions, unnamed officials) and the roles they hold."""

from django.db import models
from django.db.models import F, Q
from django.db.models.functions import Length, Lower
from django.db.models.lookups import Exact, GreaterThan
from django.urls import reverse
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from tracker import search
from tracker.models.base import ArchiveRecord, NotedRecord, RevisionedRecord


class NationQuerySet(models.QuerySet):
    def confirmed(self):
        """Nations readers may see: a nation an editor proposed waits for a chief editor."""
        return self.filter(is_confirmed=True)

    def nations(self):
        return self.filter(kind=Nation.Kind.NATION)

    def organisations(self):
        return self.filter(kind=Nation.Kind.ORGANISATION)


class Nation(NotedRecord, RevisionedRecord, ArchiveRecord):
    """A body a quote speaks for: a nation, or an international organisation (NATO, the EU, the
    UN). Both have the same pages, filters, feeds and counts; pages list organisations apart."""

    class Kind(models.TextChoices):
        NATION = "nation", _("Nation")
        ORGANISATION = "organisation", _("International organisation")

    kind = models.CharField(max_length=12, choices=Kind, default=Kind.NATION)
    code = models.CharField(
        max_length=12,
        unique=True,
        help_text="In lower case, as used in URLs: for a nation its ISO 3166-1 alpha-2 code "
        "(de, fr, gb); for an organisation its usual abbreviation (nato, eu, un).",
    )
    name = models.CharField(max_length=100, unique=True)
    is_eu_member = models.BooleanField("EU member", default=False)
    is_nato_member = models.BooleanField("NATO member", default=False)
    is_confirmed = models.BooleanField(
        "confirmed by a chief editor",
        default=True,
        help_text="A nation an editor adds is a proposal: readers do not see it, and quotes "
        "filed against it stay drafts, until a chief editor confirms it in the review queue.",
    )

    objects = NationQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(code=Lower("code"))
                & (
                    Q(Exact(Length("code"), 2))
                    | (Q(kind="organisation") & Q(GreaterThan(Length("code"), 1)))
                ),
                name="nation_code_iso_lower",
            ),
        ]

    def __str__(self):
        return self.name

    @property
    def is_organisation(self):
        return self.kind == self.Kind.ORGANISATION

    def get_absolute_url(self):
        return reverse("nation_detail", args=[self.code])

    # What readers see of a nation beside a published quote: an editor's change to it waits for a
    # chief editor (tracker/models/reviews.py).
    REVIEWED_FIELDS = ("name",)

    def is_shown_to_readers(self):
        return (
            self.quotes.model.objects.shown_to_readers()
            .filter(Q(nation=self) | Q(speaker__nation=self) | Q(role__nation=self))
            .exists()
        )


class SpeakerQuerySet(models.QuerySet):
    def people(self):
        return self.filter(kind=Speaker.Kind.PERSON)

    def not_merged(self):
        """Speakers that are records of their own: one merged into another is only a redirect."""
        return self.filter(merged_into__isnull=True)

    def merge_target_of(self, slug):
        """The speaker the record at `slug` was merged into, or None: where its old URLs lead."""
        return self.filter(merged_speakers__slug=slug).first()

    def with_roles(self):
        """Each speaker with their roles, each role with its nation, read in one query."""
        return self.prefetch_related(
            models.Prefetch("roles", queryset=Role.objects.select_related("nation"))
        )


class Speaker(NotedRecord, RevisionedRecord, ArchiveRecord):
    class Kind(models.TextChoices):
        PERSON = "person", _("Named person")
        INSTITUTION = "institution", _("Institution (a government, a ministry)")
        OFFICIALS = "officials", _("Unnamed officials, as reported")

    name = models.CharField(
        max_length=200,
        help_text="The canonical, correctly spelt name, whatever spelling a source used.",
    )
    slug = models.SlugField(max_length=200, unique=True, help_text="Used in /people/<slug>/.")
    kind = models.CharField(max_length=12, choices=Kind, default=Kind.PERSON)
    nation = models.ForeignKey(
        Nation,
        on_delete=models.PROTECT,
        related_name="speakers",
        null=True,
        blank=True,
        verbose_name="body spoken for",
        help_text="The nation or international organisation this speaker speaks for, if any: "
        "a quote speaks for it unless its role or the quote says otherwise.",
    )
    nationality = models.ForeignKey(
        Nation,
        on_delete=models.PROTECT,
        related_name="nationals",
        null=True,
        blank=True,
        limit_choices_to={"kind": "nation"},
        help_text="A person's nationality, apart from the body spoken for: NATO's Secretary "
        "General Mark Rutte is Dutch.",
    )
    description = models.CharField(
        max_length=300,
        blank=True,
        help_text="One line to tell readers who this is, for unnamed officials who reported them.",
    )
    given_name = models.CharField(
        max_length=200,
        blank=True,
        help_text="A person's given names as they are cited: “Maria”, “Keir”. Empty for "
        "institutions and unnamed officials, whose name no citation splits.",
    )
    family_name = models.CharField(
        max_length=200,
        blank=True,
        help_text="A person's family name as it is sorted and cited: “Malmer Stenergard”, "
        "“von der Leyen”. Empty when not known: citations then use the full name.",
    )
    merged_into = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        related_name="merged_speakers",
        null=True,
        blank=True,
        editable=False,
        help_text="Another record of the same person, which this one was merged into: its "
        "quotes, roles and names moved there, and its URLs lead there.",
    )

    objects = SpeakerQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        permissions = [("merge_speaker", "Can merge two records of one speaker")]
        constraints = [
            models.CheckConstraint(condition=~Q(name=""), name="speaker_name_not_blank"),
            models.CheckConstraint(
                condition=Q(merged_into__isnull=True) | ~Q(merged_into=F("id")),
                name="speaker_not_merged_into_itself",
            ),
            # A body or a group has one name: nothing for a reference manager to split.
            models.CheckConstraint(
                condition=Q(kind="person") | (Q(given_name="") & Q(family_name="")),
                name="speaker_body_has_a_single_name",
            ),
        ]

    def __str__(self):
        return self.name

    @property
    def is_person(self):
        return self.kind == self.Kind.PERSON

    @property
    def is_merged(self):
        return self.merged_into_id is not None

    @property
    def sort_name(self):
        """How lists and citations sort the speaker: “Malmer Stenergard, Maria”, or the name."""
        if self.family_name:
            return ", ".join(part for part in (self.family_name, self.given_name) if part)
        return self.name

    def alias_names(self):
        """The other spellings of the name, read with the speaker when prefetched."""
        return [alias.name for alias in self.aliases.all()]

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = slugify(self.name)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("speaker_detail", args=[self.slug])

    # What readers see of a speaker beside a published quote: an editor's change to it waits for a
    # chief editor (tracker/models/reviews.py).
    REVIEWED_FIELDS = ("name",)

    def is_shown_to_readers(self):
        return self.quotes.shown_to_readers().exists()

    def current_role(self):
        """The role held now (one with no end on record), the latest begun. Read from the
        roles loaded with the speaker (prefetch_related), when they were."""
        held = [role for role in self.roles.all() if role.ended_on is None]
        return max(
            held,
            key=lambda role: (role.started_on is not None, role.started_on, role.pk),
            default=None,
        )

    def role_on(self, day):
        """The role this speaker held on `day`, the latest begun if several overlap."""
        return (
            self.roles.filter(Q(started_on__isnull=True) | Q(started_on__lte=day))
            .filter(Q(ended_on__isnull=True) | Q(ended_on__gte=day))
            .order_by(F("started_on").desc(nulls_last=True))
            .first()
        )


class Alias(ArchiveRecord):
    """Another spelling of a speaker's name met in sources, so that it finds the speaker too."""

    class Kind(models.TextChoices):
        SPELLING = "spelling", _("Other spelling")
        TRANSLITERATION = "transliteration", _("Transliteration")
        MISSPELLING = "misspelling", _("Misspelling met in a source")

    speaker = models.ForeignKey(Speaker, on_delete=models.CASCADE, related_name="aliases")
    name = models.CharField(max_length=200, help_text="As a source spells it: “Zelenskyy”.")
    kind = models.CharField(max_length=16, choices=Kind, default=Kind.SPELLING)

    history = HistoricalRecords()

    class Meta:
        verbose_name_plural = "aliases"
        ordering = ["speaker_id", "name"]
        constraints = [
            models.CheckConstraint(condition=~Q(name=""), name="alias_name_not_blank"),
            models.UniqueConstraint(fields=["speaker", "name"], name="alias_unique_for_speaker"),
        ]

    def __str__(self):
        return self.name

    # The speaker's quotes are searched by its aliases (tracker/search.py).
    def save(self, *args, **kwargs):
        super().save(*args, **kwargs)
        search.refresh_search_text(self.speaker.quotes.all())

    def delete(self, *args, **kwargs):
        speaker = self.speaker
        result = super().delete(*args, **kwargs)
        search.refresh_search_text(speaker.quotes.all())
        return result


class Role(NotedRecord, RevisionedRecord, ArchiveRecord):
    speaker = models.ForeignKey(Speaker, on_delete=models.PROTECT, related_name="roles")
    title = models.CharField(
        max_length=200, help_text="As readers should see it: “Chancellor of Germany”."
    )
    nation = models.ForeignKey(
        Nation,
        on_delete=models.PROTECT,
        related_name="roles",
        null=True,
        blank=True,
        verbose_name="body spoken for",
        help_text="The nation or international organisation the role speaks for.",
    )
    started_on = models.DateField(null=True, blank=True, help_text="Empty when not known.")
    ended_on = models.DateField(null=True, blank=True, help_text="Empty while the role is held.")

    history = HistoricalRecords()

    class Meta:
        ordering = ["speaker_id", F("started_on").desc(nulls_last=True)]
        constraints = [
            models.CheckConstraint(
                condition=Q(ended_on__isnull=True)
                | Q(started_on__isnull=True)
                | Q(ended_on__gte=F("started_on")),
                name="role_ends_after_start",
            ),
            models.CheckConstraint(condition=~Q(title=""), name="role_title_not_blank"),
        ]

    def __str__(self):
        # With its dates: the quote form's autocomplete tells a speaker's roles apart by them.
        return f"{self.title} ({self.speaker}, {self.held_display()})"

    def held_display(self):
        """When the role was held, as editors choose it: "8 Dec 2021 to 6 May 2025"."""
        started, ended = (day and f"{day:%-d %b %Y}" for day in (self.started_on, self.ended_on))
        if started and ended:
            return f"{started} to {ended}"
        if started:
            return f"since {started}"
        return f"until {ended}" if ended else "dates not known"

    def covers(self, day):
        return (self.started_on is None or self.started_on <= day) and (
            self.ended_on is None or day <= self.ended_on
        )

    # What readers see of a role beside a published quote: an editor's change to it waits for a
    # chief editor (tracker/models/reviews.py).
    REVIEWED_FIELDS = ("title",)

    def is_shown_to_readers(self):
        return self.quotes.shown_to_readers().exists()

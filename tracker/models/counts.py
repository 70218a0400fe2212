"""How many published quotes there are by nation and stance (the stance grid), by nation and
speaker (who spoke for a nation) and by month (the months): counted as each quote is saved, so
that those pages read a few thousand rows, not the million quotes they add up.

Quote.save() moves them, in the transaction of the save, when a quote is published, retracted,
or corrected to another date, nation, speaker or stance. A quote written without its save()
(COPY, bulk_create(), raw SQL) is not counted: `manage.py count_quotes` counts every published
quote again, as generate_archive does after loading.
"""

import collections

from django.db import IntegrityError, models, transaction
from django.db.models import F
from django.db.models.functions import Greatest, TruncMonth

from tracker.models.people import Nation, Speaker
from tracker.models.topics import Stance


class PublishedCount(models.Model):
    """A count of published quotes, in the row named by the quote's fields in `COUNTED_BY`."""

    quotes = models.PositiveIntegerField(default=0)

    COUNTED_BY = ()

    class Meta:
        abstract = True

    @classmethod
    def key_of(cls, values):
        """The row a published quote with these counted values counts in, or None."""
        return tuple(values[field] for field in cls.COUNTED_BY)

    @classmethod
    def move(cls, key, step, *, using):
        """Add `step` quotes (fewer, when negative) to the row named by `key`."""
        named = dict(zip(cls.COUNTED_BY, key, strict=True))
        rows = cls.objects.using(using).filter(**named)
        # Never below none: a count that quotes loaded without their save() left behind is put
        # right by count_quotes, not by refusing an editor's retraction.
        if rows.update(quotes=Greatest(F("quotes") + step, 0)) or step < 0:
            return
        try:
            # The first quote in this row; another editor's save may be making it too.
            with transaction.atomic(using=using):
                cls.objects.using(using).create(quotes=step, **named)
        except IntegrityError:
            rows.update(quotes=F("quotes") + step)

    @classmethod
    def counted(cls, published):
        """The rows as counted afresh from `published` quotes, as dicts of fields."""
        return published.order_by().values(*cls.COUNTED_BY).annotate(quotes=models.Count("pk"))


class NationCount(PublishedCount):
    """A count of the published quotes that speak for a nation: none for those that do not."""

    nation = models.ForeignKey(Nation, on_delete=models.CASCADE, related_name="+")

    class Meta:
        abstract = True

    @classmethod
    def key_of(cls, values):
        return None if values["nation_id"] is None else super().key_of(values)

    @classmethod
    def counted(cls, published):
        return super().counted(published.filter(nation__isnull=False))


class NationStanceCount(NationCount):
    """Published quotes speaking for a nation with a stance: a cell of the stance grid."""

    stance = models.ForeignKey(Stance, on_delete=models.CASCADE, related_name="+")

    COUNTED_BY = ("nation_id", "stance_id")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["nation", "stance"], name="nation_stance_count_unique")
        ]

    def __str__(self):
        return f"{self.nation}, {self.stance}: {self.quotes}"


class NationSpeakerCount(NationCount):
    """Published quotes a speaker said for a nation."""

    speaker = models.ForeignKey(Speaker, on_delete=models.CASCADE, related_name="+")

    COUNTED_BY = ("nation_id", "speaker_id")

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["nation", "speaker"], name="nation_speaker_count_unique"
            )
        ]

    def __str__(self):
        return f"{self.speaker} for {self.nation}: {self.quotes}"


class MonthCount(PublishedCount):
    """Published quotes said in a month."""

    month = models.DateField(unique=True, help_text="The first day of the month.")

    COUNTED_BY = ("month",)

    def __str__(self):
        return f"{self.month:%B %Y}: {self.quotes}"

    @classmethod
    def key_of(cls, values):
        return (values["said_on"].replace(day=1),)

    @classmethod
    def counted(cls, published):
        return super().counted(published.annotate(month=TruncMonth("said_on")))


COUNTS = (NationStanceCount, NationSpeakerCount, MonthCount)


def count_saved_quote(before, after, *, using):
    """A quote was saved: `before` and `after` are its counted values (Quote.counted_values())
    while it was published and once it is, None when it was not or is not. Each count moves in
    the order of its rows, so that two saves at once lock them in the same order."""
    for model in COUNTS:
        steps = collections.Counter()
        for values, step in ((before, -1), (after, 1)):
            if values is not None and (key := model.key_of(values)) is not None:
                steps[key] += step
        for key in sorted(key for key, step in steps.items() if step):
            model.move(key, steps[key], using=using)


def count_again(published, *, using):
    """Count every quote of `published` (the published quotes) afresh."""
    with transaction.atomic(using=using):
        for model in COUNTS:
            model.objects.using(using).all().delete()
            model.objects.using(using).bulk_create(
                (model(**row) for row in model.counted(published.using(using))), batch_size=2000
            )

"""A quote's translations, chain links and edits to the words keep their own history, which
version pages read (Quote.as_version()). Those made by earlier migrations (0025's links, 0027's
translations) have none: each gets a first row as it is now, dated with its quote's first, so
that every version of the quote shows it, as every version showed it before."""

from django.db import migrations
from django.db.models import Min

REASON = "As it was when its own history began"
RECORDS = ("Translation", "AttributionLink", "WordEdit")


def begin_history(apps, schema_editor):
    HistoricalQuote = apps.get_model("tracker", "HistoricalQuote")
    for name in RECORDS:
        Record = apps.get_model("tracker", name)
        Historical = apps.get_model("tracker", f"Historical{name}")
        without = Record.objects.exclude(pk__in=Historical.objects.values("id")).order_by("pk")
        for record in without.select_related("quote").iterator(chunk_size=1000):
            first = HistoricalQuote.objects.filter(id=record.quote_id).aggregate(
                first=Min("history_date")
            )["first"]
            Historical.objects.create(
                **{f.attname: getattr(record, f.attname) for f in Record._meta.concrete_fields},
                history_date=first or record.quote.created_at,
                history_type="+",
                history_change_reason=REASON,
            )


def forget_begun_history(apps, schema_editor):
    for name in RECORDS:
        Historical = apps.get_model("tracker", f"Historical{name}")
        Historical.objects.filter(history_change_reason=REASON).delete()


class Migration(migrations.Migration):
    dependencies = [("tracker", "0028_speaker_merge")]

    operations = [migrations.RunPython(begin_history, forget_begun_history)]

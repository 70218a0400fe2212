"""A quote's search text now holds the name of the outlet it was read in: written again for
every quote, in batches. What the search text held then is written here, not read from
tracker/search.py: later migrations change the records it reads (aliases and translations
became records of their own in 0027)."""

from django.db import migrations

from tracker.search import fold


def search_text_then(quote):
    parts = [
        quote.speaker.name,
        quote.speaker.aliases,
        quote.role.title if quote.role_id else "",
        quote.nation.name if quote.nation_id else "",
        quote.source.outlet.name if quote.source_id else "",
        quote.text,
        quote.translation,
        quote.context,
    ]
    return fold("\n".join(part for part in parts if part))


def names_outlet(apps, schema_editor):
    quote_model = apps.get_model("tracker", "Quote")
    quotes = (
        quote_model.objects.using(schema_editor.connection.alias)
        .select_related("speaker", "role", "nation", "source__outlet")
        .order_by("pk")
    )
    batch = []
    for quote in quotes.iterator(chunk_size=1000):
        quote.search_text = search_text_then(quote)
        batch.append(quote)
        if len(batch) == 1000:
            quote_model.objects.using(schema_editor.connection.alias).bulk_update(
                batch, ["search_text"]
            )
            batch = []
    if batch:
        quote_model.objects.using(schema_editor.connection.alias).bulk_update(
            batch, ["search_text"]
        )


class Migration(migrations.Migration):
    dependencies = [("tracker", "0011_list_indexes_hold_the_id")]

    operations = [migrations.RunPython(names_outlet, migrations.RunPython.noop, elidable=True)]

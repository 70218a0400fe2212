"""A quote's search text now holds the name of the outlet it was read in: written again for
every quote, in batches."""

from django.db import migrations

from tracker.search import refresh_search_text


def names_outlet(apps, schema_editor):
    quote_model = apps.get_model("tracker", "Quote")
    refresh_search_text(quote_model.objects.using(schema_editor.connection.alias).all())


class Migration(migrations.Migration):
    dependencies = [("tracker", "0011_list_indexes_hold_the_id")]

    operations = [migrations.RunPython(names_outlet, migrations.RunPython.noop, elidable=True)]

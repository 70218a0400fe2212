from django.db import migrations

# PostgreSQL only, for the editors' list of sources at 150,000 of them:
# - source_by_date reads them in the list's order (Source.Meta.ordering, then -id as the
#   admin adds), and finds the first and last dates for its date links; SQLite cannot index
#   NULLS LAST.
# - trigram indexes for its search, which looks for each word anywhere in the title and the
#   address (Django's icontains: UPPER(...) LIKE '%word%'); pg_trgm is created by 0003.
POSTGRES_FORWARD = """
CREATE INDEX source_by_date ON tracker_source (published_on DESC NULLS LAST, title, id DESC);
CREATE INDEX source_title_trigram ON tracker_source USING gin (upper(title) gin_trgm_ops);
CREATE INDEX source_url_trigram ON tracker_source USING gin (upper(url) gin_trgm_ops);
"""

POSTGRES_BACKWARD = """
DROP INDEX IF EXISTS source_by_date;
DROP INDEX IF EXISTS source_title_trigram;
DROP INDEX IF EXISTS source_url_trigram;
"""


def on_postgres(sql):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(sql)

    return run


class Migration(migrations.Migration):
    dependencies = [
        ("tracker", "0009_quote_nation_speakers"),
    ]

    operations = [
        migrations.RunPython(on_postgres(POSTGRES_FORWARD), on_postgres(POSTGRES_BACKWARD)),
    ]

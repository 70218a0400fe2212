import django.contrib.postgres.search
from django.db import migrations, models

# PostgreSQL only: English stemming over unaccented words, a trigger that keeps each
# quote's search vector (its words weighted above who said it and the context), and a
# GIN index. SQLite searches the folded search_text instead.
POSTGRES_FORWARD = """
CREATE EXTENSION IF NOT EXISTS unaccent;
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE TEXT SEARCH CONFIGURATION tracker_search (COPY = pg_catalog.english);
ALTER TEXT SEARCH CONFIGURATION tracker_search
    ALTER MAPPING FOR hword, hword_part, word WITH unaccent, english_stem;

CREATE FUNCTION tracker_quote_search_vector() RETURNS trigger AS $$
BEGIN
    NEW.search_vector :=
        setweight(to_tsvector('tracker_search', coalesce(NEW.text, '') || ' ' || coalesce(NEW.translation, '')), 'A')
        || setweight(to_tsvector('tracker_search', coalesce(NEW.search_text, '')), 'C');
    RETURN NEW;
END
$$ LANGUAGE plpgsql;

CREATE TRIGGER tracker_quote_search_vector
    BEFORE INSERT OR UPDATE OF text, translation, search_text ON tracker_quote
    FOR EACH ROW EXECUTE FUNCTION tracker_quote_search_vector();

CREATE INDEX quote_search_vector ON tracker_quote USING gin (search_vector);
"""

POSTGRES_BACKWARD = """
DROP INDEX IF EXISTS quote_search_vector;
DROP TRIGGER IF EXISTS tracker_quote_search_vector ON tracker_quote;
DROP FUNCTION IF EXISTS tracker_quote_search_vector();
DROP TEXT SEARCH CONFIGURATION IF EXISTS tracker_search;
"""


def on_postgres(sql):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(sql)

    return run


class Migration(migrations.Migration):
    dependencies = [
        ("tracker", "0002_editorial_groups"),
    ]

    operations = [
        migrations.AddField(
            model_name="quote",
            name="search_text",
            field=models.TextField(
                blank=True,
                editable=False,
                help_text="Everything a reader may search for, folded to lower case without accents.",
            ),
        ),
        migrations.AddField(
            model_name="quote",
            name="search_vector",
            field=django.contrib.postgres.search.SearchVectorField(editable=False, null=True),
        ),
        migrations.RunPython(on_postgres(POSTGRES_FORWARD), on_postgres(POSTGRES_BACKWARD)),
    ]

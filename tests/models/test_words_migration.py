"""Today's records move into languages, translations and aliases as records without loss: a
database made at the migration before is migrated, and nothing it held is lost."""

import datetime

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

SUFFIX = "_languages_translations_names_notes"


def migrate(target):
    executor = MigrationExecutor(connection)
    executor.migrate(target)
    return MigrationExecutor(connection).loader.project_state(target).apps


@pytest.mark.django_db(transaction=True)
def test_translations_and_aliases_become_records_and_nothing_is_lost():
    graph = MigrationExecutor(connection).loader.graph
    (ours,) = [key for key in graph.nodes if key[0] == "tracker" and key[1].endswith(SUFFIX)]
    (before,) = [node.key for node in graph.node_map[ours].parents if node.key[0] == "tracker"]
    try:
        old = migrate([before])
        outlet = old.get_model("tracker", "Outlet").objects.create(name="SZ", slug="sz")
        source = old.get_model("tracker", "Source").objects.create(
            key="srcsrc12", outlet=outlet, title="Scholz on troops", notes="Read in print."
        )
        topic = old.get_model("tracker", "Topic").objects.create(
            name="Troops", slug="troops", question="Troops?"
        )
        stance = old.get_model("tracker", "Stance").objects.create(
            topic=topic, value="opposed", label="Opposed"
        )
        speaker = old.get_model("tracker", "Speaker").objects.create(
            name="Olaf Scholz", slug="olaf-scholz", aliases="Olaf Schulz\n\nOlaf Scholtz\n"
        )
        common = {"speaker": speaker, "source": source, "stance": stance}
        old.get_model("tracker", "Quote").objects.create(
            key="abcd2345",
            text="Leider sind wir noch weit davon entfernt",
            language="de",
            translation="Unfortunately we are still a long way off",
            said_on=datetime.date(2025, 2, 17),
            said_on_latest=datetime.date(2025, 2, 17),
            notes="Checked.",
            **common,
        )
        old.get_model("tracker", "Quote").objects.create(
            key="efgh6789",
            text="In English.",
            said_on=datetime.date(2025, 2, 17),
            said_on_latest=datetime.date(2025, 2, 17),
            **common,
        )

        new = migrate([ours])
        Quote = new.get_model("tracker", "Quote")
        translated = Quote.objects.get(key="abcd2345")
        (translation,) = new.get_model("tracker", "Translation").objects.filter(quote=translated)
        assert (translation.language, translation.text, translation.translated_by) == (
            "en",
            "Unfortunately we are still a long way off",
            "archive",
        )
        assert (translated.language, translated.spoken_language) == ("de", "de")
        assert translated.notes == "Checked."
        # An English quote with no translation: what was spoken is not known.
        assert Quote.objects.get(key="efgh6789").spoken_language == ""
        aliases = new.get_model("tracker", "Alias").objects.filter(speaker_id=speaker.pk)
        assert sorted(aliases.values_list("name", flat=True)) == ["Olaf Scholtz", "Olaf Schulz"]
        scholz = new.get_model("tracker", "Speaker").objects.get(pk=speaker.pk)
        assert (scholz.given_name, scholz.family_name) == ("", "")  # no guess from the name
        moved = new.get_model("tracker", "Source").objects.get(key="srcsrc12")
        assert (moved.notes, moved.public_note) == ("Read in print.", "")
    finally:
        migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())

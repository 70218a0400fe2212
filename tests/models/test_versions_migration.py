"""Translations and chain links made by earlier migrations, which have no history of their own,
are shown on every version of their quote once migrated (0029_record_versions)."""

import datetime

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

from tracker.models import Quote

SUFFIX = "_record_versions"


def migrate(target):
    executor = MigrationExecutor(connection)
    executor.migrate(target)
    return MigrationExecutor(connection).loader.project_state(target).apps


@pytest.mark.django_db(transaction=True)
def test_records_without_history_are_shown_on_every_version_of_their_quote():
    graph = MigrationExecutor(connection).loader.graph
    (ours,) = [key for key in graph.nodes if key[0] == "tracker" and key[1].endswith(SUFFIX)]
    (before,) = [node.key for node in graph.node_map[ours].parents if node.key[0] == "tracker"]
    published = timezone.now() - datetime.timedelta(days=30)
    try:
        old = migrate([before])
        outlet = old.get_model("tracker", "Outlet").objects.create(name="Reuters", slug="reuters")
        source = old.get_model("tracker", "Source").objects.create(
            key="srcsrc12", outlet=outlet, title="Scholz on troops"
        )
        topic = old.get_model("tracker", "Topic").objects.create(
            name="Troops", slug="troops", question="Troops?"
        )
        stance = old.get_model("tracker", "Stance").objects.create(
            topic=topic, value="opposed", label="Opposed"
        )
        speaker = old.get_model("tracker", "Speaker").objects.create(
            name="Olaf Scholz", slug="olaf-scholz"
        )
        fields = {
            "key": "abcd2345",
            "text": "Leider sind wir noch weit davon entfernt",
            "language": "de",
            "said_on": datetime.date(2025, 2, 17),
            "said_on_latest": datetime.date(2025, 2, 17),
            "status": "published",
            "published_at": published,
            "speaker": speaker,
            "source": source,
            "stance": stance,
        }
        quote = old.get_model("tracker", "Quote").objects.create(**fields)
        # Its history as the app wrote it: published, then corrected.
        HistoricalQuote = old.get_model("tracker", "HistoricalQuote")
        history = {"id": quote.pk, "created_at": quote.created_at, "updated_at": published}
        history.update({k: v for k, v in fields.items() if k not in ("speaker", "source")})
        history.update(speaker_id=speaker.pk, source_id=source.pk, stance_id=stance.pk)
        del history["stance"]
        for days, reason in [(0, "Published"), (10, "Corrected: A typing error.")]:
            HistoricalQuote.objects.create(
                **history,
                history_date=published + datetime.timedelta(days=days),
                history_type="+" if not days else "~",
                history_change_reason=reason,
            )
        # As 0025 and 0027 made them: no history rows.
        old.get_model("tracker", "Translation").objects.create(
            quote=quote,
            language="en",
            text="Unfortunately we are still far off",
            translated_by="archive",
        )
        old.get_model("tracker", "AttributionLink").objects.create(
            quote=quote, position=1, relation="reported_by", outlet=outlet
        )

        new = migrate([ours])
        (row,) = new.get_model("tracker", "HistoricalTranslation").objects.all()
        assert (row.history_date, row.history_type) == (published, "+")
        assert new.get_model("tracker", "HistoricalAttributionLink").objects.count() == 1
    finally:
        migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())

    quote = Quote.objects.get(key="abcd2345")
    first, _current = quote.public_versions()
    version = quote.as_version(first, is_current=False)
    assert [t.text for t in version.translations.all()] == ["Unfortunately we are still far off"]
    assert str(version.chain()[0]) == "reported by Reuters"

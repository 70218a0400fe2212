"""Today's records move into bodies spoken for and honest dates without loss: a day stays a day,
a month runs to its last day, and a person's nation is their nationality too."""

import datetime

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [("tracker", "0019_pending_changes")]
AFTER = [("tracker", "0026_bodies_and_honest_dates")]


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


@pytest.fixture
def at_head_afterwards():
    yield
    migrate(MigrationExecutor(connection).loader.graph.leaf_nodes("tracker"))


@pytest.mark.django_db(transaction=True)
def test_todays_quotes_and_speakers_migrate_without_loss(at_head_afterwards):
    apps = migrate(BEFORE)
    nation = apps.get_model("tracker", "Nation").objects.create(code="de", name="Germany")
    speaker = apps.get_model("tracker", "Speaker").objects.create(
        name="Olaf Scholz", slug="olaf-scholz", kind="person", nation=nation
    )
    government = apps.get_model("tracker", "Speaker").objects.create(
        name="Government of Germany",
        slug="government-of-germany",
        kind="institution",
        nation=nation,
    )
    outlet = apps.get_model("tracker", "Outlet").objects.create(name="Reuters", slug="reuters")
    source = apps.get_model("tracker", "Source").objects.create(
        key="src00001", outlet=outlet, title="Talks", published_on=datetime.date(2025, 2, 17)
    )
    topic = apps.get_model("tracker", "Topic").objects.create(name="Troops", slug="troops")
    stance = apps.get_model("tracker", "Stance").objects.create(
        topic=topic, value="open", label="Open"
    )
    quotes = apps.get_model("tracker", "Quote").objects
    common = {"speaker": speaker, "nation": nation, "source": source, "stance": stance}
    for key, day, precision in [
        ("daydated", datetime.date(2025, 2, 17), "day"),
        ("monthonl", datetime.date(2024, 2, 1), "month"),
        ("aboutday", datetime.date(2025, 2, 16), "approximate"),
    ]:
        quotes.create(key=key, text=key, said_on=day, said_on_precision=precision, **common)

    apps = migrate(AFTER)
    quotes = apps.get_model("tracker", "Quote").objects
    dates = {
        quote.key: (quote.said_on, quote.said_on_latest, quote.said_on_precision)
        for quote in quotes.all()
    }
    assert dates == {
        "daydated": (datetime.date(2025, 2, 17), datetime.date(2025, 2, 17), "day"),
        "monthonl": (datetime.date(2024, 2, 1), datetime.date(2024, 2, 29), "month"),
        "aboutday": (datetime.date(2025, 2, 16), datetime.date(2025, 2, 16), "approximate"),
    }
    speakers = apps.get_model("tracker", "Speaker").objects
    scholz = speakers.get(pk=speaker.pk)
    assert (scholz.nation_id, scholz.nationality_id) == (nation.pk, nation.pk)
    assert speakers.get(pk=government.pk).nationality_id is None
    assert apps.get_model("tracker", "Nation").objects.get().kind == "nation"
    assert apps.get_model("tracker", "Source").objects.get().published_on_precision == "day"

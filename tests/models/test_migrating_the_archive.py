"""Today's archive survives every migration since: a database made at 0019_pending_changes,
holding a record of every kind, is migrated to the latest migration, and every record is still
there with the same words, keys, dates and status.

Each fact below is read through the historical models (`apps.get_model`) of the state it is
read in: once at 0019, once at the latest migration, and the two readings must be equal. A
migration that moves what a fact reads (the translation into its own records, the source into
an attribution chain, the date into a range) keeps the fact and teaches its reader the new
shape, with `has_field()`: the reading at the latest migration must still give today's value.
"""

import datetime

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

TODAY = [("tracker", "0019_pending_changes")]


def has_field(model, name):
    return any(field.name == name for field in model._meta.get_fields())


def migrate(targets):
    """Migrate to `targets` and return the historical models of that state."""
    executor = MigrationExecutor(connection)
    executor.migrate(targets)
    executor.loader.build_graph()  # what was applied, as migrate() left it
    return executor.loader.project_state(targets).apps


def latest():
    return MigrationExecutor(connection).loader.graph.leaf_nodes()


@pytest.fixture
def archive_at_today():
    """The historical models at 0019; back at the latest migration afterwards, whatever the
    test did."""
    yield migrate(TODAY)
    migrate(latest())


def fill(apps):
    """One record of every kind, as the archive held them at 0019."""

    def get(name):
        return apps.get_model("tracker", name)

    chief = get("User").objects.create(username="chief", is_staff=True)
    germany = get("Nation").objects.create(
        code="de", name="Germany", is_eu_member=True, is_nato_member=True
    )
    poland = get("Nation").objects.create(code="pl", name="Poland", is_eu_member=True)
    tusk = get("Speaker").objects.create(
        name="Donald Tusk", slug="donald-tusk", nation=poland, aliases="Tusk, D."
    )
    scholz = get("Speaker").objects.create(name="Olaf Scholz", slug="olaf-scholz", nation=germany)
    premier = get("Role").objects.create(
        speaker=tusk,
        title="Prime Minister of Poland",
        nation=poland,
        started_on=datetime.date(2023, 12, 13),
    )
    chancellor = get("Role").objects.create(
        speaker=scholz,
        title="Chancellor of Germany",
        nation=germany,
        started_on=datetime.date(2021, 12, 8),
        ended_on=datetime.date(2025, 5, 6),
    )
    pravda = get("Outlet").objects.create(
        name="Ukrainska Pravda", slug="ukrainska-pravda", home_url="https://pravda.com.ua/"
    )
    post = get("Outlet").objects.create(name="The Washington Post", slug="washington-post")
    report = get("Source").objects.create(
        key="src00001",
        outlet=post,
        title="Europe weighs a force for Ukraine",
        url="https://example.org/force",
        published_on=datetime.date(2025, 2, 17),
    )
    first = get("Source").objects.create(
        key="src00002",
        outlet=pravda,
        title="Tusk in Warsaw",
        language="pl",
        published_on=datetime.date(2025, 2, 1),
    )
    paris = get("Event").objects.create(
        name="Paris meeting", slug="paris-meeting", happened_on=datetime.date(2025, 2, 17)
    )
    topic = get("Topic").objects.create(
        name="Troops for Ukraine", slug="troops", question="Will Europe send troops?"
    )
    opposed = get("Stance").objects.create(
        topic=topic, value="opposed", label="Opposed", position=4
    )
    willing = get("Stance").objects.create(
        topic=topic, value="willing", label="Willing", position=1
    )
    now = timezone.now()
    quote = get("Quote").objects
    quote.create(
        key="q0000001",
        text="Nie planujemy wysyłać polskich żołnierzy na terytorium Ukrainy.",
        language="pl",
        translation="We do not plan to send Polish soldiers to Ukraine.",
        kind="direct",
        speaker=tusk,
        role=premier,
        nation=poland,
        said_on=datetime.date(2025, 2, 17),
        said_on_precision="day",
        source=report,
        first_reported_in=first,
        context="Before the Paris meeting.",
        stance=opposed,
        event=paris,
        status="published",
        published_at=now,
    )
    corrected = quote.create(
        key="q0000002",
        text="Germany is ready to take responsibility.",
        kind="partial",
        speaker=scholz,
        role=chancellor,
        nation=germany,
        said_on=datetime.date(2025, 2, 1),
        said_on_precision="month",
        source=report,
        stance=willing,
        status="published",
        published_at=now,
    )
    get("Correction").objects.create(
        quote=corrected,
        version=2,
        note="The words were of the chancellor, not the minister.",
        changed="speaker",
        corrected_by=chief,
    )
    quote.create(
        key="q0000003",
        text="Words we attributed wrongly.",
        speaker=scholz,
        said_on=datetime.date(2025, 2, 16),
        said_on_precision="approximate",
        source=report,
        stance=opposed,
        status="retracted",
        published_at=now,
        retracted_at=now,
        retraction_reason="Misattributed.",
    )
    quote.create(
        key="q0000004",
        text="A draft still being checked.",
        speaker=tusk,
        said_on=datetime.date(2025, 3, 2),
        source=first,
        stance=willing,
    )


# What must survive, each read from the historical models of the state it is read in.


def records(apps):
    """How many of each kind: nothing lost, nothing made twice."""
    names = ["Nation", "Speaker", "Role", "Outlet", "Source", "Event", "Topic", "Stance"]
    names += ["Quote", "Correction"]
    return {name: apps.get_model("tracker", name).objects.count() for name in names}


def quotes(apps):
    """Each quote's key, words, status, speaker and stance."""
    return sorted(
        apps.get_model("tracker", "Quote").objects.values_list(
            "key", "text", "status", "speaker__slug", "stance__topic__slug", "stance__value"
        )
    )


def quote_dates(apps):
    """When each quote was said, and how precisely that is known."""
    quote = apps.get_model("tracker", "Quote")
    return sorted(quote.objects.values_list("key", "said_on", "said_on_precision"))


def translations(apps):
    """Each quote's English translation, by its key."""
    quote = apps.get_model("tracker", "Quote")
    if has_field(quote, "translation"):
        return sorted(quote.objects.exclude(translation="").values_list("key", "translation"))
    # Since 0027 translations are records of their own.
    translation = apps.get_model("tracker", "Translation")
    return sorted(translation.objects.filter(language="en").values_list("quote__key", "text"))


def where_read(apps):
    """Where each quote was read, and where it was first reported."""
    quote = apps.get_model("tracker", "Quote")
    if has_field(quote, "first_reported_in"):
        return sorted(
            quote.objects.values_list(
                "key", "source__key", "source__outlet__slug", "first_reported_in__key"
            )
        )
    # Since 0025 the first report is the "reported by" link of the quote's attribution chain.
    link = apps.get_model("tracker", "AttributionLink")
    first_reports = dict(
        link.objects.filter(relation="reported_by", source__isnull=False).values_list(
            "quote__key", "source__key"
        )
    )
    return sorted(
        (key, source, outlet, first_reports.get(key))
        for key, source, outlet in quote.objects.values_list(
            "key", "source__key", "source__outlet__slug"
        )
    )


def who_for_what(apps):
    """Each quote's role and the nation it speaks for."""
    quote = apps.get_model("tracker", "Quote")
    return sorted(quote.objects.values_list("key", "role__title", "nation__code", "event__slug"))


def editorial_record(apps):
    """Publication, retraction and correction: what readers are told of each quote's life."""
    quote = apps.get_model("tracker", "Quote")
    correction = apps.get_model("tracker", "Correction")
    return {
        "quotes": sorted(
            quote.objects.values_list(
                "key", "published_at", "retracted_at", "retraction_reason", "is_withdrawn"
            )
        ),
        "corrections": sorted(
            correction.objects.values_list("quote__key", "version", "note", "changed")
        ),
    }


def people_and_bodies(apps):
    """Speakers, their nations and aliases; nations; roles with their dates."""
    speaker = apps.get_model("tracker", "Speaker")
    nation = apps.get_model("tracker", "Nation")
    role = apps.get_model("tracker", "Role")
    speakers = speaker.objects.values_list("slug", "name", "nation__code")
    if any(field.name == "aliases" and field.concrete for field in speaker._meta.get_fields()):
        aliases = {
            slug: [line.strip() for line in text.splitlines() if line.strip()]
            for slug, text in speaker.objects.values_list("slug", "aliases")
        }
    else:  # since 0027, records of their own
        aliases = {slug: [] for slug in speakers.values_list("slug", flat=True)}
        alias = apps.get_model("tracker", "Alias")
        for slug, name in alias.objects.order_by("name").values_list("speaker__slug", "name"):
            aliases[slug].append(name)
    return {
        "speakers": sorted((*row, sorted(aliases[row[0]])) for row in speakers),
        "nations": sorted(
            nation.objects.values_list("code", "name", "is_eu_member", "is_nato_member")
        ),
        "roles": sorted(
            role.objects.values_list("speaker__slug", "title", "started_on", "ended_on")
        ),
    }


def sources_and_outlets(apps):
    source = apps.get_model("tracker", "Source")
    outlet = apps.get_model("tracker", "Outlet")
    event = apps.get_model("tracker", "Event")
    return {
        "sources": sorted(
            source.objects.values_list(
                "key", "outlet__slug", "title", "url", "language", "published_on"
            )
        ),
        "outlets": sorted(outlet.objects.values_list("slug", "name", "home_url")),
        "events": sorted(event.objects.values_list("slug", "name", "happened_on")),
    }


def topics_and_stances(apps):
    stance = apps.get_model("tracker", "Stance")
    return sorted(
        stance.objects.values_list("topic__slug", "topic__question", "value", "label", "position")
    )


FACTS = [
    records,
    quotes,
    quote_dates,
    translations,
    where_read,
    who_for_what,
    editorial_record,
    people_and_bodies,
    sources_and_outlets,
    topics_and_stances,
]


def test_todays_archive_survives_every_migration_since(archive_at_today):
    fill(archive_at_today)
    today = {fact.__name__: fact(archive_at_today) for fact in FACTS}
    assert today["records"]["Quote"] == 4  # the facts read what was filled in

    at_head = migrate(latest())

    assert {fact.__name__: fact(at_head) for fact in FACTS} == today
    # Nations and topics of today were confirmed by chief editors: they stay public.
    for name in ["Nation", "Topic"]:
        model = at_head.get_model("tracker", name)
        assert not model.objects.filter(is_confirmed=False).exists(), name

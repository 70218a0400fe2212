"""Fill the database with an invented archive, for benchmarks and demos.

    DJANGO_SETTINGS_MODULE=bench.settings python manage.py generate_archive --quotes 1000000 --seed 1

The records come from bench.generation; this command only writes them, as fast as each
database allows: COPY on PostgreSQL (with the quote and source tables' secondary indexes
and foreign keys set aside while loading, as PostgreSQL's "Populating a Database" advises),
bulk_create on SQLite. No history rows are written for generated records; the counts of
published quotes (tracker/models/counts.py) are made afresh after loading.
"""

import sys
import time
from contextlib import contextmanager

from django.apps import apps
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.core.management.color import no_style
from django.db import DEFAULT_DB_ALIAS, connection, transaction
from django.db.models import Max
from tqdm import tqdm

from bench.generation import (
    FULL_SIZE,
    LINK_COLUMNS,
    QUOTE_COLUMNS,
    SOURCE_COLUMNS,
    TRANSLATION_COLUMNS,
    ArchiveGenerator,
    scaled_counts,
)
from tracker.caching import archive_replaced
from tracker.models import (
    Alias,
    AttributionLink,
    Nation,
    Outlet,
    Quote,
    Role,
    Source,
    Speaker,
    Stance,
    Topic,
    Translation,
    User,
)
from tracker.models.counts import COUNTS, count_again

GENERATED_MODELS = [
    Nation,
    Speaker,
    Alias,
    Role,
    Outlet,
    Source,
    Topic,
    Stance,
    Quote,
    Translation,
    AttributionLink,
]
# Every read here goes to the database being written, never to a read replica, which would
# not see the rows this command's transaction has saved.
PRIMARY = DEFAULT_DB_ALIAS


class Command(BaseCommand):
    help = (
        "Fill the database with an invented archive for benchmarks and demos: nations, "
        "speakers with their roles, outlets, sources, topics and quotes, skewed as real "
        "archives are. The same --seed gives the same archive."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--quotes", type=int, default=2000, help="How many quotes (default 2000)."
        )
        parser.add_argument("--seed", type=int, default=1, help="The same seed, the same archive.")
        for name in ("nations", "speakers", "outlets", "sources"):
            parser.add_argument(
                f"--{name}",
                type=int,
                help=f"How many {name}; by default in proportion to --quotes "
                f"({FULL_SIZE[name]:,} for a million quotes).",
            )
        existing = parser.add_mutually_exclusive_group()
        existing.add_argument(
            "--append",
            action="store_true",
            help="Add to an archive that already holds quotes; existing nations and topics "
            "are reused.",
        )
        existing.add_argument(
            "--wipe",
            action="store_true",
            help="Delete the whole archive first (every record and its history; users are "
            "kept), then generate.",
        )

    def handle(self, *args, quotes, seed, append, wipe, verbosity, **options):
        if append and wipe:
            raise CommandError("Pass --append or --wipe, not both.")
        if not settings.DEBUG:
            raise CommandError(
                "generate_archive fills the database with invented quotes: it runs only with "
                "DEBUG=true, on a development or benchmark database."
            )
        try:
            counts = scaled_counts(
                quotes,
                **{name: options[name] for name in ("nations", "speakers", "outlets", "sources")},
            )
        except ValueError as error:
            raise CommandError(error) from error
        held = Quote.objects.using(PRIMARY).count()
        if held and not (append or wipe):
            raise CommandError(
                f"The archive already holds {held:,} quotes. Pass --append to add to them, or "
                "--wipe to delete the whole archive first."
            )
        self.verbosity = verbosity
        self.timings = {}
        started = time.monotonic()
        with transaction.atomic():
            if wipe:
                self.wipe()
            generator = ArchiveGenerator(
                seed=seed, counts=counts, first_ids=self.first_ids(), taken=self.taken()
            )
            with self.timed("nations, topics, speakers, outlets"):
                self.save_nations(generator.nations())
                stance_ids = self.save_topics(generator.topics())
                speakers = generator.speakers()
                Speaker.objects.bulk_create([each.speaker for each in speakers], batch_size=1000)
                aliases = [alias for each in speakers for alias in each.aliases]
                Alias.objects.bulk_create(aliases, batch_size=1000)
                roles = [role for each in speakers for role in each.roles]
                Role.objects.bulk_create(roles, batch_size=1000)
                Outlet.objects.bulk_create(generator.outlets(), batch_size=1000)
            with self.bulk_load_mode([Source, Quote]):
                with self.timed("sources"):
                    self.load(Source, SOURCE_COLUMNS, generator.sources(), counts.sources)
                with self.timed("quotes"):
                    self.load(Quote, QUOTE_COLUMNS, generator.quotes(stance_ids), counts.quotes)
            with self.timed("translations, attribution links"):
                rows = generator.translation_rows
                self.load(Translation, TRANSLATION_COLUMNS, rows, len(rows))
                self.load(
                    AttributionLink, LINK_COLUMNS, generator.link_rows, len(generator.link_rows)
                )
            with connection.cursor() as cursor:
                for sql in connection.ops.sequence_reset_sql(no_style(), GENERATED_MODELS):
                    cursor.execute(sql)
            with self.timed("counts"):
                # Rows written by COPY or bulk_create() were not counted by their save().
                count_again(Quote.objects.using(PRIMARY).published(), using=PRIMARY)
        if connection.vendor == "postgresql":
            with self.timed("analyze"), connection.cursor() as cursor:
                # VACUUM also sets the hint bits and visibility map, so that the first
                # benchmark run does not pay for them; it cannot run inside a transaction.
                command = "ANALYZE" if connection.in_atomic_block else "VACUUM (ANALYZE)"
                tables = ", ".join(
                    connection.ops.quote_name(model._meta.db_table)
                    for model in (*GENERATED_MODELS, *COUNTS)
                )
                cursor.execute(f"{command} {tables}")
        archive_replaced()  # rows written by COPY did not go through save()
        self.summarize(generator, seed, time.monotonic() - started)

    # Before generating --------------------------------------------------------------------

    def wipe(self):
        models = [
            model
            for model in apps.get_app_config("tracker").get_models()
            if model is not User and getattr(model, "instance_type", None) is not User
        ]
        counts = ", ".join(
            f"{model.objects.using(PRIMARY).count():,} {model._meta.verbose_name_plural}"
            for model in GENERATED_MODELS
        )
        self.stdout.write(
            self.style.WARNING(
                f"Wiping the archive: {counts}, and every other record and its history, "
                "published ones included. Users are kept."
            )
        )
        tables = [connection.ops.quote_name(model._meta.db_table) for model in models]
        with connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                # A table with foreign key checks pending cannot be truncated: check them now.
                cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
                cursor.execute(f"TRUNCATE {', '.join(tables)} RESTART IDENTITY CASCADE")
                cursor.execute("SET CONSTRAINTS ALL DEFERRED")
            else:
                # Published quotes are never deleted through the ORM; this is the one place
                # they are, on purpose, with the tables' foreign keys checked at commit.
                for table in tables:
                    cursor.execute(f"DELETE FROM {table}")
                names = [model._meta.db_table for model in models]
                placeholders = ", ".join(["%s"] * len(names))
                cursor.execute(f"DELETE FROM sqlite_sequence WHERE name IN ({placeholders})", names)

    def first_ids(self):
        """The next id of each generated table: after any record it holds or once held."""
        first_ids = {}
        for model in (Speaker, Role, Outlet, Source, Quote, Translation, AttributionLink):
            table = model._meta.db_table
            used = [
                model.objects.using(PRIMARY).aggregate(last=Max("pk"))["last"] or 0,
                model.history.using(PRIMARY).aggregate(last=Max("id"))["last"] or 0,
            ]
            with connection.cursor() as cursor:
                if connection.vendor == "postgresql":
                    cursor.execute(
                        "SELECT pg_sequence_last_value(pg_get_serial_sequence(%s, 'id')::regclass)",
                        [table],
                    )
                else:
                    cursor.execute("SELECT seq FROM sqlite_sequence WHERE name = %s", [table])
                row = cursor.fetchone()
            used.append((row and row[0]) or 0)
            first_ids[model._meta.model_name] = max(used) + 1
        return first_ids

    def taken(self):
        return {
            "quote_keys": {*Quote.objects.using(PRIMARY).values_list("key", flat=True)}
            | {*Quote.history.using(PRIMARY).values_list("key", flat=True)},
            "source_keys": {*Source.objects.using(PRIMARY).values_list("key", flat=True)}
            | {*Source.history.using(PRIMARY).values_list("key", flat=True)},
            "speaker_slugs": {*Speaker.objects.using(PRIMARY).values_list("slug", flat=True)},
            "speaker_names": {*Speaker.objects.using(PRIMARY).values_list("name", flat=True)},
            "outlet_slugs": {*Outlet.objects.using(PRIMARY).values_list("slug", flat=True)},
            "outlet_names": {*Outlet.objects.using(PRIMARY).values_list("name", flat=True)},
        }

    def save_nations(self, nations):
        existing = {nation.code: nation for nation in Nation.objects.using(PRIMARY)}
        missing = []
        for nation in nations:
            if nation.code in existing:
                found = existing[nation.code]
                nation.pk, nation.name = found.pk, found.name
            else:
                missing.append(nation)
        Nation.objects.bulk_create(missing)

    def save_topics(self, topics):
        """Save the topics and stances not already there; their ids, topic by topic."""
        existing = {topic.slug: topic for topic in Topic.objects.using(PRIMARY)}
        for topic, _stances in topics:
            if topic.slug in existing:
                topic.pk = existing[topic.slug].pk
            else:
                topic.save()
        saved = {
            (stance.topic_id, stance.value): stance.pk for stance in Stance.objects.using(PRIMARY)
        }
        stance_ids = []
        for topic, stances in topics:
            for stance in stances:
                stance.topic = topic
                stance.pk = saved.get((topic.pk, stance.value))
                if stance.pk is None:
                    stance.save()
            stance_ids.append([stance.pk for stance in stances])
        return stance_ids

    # Loading -----------------------------------------------------------------------------

    def load(self, model, columns, rows, total):
        rows = tqdm(
            rows,
            total=total,
            desc=f"{model._meta.verbose_name_plural:>7}",
            unit=" rows",
            unit_scale=True,
            mininterval=0.5,
            file=sys.stderr,
            disable=self.verbosity == 0,
        )
        if connection.vendor == "postgresql":
            # Columns the generator does not fill get their field's default, as the ORM
            # would give them; nullable ones without a default are left to be null.
            others = [
                field
                for field in model._meta.concrete_fields
                if field.column not in columns and (field.has_default() or not field.null)
            ]
            defaults = tuple(field.get_default() for field in others)
            names = ", ".join(connection.ops.quote_name(name) for name in columns)
            names += "".join(f", {connection.ops.quote_name(field.column)}" for field in others)
            sql = f"COPY {connection.ops.quote_name(model._meta.db_table)} ({names}) FROM STDIN"
            with connection.cursor() as cursor, cursor.cursor.copy(sql) as copy:
                for row in rows:
                    copy.write_row(row + defaults)
        else:
            batch = []
            for row in rows:
                batch.append(model(**dict(zip(columns, row, strict=True))))
                if len(batch) == 2000:
                    model.objects.bulk_create(batch)
                    batch = []
            model.objects.bulk_create(batch)

    @contextmanager
    def bulk_load_mode(self, models):
        """On PostgreSQL, load without secondary indexes and foreign keys, then rebuild them.

        Building an index once is far faster than updating it row by row, and a foreign key
        added afterwards is checked with one join instead of a lookup per row. All of it runs
        in the command's transaction, so a failure leaves the tables as they were.
        """
        if connection.vendor != "postgresql":
            yield
            return
        tables = [model._meta.db_table for model in models]
        with connection.cursor() as cursor:
            # Django's foreign keys are checked at commit; the rows saved so far are checked
            # now, as a table with checks pending cannot be altered.
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
            cursor.execute("SET LOCAL maintenance_work_mem = '1GB'")
            cursor.execute(
                """
                SELECT i.indexrelid::regclass::text, pg_get_indexdef(i.indexrelid)
                FROM pg_index i
                WHERE i.indrelid::regclass::text = ANY(%s)
                  AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid)
                """,
                [tables],
            )
            indexes = cursor.fetchall()
            cursor.execute(
                """
                SELECT conrelid::regclass::text, conname, pg_get_constraintdef(oid)
                FROM pg_constraint
                WHERE contype = 'f' AND conrelid::regclass::text = ANY(%s)
                """,
                [tables],
            )
            foreign_keys = cursor.fetchall()
            for table, name, _definition in foreign_keys:
                cursor.execute(f'ALTER TABLE {table} DROP CONSTRAINT "{name}"')
            for name, _definition in indexes:
                cursor.execute(f"DROP INDEX {name}")
        yield
        with self.timed("indexes and foreign keys"), connection.cursor() as cursor:
            for _name, definition in indexes:
                cursor.execute(definition)
            for table, name, definition in foreign_keys:
                cursor.execute(f'ALTER TABLE {table} ADD CONSTRAINT "{name}" {definition}')
            cursor.execute("SET CONSTRAINTS ALL DEFERRED")

    # Reporting ---------------------------------------------------------------------------

    @contextmanager
    def timed(self, step):
        started = time.monotonic()
        yield
        self.timings[step] = time.monotonic() - started

    def summarize(self, generator, seed, elapsed):
        generated = {
            Nation: len(generator.nation_list),
            Speaker: len(generator.speaker_list),
            Role: sum(len(each.roles) for each in generator.speaker_list),
            Outlet: len(generator.outlet_list),
            Source: len(generator.source_ids),
            Topic: len(generator.topic_list),
            Stance: sum(len(stances) for _topic, stances in generator.topic_list),
            Quote: generator.counts.quotes,
            Alias: sum(len(each.aliases) for each in generator.speaker_list),
            Translation: len(generator.translation_rows),
            AttributionLink: len(generator.link_rows),
        }
        write = self.stdout.write
        write(f"Generated an archive with seed {seed} in {_duration(elapsed)}.")
        write(f"  {'table':<18}{'generated':>12}{'in database':>14}")
        for model, count in generated.items():
            name = model._meta.verbose_name_plural
            write(f"  {name:<18}{count:>12,}{model.objects.using(PRIMARY).count():>14,}")
        for status, count in generator.quotes_by_status.items():
            write(f"    {status:<12}{count:>10,}")
        if generator.quotes_by_speaker:
            speaker_id, count = max(generator.quotes_by_speaker.items(), key=lambda item: item[1])
            speaker = Speaker.objects.using(PRIMARY).get(pk=speaker_id)
            write(f"  Most quoted speaker: {speaker.name} ({speaker.slug}), {count:,} quotes.")
        if generator.quotes_by_nation:
            nation_id, count = max(generator.quotes_by_nation.items(), key=lambda item: item[1])
            nation = Nation.objects.using(PRIMARY).get(pk=nation_id)
            write(f"  Biggest nation: {nation.name} ({nation.code}), {count:,} quotes.")
        write("  Time: " + ", ".join(f"{step} {_duration(t)}" for step, t in self.timings.items()))


def _duration(seconds):
    minutes, seconds = divmod(round(seconds), 60)
    return f"{minutes} min {seconds} s" if minutes else f"{seconds} s"

"""Nothing published is ever lost: a backup restores the whole archive, and migrations keep it.

These tests make scratch databases of their own on the server the suite runs on (PostgreSQL
or SQLite) and drive them as `make backup`, `make restore` and a deployment's `migrate` do:
with manage.py, in another process. The suite's own test database cannot serve: its rows live
in a transaction that pg_dump never sees, and a transactional test would flush the editorial
groups that later tests need.
"""

import datetime
import os
import secrets
import shutil
import socket
import sqlite3
import subprocess
import sys
import time
import urllib.request
from collections import Counter
from contextlib import closing
from decimal import Decimal
from urllib.parse import quote as urlquote

import psycopg
import pytest
from django.conf import settings
from django.core.management import call_command
from django.db import connection

from tests.helpers import make_chief_editor, make_editor
from tracker.management.commands import backup_archive
from tracker.models import Quote, Stance
from tracker.seed import records
from tracker.services import load_seed

ON_POSTGRES = connection.vendor == "postgresql"
SUFFIX = ".dump" if ON_POSTGRES else ".sqlite3"
# The archive's tables all start so; Django's own (users' groups, sessions) are compared too.
ARCHIVE_TABLES = "tracker_"


# What runs in the other process ----------------------------------------------------------


def make_archive():
    """The seed article as editors leave it after a while: corrected, retracted, drafted."""
    load_seed()
    chief, editor = make_chief_editor(username="chief"), make_editor(username="editor")
    corrected, retracted = Quote.objects.published().order_by("said_on", "key")[:2]
    corrected.stance = Stance.objects.exclude(pk=corrected.stance_id).first()
    corrected.correct(note="The stance was misread.", by=chief)
    retracted.retract(reason="Misattributed.", replaced_by=corrected, by=chief)
    draft = Quote(
        text="Ні кроку назад — «not one step back» 🇺🇦",  # noqa: RUF001 (Ukrainian)
        language="uk",
        speaker=corrected.speaker,
        said_on=datetime.date(2025, 3, 1),
        source=corrected.source,
        stance=corrected.stance,
    )
    draft._history_user = editor
    draft.save()
    draft.figures.create(amount=Decimal("10000.50"), unit="troops")
    draft.translations.create(language="en", text="Not one step back.", translated_by="archive")
    draft.submit_for_review(by=editor)
    source = corrected.source
    source.notes = "Checked against the print edition."
    source._history_user = editor
    source.save()


def use_restored_archive():
    """A restored archive takes new work: fresh keys, ids, search."""
    quote = Quote.objects.order_by("pk").first()
    added = Quote.objects.create(
        text="Zanzibarian troops were never promised.",
        speaker=quote.speaker,
        said_on=quote.said_on,
        source=quote.source,
        stance=quote.stance,
    )
    assert added.pk > quote.pk
    assert list(Quote.objects.search("zanzibarian")) == [added]


def run_in_archive(url, function):
    return manage(
        url, "shell", "-c", f"from tests.deploy.test_backup import {function}; {function}()"
    )


# Scratch databases -----------------------------------------------------------------------


def server_connection():
    server = connection.settings_dict
    return psycopg.connect(
        host=server["HOST"] or None,
        port=server["PORT"] or None,
        user=server["USER"] or None,
        password=server["PASSWORD"] or None,
        dbname="postgres",
        autocommit=True,
    )


@pytest.fixture(scope="module")
def scratch_database(tmp_path_factory):
    """Makes databases on the suite's server, empty or a copy of another; dropped at the end."""
    folder = tmp_path_factory.mktemp("databases")
    made = []

    def make(name, *, copy_of=None):
        if not ON_POSTGRES:
            path = folder / f"{name}-{secrets.token_hex(4)}.sqlite3"
            if copy_of:
                shutil.copyfile(copy_of.removeprefix("sqlite:///"), path)
            return f"sqlite:///{path}"
        database = f"otr_scratch_{name}_{secrets.token_hex(4)}"
        template = f' TEMPLATE "{copy_of.rsplit("/", 1)[1]}"' if copy_of else ""
        with server_connection() as server:
            server.execute(f'CREATE DATABASE "{database}"{template}')
        made.append(database)
        s = connection.settings_dict
        credentials = f"{urlquote(s['USER'] or '')}:{urlquote(s['PASSWORD'] or '')}"
        return f"postgres://{credentials}@{s['HOST'] or 'localhost'}:{s['PORT'] or 5432}/{database}"

    yield make
    if made:
        with server_connection() as server:
            for database in made:
                server.execute(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)')


def manage(url, *args, check=True, stdin=None):
    env = {**os.environ, "DATABASE_URL": url, "DEBUG": "true"}
    for name in ("DATABASE_REPLICA_URL", "ALLOWED_HOSTS"):
        env.pop(name, None)
    result = subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=settings.BASE_DIR,
        env=env,
        input=stdin,
        capture_output=True,
        text=True,
        timeout=300,
    )
    if check:
        assert result.returncode == 0, f"manage.py {' '.join(args)}:\n{result.stderr}"
    return result


def snapshot(url):
    """Every row of every table of the database at `url`, and its schema's named objects."""
    if ON_POSTGRES:
        with closing(psycopg.connect(url)) as db:
            return _snapshot(
                db,
                "SELECT tablename FROM pg_tables WHERE schemaname = 'public'",
                [
                    "SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = 'public'",
                    # Not the definitions: PostgreSQL prints a restored CHECK's casts otherwise.
                    "SELECT conname, contype, conrelid::regclass::text FROM pg_constraint"
                    " WHERE connamespace = 'public'::regnamespace",
                    "SELECT tgname, pg_get_triggerdef(oid) FROM pg_trigger WHERE NOT tgisinternal",
                    "SELECT cfgname FROM pg_ts_config WHERE cfgnamespace = 'public'::regnamespace",
                    "SELECT extname FROM pg_extension",
                    "SELECT sequencename, last_value FROM pg_sequences WHERE schemaname = 'public'",
                ],
            )
    with closing(sqlite3.connect(url.removeprefix("sqlite:///"))) as db:
        return _snapshot(
            db,
            # sqlite_sequence too: it keeps ids of deleted rows from being given again.
            "SELECT name FROM sqlite_master WHERE type = 'table'"
            " AND (name NOT LIKE 'sqlite_%' OR name = 'sqlite_sequence')",
            ["SELECT type, name, tbl_name, sql FROM sqlite_master"],
        )


def _snapshot(db, tables_query, schema_queries):
    tables = {}
    for (table,) in db.execute(tables_query).fetchall():
        cursor = db.execute(f'SELECT * FROM "{table}"')
        columns = tuple(column[0] for column in cursor.description)
        tables[table] = (columns, sorted(cursor.fetchall(), key=repr))
    schema = [sorted(db.execute(query).fetchall(), key=repr) for query in schema_queries]
    return {"tables": tables, "schema": schema}


# Columns of the first schema whose values later migrations moved into records of their own
# (0025: the first report into the attribution chain; 0027: translations and aliases). Their
# history rows lose them: the current values move, earlier versions' do not (a known loss).
MOVED = {
    (table, column)
    for prefix in ("tracker_", "tracker_historical")
    for table, column in [
        (f"{prefix}quote", "translation"),
        (f"{prefix}quote", "first_reported_in_id"),
        (f"{prefix}speaker", "aliases"),
    ]
}


def rows(snap, table, *columns):
    names, values = snap["tables"][table]
    return [tuple(row[names.index(column)] for column in columns) for row in values]


def assert_same_archive(restored, original):
    assert sorted(restored["tables"]) == sorted(original["tables"])
    for table, content in original["tables"].items():
        assert restored["tables"][table] == content, f"{table} differs"
    for restored_objects, objects in zip(restored["schema"], original["schema"], strict=True):
        assert set(restored_objects) ^ set(objects) == set()


@pytest.fixture(scope="module")
def archive_template(scratch_database):
    url = scratch_database("template")
    manage(url, "migrate", "--no-input")
    run_in_archive(url, "make_archive")
    return url


@pytest.fixture
def archive(archive_template, scratch_database):
    """A scratch database holding the edited seed archive, and its snapshot."""
    url = scratch_database("archive", copy_of=archive_template)
    snap = snapshot(url)
    # The archive is all there, or a round trip of it would prove little.
    assert len(rows(snap, "tracker_quote", "id")) == len(records.QUOTES) + 1
    statuses = Counter(status for (status,) in rows(snap, "tracker_quote", "status"))
    assert statuses == {"published": len(records.QUOTES) - 1, "retracted": 1, "review": 1}
    assert rows(snap, "tracker_correction", "note") == [("The stance was misread.",)]
    assert len(rows(snap, "tracker_historicalquote", "history_id")) > len(records.QUOTES) + 3
    assert len(rows(snap, "tracker_user_groups", "id")) == 2
    return url, snap


# The tests -------------------------------------------------------------------------------


def test_backup_restores_the_whole_archive_into_an_empty_database(
    archive, scratch_database, tmp_path
):
    url, original = archive
    backup = tmp_path / f"archive{SUFFIX}"
    assert "Backed up the archive" in manage(url, "backup_archive", str(backup)).stdout

    restored = scratch_database("restored")
    manage(restored, "restore_archive", str(backup), "--no-input")

    # Every row of every table: quotes and their keys, each version in the history, who made
    # it, corrections, the retraction and its replacement, figures, editors and their groups.
    assert_same_archive(snapshot(restored), original)
    manage(restored, "migrate", "--check")  # the schema is the one the code expects
    run_in_archive(restored, "use_restored_archive")


def test_restore_undoes_damage_and_a_bad_file_changes_nothing(archive, tmp_path):
    url, original = archive
    backup = tmp_path / f"archive{SUFFIX}"
    manage(url, "backup_archive", str(backup))
    refused = manage(url, "backup_archive", str(backup), check=False)
    assert refused.returncode != 0
    assert "exists already" in refused.stderr

    # An accident: words rewritten, figures and history deleted.
    damage = [
        "UPDATE tracker_quote SET text = 'Vandalised.'",
        "DELETE FROM tracker_figure",
        "DELETE FROM tracker_historicalquote",
    ]
    if ON_POSTGRES:
        with closing(psycopg.connect(url)) as db:
            for statement in damage:
                db.execute(statement)
            db.commit()
    else:
        with closing(sqlite3.connect(url.removeprefix("sqlite:///"))) as db:
            for statement in damage:
                db.execute(statement)
            db.commit()
    damaged = snapshot(url)
    assert damaged != original

    not_a_backup = tmp_path / f"notes{SUFFIX}"
    not_a_backup.write_text("Minutes of the editorial meeting.")
    failed = manage(url, "restore_archive", str(not_a_backup), "--no-input", check=False)
    assert failed.returncode != 0
    assert "is not a" in failed.stderr
    assert_same_archive(snapshot(url), damaged)

    declined = manage(url, "restore_archive", str(backup), stdin="no\n", check=False)
    assert declined.returncode != 0
    assert "Nothing was restored." in declined.stderr
    assert_same_archive(snapshot(url), damaged)

    manage(url, "restore_archive", str(backup), stdin="yes\n")
    assert_same_archive(snapshot(url), original)


def test_migrations_run_forward_on_the_seed_archive_without_loss(archive):
    """Back to the first schema that held records, then forward through every migration.

    Going back drops what later migrations added (corrections, editors' notes, revisions);
    going forward must keep every row and every value that the older schema held.
    """
    url, _ = archive
    manage(url, "migrate", "tracker", "0001", "--no-input")
    before = snapshot(url)
    manage(url, "migrate", "--no-input")
    after = snapshot(url)

    for table, (columns, old_rows) in before["tables"].items():
        assert table in after["tables"], f"{table} was dropped"
        if any((table, column) in MOVED for column in columns):
            kept_columns = [column for column in columns if (table, column) not in MOVED]
            old_rows = [
                tuple(row[columns.index(column)] for column in kept_columns) for row in old_rows
            ]
            columns = kept_columns
        if table == "sqlite_sequence":  # counters: they may only go up
            counters = dict(rows(after, table, "name", "seq"))
            assert all(counters[name] >= seq for name, seq in old_rows)
            continue
        kept = Counter(rows(after, table, *columns))
        missing = Counter(old_rows) - kept
        assert not missing, f"{table} lost {sum(missing.values())} rows, e.g. {next(iter(missing))}"
        if table.startswith(ARCHIVE_TABLES):
            assert len(after["tables"][table][1]) == len(old_rows), f"{table} gained rows"
    seed = {(quote["key"], quote["text"]) for quote in records.QUOTES}
    assert seed <= set(rows(after, "tracker_quote", "key", "text"))
    # What moved into records of its own is there, whole.
    translations = {text for (text,) in rows(before, "tracker_quote", "translation") if text}
    assert translations <= {text for (text,) in rows(after, "tracker_translation", "text")}
    first_reports = {
        (quote, source)
        for quote, source in rows(before, "tracker_quote", "id", "first_reported_in_id")
        if source
    }
    links = set(rows(after, "tracker_attributionlink", "quote_id", "source_id"))
    assert first_reports <= links
    aliases = {
        (speaker, line.strip())
        for speaker, text in rows(before, "tracker_speaker", "id", "aliases")
        for line in (text or "").splitlines()
        if line.strip()
    }
    assert aliases <= set(rows(after, "tracker_alias", "speaker_id", "name"))


@pytest.mark.django_db
def test_backup_goes_to_var_backups_by_default(monkeypatch, tmp_path, capsys):
    monkeypatch.setattr(backup_archive, "BACKUP_DIR", tmp_path / "var" / "backups")
    call_command("backup_archive")
    [backup] = (tmp_path / "var" / "backups").iterdir()
    assert backup.suffix == SUFFIX
    assert backup.stem.endswith("Z")  # named by the time, in UTC
    assert str(backup) in capsys.readouterr().out


def free_port():
    with closing(socket.socket()) as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def served(archive):
    """The archive served by its own server process, as `make run` serves it."""
    url, _ = archive
    port = free_port()
    env = {**os.environ, "DATABASE_URL": url, "DEBUG": "true"}
    for name in ("DATABASE_REPLICA_URL", "ALLOWED_HOSTS"):
        env.pop(name, None)
    server = subprocess.Popen(
        [sys.executable, "manage.py", "runserver", "--noreload", f"127.0.0.1:{port}"],
        cwd=settings.BASE_DIR,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}/robots.txt", timeout=2)
                break
            except OSError:
                time.sleep(0.1)
        yield url, f"http://127.0.0.1:{port}"
    finally:
        server.terminate()
        server.wait(timeout=10)


def read(page):
    with urllib.request.urlopen(page, timeout=10) as response:
        return response.read().decode()


def correct_the_first_words():
    """A chief editor corrects the first published quote after the backup was taken."""
    from tracker.models import User

    quote = Quote.objects.published().order_by("pk").first()
    quote.text = "Words corrected after the backup."
    quote.correct(note="Checked again.", by=User.objects.get(username="chief"))


def test_a_running_server_shows_the_restored_archive_at_once(served, tmp_path):
    url, site = served
    backup = tmp_path / f"archive{SUFFIX}"
    manage(url, "backup_archive", str(backup))
    run_in_archive(url, "correct_the_first_words")
    key = manage(
        url,
        "shell",
        "--no-imports",
        "-c",
        "from tracker.models import Quote; print(Quote.objects.published().order_by('pk')[0].key)",
    ).stdout.strip()
    permalink = f"{site}/q/{key}/"
    assert "Words corrected after the backup." in read(permalink)  # rendered and cached
    manage(url, "restore_archive", str(backup), "--no-input")
    restored = read(permalink)
    assert "Words corrected after the backup." not in restored
    assert f"/q/{key}/" in restored  # the restored quote's own page, with its earlier words

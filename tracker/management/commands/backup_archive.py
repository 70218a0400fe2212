"""Back up the whole archive to one file: `make backup`, or `manage.py backup_archive [PATH]`.

PostgreSQL: pg_dump's custom format, one consistent snapshot of every table (records, history,
editors, sessions), the search configuration and the sequences, for restore_archive. SQLite:
a copy made with SQLite's own backup API, consistent even while the site writes. Without a
path, the file goes to var/backups/ with the time in its name.
"""

import os
import sqlite3
import subprocess
from contextlib import closing
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.db.backends.postgresql.client import DatabaseClient
from django.utils import timezone

BACKUP_DIR = Path(settings.BASE_DIR) / "var" / "backups"
SUFFIXES = {"postgresql": ".dump", "sqlite": ".sqlite3"}


def libpq_environment(settings_dict):
    """The database Django uses, as libpq's variables: no password on a command line."""
    _, env = DatabaseClient.settings_to_cmd_args_env(settings_dict, [])
    env = {**os.environ, **(env or {})}
    for key, variable in [
        ("HOST", "PGHOST"),
        ("PORT", "PGPORT"),
        ("USER", "PGUSER"),
        ("NAME", "PGDATABASE"),
    ]:
        if settings_dict.get(key):
            env[variable] = str(settings_dict[key])
    return env


def check_vendor():
    if connection.vendor not in SUFFIXES:
        raise CommandError(f"Backups are made for PostgreSQL and SQLite, not {connection.vendor}.")
    return connection.vendor


class Command(BaseCommand):
    help = "Back up the whole archive to one file, by default in var/backups/."

    def add_arguments(self, parser):
        parser.add_argument(
            "path", nargs="?", help="Where to write the backup (default: var/backups/<time>)."
        )

    def handle(self, *args, path=None, **options):
        vendor = check_vendor()
        if path:
            path = Path(path)
        else:
            path = BACKUP_DIR / f"{timezone.now():%Y%m%dT%H%M%SZ}{SUFFIXES[vendor]}"
        if path.exists():
            raise CommandError(f"{path} exists already: a backup never replaces another.")
        path.parent.mkdir(parents=True, exist_ok=True)
        # Written under another name first: a file with the backup's name is a whole backup.
        partial = path.with_name(f"{path.name}.partial")
        try:
            if vendor == "postgresql":
                self.dump_postgres(partial)
            else:
                self.copy_sqlite(partial)
            partial.rename(path)
        finally:
            partial.unlink(missing_ok=True)
        size = path.stat().st_size
        self.stdout.write(f"Backed up the archive to {path} ({size:,} bytes).")

    def dump_postgres(self, path):
        result = subprocess.run(
            ["pg_dump", "--format=custom", f"--file={path}"],
            env=libpq_environment(connection.settings_dict),
            capture_output=True,
            text=True,
        )
        if result.returncode != 0:
            raise CommandError(f"pg_dump failed: {result.stderr.strip()}")

    def copy_sqlite(self, path):
        # A connection of its own, reading what is committed: SQLite's backup from a connection
        # holding a write transaction (transactions begin IMMEDIATE here) waits for it forever.
        source_name = connection.settings_dict["NAME"]
        with (
            closing(sqlite3.connect(source_name)) as source,
            closing(sqlite3.connect(path)) as target,
        ):
            source.backup(target)

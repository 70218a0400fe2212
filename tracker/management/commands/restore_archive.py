"""Replace the whole archive with a backup_archive file: `make restore FILE=...`.

PostgreSQL: pg_restore --clean --if-exists in a single transaction, so that a restore that
fails leaves the database as it was. SQLite: SQLite's backup API copies the backup over the
database. Everything the backup holds is replaced, changes made since it included, so the
command asks first unless given --no-input. A backup made before newer migrations needs
`manage.py migrate` afterwards.
"""

import sqlite3
import subprocess
from contextlib import closing
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from tracker.caching import archive_replaced
from tracker.management.commands.backup_archive import check_vendor, libpq_environment


class Command(BaseCommand):
    help = "Replace the whole archive with a backup made by backup_archive."

    def add_arguments(self, parser):
        parser.add_argument("path", help="The backup file to restore.")
        parser.add_argument(
            "--no-input",
            action="store_false",
            dest="interactive",
            help="Do not ask before replacing the archive.",
        )

    def handle(self, *args, path, interactive=True, **options):
        vendor = check_vendor()
        path = Path(path)
        if not path.is_file():
            raise CommandError(f"There is no backup at {path}.")
        if vendor == "postgresql":
            self.check_postgres_backup(path)
        else:
            self.check_sqlite_backup(path)
        name = connection.settings_dict["NAME"]
        if interactive:
            answer = input(
                f"This replaces everything in the database {name} with the backup {path}; "
                "whatever changed since the backup is lost.\nType 'yes' to go on: "
            )
            if answer != "yes":
                raise CommandError("Nothing was restored.")
        if vendor == "postgresql":
            self.restore_postgres(path)
        else:
            self.restore_sqlite(path)
        # Cached counts and aggregates (in a shared Redis, say) describe the archive replaced.
        archive_replaced()
        self.stdout.write(f"Restored the archive from {path} into {name}.")

    def check_postgres_backup(self, path):
        listing = subprocess.run(["pg_restore", "--list", str(path)], capture_output=True)
        if listing.returncode != 0:
            raise CommandError(f"{path} is not a PostgreSQL backup made by backup_archive.")

    def restore_postgres(self, path):
        connection.close()  # our own session must not hold a table the restore drops
        result = subprocess.run(
            [
                "pg_restore",
                "--clean",
                "--if-exists",
                "--no-owner",
                "--no-privileges",
                "--single-transaction",
                "--exit-on-error",
                f"--dbname={connection.settings_dict['NAME']}",
                str(path),
            ],
            env=libpq_environment(connection.settings_dict),
            capture_output=True,
            text=True,
        )
        if result.returncode != 0:
            raise CommandError(
                f"pg_restore failed; the database is as it was. {result.stderr.strip()}"
            )

    def check_sqlite_backup(self, path):
        try:
            with closing(sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)) as backup:
                [(verdict,)] = backup.execute("PRAGMA integrity_check").fetchall()
                migrated = backup.execute(
                    "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'django_migrations'"
                ).fetchone()
        except sqlite3.DatabaseError:
            verdict, migrated = "not a database", None
        if verdict != "ok" or not migrated:
            raise CommandError(f"{path} is not an SQLite backup made by backup_archive.")

    def restore_sqlite(self, path):
        connection.ensure_connection()
        with closing(sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)) as backup:
            backup.backup(connection.connection)

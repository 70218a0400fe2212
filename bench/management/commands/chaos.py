"""Break Redis and PostgreSQL under load and print what readers got (issue 23):

    DJANGO_SETTINGS_MODULE=bench.settings python manage.py chaos     # or: make chaos

See bench/chaos.py for the faults, and docs/deploy.md for what the site promises during each.
"""

import os
import tempfile

from django.core.management.base import BaseCommand, CommandError

from bench import chaos
from bench.scenarios import DEFAULT_DATABASE_URL


class Command(BaseCommand):
    help = (
        "Serve the archive of DATABASE_URL with gunicorn as deployed, with readers asking for "
        "pages all along, and break one thing at a time: Redis hanging, Redis down, PostgreSQL "
        "down and back, a worker killed during a CSV download, slow readers, a flood of "
        "requests that skip the page cache. Prints what the readers got; fails if any answer "
        "was a 500 or took more than a second."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--database-url",
            default=os.environ.get("DATABASE_URL") or DEFAULT_DATABASE_URL,
            help=f"PostgreSQL database holding an archive (default: DATABASE_URL, else "
            f"{DEFAULT_DATABASE_URL}). It is reached through a link this command breaks; the "
            "server itself is left alone.",
        )
        parser.add_argument("--seconds", type=int, default=5, help="Seconds each fault lasts (5).")
        parser.add_argument("--workers", type=int, default=2, help="gunicorn workers (2).")

    def handle(self, *args, database_url, seconds, workers, **options):
        if not database_url.startswith(("postgres://", "postgresql://")):
            raise CommandError("make chaos needs a PostgreSQL DATABASE_URL.")
        with tempfile.TemporaryDirectory(prefix="otr-chaos-") as scratch:
            outcomes, log = chaos.run(
                database_url=database_url,
                seconds=seconds,
                workers=workers,
                scratch=scratch,
                say=self.stdout.write,
            )
        kept = chaos.report(outcomes, self.stdout.write)
        if log:
            self.stdout.write(f"\ngunicorn's error log (last lines):\n{log}")
        if not kept:
            raise CommandError(
                f"Readers got a 500, or waited more than {chaos.LIMIT:.0f} s, during a fault."
            )
        self.stdout.write(f"\nEvery fault: no 500, every answer within {chaos.LIMIT:.0f} s.")

"""Check each source's link now, and say what changed: the link checker by hand."""

from datetime import timedelta

from django.core.management.base import BaseCommand
from django.utils import timezone

from tracker import tasks
from tracker.models import LinkStatus


class Command(BaseCommand):
    help = "Visit each source's URL and record what it answers (gone, moved, changed, ...)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--older-than",
            type=int,
            metavar="HOURS",
            help="Only links not checked for this many hours (default: every link).",
        )

    def handle(self, *args, older_than=None, **options):
        since = timezone.now() - timedelta(hours=older_than) if older_than is not None else None
        statuses = tasks.check_links(older_than=since)
        problems = [s for s in statuses if s.state in LinkStatus.PROBLEMS]
        for status in problems:
            self.stdout.write(
                f"{status.get_state_display()}: {status.url} (since {status.since:%Y-%m-%d})"
            )
        self.stdout.write(f"{len(statuses)} links checked, {len(problems)} with a problem.")

from django.core.management.base import BaseCommand
from django.db import DEFAULT_DB_ALIAS

from tracker.caching import archive_replaced
from tracker.models import Quote
from tracker.models.counts import COUNTS, count_again


class Command(BaseCommand):
    help = (
        "Count the published quotes again by nation and stance, nation and speaker, and month "
        "(the stance grid, who spoke for a nation, the months), after quotes were written "
        "without their save(): COPY, bulk_create() or SQL."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--database", default=DEFAULT_DB_ALIAS, help="The database to count in."
        )

    def handle(self, *args, database, **options):
        count_again(Quote.objects.published(), using=database)
        archive_replaced()  # the aggregates cached from the counts before
        rows = ", ".join(
            f"{model.objects.using(database).count():,} {model._meta.verbose_name_plural}"
            for model in COUNTS
        )
        self.stdout.write(f"Counted the published quotes again: {rows}.")

from django.core.management.base import BaseCommand

from tracker import services


class Command(BaseCommand):
    help = (
        "Load the seed article's records: create what is missing, update what differs. "
        "Safe to run again: unchanged records are not touched."
    )

    def handle(self, *args, **options):
        counts = services.load_seed(stdout=self.stdout)
        for name, tally in counts.items():
            outcomes = ", ".join(f"{n} {outcome}" for outcome, n in tally.items())
            self.stdout.write(f"{name.capitalize()}: {outcomes}")

from django.core.management.base import BaseCommand

from tracker.exports import write_release


class Command(BaseCommand):
    help = "Write a versioned data release of every published record (JSON and CSV) to a folder."

    def add_arguments(self, parser):
        parser.add_argument("directory", help="Where to write the release; made if missing.")
        parser.add_argument(
            "--base-url",
            default="https://ontherecord.example",
            help="The archive's public address, for the permalinks in the files.",
        )

    def handle(self, *args, directory, base_url, **options):
        manifest = write_release(directory=directory, base_url=base_url.rstrip("/"))
        self.stdout.write(f"Release {manifest['version']} in {directory}:")
        for name, entry in manifest["files"].items():
            self.stdout.write(
                f"  {name:<16} {entry['count']:>9} records  sha256 {entry['sha256'][:16]}"
            )

import secrets

from django.conf import settings
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand, CommandError

from tracker.models import User

DEMO_ACCOUNTS = [
    ("chief", "Chief editors", "Demo chief editor: publishes, corrects, retracts"),
    ("editor", "Editors", "Demo editor: prepares drafts"),
]


class Command(BaseCommand):
    help = (
        "Create (or reset) the demo editor accounts of a local archive and print their passwords."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--force",
            action="store_true",
            help="Create them even with DEBUG off. Never on a public archive.",
        )

    def handle(self, *args, force=False, **options):
        # Known accounts with printed passwords belong on a developer's machine only.
        if not settings.DEBUG and not force:
            raise CommandError("Demo accounts are for local archives: run with DEBUG=true.")
        self.stdout.write("Demo editor accounts (local to this database):")
        for username, group_name, description in DEMO_ACCOUNTS:
            password = secrets.token_urlsafe(9)
            user, _ = User.objects.get_or_create(username=username)
            user.is_staff = True
            user.first_name = description.split(":")[0]
            user.set_password(password)
            user.save()
            user.groups.set([Group.objects.get(name=group_name)])
            self.stdout.write(f"  {username:<7} password {password:<14} {description}")
        self.stdout.write("Sign in at http://127.0.0.1:8000/admin/")

import re

import pytest
from django.contrib.auth import authenticate
from django.core.management import CommandError, call_command
from django.test import RequestFactory

pytestmark = pytest.mark.django_db


def test_no_model_change_is_missing_a_migration():
    call_command("makemigrations", "--check", "--dry-run", verbosity=0)


def test_demo_editors_are_created_with_the_printed_passwords(capsys, settings):
    settings.DEBUG = True
    call_command("create_demo_editors")
    printed = capsys.readouterr().out
    for username, group in [("chief", "Chief editors"), ("editor", "Editors")]:
        line = next(line for line in printed.splitlines() if line.strip().startswith(username))
        password = line.split("password")[1].split()[0]
        # django-axes tracks sign-ins by request: it needs one.
        user = authenticate(
            RequestFactory().post("/admin/login/"), username=username, password=password
        )
        assert user is not None
        assert list(user.groups.values_list("name", flat=True)) == [group]
        assert user.is_staff and not user.is_superuser


def test_demo_editors_are_refused_on_a_public_archive(settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="local archives"):
        call_command("create_demo_editors")


def test_archives_sharing_one_cache_never_read_each_others_entries(settings):
    from django.core.cache.backends.locmem import LocMemCache

    from tracker.settings import archive_name

    server = {"ENGINE": "django.db.backends.postgresql", "HOST": "db", "PORT": 5432}
    first, second = (
        archive_name({**server, "NAME": "first"}),
        archive_name({**server, "NAME": "second"}),
    )
    assert first != second
    # One cache both archives use, each under the prefix the settings give its database.
    one = LocMemCache("shared-by-two-archives", {"KEY_PREFIX": first})
    other = LocMemCache("shared-by-two-archives", {"KEY_PREFIX": second})
    one.set("version:archive", "the first archive's")
    assert other.get("version:archive") is None
    assert re.fullmatch(r"[0-9a-f]{12}", settings.CACHES["default"]["KEY_PREFIX"])

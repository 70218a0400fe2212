import pytest
from django.conf import settings
from django.core.cache import cache
from django.utils import translation

from tests.helpers import make_chief_editor, make_editor


@pytest.fixture
def editor(db):
    return make_editor(username="editor")


@pytest.fixture
def chief_editor(db):
    return make_chief_editor(username="chief")


@pytest.fixture(scope="session")
def django_db_modify_db_settings(django_db_modify_db_settings_parallel_suffix, tmp_path_factory):
    # The task worker runs as a process of its own in tests/tasks/test_worker.py: on SQLite it
    # must find the test database in a file, not in the memory of this process.
    from django.conf import settings

    database = settings.DATABASES["default"]
    if database["ENGINE"] == "django.db.backends.sqlite3":
        test_file = tmp_path_factory.mktemp("database") / "test.sqlite3"
        database.setdefault("TEST", {})["NAME"] = str(test_file)


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    # Hashing strength is Django's business; the tests only need users who can sign in.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(items):
    # Browser tests run against a live server and flush the database when they end, taking the
    # editorial groups the migrations made. Django runs such tests last; so do we, whatever
    # order other plugins left.
    # The migration tests come after everything: they take the database back to an old
    # migration and forward again, and a transactional test set up after them met content
    # types twice (tests/models/test_*migrat*.py).
    items.sort(
        key=lambda item: (
            "migrat" in item.path.name,
            "live_server" in getattr(item, "fixturenames", ()),
        )
    )


@pytest.fixture(autouse=True)
def empty_cache():
    # Each story starts from an archive no one has read yet.
    cache.clear()


@pytest.fixture(autouse=True)
def english_outside_requests():
    # The test client runs each request in this thread, where LocaleMiddleware leaves the
    # request's language active (/fr/, /de/): each story starts, as code outside a request does,
    # in the archive's own language.
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture
def without_page_cache(settings):
    """Pages rendered afresh, without the page cache, as `bench --fresh` serves them: for tests
    of what a page renders and how many queries it takes, rather than of the page cache. (The
    test client loads its middleware at its first request, under these settings.)"""
    settings.MIDDLEWARE = [
        name for name in settings.MIDDLEWARE if name != "tracker.caching.PageCacheMiddleware"
    ]


@pytest.fixture(scope="session")
def editorial_groups(django_db_setup, django_db_blocker):
    """The editorial groups and their permissions as the migrations made them, by name and
    codename (a flush makes permissions anew, under new ids)."""
    from django.contrib.auth.models import Group

    with django_db_blocker.unblock():
        return {
            group.name: list(group.permissions.values_list("content_type__app_label", "codename"))
            for group in Group.objects.prefetch_related("permissions")
        }


@pytest.fixture(autouse=True)
def groups_survive_flushes(request):
    # A transactional test ends with a flush, and serialized_rollback brought the groups back
    # only to the first test that asked for it in a session: each such test gets them again.
    marker = request.node.get_closest_marker("django_db")
    if not (marker and marker.kwargs.get("transaction")):
        return
    editorial_groups = request.getfixturevalue("editorial_groups")
    request.getfixturevalue("transactional_db")
    from django.contrib.auth.models import Group, Permission

    for name, codenames in editorial_groups.items():
        group, created = Group.objects.get_or_create(name=name)
        if created:
            wanted = {(app_label, codename) for app_label, codename in codenames}
            group.permissions.add(
                *(
                    permission
                    for permission in Permission.objects.select_related("content_type")
                    if (permission.content_type.app_label, permission.codename) in wanted
                )
            )

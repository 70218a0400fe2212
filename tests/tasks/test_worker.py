"""The task worker as it runs beside the web server: a process of its own, reading the tasks the
archive enqueued from the database, retrying what may pass, and leaving each failure where chief
editors can read it."""

import os
import subprocess
import sys

import pytest
from django.conf import settings
from django.db import connection
from django.tasks import TaskResultStatus
from django.urls import reverse
from django_tasks_db.models import DBTaskResult
from pytest_django.asserts import assertContains

from tests.helpers import make_chief_editor, make_editor, make_source
from tracker import tasks
from tracker.models import Snapshot

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def database_url():
    database = connection.settings_dict
    if connection.vendor == "sqlite":
        return f"sqlite:///{database['NAME']}"
    user = database["USER"] or "postgres"
    return f"postgres://{user}@{database['HOST']}:{database['PORT'] or 5432}/{database['NAME']}"


def run_worker(tmp_path):
    """`manage.py db_worker`, in a process of its own, until the tasks that are due are done."""
    environment = {
        **os.environ,
        "DATABASE_URL": database_url(),
        "DEBUG": "true",
        "FETCH_ALLOWED_HOSTS": "127.0.0.1",
        "FETCH_TIMEOUT": "2",
        "MEDIA_ROOT": str(settings.MEDIA_ROOT),
    }
    return subprocess.run(
        [sys.executable, "manage.py", "db_worker", "--batch", "--no-reload", "--no-startup-delay"],
        cwd=settings.BASE_DIR,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_the_worker_process_keeps_copies_retries_and_records_failures(
    client, outside_site, tmp_path
):
    outside_site.pages["/kept"] = "<p>We will send troops.</p>"
    outside_site.gone["/gone"] = 404
    kept = make_source(url=outside_site.url("/kept"))  # each save enqueues its snapshot
    gone = make_source(url=outside_site.url("/gone"))
    failing = make_source(url=outside_site.url("/failing"))
    assert DBTaskResult.objects.filter(status=TaskResultStatus.READY).count() == 3

    finished = run_worker(tmp_path)
    assert finished.returncode == 0, finished.stderr

    assert Snapshot.objects.get().source == kept
    assert "/kept" in outside_site.paths_asked()
    results = {
        result.args_kwargs["args"][0]: result
        for result in DBTaskResult.objects.filter(
            task_path=tasks.snapshot_source.module_path
        ).exclude(status=TaskResultStatus.READY)
    }
    assert results[kept.pk].status == TaskResultStatus.SUCCESSFUL
    # A page that is gone is not asked for again; one that failed on the way is, later.
    assert results[gone.pk].status == TaskResultStatus.FAILED
    assert "answered 404" in results[gone.pk].traceback
    assert results[failing.pk].status == TaskResultStatus.FAILED
    retry = DBTaskResult.objects.get(status=TaskResultStatus.READY)
    assert retry.args_kwargs == {"args": [failing.pk], "kwargs": {"attempt": 2}}

    # Chief editors read the failures in the admin; editors do not see the tasks at all.
    client.force_login(make_chief_editor())
    failed = client.get(
        reverse("admin:django_tasks_database_dbtaskresult_changelist") + "?status=FAILED"
    )
    assertContains(failed, "snapshot_source", count=2)
    detail = client.get(
        reverse("admin:django_tasks_database_dbtaskresult_change", args=[results[gone.pk].pk])
    )
    assertContains(detail, "answered 404")
    client.force_login(make_editor())
    listing = reverse("admin:django_tasks_database_dbtaskresult_changelist")
    assert client.get(listing).status_code == 403

"""What the app servers do for every page: static addresses, memory, the database's planner."""

import json
import subprocess
import sys

import pytest
from django.conf import settings
from django.db import connection

from tracker.storage import ArchiveStaticFilesStorage


@pytest.fixture
def storage(tmp_path):
    manifest = {"paths": {"tracker/site.css": "tracker/site.0123456789ab.css"}, "version": "1.1"}
    (tmp_path / "staticfiles.json").write_text(json.dumps(manifest))
    return ArchiveStaticFilesStorage(location=tmp_path, base_url="/static/")


def test_a_static_files_address_is_the_hashed_one_of_the_manifest(storage):
    assert storage.url("tracker/site.css") == "/static/tracker/site.0123456789ab.css"


def test_a_static_files_address_is_worked_out_once(storage):
    storage.url("tracker/site.css")
    storage.hashed_files.clear()  # the manifest is not read again
    assert storage.url("tracker/site.css") == "/static/tracker/site.0123456789ab.css"


def test_a_file_missing_from_the_manifest_is_still_refused_every_time(storage):
    for _ in range(2):
        with pytest.raises(ValueError, match="Missing staticfiles manifest entry"):
            storage.url("tracker/missing.css")


def test_the_wsgi_application_freezes_what_it_loaded_for_the_garbage_collector():
    # In a process of its own: what the app server's worker does on starting.
    frozen = subprocess.run(
        [sys.executable, "-c", "import gc, tracker.wsgi; print(gc.get_freeze_count())"],
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
        check=True,
    )
    assert int(frozen.stdout) > 10_000


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's planner")
@pytest.mark.django_db
def test_postgresql_joins_the_tables_of_a_page_in_the_order_written():
    with connection.cursor() as cursor:
        cursor.execute("SHOW join_collapse_limit")
        assert cursor.fetchone()[0] == "1"
        cursor.execute("SHOW from_collapse_limit")  # subqueries are still planned freely
        assert cursor.fetchone()[0] == "8"

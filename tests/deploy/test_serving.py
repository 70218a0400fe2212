"""What the app servers do for every page: static addresses, memory, the database's planner."""

import datetime
import json
import socket
import subprocess
import sys

import pytest
from django.conf import settings
from django.core.cache import caches
from django.db import connection

from tests.helpers import make_nation, make_quote, make_speaker
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


@pytest.fixture
def unreachable_redis(settings):
    """The production cache settings, pointing at a port where no Redis listens."""
    from tracker.settings import shared_cache

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    settings.CACHES = {**settings.CACHES, "default": shared_cache(f"redis://127.0.0.1:{port}/0")}
    yield
    caches["default"].close()


@pytest.mark.django_db
def test_readers_are_served_while_redis_is_down(client, unreachable_redis):
    quote = make_quote(
        text="We stand ready.",
        nation=make_nation(code="de", name="Germany"),
        speaker=make_speaker(),
    )
    for address in ["/", "/quotes/", "/quotes/?q=ready", quote.get_absolute_url(), "/nations/de/"]:
        response = client.get(address)
        assert response.status_code == 200, address
        assert quote.get_absolute_url() in response.content.decode(), address


@pytest.mark.django_db
def test_while_redis_is_down_a_correction_shows_at_once(
    client, chief_editor, unreachable_redis, django_capture_on_commit_callbacks
):
    quote = make_quote(text="We stand ready.")
    assert "We stand ready." in client.get(quote.get_absolute_url()).content.decode()
    quote.text = "We stand ready to help."
    with django_capture_on_commit_callbacks(execute=True):
        quote.correct(note="A word was missing.", by=chief_editor)
    assert "We stand ready to help." in client.get(quote.get_absolute_url()).content.decode()
    assert "We stand ready to help." in client.get("/quotes/").content.decode()


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's planner")
@pytest.mark.django_db
def test_a_deep_page_of_a_nations_list_is_counted_to_in_the_index_alone():
    from tracker.models import Quote

    germany = make_nation(code="de", name="Germany")
    quote = make_quote(nation=germany)
    # Statistics of an archive with many nations, Germany among the biggest (a tenth of it),
    # rather than whatever earlier tests left: the planner chooses from them.
    france = make_nation(code="fr", name="France")
    same = {"speaker": quote.speaker, "source": quote.source, "stance": quote.stance}
    Quote.objects.bulk_create(
        Quote(
            key=f"z{n:07d}",
            text=f"Words {n}.",
            nation=germany if n % 10 == 0 else france,
            said_on=quote.said_on - datetime.timedelta(days=n % 365),
            said_on_latest=quote.said_on - datetime.timedelta(days=n % 365),
            status=Quote.Status.PUBLISHED,
            published_at=quote.published_at,
            **same,
        )
        for n in range(2000)
    )
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE tracker_quote")
    page_ids = (
        Quote.objects.published()
        .filter(nation__in=[germany])
        .order_by("-said_on", "-id")
        .values_list("pk", flat=True)[50:75]
    )
    sql, params = page_ids.query.sql_with_params()
    with connection.cursor() as cursor:
        # What the planner chooses for Germany's 178,155 quotes, not for these 201.
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("SET LOCAL enable_bitmapscan = off")
        cursor.execute(f"EXPLAIN {sql}", params)
        plan = "\n".join(row[0] for row in cursor.fetchall())
    assert "Index Only Scan using quote_nation_by_date" in plan, plan
    assert "Sort" not in plan, plan

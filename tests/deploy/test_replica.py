"""A real PostgreSQL streaming replica behind two app servers: readers read from it, editors never.

The module builds the deployment of docs/deploy.md in miniature, all of it its own: a primary
cluster, a hot standby copied from it with pg_basebackup and streaming from it, a Redis for
the shared cache, and two gunicorn app servers given DATABASE_URL, DATABASE_REPLICA_URL and
REDIS_URL. Pausing the standby's replay makes the replica visibly older than the primary, so
each page shows which database it was read from. It uses no test database of pytest-django's
and runs the same on the suite's SQLite and PostgreSQL legs. It needs the PostgreSQL server
programs (/usr/lib/postgresql/<version>/bin, or on PATH) and redis-server.
"""

import contextlib
import html
import os
import pickle
import re
import secrets
import shutil
import subprocess
import tempfile
from pathlib import Path
from types import SimpleNamespace

import lxml.html
import pytest
import redis

from tests.deploy.servers import (
    AS_POSTGRES,
    DATABASE,
    HOST,
    AppServer,
    Cluster,
    Visitor,
    free_port,
    manage,
    postgres_programs,
    stop_process,
    wait_for,
)

# What a write sent to a hot standby answers with; the replica is read-only.
MISROUTED_WRITE = "read-only transaction"


def form_values(page, form_id):
    """What a browser posts from the form of the page, before anyone changes a field."""
    return lxml.html.fromstring(page.text).get_element_by_id(form_id).form_values()


def statement_count(page):
    return int(re.search(r'<h2 id="results-heading">(\d+) statements?</h2>', page.text)[1])


@pytest.fixture(scope="module")
def deployment():
    programs = postgres_programs()
    with contextlib.ExitStack() as teardown:
        directory = Path(tempfile.mkdtemp(prefix="otr-replica-"))
        teardown.callback(shutil.rmtree, directory, ignore_errors=True)
        if AS_POSTGRES:
            shutil.chown(directory, "postgres")

        primary = Cluster(programs, directory, "primary")
        primary.run("initdb", "-D", primary.data, "-A", "trust", "-U", "postgres", "--no-sync")
        teardown.callback(primary.stop)
        primary.start()
        primary.row(f"CREATE DATABASE {DATABASE}", database="postgres")

        # initdb's pg_hba.conf lets 127.0.0.1 replicate (trust); -R makes the copy a standby.
        replica = Cluster(programs, directory, "replica")
        replica.run(
            *["pg_basebackup", "-h", HOST, "-p", primary.port, "-U", "postgres"],
            *["-D", replica.data, "-R", "-X", "stream", "-c", "fast", "--no-sync"],
        )
        teardown.callback(replica.stop)
        replica.start()
        assert replica.value("SELECT pg_is_in_recovery()"), "the replica must be a standby"

        cache_port = free_port()
        cache_server = subprocess.Popen(
            [
                *["redis-server", "--bind", HOST, "--port", str(cache_port)],
                *["--save", "", "--appendonly", "no", "--dir", str(directory)],
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        teardown.callback(stop_process, cache_server)
        wait_for(redis.Redis(host=HOST, port=cache_port).ping, within=10, what="Redis")

        # Production settings, as docs/deploy.md gives them, for plain http on loopback (the
        # reverse proxy would speak HTTPS); the same for the release steps and every app server.
        env = {
            **{
                name: value
                for name, value in os.environ.items()
                if name not in {"CONN_MAX_AGE", "WHITENOISE_USE_FINDERS"}
            },
            "DEBUG": "false",
            "SECRET_KEY": secrets.token_urlsafe(50),
            "ALLOWED_HOSTS": HOST,
            "SECURE_SSL_REDIRECT": "false",
            "SECURE_COOKIES": "false",
            "DATABASE_URL": primary.url(),
            "DATABASE_REPLICA_URL": replica.url(),
            "REDIS_URL": f"redis://{HOST}:{cache_port}/0",
            "STATIC_ROOT": str(directory / "static"),
        }
        manage(env, "migrate", "--no-input")
        manage(env, "collectstatic", "--no-input")
        # The app servers start while the release goes on: they need the tables, not the rows.
        app_servers = [AppServer(name, env, directory) for name in ("app-1", "app-2")]
        for server in app_servers:
            teardown.callback(server.stop)
            server.start()
        manage(env, "load_seed")
        demo_accounts = manage(env, "create_demo_editors", "--force")
        chief_password = re.search(r"^\s*chief\s+password\s+(\S+)", demo_accounts, re.M)[1]
        for server in app_servers:
            server.wait_until_ready()
        wait_for_replay(primary, replica)

        yield SimpleNamespace(
            primary=primary,
            replica=replica,
            app_servers=app_servers,
            cache=redis.Redis(host=HOST, port=cache_port),
            chief_password=chief_password,
        )


def wait_for_replay(primary, replica):
    """Until the replica has replayed everything the primary has written so far."""
    written = primary.value("SELECT pg_current_wal_lsn()::text")
    wait_for(
        lambda: replica.value("SELECT pg_last_wal_replay_lsn() >= %s::pg_lsn", [written]),
        within=30,
        what=f"the replica to replay the primary's log up to {written}",
    )


@contextlib.contextmanager
def replay_paused(replica):
    """The replica keeps receiving the primary's log but applies none of it: it lags."""
    replica.value("SELECT pg_wal_replay_pause()")
    try:
        wait_for(
            lambda: replica.value("SELECT pg_get_wal_replay_pause_state()") == "paused",
            within=10,
            what="the replica to pause its replay",
        )
        yield
    finally:
        replica.value("SELECT pg_wal_replay_resume()")


def cached_counts(cache, database):
    """The statement counts the shared cache holds, read from `database`, under the current
    version of the published quotes (Django's keys: `<archive>:1:<key>`; its values: pickled)."""
    [version_key] = cache.keys("*:1:version:quotes:all")
    version = pickle.loads(cache.get(version_key))
    assert "@" in version, "with a replica, the version names a position in the primary's log"
    return [key for key in cache.keys(f"*:1:count:{database}:*") if version.encode() in key]


def test_readers_read_the_lagging_replica_and_editors_never_do(deployment):
    primary, replica = deployment.primary, deployment.replica
    one, two = deployment.app_servers
    quote_id, key, words, revision, stance = primary.row(
        "SELECT q.id, q.key, q.text, q.revision, s.value"
        " FROM tracker_quote q JOIN tracker_stance s ON s.id = q.stance_id"
        " WHERE q.status = 'published' ORDER BY q.id LIMIT 1"
    )
    new_stance_id, new_stance = primary.row(
        "SELECT other.id, other.value FROM tracker_stance other"
        " JOIN tracker_stance s ON s.topic_id = other.topic_id AND s.value = %s"
        " WHERE other.id <> s.id ORDER BY other.position LIMIT 1",
        [stance],
    )
    new_words = f"Corrected while the replica lagged behind: {key} now reads so."
    permalink, csv, listing = f"/q/{key}/", "/quotes.csv", f"/quotes/?stance={new_stance}"
    change_page = f"/admin/tracker/quote/{quote_id}/change/"
    reader, editor = Visitor(), Visitor()

    # Both app servers count the statements once and cache the count in the shared cache.
    counted = {statement_count(reader.get(server.url + listing)) for server in (one, two)}
    [before] = counted

    with replay_paused(replica):
        signing_in = editor.get(one.url + "/admin/login/")
        signed_in = editor.post(
            one.url + "/admin/login/?next=/admin/",
            [
                *form_values(signing_in, "login-form"),
                ("username", "chief"),
                ("password", deployment.chief_password),
            ],
        )
        assert (signed_in.status, signed_in.location) == (302, "/admin/"), signed_in.text[:2000]

        # A correction of the words and the stance, through the admin, as a chief editor makes it.
        opened = editor.get(one.url + change_page)
        assert opened.status == 200
        changes = {
            "text": new_words,
            "stance": str(new_stance_id),
            "correction_reason": "The words were misread.",
            "_save": "Save",
        }
        posted = [(k, v) for k, v in form_values(opened, "quote_form") if k not in changes]
        saved = editor.post(one.url + change_page, [*posted, *changes.items()])
        assert saved.status == 302, saved.text[:3000]
        # The list the save leads to shows the new words at once.
        assert new_words[:40] in editor.get(one.url + saved.location).text

        # The reader comes first, on either server: the paused replica still has the old words,
        # and the count it makes now is not cached under the quotes' new version.
        for server in (one, two):
            page = reader.get(server.url + permalink)
            assert page.status == 200
            assert html.escape(words) in page.text
            assert new_words not in page.text
            # Not given an ETag its browser could keep the old words under once it catches up.
            assert page.etag is None
            assert statement_count(reader.get(server.url + listing)) == before
            exported = reader.get(server.url + csv)
            assert exported.status == 200
            assert key in exported.text
            assert new_words not in exported.text
        assert not cached_counts(deployment.cache, "replica")

        # The editor, on either server, sees what they saved: pinned to the primary.
        for server in (one, two):
            assert new_words in editor.get(server.url + permalink).text
            assert statement_count(editor.get(server.url + listing)) == before + 1
            assert new_words in editor.get(server.url + csv).text
        # The change page, on the other server, shows the revision just saved, not the
        # replica's: a second edit made on it (the editors' notes) is taken, not refused as an
        # edit conflict. Only app-1 takes saves, so app-2 learns of them from the shared cache.
        reopened = editor.get(two.url + change_page)
        notes = {"notes": "Checked against the recording.", "_save": "Save"}
        posted = [(k, v) for k, v in form_values(reopened, "quote_form") if k not in notes]
        saved_again = editor.post(one.url + change_page, [*posted, *notes.items()])
        assert saved_again.status == 302, saved_again.text[:3000]

        # Still paused: the replica has none of it, and the readers are still served from it.
        assert replica.value("SELECT text FROM tracker_quote WHERE id = %s", [quote_id]) == words
        assert new_words not in reader.get(two.url + permalink).text

    wait_for_replay(primary, replica)
    for server in (one, two):
        caught_up = reader.get(server.url + permalink)
        assert new_words in caught_up.text and caught_up.etag
        assert statement_count(reader.get(server.url + listing)) == before + 1
        assert new_words in reader.get(server.url + csv).text
    # Caught up, the replica's counts are cached again.
    assert cached_counts(deployment.cache, "replica")

    assert primary.row(
        "SELECT text, revision, notes FROM tracker_quote WHERE id = %s", [quote_id]
    ) == (new_words, revision + 2, "Checked against the recording.")
    assert (
        primary.value("SELECT count(*) FROM tracker_correction WHERE quote_id = %s", [quote_id])
        == 1
    )
    for server in (one, two):
        log = server.log_text()
        assert MISROUTED_WRITE not in log, log
        assert "Traceback" not in log, log

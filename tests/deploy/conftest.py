import contextlib
import os
import re
import shutil
import tempfile
from pathlib import Path
from types import SimpleNamespace

import pytest

from bench.load import bench_environment
from tests.deploy.servers import (
    AS_POSTGRES,
    DATABASE,
    AppServer,
    Cluster,
    manage,
    postgres_programs,
)

# Enough rows that a CSV of them (about 13 MB) outlasts what the network buffers hold (4 MB
# on the server's side, by default), so that a slow reader holds its worker or thread.
GENERATED_QUOTES = 30_000


def production_env(database_url):
    """Production settings, as docs/deploy.md gives them, for plain http on loopback."""
    base = {
        name: value
        for name, value in os.environ.items()
        if name not in {"CONN_MAX_AGE", "WHITENOISE_USE_FINDERS", "REDIS_URL"}
    }
    env = bench_environment(base, database_url=database_url)
    return {**env, "DJANGO_SETTINGS_MODULE": "tracker.settings"}


@pytest.fixture(scope="session")
def served_archive():
    """A PostgreSQL cluster of the tests' own holding a generated archive, served by gunicorn
    (two workers, gunicorn.conf.py) with production settings: its cluster may be stopped."""
    with contextlib.ExitStack() as teardown:
        directory = Path(tempfile.mkdtemp(prefix="otr-served-"))
        teardown.callback(shutil.rmtree, directory, ignore_errors=True)
        if AS_POSTGRES:
            shutil.chown(directory, "postgres")
        cluster = Cluster(postgres_programs(), directory, "archive")
        cluster.run("initdb", "-D", cluster.data, "-A", "trust", "-U", "postgres", "--no-sync")
        teardown.callback(cluster.stop)
        cluster.start()
        cluster.row(f"CREATE DATABASE {DATABASE}", database="postgres")

        # Its own static files: another test run in this checkout may be collecting them too.
        env = {**production_env(cluster.url()), "STATIC_ROOT": str(directory / "static")}
        manage(env, "migrate", "--no-input")
        manage(env, "collectstatic", "--no-input")
        manage(
            {**env, "DEBUG": "true", "DJANGO_SETTINGS_MODULE": "bench.settings"},
            *["generate_archive", "--quotes", str(GENERATED_QUOTES), "--seed", "1"],
        )
        accounts = manage(env, "create_demo_editors", "--force")
        server = AppServer("app", env, directory, workers=2)
        teardown.callback(server.stop)
        server.start()
        server.wait_until_ready()
        yield SimpleNamespace(
            cluster=cluster,
            server=server,
            editor_password=re.search(r"^\s*editor\s+password\s+(\S+)", accounts, re.M)[1],
        )

import contextlib
import re
import shutil
import tempfile
from pathlib import Path
from types import SimpleNamespace

import pytest

from tests.deploy.servers import (
    AS_POSTGRES,
    DATABASE,
    AppServer,
    Cluster,
    manage,
    postgres_programs,
    production_env,
)

# Enough rows that a CSV of them (about 13 MB) outlasts what the network buffers hold (4 MB
# on the server's side, by default), so that a slow reader holds its worker or thread.
GENERATED_QUOTES = 30_000


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

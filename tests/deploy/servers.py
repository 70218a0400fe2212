"""Real servers for the deployment tests, each the test's own: PostgreSQL clusters, gunicorn
app servers, and a visitor's browser (cookies, no redirects followed). They need the PostgreSQL
server programs (/usr/lib/postgresql/<version>/bin, or on PATH), redis-server and gunicorn.
"""

import contextlib
import http.cookiejar
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

import psycopg
import pytest
import redis
from django.conf import settings

from bench.load import bench_environment

HOST = "127.0.0.1"
DATABASE = "archive"
# initdb refuses to run as root: the clusters then belong to the postgres user.
AS_POSTGRES = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []


def free_port():
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


def wait_for(check, *, within, what):
    deadline = time.monotonic() + within
    while time.monotonic() < deadline:
        with contextlib.suppress(OSError, psycopg.OperationalError, redis.ConnectionError):
            if check():
                return
        time.sleep(0.05)
    raise AssertionError(f"Waited {within} s for {what}.")


def postgres_programs():
    """The newest PostgreSQL server programs installed: Debian's, else those on PATH."""
    versions = [
        path.parent
        for path in Path("/usr/lib/postgresql").glob("*/bin/initdb")
        if path.parent.parent.name.isdigit()
    ]
    if versions:
        return max(versions, key=lambda bin_dir: int(bin_dir.parent.name))
    if initdb := shutil.which("initdb"):
        return Path(initdb).parent
    pytest.fail("The replica test needs PostgreSQL's server programs (initdb, pg_ctl, ...).")


class Cluster:
    """A PostgreSQL cluster of this test's own, on a port of its own."""

    def __init__(self, programs, directory, name):
        self.programs, self.directory, self.name = programs, directory, name
        self.data = directory / name
        self.port = free_port()

    def run(self, program, *args):
        command = [*AS_POSTGRES, str(self.programs / program), *map(str, args)]
        result = subprocess.run(command, capture_output=True, text=True, timeout=120)
        assert result.returncode == 0, f"{program} failed:\n{result.stdout}{result.stderr}"

    def start(self):
        options = f"-p {self.port} -k {self.directory} -c listen_addresses={HOST} -c fsync=off"
        self.run("pg_ctl", "-D", self.data, "-l", self.log, "-w", "-t", 60, "-o", options, "start")

    def stop(self):
        command = [*AS_POSTGRES, str(self.programs / "pg_ctl"), "-D", str(self.data)]
        subprocess.run([*command, "-m", "immediate", "stop"], capture_output=True, timeout=60)

    @property
    def log(self):
        return self.directory / f"{self.name}.log"

    def url(self, database=DATABASE):
        return f"postgres://postgres@{HOST}:{self.port}/{database}"

    def row(self, sql, params=(), *, database=DATABASE):
        with psycopg.connect(self.url(database), autocommit=True, connect_timeout=5) as conn:
            cursor = conn.execute(sql, params)
            return cursor.fetchone() if cursor.description else None

    def value(self, sql, params=(), *, database=DATABASE):
        return self.row(sql, params, database=database)[0]


class AppServer:
    """gunicorn serving the archive, as one of several behind a reverse proxy."""

    def __init__(self, name, env, directory, *, workers=1, config="gunicorn.conf.py"):
        self.name, self.env, self.workers, self.config = name, env, workers, config
        self.port = free_port()
        self.log = directory / f"{name}.log"
        self.process = None

    @property
    def url(self):
        return f"http://{HOST}:{self.port}"

    def start(self):
        with self.log.open("w") as log:
            self.process = subprocess.Popen(
                [
                    *[sys.executable, "-m", "gunicorn", "tracker.wsgi:application"],
                    *["--config", str(settings.BASE_DIR / self.config)],
                    *["--bind", f"{HOST}:{self.port}", "--workers", str(self.workers)],
                    *["--timeout", "30", "--chdir", str(settings.BASE_DIR)],
                ],
                env=self.env,
                stdin=subprocess.DEVNULL,
                stdout=log,
                stderr=subprocess.STDOUT,
            )

    def wait_until_ready(self):
        def answers():
            assert self.process.poll() is None, f"{self.name} exited:\n{self.log_text()}"
            return Visitor().get(self.url + "/health/live").status == 200

        wait_for(answers, within=30, what=f"{self.name} to answer")

    def stop(self):
        if self.process is not None and self.process.poll() is None:
            self.process.send_signal(signal.SIGINT)  # gunicorn's quick shutdown
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=5)

    def log_text(self):
        return self.log.read_text(errors="replace") if self.log.exists() else ""


@dataclass
class Answer:
    status: int
    text: str
    location: str | None
    etag: str | None = None
    headers: dict = field(default_factory=dict)


class _NoRedirects(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None  # a redirect is an answer to look at, not to follow


class Visitor:
    """One person's browser: their cookies go to whichever app server the proxy picks."""

    def __init__(self):
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()), _NoRedirects()
        )

    def get(self, url, timeout=30):
        return self._open(url, timeout=timeout)

    def post(self, url, data, timeout=30):
        return self._open(url, urllib.parse.urlencode(data).encode(), timeout=timeout)

    def _open(self, url, body=None, timeout=30):
        try:
            with self.opener.open(url, body, timeout=timeout) as response:
                text = response.read().decode()
                headers = dict(response.headers)
                return Answer(response.status, text, None, response.headers.get("ETag"), headers)
        except urllib.error.HTTPError as error:
            text, headers = error.read().decode(), dict(error.headers)
            return Answer(error.code, text, error.headers.get("Location"), headers=headers)


def production_env(database_url):
    """Production settings, as docs/deploy.md gives them, for plain http on loopback."""
    base = {
        name: value
        for name, value in os.environ.items()
        if name not in {"CONN_MAX_AGE", "WHITENOISE_USE_FINDERS", "REDIS_URL"}
    }
    env = bench_environment(base, database_url=database_url)
    return {**env, "DJANGO_SETTINGS_MODULE": "tracker.settings"}


def manage(env, *args):
    """A release step, run the way a deployment runs it: with the app servers' environment."""
    result = subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        # A ceiling for a step that hangs, not a measure: CI runs two suites on two cores.
        timeout=600,
    )
    assert result.returncode == 0, f"manage.py {' '.join(args)}:\n{result.stderr}"
    return result.stdout


def stop_process(process):
    process.terminate()
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(timeout=5)

"""Load on a local gunicorn for `manage.py bench`: start it, drive it with wrk, watch its workers.

Everything here talks to processes on 127.0.0.1 that this process started, and to nothing
else; what is asked for is bench.scenarios, and how it is reported bench.report.
"""

import http.client
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.db import connection

HOST = "127.0.0.1"
SETTINGS_MODULE = "bench.settings"


def bench_environment(base, *, database_url):
    """Production settings for a plain-http server on loopback, with a secret made for this
    run."""
    env = {
        **base,
        "DJANGO_SETTINGS_MODULE": SETTINGS_MODULE,
        "DEBUG": "false",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": HOST,
        "SECURE_SSL_REDIRECT": "false",
        "SECURE_COOKIES": "false",
        "DATABASE_URL": database_url,
        "CONN_MAX_AGE": base.get("CONN_MAX_AGE", "60"),
    }
    return env


def wrk_available():
    return shutil.which("wrk") is not None


# wrk ----------------------------------------------------------------------------------------

# wrk counts only 4xx and 5xx in its summary and exits 0 whatever they are. This script counts
# every answer that is neither 2xx nor 3xx (and the 3xx apart: a redirect is not the page
# being measured), and prints one line the command reads: latencies in microseconds.
WRK_SCRIPT = """\
local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  not_ok = 0
  redirects = 0
  first_bad = 0
end

function response(status, headers, body)
  if status >= 300 and status < 400 then
    redirects = redirects + 1
  elseif status < 200 or status >= 400 then
    not_ok = not_ok + 1
    if first_bad == 0 then first_bad = status end
  end
end

function done(summary, latency, requests)
  local not_ok, redirects, first_bad = 0, 0, 0
  for _, thread in ipairs(threads) do
    not_ok = not_ok + thread:get("not_ok")
    redirects = redirects + thread:get("redirects")
    if first_bad == 0 then first_bad = thread:get("first_bad") end
  end
  local errors = summary.errors
  io.write(string.format(
    "BENCH requests=%d duration_us=%d bytes=%d p50_us=%d p90_us=%d p99_us=%d max_us=%d"
      .. " not_ok=%d redirects=%d first_bad=%d connect=%d read=%d write=%d timeout=%d\\n",
    summary.requests, summary.duration, summary.bytes,
    math.floor(latency:percentile(50)), math.floor(latency:percentile(90)),
    math.floor(latency:percentile(99)), math.floor(latency.max),
    not_ok, redirects, first_bad,
    errors.connect, errors.read, errors.write, errors.timeout))
end
"""

SOCKET_ERRORS = ("connect", "read", "write", "timeout")


@dataclass(frozen=True)
class LoadResult:
    requests: int
    duration_us: int
    bytes: int
    p50_us: int
    p90_us: int
    p99_us: int
    max_us: int
    not_ok: int  # answers neither 2xx nor 3xx
    redirects: int
    first_bad: int  # the first status counted in not_ok, 0 if none
    socket_errors: dict = field(default_factory=dict)

    @property
    def requests_per_second(self):
        return self.requests / (self.duration_us / 1e6) if self.duration_us else 0.0

    @property
    def errors(self):
        return self.not_ok + sum(self.socket_errors.values())

    def error_details(self):
        details = []
        if not self.requests:
            details.append(
                f"no request finished within the {self.duration_us / 1e6:.0f} s run: "
                "each takes longer (or hangs)"
            )
        if self.not_ok:
            details.append(f"{self.not_ok} answers not 2xx/3xx (first: {self.first_bad})")
        details += [f"{count} {name} errors" for name, count in self.socket_errors.items() if count]
        if self.redirects:
            details.append(f"{self.redirects} redirects (3xx), not the page itself")
        return details


def parse_wrk_output(text):
    """The LoadResult in the line WRK_SCRIPT prints; ValueError if wrk printed none."""
    for line in text.splitlines():
        if line.startswith("BENCH "):
            values = dict(item.split("=", 1) for item in line.split()[1:])
            numbers = {name: int(value) for name, value in values.items()}
            return LoadResult(
                requests=numbers["requests"],
                duration_us=numbers["duration_us"],
                bytes=numbers["bytes"],
                p50_us=numbers["p50_us"],
                p90_us=numbers["p90_us"],
                p99_us=numbers["p99_us"],
                max_us=numbers["max_us"],
                not_ok=numbers["not_ok"],
                redirects=numbers["redirects"],
                first_bad=numbers["first_bad"],
                socket_errors={name: numbers[name] for name in SOCKET_ERRORS},
            )
    raise ValueError(f"wrk printed no result line:\n{text}")


# Appended to WRK_SCRIPT for a scenario of many addresses: each request asks for the next.
PATHS_SCRIPT = """
local next_path = 0

function request()
  next_path = next_path % #paths + 1
  return wrk.format(nil, paths[next_path])
end
"""


def script_for_paths(script, paths):
    """A copy of the wrk script at `script` that asks for `paths` in turn."""
    if not all(re.fullmatch(r"[\w/?&=.%:-]+", path) for path in paths):
        raise ValueError("wrk paths must be plain URL paths")
    listed = ",\n".join(f'  "{path}"' for path in paths)
    scripted = script.with_name(f"{script.stem}-paths{script.suffix}")
    scripted.write_text(f"{script.read_text()}\npaths = {{\n{listed}\n}}\n{PATHS_SCRIPT}")
    return scripted


def run_wrk(url, *, script, duration, connections, timeout, headers=()):
    command = [
        "wrk",
        "--threads",
        "1",  # one event loop drives 4 connections easily and leaves the cores to the server
        "--connections",
        str(connections),
        "--duration",
        f"{duration}s",
        "--timeout",
        f"{timeout}s",
        "--script",
        str(script),
    ]
    for header in headers:
        command += ["--header", header]
    finished = subprocess.run(
        [*command, url],
        capture_output=True,
        text=True,
        timeout=duration + timeout + 30,
        check=False,
    )
    if finished.returncode != 0:
        raise RuntimeError(f"wrk failed ({finished.returncode}): {finished.stderr.strip()}")
    return parse_wrk_output(finished.stdout)


# gunicorn -----------------------------------------------------------------------------------


def free_port():
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


def proc_status(pid, name):
    """A field of /proc/<pid>/status in kB (VmRSS: now, VmHWM: the process's peak)."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(f"{name}:"):
            return int(line.split()[1])
    raise KeyError(name)


def _stat_fields(path):
    # The command name is in parentheses and may hold spaces: read after the last ")", so
    # that fields[0] is the state (field 3 in proc(5)), fields[1] the parent's pid.
    return Path(path).read_text().rsplit(")", 1)[1].split()


def children(pid):
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = _stat_fields(stat)
        except (OSError, IndexError):
            continue
        if int(fields[1]) == pid:
            found.append(int(stat.parent.name))
    return sorted(found)


def cpu_ticks(pid):
    """User and system CPU time a process has used, in clock ticks."""
    fields = _stat_fields(f"/proc/{pid}/stat")
    return int(fields[11]) + int(fields[12])


def database_busy():
    """Whether any other session is running a query on this database (a worker's, say)."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
            "AND state = 'active' AND pid <> pg_backend_pid()"
        )
        return cursor.fetchone()[0] > 0


class Server:
    """gunicorn serving the archive on 127.0.0.1, started and stopped by this process only."""

    def __init__(self, *, workers, env, log_path, port=0, timeout=120, worker_class="sync"):
        self.workers, self.env, self.log_path = workers, env, log_path
        self.worker_class = worker_class
        self.port = port or free_port()
        self.timeout = timeout
        self.process = None

    @property
    def url(self):
        return f"http://{HOST}:{self.port}"

    def command(self):
        return [
            sys.executable,
            "-m",
            "gunicorn",
            "tracker.wsgi:application",
            # The deployment's settings (threads for gthread), then the bench's own below.
            "--config",
            str(settings.BASE_DIR / "gunicorn.conf.py"),
            # The application is loaded once, before the workers are forked: each starts warm.
            "--preload",
            "--bind",
            f"{HOST}:{self.port}",
            "--workers",
            str(self.workers),
            "--worker-class",
            self.worker_class,
            # gunicorn.conf.py's threads would turn sync workers into gthread ones.
            *(["--threads", "1"] if self.worker_class == "sync" else []),
            "--timeout",
            str(self.timeout),
            "--graceful-timeout",
            "10",
            "--chdir",
            str(settings.BASE_DIR),
            "--error-logfile",
            str(self.log_path),
            "--log-level",
            "warning",
        ]

    def __enter__(self):
        self.process = subprocess.Popen(
            self.command(),
            env=self.env,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.STDOUT,
        )
        try:
            self.wait_until_ready()
        except BaseException:
            self.stop()
            raise
        return self

    def __exit__(self, *exc_info):
        self.stop()

    def wait_until_ready(self, within=60):
        deadline = time.monotonic() + within
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"gunicorn exited ({self.process.returncode}):\n{self.log()}")
            try:
                status, _ = get(self.url + "/_bench/bare/", timeout=5)
            except OSError:
                time.sleep(0.2)
                continue
            if status != 200:
                raise RuntimeError(f"gunicorn answers {status} on /_bench/bare/:\n{self.log()}")
            if len(self.worker_pids()) >= self.workers:
                return
            time.sleep(0.2)
        raise RuntimeError(f"gunicorn did not answer within {within} s:\n{self.log()}")

    def worker_pids(self):
        return children(self.process.pid)

    def worker_ticks(self):
        ticks = {}
        for pid in self.worker_pids():
            try:
                ticks[pid] = cpu_ticks(pid)
            except OSError:  # a worker that has just exited
                continue
        return ticks

    def wait_until_idle(self, *, quiet=0.3, within=300):
        """Wait until no worker is still serving a request that wrk gave up on.

        wrk stops at the end of its time, but a sync worker finishes the request it holds:
        a page slower than the run would still be rendering (or querying) when the next
        scenario starts. Idle: no worker used CPU for `quiet` seconds and no query runs.
        Returns the seconds waited, or None if the server was still busy after `within`.
        """
        started = time.monotonic()
        deadline = started + within
        while time.monotonic() < deadline:
            before = self.worker_ticks()
            time.sleep(quiet)
            if self.worker_ticks() == before and not database_busy():
                return time.monotonic() - started
        return None

    def log(self, lines=40):
        try:
            return "\n".join(Path(self.log_path).read_text().splitlines()[-lines:])
        except OSError:
            return ""

    def stop(self):
        if self.process is None or self.process.poll() is not None:
            return
        self.process.send_signal(signal.SIGTERM)  # gunicorn's graceful shutdown
        try:
            self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(timeout=10)


def get(url, *, headers=None, timeout=300, chunk=64 * 1024):
    """(status, body length) of one GET, reading the body as it streams."""
    match = re.match(r"http://([^/:]+):(\d+)(/.*)", url)
    host, port, path = match[1], int(match[2]), match[3]
    conn = http.client.HTTPConnection(host, port, timeout=timeout)
    try:
        conn.request("GET", path, headers=headers or {})
        response = conn.getresponse()
        length = 0
        while data := response.read(chunk):
            length += len(data)
        return response.status, length
    finally:
        conn.close()


# The CSV export ------------------------------------------------------------------------------


@dataclass(frozen=True)
class ExportResult:
    status: int
    rows: int  # expected, counted in the database
    bytes: int
    first_byte_s: float
    total_s: float
    rss_before_kb: int
    peak_rss_kb: int


def measure_export(server, path, *, rows, warm_path, timeout=600):
    """One export from a server with a single worker: its time, and the worker's peak memory.

    The worker is warmed first (the bare view when the server came up, then a small export),
    so its peak (VmHWM in /proc/<pid>/status, the most resident memory it has ever held)
    after the export is the export's, on top of the worker's own.
    """
    (worker,) = server.worker_pids()
    get(server.url + warm_path, timeout=timeout)
    rss_before = proc_status(worker, "VmRSS")
    match = re.match(r"http://([^/:]+):(\d+)", server.url)
    conn = http.client.HTTPConnection(match[1], int(match[2]), timeout=timeout)
    started = time.monotonic()
    try:
        conn.request("GET", path)
        response = conn.getresponse()
        first = response.read(1)
        first_byte = time.monotonic() - started
        length = len(first)
        while data := response.read(64 * 1024):
            length += len(data)
        total = time.monotonic() - started
    finally:
        conn.close()
    return ExportResult(
        status=response.status,
        rows=rows,
        bytes=length,
        first_byte_s=first_byte,
        total_s=total,
        rss_before_kb=rss_before,
        peak_rss_kb=proc_status(worker, "VmHWM"),
    )


# A steady load, for the soak ------------------------------------------------------------------


@dataclass(frozen=True)
class SteadyResult:
    requests: int
    errors: int
    first_error: str
    p50_ms: float
    p99_ms: float
    late: int  # requests sent more than a second after their time: the server fell behind


def steady_load(base_url, paths, *, rate, duration, connections=4, timeout=30, headers=None):
    """`rate` requests a second for `duration` seconds, taking `paths` in turn.

    Open loop, unlike wrk: each request has its time on a fixed schedule and goes then (or at
    once, counted late, if its thread is still busy), so a slower server meets the same load
    rather than a lighter one. `connections` threads each keep one connection alive.
    """
    match = re.match(r"http://([^/:]+):(\d+)", base_url)
    host, port = match[1], int(match[2])
    total = int(rate * duration)
    started = time.monotonic() + 0.1
    latencies, errors, late = [], [], []
    lock = threading.Lock()

    def drive(offset):
        conn = http.client.HTTPConnection(host, port, timeout=timeout)
        for number in range(offset, total, connections):
            due = started + number / rate
            wait = due - time.monotonic()
            if wait > 0:
                time.sleep(wait)
            elif wait < -1:
                with lock:
                    late.append(number)
            path = paths[number % len(paths)]
            sent = time.monotonic()
            try:
                conn.request("GET", path, headers=headers or {})
                response = conn.getresponse()
                response.read()
                problem = None if response.status < 400 else f"{response.status} on {path}"
            except (OSError, http.client.HTTPException) as error:
                problem = f"{type(error).__name__} on {path}: {error}"
                conn.close()
                conn = http.client.HTTPConnection(host, port, timeout=timeout)
            with lock:
                latencies.append(time.monotonic() - sent)
                if problem:
                    errors.append(problem)
        conn.close()

    threads = [threading.Thread(target=drive, args=(n,)) for n in range(connections)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    latencies.sort()

    def percentile(p):
        return latencies[min(len(latencies) - 1, int(len(latencies) * p))] * 1000

    return SteadyResult(
        requests=len(latencies),
        errors=len(errors),
        first_error=errors[0] if errors else "",
        p50_ms=percentile(0.50) if latencies else 0.0,
        p99_ms=percentile(0.99) if latencies else 0.0,
        late=len(late),
    )


def worker_memory(server):
    """Each worker's resident memory now, in kB, by pid."""
    return {pid: proc_status(pid, "VmRSS") for pid in server.worker_pids()}

"""The fault scenarios of `make chaos`: gunicorn serving the archive as deployed (threaded
workers, production settings, a Redis of its own), readers asking for pages all along, and one
fault at a time: Redis hanging, Redis down, PostgreSQL down and back, a worker killed during a
CSV download, slow readers, a flood of requests that skip the page cache.

Redis and PostgreSQL are reached through links that this process breaks (bench/faults.py):
the PostgreSQL server, which others may share, is never stopped. What each reader got is
printed per fault, held to issue 23's rule: no answer of 500 and none slower than a second.
"""

import contextlib
import os
import random
import signal
import subprocess
import sys
import threading
import time
import urllib.parse
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings

from bench.faults import Download, LinkOfItsOwn, process_serving, redis_server
from bench.load import Server, bench_environment, get
from tracker.models import Nation, Quote

LIMIT = 1.0  # seconds: the slowest answer allowed while a fault lasts
READERS = 4


def reader_paths():
    """Public pages as readers ask for them: some the page cache holds, some it cannot."""
    quotes = list(Quote.objects.published().order_by("-id").values_list("key", flat=True)[:20])
    nations = list(Nation.objects.order_by("code").values_list("code", flat=True)[:5])
    fixed = ["/", "/quotes/", "/dates/", "/api/quotes/", "/robots.txt", "/sitemap.xml"]
    fixed += [f"/q/{key}/" for key in quotes] + [f"/nations/{code}/" for code in nations]

    def fresh(n):  # a URL no one asked for yet
        day = f"20{n % 25:02}-{n % 12 + 1:02}-{n % 28 + 1:02}"
        return random.choice(
            [f"/quotes/?said_after={day}&sort=oldest", f"/api/quotes/?said_before={day}"]
        )

    return fixed, fresh


@dataclass
class Outcome:
    fault: str
    answers: list = field(default_factory=list)  # (path, status, seconds)
    notes: list = field(default_factory=list)
    allowed: frozenset = frozenset({200})

    def failures(self):
        wrong = [a for a in self.answers if a[1] == 500 or a[1] not in self.allowed]
        slow = [a for a in self.answers if a[2] > LIMIT]
        return wrong, slow


class Readers:
    """READERS threads asking for pages one after another; answers go to `outcome`."""

    def __init__(self, url, paths):
        self.url, (self.fixed, self.fresh) = url, paths
        self.outcome, self.stopped, self.threads = None, threading.Event(), []

    def start(self):
        for number in range(READERS):
            thread = threading.Thread(target=self.read, args=(number,), daemon=True)
            thread.start()
            self.threads.append(thread)

    def read(self, number):
        n = number * 100_000
        while not self.stopped.is_set():
            n += 1
            path = self.fresh(n) if n % 3 == 0 else self.fixed[n % len(self.fixed)]
            started = time.monotonic()
            try:
                status, _ = get(self.url + path, timeout=10)
            except OSError:
                status = "no answer"
            if self.outcome is not None:
                self.outcome.answers.append((path, status, time.monotonic() - started))

    def stop(self):
        self.stopped.set()
        for thread in self.threads:
            thread.join(timeout=15)


def run(*, database_url, seconds, workers, scratch, say):
    paths = reader_paths()
    parsed = urllib.parse.urlsplit(database_url)
    with (
        redis_server(scratch) as cache_port,
        LinkOfItsOwn(upstream_port=cache_port) as cache_link,
        LinkOfItsOwn(upstream_host=parsed.hostname, upstream_port=parsed.port or 5432) as db_link,
    ):
        user, at, _ = parsed.netloc.rpartition("@")  # user and password, as given
        linked = parsed._replace(netloc=f"{user}{at}127.0.0.1:{db_link.port}")
        env = {
            **bench_environment(dict(os.environ), database_url=linked.geturl()),
            "REDIS_URL": f"redis://127.0.0.1:{cache_link.port}/0",
            "STATIC_ROOT": str(Path(scratch) / "static"),
        }
        # A release step, as a deployment runs it: the pages name static files by the manifest
        # of this checkout's code, collected apart from any other run's.
        subprocess.run(
            [sys.executable, "manage.py", "collectstatic", "--no-input"],
            cwd=settings.BASE_DIR,
            env=env,
            check=True,
            capture_output=True,
        )
        with Server(
            workers=workers,
            env=env,
            log_path=Path(scratch) / "gunicorn.log",
            worker_class="gthread",
        ) as server:
            say(f"gunicorn on {server.url}: {workers} gthread workers; {seconds} s a fault")
            outcomes = scenarios(server, cache_link, db_link, paths, seconds=seconds, say=say)
            return outcomes, server.log(lines=15)


def scenarios(server, cache_link, db_link, paths, *, seconds, say):
    readers = Readers(server.url, paths)
    readers.start()
    outcomes = []

    def fault(name, *, allowed=frozenset({200})):
        outcome = Outcome(name, allowed=allowed)
        readers.outcome = outcome
        outcomes.append(outcome)
        say(f"  {name}...")
        return outcome

    try:
        fault("warming up (not judged)")
        time.sleep(seconds)
        outcomes.pop()
        fault("no fault")
        time.sleep(seconds)

        fault("Redis hanging")
        cache_link.hang()
        time.sleep(seconds)
        cache_link.heal()
        fault("Redis down")
        cache_link.down()
        time.sleep(seconds)
        cache_link.heal()

        fault("PostgreSQL down", allowed=frozenset({200, 503}))
        db_link.down()
        time.sleep(seconds)
        db_link.heal()
        back = fault("PostgreSQL back", allowed=frozenset({200, 503}))
        time.sleep(seconds)
        recovered = [a for a in back.answers if a[1] == 503]
        back.notes.append(f"{len(recovered)} answers of 503 after it came back")
        if back.answers and back.answers[-1][1] != 200:
            back.allowed = frozenset({200})  # it must end recovered

        # Requests in flight on the killed worker get no answer (a proxy retries them).
        killed = fault("a worker killed mid-export", allowed=frozenset({200, "no answer"}))
        download = Download(server.port, "/quotes.csv", rate=1_000_000)
        downloading = threading.Thread(target=download.run)
        downloading.start()
        deadline = time.monotonic() + 10
        while len(download.body) < 100_000 and time.monotonic() < deadline:
            time.sleep(0.05)
        pid = download.client_port and process_serving(download.client_port, server.worker_pids())
        if pid:
            os.kill(pid, signal.SIGKILL)
        time.sleep(seconds)
        downloading.join(timeout=30)
        killed.notes.append(export_note(download, pid))

        slow = fault("slow clients (4 CSV downloads at 50 KB/s)")
        downloads = [Download(server.port, "/quotes.csv", rate=50_000) for _ in range(4)]
        threads = [threading.Thread(target=d.run, daemon=True) for d in downloads]
        for thread in threads:
            thread.start()
        time.sleep(seconds)
        slow.notes.append(f"{sum(len(d.body) for d in downloads) // 1024} KB read by them")
        for download in downloads:
            download.stopped.set()

        flood = fault("a flood of cache-busting requests (8 at once)")
        stop_flood = threading.Event()
        flooders = [
            threading.Thread(target=bust_cache, args=(server.url, stop_flood, n), daemon=True)
            for n in range(8)
        ]
        for thread in flooders:
            thread.start()
        time.sleep(seconds)
        stop_flood.set()
        for thread in flooders:
            thread.join(timeout=15)
        flood.notes.append(
            "the flood's own answers are not judged; its URLs differ, so no cache holds them"
        )
    finally:
        readers.stop()
    return outcomes


def export_note(download, pid):
    if not pid:
        return "could not tell which worker served the download: none killed"
    text = download.body.decode(errors="replace")
    last = text.rstrip("\r\n").rpartition("\n")[2]
    try:
        download.body.decode()
        whole_characters = "whole UTF-8 characters"
    except UnicodeDecodeError:
        whole_characters = "cut inside a UTF-8 character"
    ended = "ends with '# complete'" if last.startswith("# complete") else "has no '# complete'"
    return (
        f"worker {pid} killed after {len(download.body) // 1024} KB: the file {ended} line "
        f"(transfer {'finished' if download.complete else 'cut'}), {whole_characters}"
    )


def bust_cache(url, stopped, number):
    n = 0
    while not stopped.is_set():
        n += 1
        path = random.choice(["/", "/quotes/", "/sitemap.xml", "/api/quotes/"])
        headers = {"Cache-Control": "no-cache", "Cookie": f"sessionid=made-up-{number}-{n}"}
        with contextlib.suppress(OSError):
            get(f"{url}{path}?bust={number}-{n}", headers=headers, timeout=10)


def report(outcomes, say):
    """The table, and whether every fault kept to the rule."""
    say("")
    say(
        f"{'fault':<48} {'answers':>7} {'200':>5} {'503':>5} {'500':>4} {'other':>5} "
        f"{'p50 ms':>7} {'max ms':>7}  verdict"
    )
    kept = True
    for outcome in outcomes:
        statuses = [a[1] for a in outcome.answers]
        times = sorted(a[2] for a in outcome.answers) or [0]
        wrong, slow = outcome.failures()
        ok = not wrong and not slow and outcome.answers
        kept &= bool(ok)
        other = len([s for s in statuses if s not in (200, 503, 500)])  # no answer, 4xx
        say(
            f"{outcome.fault:<48} {len(statuses):>7} {statuses.count(200):>5} "
            f"{statuses.count(503):>5} {statuses.count(500):>4} {other:>5} "
            f"{times[len(times) // 2] * 1000:>7.0f} {times[-1] * 1000:>7.0f}  "
            + ("ok" if ok else "FAILED")
        )
        for note in outcome.notes:
            say(f"    {note}")
        for path, status, seconds in (wrong + slow)[:5]:
            say(f"    {status} in {seconds * 1000:.0f} ms: {path}")
    return kept

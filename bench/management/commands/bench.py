"""Benchmark the archive as it is served: gunicorn, production settings, PostgreSQL, wrk.

    DJANGO_SETTINGS_MODULE=bench.settings python manage.py bench     # or: make bench
    DJANGO_SETTINGS_MODULE=bench.settings python manage.py bench --duration 5 --only search
    DJANGO_SETTINGS_MODULE=bench.settings python manage.py bench --after-publication

Runs itself again with production settings (DEBUG off, a secret made for the run, plain http
on 127.0.0.1, bench.settings for the reference views), so that the in-process query counts,
the bench editor's session and the cache it clears are exactly those gunicorn sees. See
docs/performance.md for what it measures and how.
"""

import argparse
import os
import subprocess
import sys
import tempfile
import time
from importlib import import_module
from pathlib import Path

from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.core.cache import cache
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import DatabaseError, connection
from django.db.migrations.executor import MigrationExecutor

from bench import after_publication, load, report
from bench.scenarios import (
    DEFAULT_DATABASE_URL,
    REFERENCES,
    admin_scenarios,
    bench_client,
    count_queries,
    csv_path,
    discover_archive,
    public_scenarios,
    reference_scenarios,
)
from bench.targets import Mode
from tracker.models import Quote, User

BENCH_USERNAME = "bench-admin"
MAKE_DATA = (
    "run `make bench-data` (or `manage.py generate_archive --quotes 1000000 --seed 1` "
    "with DEBUG=true and DJANGO_SETTINGS_MODULE=bench.settings) first"
)


class Command(BaseCommand):
    help = (
        "Serve the archive with gunicorn and production settings on the PostgreSQL database of "
        "DATABASE_URL, drive each scenario with wrk at a fixed concurrency for a bounded time, "
        "and print requests/s, p50, p99, errors, SQL queries per request and throughput "
        "relative to bare reference views, each against its target of issue 18 for the run's "
        "mode (bench/targets.py)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--database-url",
            default=os.environ.get("DATABASE_URL") or DEFAULT_DATABASE_URL,
            help="PostgreSQL database holding a generated archive (default: DATABASE_URL, "
            f"else {DEFAULT_DATABASE_URL}).",
        )
        parser.add_argument(
            "--duration", type=int, default=10, help="Seconds of load per scenario (10)."
        )
        parser.add_argument(
            "--warmup",
            type=int,
            default=1,
            help="Seconds of unmeasured load before each scenario (1; 0 for none).",
        )
        parser.add_argument(
            "--connections", type=int, default=4, help="Concurrent connections (4)."
        )
        parser.add_argument(
            "--workers",
            type=int,
            help="gunicorn sync workers (default: as many as --connections).",
        )
        parser.add_argument(
            "--timeout",
            type=int,
            default=10,
            help="Seconds before wrk counts a request as a timeout error (10).",
        )
        parser.add_argument(
            "--csv-rows", type=int, default=100_000, help="Rows in the CSV export (100000)."
        )
        parser.add_argument(
            "--only",
            default="",
            help="Comma-separated parts of scenario names to run (e.g. 'permalink,search,csv'); "
            "the reference views always run.",
        )
        parser.add_argument("--port", type=int, default=0, help="Port (default: a free one).")
        parser.add_argument(
            "--fresh",
            action="store_true",
            help="Serve the archive without the page cache, so that every public page is "
            "rendered afresh rather than served as cached for anonymous visitors, and hold it "
            "to the targets for pages rendered afresh.",
        )
        parser.add_argument(
            "--after-publication",
            action="store_true",
            help="Instead of the table: ask for each public page --visits times, one request "
            "at a time, with what a publication in every scope makes stale discarded before "
            "each (the first visitor after a publication). Writes to the cache of REDIS_URL.",
        )
        parser.add_argument(
            "--discard",
            choices=sorted(after_publication.DISCARDS),
            default="publication",
            help="With --after-publication: discard what a publication makes stale (judged), "
            "or everything cached, the quotes' cards included (as after a cache flush).",
        )
        parser.add_argument(
            "--visits",
            type=int,
            default=after_publication.VISITS,
            help=f"Requests per page with --after-publication ({after_publication.VISITS}).",
        )
        parser.add_argument(
            "--soak",
            type=int,
            default=0,
            help="Instead of the table: serve the public scenarios in turn at a steady --rate "
            "for this many seconds, and check for errors and workers' memory growth (make soak).",
        )
        parser.add_argument(
            "--rate", type=int, default=20, help="Requests per second in the soak (20)."
        )
        parser.add_argument("--inside", action="store_true", help=argparse.SUPPRESS)

    def handle(self, *args, inside, **options):
        if options["connections"] < 1 or options["duration"] < 1:
            raise CommandError("--connections and --duration must be at least 1.")
        options["workers"] = options["workers"] or options["connections"]
        if not inside:
            return self.run_inside(options)
        self.check_environment()
        with tempfile.TemporaryDirectory(prefix="otr-bench-") as scratch:
            if options["soak"]:
                self.soak(Path(scratch), **options)
            elif options["after_publication"]:
                self.first_visitors(Path(scratch), **options)
            else:
                self.bench(Path(scratch), **options)

    # Outside: start again with the bench settings ------------------------------------------

    def run_inside(self, options):
        wrk_needed = not (options["soak"] or options["after_publication"])
        if wrk_needed and not load.wrk_available():
            raise CommandError("wrk is not installed: apt-get install -y wrk (make bench does).")
        self.run_again(options)

    def run_again(self, options):
        # The cache the command clears for its server is the one they share: Redis, or
        # without REDIS_URL the folder every process of the machine shares (settings).
        env = load.bench_environment(os.environ, database_url=options["database_url"])
        arguments = [
            sys.executable,
            str(Path(settings.BASE_DIR) / "manage.py"),
            "bench",
            "--inside",
        ]
        for name in (
            "duration",
            "warmup",
            "connections",
            "workers",
            "timeout",
            "csv_rows",
            "port",
            "soak",
            "rate",
            "visits",
            "discard",
        ):
            arguments += [f"--{name.replace('_', '-')}", str(options[name])]
        arguments += ["--only", options["only"], "--database-url", options["database_url"]]
        for flag in ("fresh", "after_publication"):
            if options[flag]:
                arguments.append(f"--{flag.replace('_', '-')}")
        finished = subprocess.run(arguments, env=env, check=False)
        if finished.returncode:
            sys.exit(finished.returncode)  # the run inside has said why

    # Inside: the bench settings are this process's ----------------------------------------

    def check_environment(self):
        if settings.DEBUG or settings.SETTINGS_MODULE != load.SETTINGS_MODULE:
            raise CommandError("--inside is for the bench command itself: run it without.")
        if connection.vendor != "postgresql":
            raise CommandError(
                f"The benchmark runs on PostgreSQL, not {connection.vendor}: set DATABASE_URL "
                f"(default {DEFAULT_DATABASE_URL})."
            )
        name = connection.settings_dict["NAME"]
        try:
            executor = MigrationExecutor(connection)
            unapplied = executor.migration_plan(executor.loader.graph.leaf_nodes())
            has_quotes = not unapplied and Quote.objects.published().exists()
        except DatabaseError as error:
            raise CommandError(
                f"Cannot read the archive in {name}: {error}\n{MAKE_DATA}."
            ) from error
        if unapplied:
            raise CommandError(
                f"{name} has {len(unapplied)} migrations to apply: run `manage.py migrate` with "
                "its DATABASE_URL (make bench-data does)."
            )
        if not has_quotes:
            raise CommandError(f"{name} holds no published quotes: {MAKE_DATA}.")

    def say(self, text=""):
        self.stdout.write(text)
        self.stdout.flush()

    def bench(
        self,
        scratch,
        *,
        duration,
        warmup,
        connections,
        workers,
        timeout,
        csv_rows,
        only,
        port,
        fresh,
        **options,
    ):
        chosen = chosen_by(only)
        mode = Mode.FRESH if fresh else Mode.CACHED
        started = time.monotonic()
        self.say(f"Machine: {report.machine_description()}")
        self.say(f"Finding the scenarios in {connection.settings_dict['NAME']}...")
        archive = discover_archive(csv_rows=csv_rows)
        for line in archive.describe():
            self.say(f"  {line}")
        call_command("collectstatic", interactive=False, verbosity=0)

        scenarios = [
            *reference_scenarios(archive.quote_pk),
            *(s for s in public_scenarios(archive) if chosen(s.name)),
            *(s for s in admin_scenarios(archive) if chosen(s.name)),
        ]
        session_key = self.open_editor_session() if any(s.admin for s in scenarios) else None
        try:
            rows = self.measure(
                scratch,
                scenarios,
                session_key=session_key,
                duration=duration,
                warmup=warmup,
                connections=connections,
                workers=workers,
                timeout=timeout,
                port=port,
                mode=mode,
            )
            export, export_line = None, None
            if chosen("csv export"):
                export, export_line = self.measure_export(
                    scratch, archive, port=port, timeout=timeout
                )
        finally:
            if session_key:
                self.close_editor_session(session_key)

        self.say()
        self.say(
            f"gunicorn: {workers} sync workers, CONN_MAX_AGE={os.environ['CONN_MAX_AGE']}; "
            f"wrk: {connections} connections (1 for one editor), 1 thread, {duration} s per "
            f"scenario after {warmup} s of warm-up; "
            f"cache: {settings.CACHES['default']['BACKEND'].rsplit('.', 1)[-1]}; "
            + (
                "public pages rendered afresh (served without the page cache)"
                if fresh
                else "public pages as cached for anonymous visitors (--fresh renders each)"
            )
        )
        self.say(report.format_table(rows, mode))
        if paired := report.paired_references(rows):
            self.say()
            self.say("Ratio targets, each against its reference measured just before it:")
            for line in paired:
                self.say(f"- {line}")
        if export_line:
            self.say()
            self.say(export_line)
        self.say()
        for line in report.targets_summary(rows, mode, export):
            self.say(line)
        problems = report.notes(rows)
        if problems:
            self.say()
            self.say("Notes:")
            for problem in problems:
                self.say(f"- {problem}")
        self.say()
        self.say("Addresses:")
        for row in rows:
            more = len(row.scenario.paths) - 1
            others = f" and {more:,} more like it, each asked for once" if more > 0 else ""
            self.say(f"- {row.scenario.name}: {row.scenario.path}{others}")
        if export_line:
            self.say(f"- CSV export: {csv_path(archive)}")
        self.say(f"\nDone in {time.monotonic() - started:.0f} s.")

    def measure(
        self,
        scratch,
        scenarios,
        *,
        session_key,
        duration,
        warmup,
        connections,
        workers,
        timeout,
        port,
        mode,
    ):
        self.say("Counting SQL queries per request, in-process...")
        counted = {}
        for scenario in scenarios:
            client = bench_client(session_key if scenario.admin else None)
            warm_with = scenario.paths[1] if len(scenario.paths) > 1 else None
            counted[scenario.name] = count_queries(client, scenario.path, warm_with)

        script = scratch / "bench.lua"
        script.write_text(load.WRK_SCRIPT)
        cookie = [f"Cookie: {settings.SESSION_COOKIE_NAME}={session_key}"] if session_key else []
        rows = []
        server = load.Server(
            workers=workers,
            env=server_environment(fresh=mode == Mode.FRESH),
            log_path=scratch / "gunicorn.log",
            port=port,
        )
        with server:
            self.say(f"gunicorn on {server.url}, workers {server.worker_pids()}")

            read = {}  # how many of a scenario's paths were asked for, its first two counting

            def drive(scenario, seconds):
                scenario_script = script
                if scenario.paths:
                    # Each run, the warm-up's too, starts past every address asked for before.
                    start = read.setdefault(scenario.name, 2)
                    unread = scenario.paths[start:] or scenario.paths
                    scenario_script = load.script_for_paths(script, unread)
                result = load.run_wrk(
                    server.url + scenario.path,
                    script=scenario_script,
                    duration=seconds,
                    connections=scenario.connections(connections),
                    timeout=timeout,
                    headers=cookie if scenario.admin else [],
                )
                if scenario.paths:
                    # And those cut off at the end.
                    read[scenario.name] += result.requests + scenario.connections(connections)
                waited = server.wait_until_idle()
                if waited is None:
                    self.say(
                        f"  {scenario.name}: the server was still busy 300 s after wrk stopped"
                    )
                elif waited > 1:
                    self.say(f"  {scenario.name}: the workers finished {waited:.0f} s after wrk")
                return result

            # Every worker imports the views and opens its database connection.
            drive(scenarios[1], max(2, warmup))
            by_name = {scenario.name: scenario for scenario in scenarios}
            for scenario in scenarios:
                reference = None
                target = scenario.target(mode)
                if target is not None and target.min_ratio is not None:
                    # Measured again next to the scenario, which is judged against it.
                    reference = drive(by_name[REFERENCES[scenario.reference]], duration)
                if warmup:
                    drive(scenario, warmup)
                result = drive(scenario, duration)
                status, queries = counted[scenario.name]
                rows.append(report.Row(scenario, result, queries, status, reference))
                self.say(
                    f"  {scenario.name}: {result.requests_per_second:,.1f} req/s, "
                    f"p99 {result.p99_us / 1000:.1f} ms, {result.errors} errors"
                )
            if server.process.poll() is not None:
                raise CommandError(f"gunicorn stopped during the run:\n{server.log()}")
            log = server.log()
        if log.strip():
            self.say(f"gunicorn's error log (last lines):\n{log}")
        return rows

    def measure_export(self, scratch, archive, *, port, timeout):
        path = csv_path(archive)
        self.say(f"CSV export of {archive.csv_rows:,} rows on a server with one worker...")
        small = f"/quotes.csv?q={archive.rare_word}"
        status, queries = count_queries(bench_client(), small)
        server = load.Server(
            workers=1, env=dict(os.environ), log_path=scratch / "export.log", port=port
        )
        with server:
            result = load.measure_export(
                server, path, rows=archive.csv_rows, warm_path=small, timeout=max(600, timeout)
            )
        return result, (
            f"{report.format_export(result)}; {queries} queries per export "
            f"(counted on {small}, status {status})"
        )

    # The soak ------------------------------------------------------------------------------

    def soak(self, scratch, *, soak, rate, warmup, connections, workers, port, fresh, **options):
        """Issue 6: a steady load for `soak` seconds gives no error and no worker grows >10%."""
        archive = discover_archive(csv_rows=1)
        call_command("collectstatic", interactive=False, verbosity=0)
        paths = [scenario.path for scenario in public_scenarios(archive)]
        server = load.Server(
            workers=workers,
            env=server_environment(fresh=fresh),
            log_path=scratch / "soak.log",
            port=port,
        )
        with server:
            pids = server.worker_pids()
            # Every worker renders every page and fills its caches before memory is read.
            settle = max(15, warmup)
            self.say(f"gunicorn on {server.url}, workers {pids}; settling for {settle} s...")
            load.steady_load(
                server.url,
                paths,
                rate=rate,
                duration=settle,
                connections=connections,
            )
            before = load.worker_memory(server)
            self.say(
                f"Soaking: {rate} requests/s for {soak} s over {len(paths)} addresses, "
                + ("each rendered afresh..." if fresh else "as cached for readers...")
            )
            result = load.steady_load(
                server.url,
                paths,
                rate=rate,
                duration=soak,
                connections=connections,
            )
            after = load.worker_memory(server)
            log = server.log()
        verdict = report.soak_verdict(result, before, after, expected=rate * soak)
        self.say(report.format_soak(result, before, after, rate=rate, seconds=soak))
        if log.strip():
            self.say(f"gunicorn's error log (last lines):\n{log}")
        self.say(f"\nAddresses: {', '.join(paths)}")
        if verdict:
            raise CommandError("The soak failed: " + "; ".join(verdict))
        self.say("\nThe soak passed: no errors, no worker grew by more than 10%.")

    # The first visitor after a publication --------------------------------------------------

    def first_visitors(self, scratch, *, visits, only, port, discard, **options):
        """Each public page `visits` times, one request at a time, each after what a
        publication makes stale (or everything, with `discard`) was discarded from the cache
        the server shares."""
        if visits < 1:
            raise CommandError("--visits must be at least 1.")
        chosen = chosen_by(only)
        started = time.monotonic()
        self.say(f"Machine: {report.machine_description()}")
        archive = discover_archive(csv_rows=1, unread=visits + 1)
        call_command("collectstatic", interactive=False, verbosity=0)
        server = load.Server(
            workers=1, env=dict(os.environ), log_path=scratch / "after-publication.log", port=port
        )
        rows = []
        with server:
            self.say(f"gunicorn on {server.url}, one worker; {visits} requests a page...")
            for scenario in public_scenarios(archive):
                if not chosen(scenario.name):
                    continue
                # Unmeasured: the worker's first request for the page loads what only a
                # release changes (templates, the filter's fixed choices), as it would have
                # long before a publication. A scenario of many URLs is warmed with its last,
                # which the visits do not reach.
                paths = scenario.paths or (scenario.path,)
                # Unmeasured too: the page as its readers had it before the publication, whose
                # cards stay cached.
                after_publication.visit(server.url, paths[-1:], times=1, clear=cache.clear)
                after_publication.visit(server.url, paths, times=1, clear=lambda: None)
                latencies, errors = after_publication.visit(
                    server.url, paths, times=visits, clear=after_publication.DISCARDS[discard]
                )
                row = after_publication.Visits(scenario, latencies, errors)
                rows.append(row)
                self.say(f"  {scenario.name}: p99 {row.percentile(0.99):.1f} ms")
            log = server.log()
        cache_backend = settings.CACHES["default"]["BACKEND"].rsplit(".", 1)[-1]
        self.say()
        self.say(
            f"The first visitor after a publication: gunicorn with 1 sync worker, "
            f"{visits} requests a page one at a time; before each, discarded from the cache "
            f"({cache_backend}): "
            + (
                "what a publication in every scope makes stale (the quotes' cards stay)"
                if discard == "publication"
                else "everything, the quotes' cards included (not a target: as after a flush)"
            )
        )
        self.say(after_publication.format_table(rows))
        self.say()
        if discard == "publication":
            for line in after_publication.targets_summary(rows):
                self.say(line)
        for row in rows:
            for error in row.errors[:3]:
                self.say(f"- {row.scenario.name}: {error}")
        if log.strip():
            self.say(f"gunicorn's error log (last lines):\n{log}")
        self.say("\nAddresses:")
        for row in rows:
            more = min(visits, len(row.scenario.paths)) - 1
            others = f" and {more:,} more like it, each asked for once" if more > 0 else ""
            self.say(f"- {row.scenario.name}: {row.scenario.path}{others}")
        self.say(f"\nDone in {time.monotonic() - started:.0f} s.")

    # The bench editor -----------------------------------------------------------------------

    def open_editor_session(self):
        """A superuser's session in the database, as signing in makes one, for wrk's cookie."""
        user = User.objects.filter(username=BENCH_USERNAME).first()
        if user is None:
            user = User.objects.create_superuser(BENCH_USERNAME, email="", password=None)
        session = import_module(settings.SESSION_ENGINE).SessionStore()
        session[SESSION_KEY] = user._meta.pk.value_to_string(user)
        session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
        session[HASH_SESSION_KEY] = user.get_session_auth_hash()
        session.save()
        return session.session_key

    def close_editor_session(self, session_key):
        import_module(settings.SESSION_ENGINE).SessionStore(session_key).delete()
        User.objects.filter(username=BENCH_USERNAME).delete()


def chosen_by(only):
    """Whether a scenario is among those --only names (by parts of their names; all if none)."""
    wanted = [part.strip().lower() for part in only.split(",") if part.strip()]

    def chosen(name):
        return not wanted or any(part in name.lower() for part in wanted)

    return chosen


def server_environment(*, fresh):
    """gunicorn's environment: this process's, without the page cache when `fresh`
    (bench/settings.py)."""
    return {**os.environ, "BENCH_PAGE_CACHE": "off"} if fresh else dict(os.environ)

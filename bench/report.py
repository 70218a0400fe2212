"""What `manage.py bench` prints: the table of a run, the CSV export, the soak, the machine."""

import os
import platform
import re
from dataclasses import dataclass
from pathlib import Path

from django.db import connection

from bench.load import LoadResult
from bench.scenarios import REFERENCES, Scenario
from bench.targets import CSV_PEAK_MB, summary

# The table ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Row:
    scenario: Scenario
    load: LoadResult | None  # None: not run
    queries: int | None
    status: int | None = None  # of the in-process request
    # A ratio target's reference, measured again just before the scenario: the machine's
    # speed drifts within a run (the JSON reference from 865 to 1,132 req/s in one hour).
    reference: LoadResult | None = None


def _ms(microseconds):
    return f"{microseconds / 1000:.1f}"


def _rate(value):
    return f"{value:,.0f}" if value >= 100 else f"{value:.1f}"


def _ratio(value, reference):
    return f"{value / reference:.2f}" if reference else "-"


def measured(load, reference_rps=None):
    """A run's numbers as bench.targets.Target judges them."""
    return {
        "requests": load.requests,
        "errors": load.errors,
        "p50_ms": load.p50_us / 1000,
        "p99_ms": load.p99_us / 1000,
        "ratio": load.requests_per_second / reference_rps if reference_rps else None,
    }


HEADERS = [
    "scenario",
    "req/s",
    "p50 ms",
    "p99 ms",
    "errors",
    "queries",
    "÷ bare",
    "÷ row",
    "÷ JSON",
    "target",
]
NUMERIC = {"req/s", "p50 ms", "p99 ms", "errors", "queries", "÷ bare", "÷ row", "÷ JSON"}


def format_table(rows, mode):
    """The results as a Markdown table, columns aligned so it reads as plain text too, each
    row against its target in the run's mode (bench.targets.Mode)."""
    reference_rps = start_of_run_references(rows)
    cells = []
    for row in rows:
        load = row.load
        queries = "-" if row.queries is None else str(row.queries)
        if load is None:
            cells.append([row.scenario.name, "-", "-", "-", "-", queries, "-", "-", "-", ""])
            continue
        rps = load.requests_per_second
        finished = load.requests > 0
        target = row.scenario.target(mode)
        verdict = ""
        if target is not None:
            verdict = target.verdict(**measured(load, judged_against(row, reference_rps)))
        cells.append(
            [
                row.scenario.name,
                _rate(rps),
                _ms(load.p50_us) if finished else "-",
                _ms(load.p99_us) if finished else "-",
                str(load.errors),
                queries,
                _ratio(rps, reference_rps["bare"]),
                _ratio(rps, reference_rps["row"]),
                _ratio(rps, reference_rps["json"]),
                verdict,
            ]
        )
    widths = [max(len(h), *(len(c[i]) for c in cells)) for i, h in enumerate(HEADERS)]

    def line(values):
        padded = [
            value.rjust(width) if header in NUMERIC else value.ljust(width)
            for value, width, header in zip(values, widths, HEADERS, strict=True)
        ]
        return "| " + " | ".join(padded) + " |"

    rule = [
        "-" * (width - 1) + ":" if header in NUMERIC else "-" * width
        for width, header in zip(widths, HEADERS, strict=True)
    ]
    return "\n".join([line(HEADERS), "| " + " | ".join(rule) + " |", *map(line, cells)])


def start_of_run_references(rows):
    """Requests per second of each reference view, as measured at the start of the run."""
    by_name = {row.scenario.name: row for row in rows if row.load is not None}
    return {
        kind: by_name[name].load.requests_per_second if name in by_name else 0.0
        for kind, name in REFERENCES.items()
    }


def judged_against(row, reference_rps):
    """The requests per second a row's ratio target is held against: its reference measured
    just before it, else the one at the start of the run."""
    if row.reference is not None:
        return row.reference.requests_per_second
    if row.scenario.reference is None:
        return None
    return reference_rps[row.scenario.reference]


def paired_references(rows):
    """A line for each ratio target, judged against its reference measured just before it."""
    return [
        f"{row.scenario.name}: {_rate(row.load.requests_per_second)} req/s against "
        f"{REFERENCES[row.scenario.reference]} {_rate(row.reference.requests_per_second)} "
        f"req/s just before: {_ratio(row.load.requests_per_second, row.reference.requests_per_second)}"
        for row in rows
        if row.reference is not None and row.load is not None
    ]


def targets_summary(rows, mode, export=None):
    """How many targets of the run's mode the table (and the CSV export, if measured) met,
    and what each it missed was held to."""
    reference_rps = start_of_run_references(rows)
    judged = []
    for row in rows:
        target = row.scenario.target(mode)
        if target is None or row.load is None:
            continue
        misses = target.misses(**measured(row.load, judged_against(row, reference_rps)))
        judged.append((row.scenario.name, target.describe(), misses))
    if export is not None:
        judged.append(("CSV export", f"peak < {CSV_PEAK_MB} MB", export_misses(export)))
    return summary(mode, judged)


def notes(rows):
    """What the table cannot say: errors by kind, wrong statuses in-process."""
    found = []
    for row in rows:
        if row.status is not None and row.status != 200:
            found.append(f"{row.scenario.name}: answers {row.status} in-process")
        if row.load is not None:
            found += [f"{row.scenario.name}: {detail}" for detail in row.load.error_details()]
    return found


def export_misses(result):
    peak_mb = result.peak_rss_kb / 1024
    missed = [] if result.status == 200 else [f"status {result.status}"]
    if peak_mb >= CSV_PEAK_MB:
        missed.append(f"peak {peak_mb:.0f} MB ≥ {CSV_PEAK_MB} MB")
    return missed


def format_export(result):
    peak_mb = result.peak_rss_kb / 1024
    verdict = "✗" if export_misses(result) else "✓"
    return (
        f"CSV export: {result.rows:,} rows, {result.bytes / 1e6:.1f} MB, status {result.status}, "
        f"first byte {result.first_byte_s * 1000:.0f} ms, all in {result.total_s:.1f} s "
        f"({result.rows / result.total_s:,.0f} rows/s); worker RSS {result.rss_before_kb / 1024:.0f} MB "
        f"before, peak {peak_mb:.0f} MB (target < {CSV_PEAK_MB} MB {verdict})"
    )


# The machine ---------------------------------------------------------------------------------


def machine_description():
    meminfo = Path("/proc/meminfo").read_text()
    memory_kb = int(re.search(r"MemTotal:\s+(\d+)", meminfo)[1])
    cpu = re.search(r"model name\s*:\s*(.+)", Path("/proc/cpuinfo").read_text())
    with connection.cursor() as cursor:
        cursor.execute("SHOW server_version")
        postgres = cursor.fetchone()[0]
    return (
        f"{os.cpu_count()} cores ({cpu[1].strip() if cpu else platform.machine()}), "
        f"{memory_kb / 1024 / 1024:.1f} GiB RAM, PostgreSQL {postgres}, "
        f"Python {platform.python_version()}"
    )


# The soak (issue 6) -------------------------------------------------------------------------

SOAK_MEMORY_GROWTH = 0.10


def soak_verdict(result, before, after, *, expected):
    """What failed in a soak, if anything: errors, requests missing, a worker grown or gone."""
    problems = []
    if result.errors:
        problems.append(f"{result.errors} errors (first: {result.first_error})")
    if result.requests < expected:
        problems.append(f"only {result.requests} of {expected} requests were answered")
    if set(after) != set(before):
        problems.append(f"workers changed from {sorted(before)} to {sorted(after)}: one restarted")
    for pid in set(before) & set(after):
        growth = after[pid] / before[pid] - 1
        if growth > SOAK_MEMORY_GROWTH:
            problems.append(f"worker {pid} grew by {growth:.0%}")
    return problems


def format_soak(result, before, after, *, rate, seconds):
    lines = [
        "| requests | rate (req/s) | errors | late | p50 | p99 |",
        "| ---: | ---: | ---: | ---: | ---: | ---: |",
        f"| {result.requests:,} | {rate} for {seconds} s | {result.errors} | {result.late} | "
        f"{result.p50_ms:.1f} ms | {result.p99_ms:.1f} ms |",
        "",
        "| worker | memory after settling | after the soak | growth |",
        "| ---: | ---: | ---: | ---: |",
    ]
    for pid in sorted(set(before) | set(after)):
        if pid in before and pid in after:
            growth = f"{after[pid] / before[pid] - 1:+.1%}"
        else:
            growth = "restarted"
        was = f"{before[pid] / 1024:.1f} MB" if pid in before else "-"
        now = f"{after[pid] / 1024:.1f} MB" if pid in after else "-"
        lines.append(f"| {pid} | {was} | {now} | {growth} |")
    return "\n".join(lines)

"""The first visitor after a publication: each public page asked for with nothing cached
for its URL.

A publication changes the versions of the scopes it touches, and with them the key of every
page, count, ranking and aggregate cached for them: the first reader of each page after it gets
the page rendered afresh. Before each request, what a publication in every scope at once would
make stale is made stale, with the versions a publication changes
(`discard_what_a_publication_changes`): every page, count, ranking and aggregate, but not the
fragments cached per quote (cards, API answers, feed entries), which a publication leaves in
place for the quotes it does not change (tracker/caching.py, per_quote). That is the judged
run; `--discard everything` also discards those, as after a cache flush or a rename shown on
every card, and is reported beside it.
Requests go one at a time, so each latency is the page's own, with nothing queued before it.
"""

import http.client
import time
from dataclasses import dataclass

from django.core.cache import cache

from bench.load import get
from bench.scenarios import Scenario
from bench.targets import Mode, summary
from tracker import caching
from tracker.models import Nation, Speaker, Topic

VISITS = 30  # requests a page; of 30, the p99 is the slowest


def discard_what_a_publication_changes():
    """Makes stale what a published quote makes stale (Quote.save, caching.record_changed): the
    archive's version (every page) and the versions of its scopes (counts, rankings,
    aggregates), here of every scope at once, so that whichever page comes next, its own are
    stale. The quotes' cards, API answers and feed entries stay, keyed by each quote's revision
    and by the `records` version, which a publication leaves alone."""
    scopes = [
        caching.scope(model._meta.model_name, pk)
        for model in (Nation, Speaker, Topic)
        for pk in model.objects.values_list("pk", flat=True)
    ]
    caching.changed(caching.ARCHIVE, caching.ALL_QUOTES, *scopes)


DISCARDS = {"publication": discard_what_a_publication_changes, "everything": cache.clear}


@dataclass(frozen=True)
class Visits:
    scenario: Scenario
    latencies_ms: tuple[float, ...]
    errors: tuple[str, ...] = ()  # one for each answer other than 200

    def percentile(self, share):
        ordered = sorted(self.latencies_ms)
        return ordered[min(len(ordered) - 1, int(len(ordered) * share))]

    def measured(self):
        """Its numbers as bench.targets.Target judges them."""
        finished = bool(self.latencies_ms)
        return {
            "requests": len(self.latencies_ms),
            "errors": len(self.errors),
            "p50_ms": self.percentile(0.50) if finished else 0.0,
            "p99_ms": self.percentile(0.99) if finished else 0.0,
        }

    def target(self):
        return self.scenario.target(Mode.AFTER_PUBLICATION).verdict(**self.measured())


def visit(base_url, paths, *, times, clear, timeout=300):
    """`times` GETs one after the other, of `paths` in turn, each after `clear()` has
    discarded everything cached: their latencies in ms and their errors."""
    latencies, errors = [], []
    for number in range(times):
        path = paths[number % len(paths)]
        clear()
        started = time.monotonic()
        try:
            status, _length = get(base_url + path, timeout=timeout)
        except (OSError, http.client.HTTPException) as error:
            status, problem = None, f"{type(error).__name__} on {path}: {error}"
        else:
            problem = None if status == 200 else f"{status} on {path}"
        latencies.append((time.monotonic() - started) * 1000)
        if problem:
            errors.append(problem)
    return tuple(latencies), tuple(errors)


def targets_summary(rows):
    judged = []
    for row in rows:
        target = row.scenario.target(Mode.AFTER_PUBLICATION)
        judged.append((row.scenario.name, target.describe(), target.misses(**row.measured())))
    return summary(Mode.AFTER_PUBLICATION, judged)


def format_table(rows):
    lines = [
        "| scenario | requests | p50 ms | p99 ms | errors | target |",
        "| --- | ---: | ---: | ---: | ---: | --- |",
    ]
    for row in rows:
        if row.latencies_ms:
            p50, p99 = f"{row.percentile(0.50):.1f}", f"{row.percentile(0.99):.1f}"
        else:
            p50 = p99 = "-"
        lines.append(
            f"| {row.scenario.name} | {len(row.latencies_ms)} | {p50} | {p99} | "
            f"{len(row.errors)} | {row.target()} |"
        )
    return "\n".join(lines)

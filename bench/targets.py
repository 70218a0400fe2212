"""The targets of issue 18, at 1M quotes, gunicorn sync workers, wrk at a concurrency of 4.

What a scenario's numbers are held to depends on how the run serves the pages (its mode) and
on the kind of scenario: one table, below, for every mode. bench.scenarios says the kind of
each scenario, bench.report and bench.after_publication judge each run with `Target.misses`.
"""

import enum
from dataclasses import dataclass, replace


class Mode(enum.StrEnum):
    CACHED = "as cached for anonymous visitors"  # `bench`, the default
    FRESH = "rendered afresh"  # `bench --fresh`: every public request says no-cache
    AFTER_PUBLICATION = "for the first visitor after a publication"  # `--after-publication`


class Kind(enum.StrEnum):
    PAGE = "page"  # a public page
    SEARCH = "search"  # a public page of search results
    # Public pages each asked for once: never in the page cache, whatever the mode, and so
    # held to the target of a page nobody asked for before.
    UNREAD = "unread"
    EDITORS = "editors"  # an admin page, with as many editors at once as the run's concurrency
    EDITOR = "editor"  # an admin page, one editor at a time (wrk with one connection)


@dataclass(frozen=True)
class Target:
    p99_ms: float | None = None
    p50_ms: float | None = None
    # Of the requests per second of the reference view named, measured just before.
    min_ratio: float | None = None
    reference: str | None = None  # "row" or "json": bench.scenarios.REFERENCES
    editors: int | None = None  # editors at once, for an admin page

    def describe(self):
        parts = []
        if self.p99_ms is not None:
            parts.append(f"p99 ≤ {self.p99_ms:g} ms")
        if self.p50_ms is not None:
            parts.append(f"p50 ≤ {self.p50_ms:g} ms")
        if self.min_ratio is not None:
            parts.append(f"≥ {self.min_ratio:.0%} of {self.reference}")
        if self.editors is not None:
            parts.append(f"{self.editors} editor{'s' if self.editors > 1 else ''}")
        return ", ".join(parts)

    def misses(self, *, requests, errors, p50_ms, p99_ms, ratio=None):
        """What this run missed of the target, each with its number; [] when it was met.

        `ratio` is the scenario's requests per second over its reference's (None: no
        reference was measured)."""
        if not requests:
            return ["no request finished"]
        missed = []
        if errors:
            missed.append(f"{errors} errors")
        if self.p99_ms is not None and p99_ms > self.p99_ms:
            missed.append(f"p99 {p99_ms:.1f} ms > {self.p99_ms:g} ms")
        if self.p50_ms is not None and p50_ms > self.p50_ms:
            missed.append(f"p50 {p50_ms:.1f} ms > {self.p50_ms:g} ms")
        if self.min_ratio is not None:
            if ratio is None:
                missed.append(f"no {self.reference} reference measured")
            elif ratio < self.min_ratio:
                missed.append(f"{ratio:.0%} of {self.reference} < {self.min_ratio:.0%}")
        return missed

    def verdict(self, **numbers):
        return f"{self.describe()} {'✗' if self.misses(**numbers) else '✓'}"


# Four editors at once on 2 cores take at least twice one editor's time.
ADMIN_FOUR = Target(p99_ms=400, editors=4)
ADMIN_ONE = Target(p99_ms=150, editors=1)

TARGETS = {
    Mode.CACHED: {
        Kind.PAGE: Target(p99_ms=50),
        Kind.SEARCH: Target(p99_ms=50),
        Kind.UNREAD: Target(p99_ms=100, p50_ms=40),
        Kind.EDITORS: ADMIN_FOUR,
        Kind.EDITOR: ADMIN_ONE,
    },
    Mode.FRESH: {
        Kind.PAGE: Target(p99_ms=100, p50_ms=40),
        Kind.SEARCH: Target(p99_ms=150, p50_ms=40),
        Kind.UNREAD: Target(p99_ms=100, p50_ms=40),
        Kind.EDITORS: ADMIN_FOUR,
        Kind.EDITOR: ADMIN_ONE,
    },
    Mode.AFTER_PUBLICATION: {
        Kind.PAGE: Target(p99_ms=150),
        Kind.SEARCH: Target(p99_ms=150),
        Kind.UNREAD: Target(p99_ms=150),
    },
}

# A scenario held to a reference's throughput (the permalink to the one-row page, the API to
# the one-row JSON) is, where its mode says how much; elsewhere the ratio is information.
MIN_RATIO = {Mode.CACHED: 1.0}

CSV_PEAK_MB = 150  # the 100,000-row CSV export, streamed, in any mode


def target(kind, mode, *, reference=None):
    """The target of a scenario of this kind in this mode; None when it has none."""
    found = TARGETS[mode].get(kind)
    if found is None or reference is None or mode not in MIN_RATIO:
        return found
    return replace(found, min_ratio=MIN_RATIO[mode], reference=reference)


def summary(mode, judged):
    """Lines saying how many targets a run met, and what each it missed was held to.

    `judged` holds (scenario name, its target described, what it missed) for each scenario
    held to a target."""
    missed = [(name, described, misses) for name, described, misses in judged if misses]
    lines = [
        f"Targets of issue 18 (public pages {mode}): {len(judged) - len(missed)} of "
        f"{len(judged)} met{', missed:' if missed else '.'}"
    ]
    lines += [
        f"- ✗ {name}, held to {described}: {'; '.join(misses)}"
        for name, described, misses in missed
    ]
    return lines

"""How big a generated archive is, and how it is skewed."""

import itertools
from dataclasses import dataclass
from datetime import date

from bench.generation.vocabulary import NATIONS, TOPICS

# Ten years of quotes. Fixed, so that a seed gives the same archive on any day.
FIRST_DAY = date(2016, 1, 1)
LAST_DAY = date(2025, 12, 31)

# The archive for a million quotes; smaller archives scale down, keeping these minimums.
FULL_SIZE = {
    "quotes": 1_000_000,
    "nations": 60,
    "speakers": 5_000,
    "outlets": 300,
    "sources": 150_000,
}
MINIMUM_SIZE = {"nations": 6, "speakers": 20, "outlets": 5, "sources": 20}

TOP_NATION_SHARE = 0.2  # of quotes, at least
TOP_SPEAKER_SHARE = 0.01  # of quotes, at least

DRAFT_SHARE, REVIEW_SHARE, RETRACTED_SHARE = 0.07, 0.03, 0.01


@dataclass(frozen=True)
class Counts:
    quotes: int
    nations: int
    speakers: int
    outlets: int
    sources: int


def scaled_counts(quotes, **overrides):
    """How many of each record an archive of `quotes` quotes has; overrides win when given."""
    if quotes < 0:
        raise ValueError("Ask for a number of quotes, 0 or more.")
    share = quotes / FULL_SIZE["quotes"]
    sizes = {name: max(MINIMUM_SIZE[name], round(FULL_SIZE[name] * share)) for name in MINIMUM_SIZE}
    sizes["nations"] = min(sizes["nations"], len(NATIONS))
    sizes.update({name: value for name, value in overrides.items() if value is not None})
    if not 1 <= sizes["nations"] <= len(NATIONS):
        raise ValueError(f"The generator knows {len(NATIONS)} nations: ask for 1 to that many.")
    for name, value in sizes.items():
        if value < 1:
            raise ValueError(f"An archive needs at least one {name[:-1]}.")
    return Counts(quotes=quotes, **sizes)


def cumulative(weights):
    return list(itertools.accumulate(weights))


def top_heavy(n, *, top, lead, tail):
    """Shares of n things, the biggest first: the first at least `top` of the whole and `lead`
    times the second; the others falling off as 1 / (rank + tail)."""
    rest = [1 / (rank + tail) for rank in range(1, n)]
    if not rest:
        return [1.0]
    total = sum(rest)
    lead_share = lead * rest[0] / total
    first = max(top, lead_share / (1 + lead_share))
    return [first] + [(1 - first) * weight / total for weight in rest]


# How often quotes are about each topic, as running totals for bisect.
TOPIC_CUMULATIVE = cumulative(words.weight for words in TOPICS)

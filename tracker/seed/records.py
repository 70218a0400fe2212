"""The records of the seed article, every one traceable to a sentence of ARTICLE_FILE.

Loaded by `tracker.services.load_seed`, which finds each record by its natural key (a code,
a slug, a fixed key) and saves it only when something differs, so loading again changes nothing.

Editorial rules applied here:
- Quote text is verbatim. For a direct or partial quote it is every character between the
  article's quotation marks (“ ”), its own trailing comma or full stop included; for a
  paraphrase it is the article's own words that carry the statement. Context is the article's
  sentence (or sentences, when the speaker is named only in the one before) around the words.
- Dates come from the article's relative dates, each with a public note saying how: "today"
  and "on Monday" are Monday 17 February 2025, "on Sunday" 16 February, "last week" one day
  between 10 and 16 February. A statement the article does not date was said on or before the
  article's day: never a day we cannot prove (tracker/models/dates.py).
- Names are canonical; spellings met in the article go in aliases ("Kier Starmer"), with the
  transliterations other outlets use ("Zelenskyy", "Sergey"). A person has given and family
  names as they are cited; institutions and unnamed officials have one name only.
- A source's public note says what readers should know of it; its editors' notes what only
  editors need. Neither holds a file path of this repository or anyone's e-mail address.
- Keys are fixed here, once, so that permalinks are the same on every install. Never change
  a key and never reuse one: add a new record with a new key (tracker.models.random_key()).

The records live beside this module, one module per family, as in tracker/models/:
people.py (nations, organisations, speakers with their roles and aliases), sources.py
(outlets, sources and their keys), topics.py (the topic, its stances and the event) and
quotes/ (how the article dates what was said, then the quotes, a module per run of
paragraphs). This module gathers them under the names the loader and the tests use.
"""

from datetime import UTC, datetime
from pathlib import Path

from tracker.seed.people import NATIONS, SPEAKERS
from tracker.seed.quotes import QUOTES
from tracker.seed.quotes.dates import (
    AFTER_LAST_WEEK,
    LAST_WEEK,
    MONDAY,
    ON_MONDAY,
    ON_SUNDAY,
    SUNDAY,
    UNDATED,
)
from tracker.seed.sources import (
    FINANCIAL_TIMES,
    OUTLETS,
    REUTERS,
    SOURCES,
    SUEDDEUTSCHE,
    TELEGRAPH,
    TWZ,
    WASHINGTON_POST,
)
from tracker.seed.topics import EVENTS, PARIS_MEETING, TOPIC

__all__ = [
    "AFTER_LAST_WEEK",
    "ARTICLE_FILE",
    "EVENTS",
    "FINANCIAL_TIMES",
    "LAST_WEEK",
    "MONDAY",
    "NATIONS",
    "ON_MONDAY",
    "ON_SUNDAY",
    "OUTLETS",
    "PARIS_MEETING",
    "PUBLISHED_AT",
    "QUOTES",
    "REUTERS",
    "SOURCES",
    "SPEAKERS",
    "SUEDDEUTSCHE",
    "SUNDAY",
    "TELEGRAPH",
    "TOPIC",
    "TWZ",
    "UNDATED",
    "WASHINGTON_POST",
]

ARTICLE_FILE = Path(__file__).with_name("article-2025-02-17-twz.txt")

# Every seed quote is published, at this fixed moment, so that reloading changes nothing.
PUBLISHED_AT = datetime(2025, 2, 18, 9, 0, tzinfo=UTC)

"""What the finder reads and what it proposes: an article, from pasted text or a page's HTML
(its text, trafilatura's reading of its own metadata, its block quotations), and the
candidate statements found in it."""

import datetime
from dataclasses import dataclass, field
from html.parser import HTMLParser

from tracker.models.dates import Precision


@dataclass
class Article:
    text: str
    title: str = ""
    author: str = ""
    published_on: datetime.date | None = None
    outlet: str = ""
    url: str = ""
    block_quotations: list = field(default_factory=list)


@dataclass
class Candidate:
    passages: tuple  # ((start, end), ...) into the article's text
    words: str
    kind: str  # a Quote.Kind value
    context: str = ""
    speaker_name: str = ""
    speaker_id: int | None = None  # a known speaker, from the SpeakerMatcher
    role: str = ""  # as the article gives it, for a new speaker
    said_on: datetime.date | None = None
    said_on_latest: datetime.date | None = None
    precision: str = Precision.ON_OR_BEFORE
    date_note: str = ""
    chain: list = field(default_factory=list)  # [(relation, outlet name), ...]
    note: str = ""
    is_dated: bool = False  # the article dates it: "on Sunday", "last week"
    context_start: int = 0  # where `context` starts in the article

    @property
    def start(self):
        return self.passages[0][0]

    @property
    def is_new_speaker(self):
        return bool(self.speaker_name) and self.speaker_id is None


class BlockQuotations(HTMLParser):
    def __init__(self):
        super().__init__()
        self.depth = 0
        self.skipped = 0
        self.found = []

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style"):
            self.skipped += 1
        if tag == "blockquote":
            if not self.depth:
                self.found.append("")
            self.depth += 1

    def handle_endtag(self, tag):
        if tag in ("script", "style"):
            self.skipped = max(0, self.skipped - 1)
        if tag == "blockquote" and self.depth:
            self.depth -= 1

    def handle_data(self, data):
        if self.depth and not self.skipped:
            self.found[-1] += data


def read_html(html):
    """The article in a page's HTML: its text and its own metadata (title, author, date, outlet,
    URL), read by trafilatura, and its block quotations."""
    import trafilatura  # slow to import, and only the finder needs it

    text = trafilatura.extract(html, include_comments=False, favor_recall=True) or ""
    metadata = trafilatura.extract_metadata(html)
    parser = BlockQuotations()
    parser.feed(html)
    published_on = None
    if metadata is not None and metadata.date:
        try:
            published_on = datetime.date.fromisoformat(metadata.date[:10])
        except ValueError:
            published_on = None
    return Article(
        text=text,
        title=(metadata and metadata.title) or "",
        author=(metadata and metadata.author) or "",
        published_on=published_on,
        outlet=(metadata and metadata.sitename) or "",
        url=(metadata and metadata.url) or "",
        block_quotations=[" ".join(found.split()) for found in parser.found if found.strip()],
    )

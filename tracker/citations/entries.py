"""A formatted entry as runs of text, some in italics, ended with citeproc-js's punctuation
rules; the item's note ends the same way."""

from dataclasses import dataclass

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe


@dataclass(frozen=True)
class Citation:
    text: str
    html: SafeString


class _Entry:
    """An entry as runs of text, some in italics, that end with citeproc-js's punctuation rules."""

    # citeproc-js's table for punctuation meeting punctuation: what "." after each becomes;
    # but a comma is replaced, as the style guides ask, where citeproc-js writes ",.".
    _BEFORE_PERIOD = {"!": "!", "?": "?", ".": ".", ":": ":", ";": ";", ",": "."}

    def __init__(self):
        self.runs = []

    def add(self, text, *, italic=False):
        self.runs.append((text, italic))
        return self

    def period(self):
        """End what is there with a period, unless it already ends with one or ? or !."""
        text, italic = self.runs[-1]
        self.runs[-1] = (_end_with_period(text), italic)
        return self

    def citation(self):
        text = "".join(text for text, _ in self.runs)
        html = "".join(f"<i>{escape(t)}</i>" if italic else escape(t) for t, italic in self.runs)
        return Citation(text=text, html=mark_safe(html))


def _end_with_period(text):
    if text and text[-1] in _Entry._BEFORE_PERIOD:
        return text[:-1] + _Entry._BEFORE_PERIOD[text[-1]]
    return text + "."

# ruff: noqa: RUF001, RUF003
# (Typographic quotation marks and apostrophes are what this module reads.)
"""Quotations in quotation marks, nested ones inside their outer quotation, and two passages
of one quotation that the article splits with "he said"."""

import re

from tracker.finder.articles import Candidate
from tracker.finder.attribution import attribute
from tracker.finder.sentences import trimmed
from tracker.finder.words import SPEECH_VERBS

# Quotation marks: an opening mark and the marks that may close it.
CLOSERS = {"“": "”", "„": "“”", "«": "»", "‘": "’", '"': '"', "‹": "›"}


def quotations(text):
    """(start, end) of the words inside each outermost quotation of `text`, marks excluded."""
    spans = []
    for paragraph in re.finditer(r"[^\n]+", text):
        offset, line = paragraph.start(), paragraph.group()
        i = 0
        while i < len(line):
            mark = line[i]
            if mark in CLOSERS and is_opening(line, i):
                end = closing(line, i)
                if end is not None:
                    spans.append(trimmed(text, offset + i + 1, offset + end))
                    i = end + 1
                    continue
            i += 1
    return [span for span in spans if span[1] > span[0]]


def is_opening(line, i):
    before = line[i - 1] if i else " "
    after = line[i + 1] if i + 1 < len(line) else " "
    if line[i] in '‘"':  # also an apostrophe, or a closing straight mark
        return not before.isalnum() and not after.isspace()
    return not after.isspace() or line[i] == "«"


def closing(line, i):
    opener, closers = line[i], CLOSERS[line[i]]
    depth = 0
    for j in range(i + 1, len(line)):
        char = line[j]
        after = line[j + 1] if j + 1 < len(line) else " "
        if char == opener and opener not in closers and is_opening(line, j):
            depth += 1
        elif char in closers:
            if char == "’" and (after.isalpha() or line[j - 1].isspace()):
                continue  # an apostrophe: won’t, Trump’s
            if depth:
                depth -= 1
            else:
                return j
    return None


def quoted_candidate(text, start, end, sentence_spans, quoted, people):
    words = text[start:end]
    before = text[:start].rstrip()[:-1]  # the text before the opening mark
    opening = before.rstrip()
    starts_sentence = not opening or opening[-1] in '.!?:”"' or before.endswith("\n")
    is_whole = starts_sentence and words[0].isupper() and words[-1] in ".,!?"
    candidate = Candidate(((start, end),), words, "direct" if is_whole else "partial")
    attribute(candidate, text, sentence_spans, quoted, people)
    return candidate


SPLIT_BY = re.compile(
    rf"^,?[”\"’»]?,?\s+(?:\w+\s+){{0,4}}(?:{SPEECH_VERBS})(?:\s+\w+){{0,4}},\s+[“\"‘«„]$"
)


def join_split_quotations(text, candidates):
    """Two quotations of one sentence, broken by "he said", become one candidate."""
    joined = []
    for candidate in candidates:
        previous = joined[-1] if joined else None
        if (
            previous
            and previous.kind in ("direct", "partial")
            and candidate.kind in ("direct", "partial")
            and previous.words.endswith(",")
            and candidate.words[:1].islower()
            and SPLIT_BY.match(text[previous.passages[-1][1] : candidate.start])
        ):
            between = text[previous.passages[-1][1] : candidate.start]
            previous.passages += candidate.passages
            previous.words = f"{previous.words} {candidate.words}"
            previous.kind = "direct" if previous.kind == "direct" else "partial"
            previous.note = (
                f"Joined from two passages of one quotation, which the article splits with "
                f"“{between.strip(' ,”“"')}”."
            )
            continue
        joined.append(candidate)
    return joined

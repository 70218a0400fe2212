# ruff: noqa: RUF001
# (Typographic quotation marks and apostrophes are what this module reads.)
"""Sentences and spans of an article's text, as (start, end) offsets into it."""

import re

ABBREVIATIONS = {"Mr", "Mrs", "Ms", "Dr", "Gen", "Sen", "Rep", "St", "Gov", "Lt", "Col", "No"}


def trimmed(text, start, end):
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def sentences(text, quoted=()):
    """(start, end) of each sentence, never ending inside a quotation."""
    spans, start = [], 0
    for match in re.finditer(r"[.!?][”\"’»]?(?=\s+[“\"‘«„(]?[A-ZÀ-Ý0-9])|\n+", text):
        end = match.end()
        if any(q_start < match.start() < q_end for q_start, q_end in quoted):
            continue
        word = re.search(r"(\w+)\.$", text[max(0, end - 12) : end])
        if word and (word.group(1) in ABBREVIATIONS or len(word.group(1)) == 1):
            continue  # U.S., U.K., Mr.
        if text[start:end].strip():
            spans.append(trimmed(text, start, end))
        start = end
    if text[start:].strip():
        spans.append(trimmed(text, start, len(text)))
    return spans


def around(spans, start, end):
    """The spans that hold any of start..end."""
    return [span for span in spans if span[0] < end and span[1] > start]


def context_of(text, sentence_spans, start, end):
    spans = around(sentence_spans, start, end) or [(start, end)]
    return spans[0][0], spans[-1][1]


def outside_quotes(text, start, end, quoted):
    """The text of start..end with quoted words blanked out (same length, so offsets hold)."""
    chars = list(text[start:end])
    for q_start, q_end in around(quoted, start, end):
        for i in range(max(q_start, start), min(q_end, end)):
            chars[i - start] = " "
    return "".join(chars)

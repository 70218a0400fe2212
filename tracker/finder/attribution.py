# ruff: noqa: RUF001
# (Typographic quotation marks and apostrophes are what this module reads.)
"""Who said a statement, and the chain of outlets the article says the words came through."""

import re

from tracker.finder.sentences import context_of, outside_quotes
from tracker.finder.words import OUTLET, SPEECH_VERBS

ATTRIBUTION_AFTER = re.compile(
    rf"^[\s,]*(?:(?P<verb>{SPEECH_VERBS})\s+(?P<who_after>[^,.;“”\"]+)|"
    rf"(?P<who>[^,.;“”\"]{{1,80}}?)\s+(?:{SPEECH_VERBS})\b)"
)


def attribute(candidate, text, sentence_spans, quoted, people, *, before_only=False):
    """Speaker, role, context and chain of a candidate, from the sentence around it."""
    start, end = candidate.passages[0][0], candidate.passages[-1][1]
    ctx_start, ctx_end = context_of(text, sentence_spans, start, end)
    found = None
    if not before_only:
        after = outside_quotes(text, end + 1, ctx_end, quoted)
        match = ATTRIBUTION_AFTER.match(after)
        if match:
            who = match.group("who_after") or match.group("who")
            offset = end + 1 + match.start("who_after" if match.group("who_after") else "who")
            found = people.named_in(who, offset)
    if found is None:
        before = outside_quotes(text, ctx_start, start, quoted)
        found = people.named_in(before, ctx_start, last=True)
    if found is None and not before_only:
        after = outside_quotes(text, end + 1, ctx_end, quoted)
        found = people.named_in(after, end + 1)
    if found is None:
        # The speaker is named in the sentence before ("Tusk offered a similar stance.").
        previous = [span for span in sentence_spans if span[1] <= ctx_start]
        if previous and (before_only or "\n" not in text[previous[-1][1] : ctx_start]):
            p_start, p_end = previous[-1]
            found = people.named_in(outside_quotes(text, p_start, p_end, quoted), p_start)
            if found:
                ctx_start = p_start
    citing = re.search(r"\bciting ([^,.;“”]+)", outside_quotes(text, ctx_start, ctx_end, quoted))
    if found is None and citing:
        found = (citing.group(1).strip(), None, "")
    if found:
        candidate.speaker_name, candidate.speaker_id, candidate.role = found
    candidate.context, candidate.context_start = text[ctx_start:ctx_end], ctx_start
    candidate.chain = chain_of(outside_quotes(text, ctx_start, ctx_end, quoted), text[:ctx_start])


CHAIN_RULES = [
    ("said_at", rf"\b(?:op-ed|opinion piece|column|article|interview|post) (?:for|in|with) ({OUTLET})"),
    ("said_at", rf"\bwr(?:ote|iting) in ({OUTLET})"),
    ("reported_by", rf"\btold ({OUTLET})"),
    ("reported_by", rf"\baccording to ({OUTLET})"),
    ("reported_by", rf"({OUTLET}) (?:on \w+ )?(?:reported|posited|reports)\b"),
]  # fmt: skip
NOT_OUTLETS = {"reporters", "journalists", "officials", "sources", "him", "her", "them"}


def chain_of(clause, earlier_text):
    """The outlets the article says the words came through, as (relation, outlet name)."""
    links = []
    for relation, pattern in CHAIN_RULES:
        for match in re.finditer(pattern, clause):
            name = match.group(1).strip().rstrip(".")
            bare = re.sub(r"^(?:the|The)\s+", "", name)
            if not bare or bare.lower() in NOT_OUTLETS or not bare[0].isupper():
                continue
            if bare in ("Post", "Times", "Journal") or name.lower() == "the publication":
                bare = last_outlet(earlier_text + clause, bare)
            if bare and bare not in [outlet for _, outlet in links] and not people_like(bare):
                links.append((relation, bare))
    publication = re.search(r"\bthe publication (?:reported|said|wrote)", clause)
    if publication and not links:
        outlet = last_outlet(earlier_text + clause, "")
        if outlet:
            links.append(("reported_by", outlet))
    return links


def people_like(name):
    return bool(re.search(r"\b(?:Minister|President|Chancellor|Secretary)\b", name))


def last_outlet(text, short):
    """The full name of an outlet the article named before: "the Post" is The Washington Post."""
    names = re.findall(rf"\b(?:The|the) ((?:[A-Z][\w’.-]*\s+)*{short or '[A-Z][\\w’.-]*'})\b", text)
    names = [name for name in names if len(name.split()) > 1 or not short]
    return names[-1] if names else short

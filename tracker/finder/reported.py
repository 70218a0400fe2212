# ruff: noqa: RUF001
# (Typographic quotation marks and apostrophes are what this module reads.)
"""Reported speech: the statements an article reports without quotation marks."""

import re

from tracker.finder.articles import Candidate
from tracker.finder.attribution import attribute, chain_of
from tracker.finder.sentences import around, outside_quotes, trimmed
from tracker.finder.speakers import split_role
from tracker.finder.words import DESCRIPTIONS, NAME, WEEKDAYS

# A statement without quotation marks is a clause whose subject is a speaker and whose verb
# says or takes a position. Which words are the statement follows the article's grammar:
# - a main clause that runs to the end of its sentence is the statement from its subject to
#   the full stop ("Defense Secretary Jane Doe cast doubt on the plan.");
# - cut short by another clause (", though ...", ", while ...", " even though ..."): after a
#   verb of saying, what was said ("Sweden said that it | would not rule out sending troops");
#   after a verb of position, the subject and what it did ("the U.S. has ruled out providing
#   troops");
# - a clause inside another ("even though Trump promised he would ...") is the clause, without
#   the sentence's full stop; with the speaker set apart by an aside ("Doe, adamant that ...,
#   has complained that ...") or the place it was said after it ("... in an op-ed for The
#   Times"), the statement is the predicate alone: speaker and place are the attribution;
# - the aside and a leading phrase of position are statements of their own ("While decrying
#   the move, the leaders ...", "Doe, adamant that ..., ...").

SAYING = (
    r"said|says|say|told(?:[ \t]+(?:reporters|journalists|lawmakers|parliament|the[ \t]+\w+|"
    r"[A-Z]\w+(?:[ \t]+[A-Z]\w+)*))?|tells|added|adds|wrote|writes|explained|argued|argues|"
    r"stated|states|noted|notes|announced|announces|declared|insisted|insists|claimed|claims|"
    r"warned|warns|stressed|replied|acknowledged|conceded|tweeted|posted|confirmed|maintained|"
    r"reiterated|predicted|believes|thinks"
)
POSITION_VERBS = (
    "suggest", "rule out", "cast doubt on", "concur with", "agree with", "agree that",
    "complain", "promise", "pledge", "vow", "broach", "propose", "float", "call for", "urge",
    "reject", "dismiss", "oppose", "support", "back", "endorse", "welcome", "criticise",
    "criticize", "condemn", "offer", "refuse", "demand", "deny", "question", "threaten",
    "signal", "hint", "decry", "guarantee", "praise", "commit", "insist on",
)  # fmt: skip
# Forms a rule would get wrong ("concured"), each as (past, present, participle).
IRREGULAR = {
    "cast doubt on": ("cast doubt on", "casts doubt on", "casting doubt on"),
    "concur with": ("concurred with", "concurs with", "concurring with"),
    "commit": ("committed", "commits", "committing"),
    "signal": ("signalled", "signals", "signalling", "signaled", "signaling"),
    "deny": ("denied", "denies", "denying"),
    "decry": ("decried", "decries", "decrying"),
}


def verb_forms(verb, *, participle=False):
    """'rule out' -> 'ruled out|rules out' (or 'ruling out'): the forms a report uses."""
    if verb in IRREGULAR:
        forms = IRREGULAR[verb]
        return forms[2::3] + forms[4:] if participle else forms[:2] + forms[3:4]
    head, _, rest = verb.partition(" ")
    tail = f" {rest}" if rest else ""
    silent_e = head.endswith("e") and not head.endswith("ee")
    past = f"{head}d" if head.endswith("e") else f"{head}ed"
    present = f"{head}es" if head.endswith(("sh", "ch", "ss")) else f"{head}s"
    ing = f"{head[:-1] if silent_e else head}ing"
    if participle:
        return (f"{ing}{tail}",)
    return (f"{past}{tail}", f"{present}{tail}")


def alternatives(forms):
    return "|".join(re.escape(f).replace(r"\ ", r"[ \t]+") for f in sorted(forms, key=len)[::-1])


POSITION = alternatives(f for verb in POSITION_VERBS for f in verb_forms(verb))
PARTICIPLES = alternatives(f for verb in POSITION_VERBS for f in verb_forms(verb, participle=True))
STANCE_ADJECTIVES = (
    "ready|willing|prepared|reluctant|unwilling|open|opposed|determined|adamant|keen|eager|"
    "committed|firm|insistent|wary|sceptical|skeptical|confident"
)
AUXILIARIES = (
    r"also|later|previously|again|has|have|had|would|will|did|does|do|could|may|might|not|"
    r"reportedly|repeatedly|publicly|already|now|then|earlier|recently|today|yesterday|"
    rf"on[ \t]+(?:{WEEKDAYS})|last[ \t]+week|this[ \t]+week"
)
PREDICATE = re.compile(
    rf"(?P<aside>,[ \t]+(?P<adjective>(?:{STANCE_ADJECTIVES})\b[^,;“”\"]*?),)?"
    rf"(?P<auxiliaries>(?:[ \t]+(?:{AUXILIARIES}))*)[ \t]+"
    rf"(?P<verb>(?P<saying>{SAYING})\b|(?:{POSITION})\b|"
    rf"(?:is|are|was|were|been|be)[ \t]+(?:not[ \t]+|also[ \t]+)?(?:{STANCE_ADJECTIVES})\b)"
)
CLAUSE_ENDS = re.compile(
    r",[ \t]+(?:though|although|while|whereas|adding|according[ \t]+to|citing)\b|"
    r"[ \t]+even[ \t]+though\b|;"
)
# "..., a spokesman said.", "..., Lavrov told state media.": who said it, after the words.
SAID_AFTER = re.compile(
    rf",[ \t]+(?P<who>{NAME}|(?:an?|the)[ \t]+(?:[\w-]+[ \t]+)?(?:spokes(?:man|woman|person)|"
    rf"official|officials|aide|source|sources|ministry|diplomat))[ \t]+(?:{SAYING})\b[^,;]*$"
)
PLACE_SAID = re.compile(
    r"[ \t]+(?:in|during)[ \t]+(?:an?|his|her|its|their)[ \t]+(?:[\w-]+[ \t]+)?(?:opinion piece|"
    r"op-ed|interview|article|column|essay|statement|post|speech|letter|video|address)\b"
)
SUBORDINATE = re.compile(
    r"\b(?:even though|though|although|because|since|while|whereas|after|before|when|as|but|"
    r"and|so)[ \t]+$"
)
EMBEDDED = re.compile(
    r"\b(?:[Ww]hat|[Ww]hether|[Hh]ow|[Ww]hich|[Ww]hy|[Ww]ho|[Ww]hom)\b[^,;]*$|"
    r"\b(?:if|that|of|to|about|with|for)[ \t]+$"
)
LISTED = re.compile(r"[A-Z][\w.]*(?:,[ \t]+(?:the[ \t]+)?[A-Z][\w.]*)*,?[ \t]+and[ \t]+$")
LEADING_POSITION = re.compile(
    rf"^[ \t]*(?:While|Whilst|In addition to|Besides|Despite|Though|Although|After)[ \t]+"
    rf"(?P<words>(?:not[ \t]+)?(?:{PARTICIPLES})\b[^,;“”\"]*?),[ \t]*$"
)
ANAPHORIC = re.compile(r"^(?:an?|the)?[ \t]*(?:similar|same|like)\b")
PRONOUN_SUBJECT = re.compile(rf"\b(?:[Hh]e|[Ss]he|[Tt]he (?:{DESCRIPTIONS}))\b")
OFFICE = re.compile(
    rf"(?P<who>{NAME})[’']s[ \t]+(?:office|spokes(?:man|woman|person)|ministry|government|"
    r"aides?|team|camp|press secretary)\b"
)
ACCORDING_TO = re.compile(
    rf"\b(?:[Aa]ccording to (?P<who>{NAME})|[Ii]n (?P<whose>{NAME})[’']s (?:view|opinion|words)),"
    rf"\s+(?P<words>[^“”\"]+?)(?=[.;](?:\s|$)|$)"
)
ADDING = re.compile(r",\s+adding that\s+(?P<words>[^“”\"]+?)(?=[.;](?:\s|$)|$)")


def subjects(text, s_start, s_end, people):
    """(start, end, (name, id, role), kind) of each speaker that may begin a clause."""
    found = [(m[0], m[5], (m[1], m[2], m[3]), m[4]) for m in people.at(s_start, s_end)]
    sentence = text[s_start:s_end]
    for match in PRONOUN_SUBJECT.finditer(sentence):
        start = s_start + match.start()
        named = people.referred(match.group().lower(), start)
        if named:
            found.append((start, s_start + match.end(), named, "person"))
    for match in OFFICE.finditer(sentence):
        known = people.speakers.find(match["who"])
        name = (known[1], known[0], "") if known else (split_role(match["who"])[1], None, "")
        found.append((s_start + match.start(), s_start + match.end(), name, "person"))
    return sorted(found, key=lambda found: found[0])


def reported_speech(text, sentence_spans, quoted, people):
    """Paraphrase candidates: the statements an article reports without quotation marks."""
    found = []
    for s_start, s_end in sentence_spans:
        sentence = outside_quotes(text, s_start, s_end, quoted)
        found += list(simple_patterns(text, s_start, s_end, sentence, quoted, people))
        for start, end, named, kind in subjects(text, s_start, s_end, people):
            found += list(
                clause_statements(text, s_start, s_end, start, end, named, kind, quoted, people)
            )
    # One candidate for a stretch of words: the first rule that read it ("according to X, ..."
    # before the clause inside it, the sentence of "Lavrov said that ..." before "Moscow wants").
    kept = []
    for candidate in found:
        if not around([c.passages[0] for c in kept], candidate.start, candidate.passages[-1][1]):
            kept.append(candidate)
    return kept


def simple_patterns(text, s_start, s_end, sentence, quoted, people):
    """'According to X, ...', 'In X's view, ...', '..., adding that ...'."""
    for pattern in (ACCORDING_TO, ADDING):
        for match in pattern.finditer(sentence):
            start, end = trimmed(text, s_start + match.start("words"), s_start + match.end("words"))
            if len(text[start:end].split()) < 3 or around(quoted, start - 1, end + 1):
                continue
            candidate = paraphrase(text, start, end, s_start, s_end, None)
            if pattern is ACCORDING_TO:
                who = "who" if match["who"] else "whose"
                known = people.speakers.find(match[who])
                candidate.speaker_name, candidate.speaker_id, candidate.role = (
                    (known[1], known[0], "") if known else (split_role(match[who])[1], None, "")
                )
            else:
                attribute(candidate, text, [(s_start, s_end)], quoted, people, before_only=True)
                candidate.context, candidate.context_start = text[s_start:s_end], s_start
            yield candidate


def paraphrase(text, start, end, s_start, s_end, named):
    candidate = Candidate(((start, end),), text[start:end], "paraphrase")
    if named:
        candidate.speaker_name, candidate.speaker_id, candidate.role = named
    candidate.context, candidate.context_start = text[s_start:s_end], s_start
    candidate.chain = chain_of(text[s_start:s_end], text[:s_start])
    return candidate


def clause_statements(text, s_start, s_end, start, end, named, kind, quoted, people):
    """The statements of the clause whose subject runs from start to end, if any."""
    before = text[s_start:start]
    if EMBEDDED.search(before) or LISTED.search(before):
        return  # "what the U.S. would be willing to do", "Germany, Poland and Spain"
    if any(not text[q_end:start].strip(' ,”"’»') for _, q_end in quoted if q_end <= start):
        return  # "he explained" after a quotation: its attribution, not a statement
    if start > s_start and text[start - 1] not in " \t(":
        return  # inside a word or after a dash: "pro-Russia", "Kyiv/Moscow"
    predicate = PREDICATE.match(text, end, s_end)
    if not predicate:
        return
    leading = LEADING_POSITION.match(before)
    if leading and not SUBORDINATE.search(before):
        yield paraphrase(text, s_start + leading.start("words"), s_start + leading.end("words"),
                         s_start, s_end, named)  # fmt: skip
    if predicate["aside"]:
        yield paraphrase(text, predicate.start("adjective"), predicate.end("adjective"),
                         s_start, s_end, named)  # fmt: skip
    complement = predicate.end()
    when = re.match(
        rf"[ \t]+(?:on[ \t]+(?:{WEEKDAYS})|today|yesterday|last[ \t]+week)\b",
        text[complement:s_end],
    )
    if when:
        complement += when.end()  # "said on Tuesday that ..."
    rest = text[complement:s_end]
    that = re.match(r"[ \t]+that\b", rest)
    if that:
        complement += that.end()
    if kind in ("body", "group") and predicate["saying"]:
        resumptive = re.match(r"[ \t]+(?:it|they)\b", text[complement:s_end])
        if resumptive:
            complement += resumptive.end()
    sentence_end = s_end
    while sentence_end > complement and text[sentence_end - 1] in '.!?”"’» \t':
        sentence_end -= 1
    said_after = SAID_AFTER.search(text, complement, sentence_end)
    if said_after:
        sentence_end = said_after.start()
        named = people.named_in(said_after["who"], said_after.start("who")) or named
    cut = CLAUSE_ENDS.search(text, complement, sentence_end)
    place = PLACE_SAID.search(text, complement, cut.start() if cut else sentence_end)
    clause_end = place.start() if place else cut.start() if cut else sentence_end
    words = text[complement:clause_end].split()
    if len(words) < 2 or ANAPHORIC.match(" ".join(words)):
        return  # "offered a similar stance": the statement follows
    first = words[0].lower().strip(",")
    if predicate["saying"] and (
        text[complement:].lstrip()[:1] == "," or first in NOT_CLAUSES or first.endswith("ing")
    ):
        return  # "told reporters before boarding", "said, according to"
    if around(quoted, start, clause_end + 1):
        return  # the words run into a quotation: the quotation is the candidate
    is_main = not before.strip() or (
        before.rstrip().endswith(",") and not SUBORDINATE.search(before)
    )
    verb_start = (
        predicate.start("auxiliaries") if predicate["auxiliaries"] else predicate.start("verb")
    )
    if place or predicate["aside"]:
        span = (verb_start, clause_end)
    elif not is_main:
        span = (start, clause_end)
    elif clause_end == sentence_end and not said_after:
        span = (start, s_end)
    elif predicate["saying"]:
        span = (complement, clause_end)
    else:
        span = (start, clause_end)
    span = trimmed(text, *span)
    yield paraphrase(text, *span, s_start, s_end, named)


NOT_CLAUSES = {"without", "before", "after", "while", "when", "to", "in", "on", "at", "by", "with",
               "for", "from", "as", "according", "adding"}  # fmt: skip

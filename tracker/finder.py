# ruff: noqa: RUF001, RUF002, RUF003
# (Typographic quotation marks and apostrophes are what this module reads.)
"""The quote finder: candidate statements in an article's text, by rule, for an editor to review.

Pure functions over text. The only knowledge of the archive it takes is a SpeakerMatcher built
by the caller from known speakers and their aliases. The words of every candidate are exact
spans of the article: `Candidate.passages` are (start, end) offsets into the text, checked
against it when the candidate is made, and `words` is their text (two passages of one
quotation the article splits with "he said" are joined by a space, with a note saying so).

What it finds:
- quotations in “ ”, „ “, « », ‘ ’ and " ", nested ones inside their outer quotation, and the
  article's block quotations (read_html);
- reported speech without quotation marks: a clause whose subject is a speaker and whose verb
  says something ("said", "told", "warned") or takes a position ("ruled out", "supports", "is
  ready to", "pledged"); "according to X, ...", "in X's view, ...", "X's office said"; a
  leading phrase of position ("While decrying ...,") and an aside ("X, adamant that ...,");
  which words are the statement follows the sentence's grammar (see reported_speech);
- the speaker: a name near the words, or the person "he", "she" or "the minister" refers back
  to; names known to the archive are matched with their aliases, a nation's name or seat ("the
  U.S.", "the Kremlin", "Downing Street") as its government, a group of officials as the
  archive names it; others proposed as new, and found again by their family name;
- when it was said: "today", "on Sunday", "last week" against the article's date;
- the chain the article states: "told the Financial Times", "in an op-ed for the Telegraph",
  "the Post reported", "according to Reuters".
"""

import datetime
import functools
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

import dateparser

from tracker.models.dates import Precision

# Quotation marks: an opening mark and the marks that may close it.
CLOSERS = {"“": "”", "„": "“”", "«": "»", "‘": "’", '"': '"', "‹": "›"}
SPEECH_VERBS = (
    "said|says|told|tells|added|adding|explained|wrote|writes|argued|warned|stressed|insisted|"
    "claimed|noted|announced|declared|suggested|posited|replied|asked|urged|reported|"
    "acknowledged|conceded|complained|insists|argues|warns|believes|thinks|tweeted|posted"
)
PRONOUNS = {"he", "she", "they", "his", "her"}
DESCRIPTIONS = (
    "minister|chancellor|president|prime minister|secretary|envoy|spokesman|spokeswoman|"
    "spokesperson|leader|ambassador|official|general|senator|governor|mayor|premier"
)
NAME = r"(?:[A-ZÀ-Ý][\w'-]*(?:\.[A-Z])*(?:[ \t]+(?:(?:de|van|von|der|al|bin|da|di|la|le)[ \t]+)?[A-ZÀ-Ý][\w'-]*)*)"
OUTLET = r"(?:the[ \t]+|The[ \t]+)?(?:[A-ZÀ-Ý][\w’'&.-]*(?:[ \t]+(?:of[ \t]+)?[A-ZÀ-Ý][\w’'&.-]*)*)"
WEEKDAYS = "Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday"
NOT_NAMES = {
    "The", "But", "And", "While", "In", "On", "At", "As", "For", "To", "So", "If", "It", "This",
    "That", "There", "Then", "When", "After", "Before", "Unfortunately", "However", "Nobody",
    "I", "We", "You", "He", "She", "They", "A", "An", "All", "Peace", "Contact", "What", "Who",
    "Why", "How", "Where", "Whether", "Which", "Despite", "Although", "Though", "Since",
}  # fmt: skip
ABBREVIATIONS = {"Mr", "Mrs", "Ms", "Dr", "Gen", "Sen", "Rep", "St", "Gov", "Lt", "Col", "No"}


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


class SpeakerMatcher:
    """Names the archive knows, each with its speaker's id: full names, aliases, and the family
    names of people (matched only when no full name is); the names a nation's government goes by
    ("Sweden", "the U.S.", "the Kremlin"); and groups of unnamed officials ("officials with
    knowledge of the plans"), in any case."""

    def __init__(self, names=(), family_names=(), bodies=(), groups=(), kinds=None):
        # One pattern for each kind of name, longest first: at the place a name starts, the
        # longest known name there wins ("Olaf Scholz" over "Scholz"), however many are known.
        self.kinds = dict(kinds or {})
        self.patterns = [compiled(names), compiled(family_names)]
        self.bodies = compiled(bodies, prefix=r"(?:the[ \t]+|The[ \t]+)?")
        self.groups = compiled(groups, prefix=r"(?:the[ \t]+|The[ \t]+)?", flags=re.IGNORECASE)

    @classmethod
    def from_speakers(cls, speakers):
        """From dicts of speakers: id, name, kind, aliases, family_name, nation_code and
        nation_name (as the admin and the seed give them)."""
        names, family_names, bodies, groups, kinds = [], [], [], [], {}
        governments = {}
        for speaker in speakers:
            speaker_id, kind = speaker["id"], speaker.get("kind") or "person"
            kinds[speaker_id] = kind
            names.append((speaker["name"], speaker_id))
            names += [(alias, speaker_id) for alias in speaker.get("aliases", ())]
            if speaker.get("family_name"):
                family_names.append((speaker["family_name"], speaker_id))
            if kind == "officials":
                groups += [(name, speaker_id) for name in group_names(speaker["name"])]
            code = speaker.get("nation_code")
            # A nation's government speaks for it; of several institutions, the government.
            if (kind == "institution" and code) and (
                code not in governments or speaker["name"].startswith("Government")
            ):
                governments[code] = (speaker_id, speaker.get("nation_name") or "")
        for code, (speaker_id, nation_name) in governments.items():
            for name in (nation_name, *NATION_NAMES.get(code, ())):
                bodies.append((name, speaker_id))
        return cls(names, family_names, bodies, groups, kinds)

    def find(self, text):
        """The known speaker first named in `text`: (id, name, start), or None."""
        for pattern, ids in self.patterns:
            if pattern is None:
                continue
            match = pattern.search(text)
            if match:
                return ids[match.group()], match.group(), match.start()
        return None

    def bodies_and_groups(self, text):
        """(start, end, id, kind) of each government and group of officials named in `text`."""
        for (pattern, ids), kind in ((self.bodies, "body"), (self.groups, "group")):
            if pattern is None:
                continue
            for match in pattern.finditer(text):
                key = match.group("name")
                speaker_id = ids.get(key) or ids.get(key.lower())
                yield match.start(), match.end(), speaker_id, kind

    def kind(self, speaker_id):
        return self.kinds.get(speaker_id, "person")


def compiled(pairs, *, prefix="", flags=0):
    """One pattern for (name, id) pairs, longest name first, and the ids by name."""
    ids = {}
    for name, speaker_id in pairs:
        if name:
            ids[name.lower() if flags & re.IGNORECASE else name] = speaker_id
    if not ids:
        return None, {}
    alternatives = "|".join(re.escape(name) for name in sorted(ids, key=len)[::-1])
    pattern = re.compile(rf"(?<!\w){prefix}(?P<name>{alternatives})(?!\w)", flags)
    return pattern, ids


def group_names(name):
    """How an article names a group of officials: 'Officials with knowledge of the plans (The
    Washington Post)' as 'officials with knowledge of the plans'; 'European leaders at the Paris
    meeting' also as 'European leaders'."""
    bare = re.sub(r"\s*\([^)]*\)\s*$", "", name).strip()
    shorter = re.split(r"\s+(?:at|in|from|of)\s+(?:the\s+)?[A-Z]", bare)[0].strip()
    return [n for n in {bare, shorter} if len(n.split()) >= 2]


# Other names of a nation's government: short forms and its seat ("the Kremlin said").
NATION_NAMES = {
    "us": ("U.S.", "US", "United States", "America", "White House"),
    "gb": ("U.K.", "UK", "Britain", "Downing Street"),
    "ru": ("Kremlin",),
    "fr": ("Élysée", "Elysee"),
    "de": ("Chancellery",),
}


# Reading HTML ------------------------------------------------------------------------------


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


# Sentences and quotations ------------------------------------------------------------------


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


# Finding -----------------------------------------------------------------------------------


def find_candidates(text, *, published_on=None, speakers=None, block_quotations=()):
    """The candidate statements of an article's text, in article order."""
    speakers = speakers or SpeakerMatcher()
    quoted = quotations(text)
    sentence_spans = sentences(text, quoted)
    people = People(text, speakers, quoted)
    candidates = []
    used = []
    for start, end in quoted:
        if len(text[start:end].split()) < 2:
            continue  # a word in marks is a term, not a statement
        candidates.append(quoted_candidate(text, start, end, sentence_spans, quoted, people))
        used.append((start, end))
    for block in block_quotations:
        position = text.find(block)
        if position >= 0 and not around(used, position, position + len(block)):
            candidate = Candidate(((position, position + len(block)),), block, "direct")
            candidate.note = "A block quotation of the article."
            attribute(candidate, text, sentence_spans, quoted, people, before_only=True)
            candidates.append(candidate)
    for candidate in reported_speech(text, sentence_spans, quoted, people):
        if not around(used, candidate.start, candidate.passages[-1][1]):
            candidates.append(candidate)
    candidates = join_split_quotations(text, sorted(candidates, key=lambda c: c.start))
    for candidate in candidates:
        date_candidate(candidate, published_on)
    for i, candidate in enumerate(candidates):
        continue_from(text, candidates[:i], candidate)
        check_exact(text, candidate)
    return candidates


def continue_from(text, earlier, candidate):
    """What a candidate's own sentence does not say, from the statement before it in the
    article (in the last two paragraphs): the same report's speaker, outlet and date."""
    for previous in reversed(earlier):
        if text.count("\n", previous.start, candidate.start) > 2:
            return
        same_speaker = (
            candidate.speaker_name
            and previous.speaker_name
            and (
                candidate.speaker_id == previous.speaker_id
                if candidate.speaker_id
                else candidate.speaker_name == previous.speaker_name
            )
        )
        same_outlet = candidate.chain and candidate.chain == previous.chain
        same_paragraph = "\n" not in text[previous.start : candidate.start]
        if same_speaker or (not candidate.speaker_name and (same_outlet or same_paragraph)):
            break
    else:
        return
    if not candidate.speaker_name:
        candidate.speaker_name, candidate.speaker_id = previous.speaker_name, previous.speaker_id
        candidate.role = previous.role
    candidate.chain = candidate.chain or list(previous.chain)
    if not candidate.is_dated and previous.is_dated:
        candidate.said_on, candidate.said_on_latest = previous.said_on, previous.said_on_latest
        candidate.precision, candidate.date_note = previous.precision, previous.date_note
        candidate.is_dated = True


def check_exact(text, candidate):
    words = " ".join(text[start:end] for start, end in candidate.passages)
    assert words == candidate.words, "a candidate's words must be exact spans of the article"


def quoted_candidate(text, start, end, sentence_spans, quoted, people):
    words = text[start:end]
    before = text[:start].rstrip()[:-1]  # the text before the opening mark
    opening = before.rstrip()
    starts_sentence = not opening or opening[-1] in '.!?:”"' or before.endswith("\n")
    is_whole = starts_sentence and words[0].isupper() and words[-1] in ".,!?"
    candidate = Candidate(((start, end),), words, "direct" if is_whole else "partial")
    attribute(candidate, text, sentence_spans, quoted, people)
    return candidate


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


class People:
    """Who the article names, where, and with which role: for pronouns and descriptions.
    Each mention is (position, name, speaker_id, role, kind, end); kind is "person", "body" (a
    nation's government) or "group" (officials)."""

    def __init__(self, text, speakers, quoted=()):
        self.text, self.speakers = text, speakers
        self.mentions = []
        for start, end, speaker_id, kind in speakers.bodies_and_groups(text):
            if around(quoted, start, end):
                continue
            if text[end:].startswith(("’s", "'s")) and kind == "body":
                continue  # "Ukraine’s security"
            name = re.sub(r"^[Tt]he\s+", "", text[start:end])
            self.mentions.append((start, name, speaker_id, "", kind, end))
        taken = [(m[0], m[5]) for m in self.mentions]
        unknown = {}  # family name: full name, of people the article names and the archive not
        for match in re.finditer(NAME, text):
            name = match.group()
            if around(quoted, match.start(), match.end()) or text[match.end() :].startswith("’s"):
                continue  # words of the speaker, or a possessive: not who is speaking
            if text[max(0, match.start() - 4) : match.start()] == "the ":
                continue  # an institution or an outlet: "the Süddeutsche Zeitung"
            if around(taken, match.start(), match.end()):
                continue
            known = speakers.find(name)
            words = name.split()
            if known:
                role = " ".join(words[: len(words) - len(known[1].split())])
                kind = "person" if speakers.kind(known[0]) == "person" else "body"
                self.mentions.append((match.start(), known[1], known[0], role, kind, match.end()))
            elif len(words) >= 2 and words[0] not in NOT_NAMES and not is_place(name):
                role, person = split_role(name)
                if person:
                    role = role or appositive_role(text, match.end())
                    self.mentions.append((match.start(), person, None, role, "person", match.end()))
                    unknown[person.split()[-1]] = (person, role)
            elif len(words) == 1 and name in unknown:
                # "Jane Doe ... Doe said": the family name of a person named before.
                person, role = unknown[name]
                self.mentions.append((match.start(), person, None, role, "person", match.end()))
        self.mentions.sort()

    def at(self, start, end):
        """The mentions that begin within start..end."""
        return [m for m in self.mentions if start <= m[0] < end]

    def named_in(self, clause, offset, *, last=False):
        """The person a clause names: (name, id, role), from its first (or last) name, else
        the person its pronoun or description refers to."""
        names = self.at(offset, offset + len(clause))
        if names:
            mention = names[-1] if last else names[0]
            return mention[1], mention[2], mention[3]
        pronoun = re.search(rf"\b(he|she|the (?:{DESCRIPTIONS}))\b", clause, re.IGNORECASE)
        if pronoun:
            return self.referred(pronoun.group(1).lower(), offset + pronoun.start())
        return None

    def referred(self, words, position):
        """The person "he" or "the minister" at `position` refers back to; "it" a government
        and "they" a group."""
        kind = {"it": "body", "they": "group"}.get(words, "person")
        earlier = [m for m in self.mentions if m[0] < position and m[4] == kind]
        if words.startswith("the "):
            title = words[4:]
            earlier = [m for m in earlier if title in m[3].lower()] or earlier
        if earlier:
            mention = earlier[-1]
            return mention[1], mention[2], mention[3]
        return None


def is_place(name):
    return bool(re.fullmatch(r"(?:The\s+)?[A-Z][\w.]*(?:\s+(?:and|of)\s+[A-Z]\w*)*", name))


def appositive_role(text, end):
    """'Jane Doe, the defence minister, said': the role given after a name."""
    after = re.match(
        rf",[ \t]+(?:the[ \t]+)?([\w’' \t]{{0,40}}?\b(?:{DESCRIPTIONS}))\b", text[end:]
    )
    return after.group(1) if after else ""


def split_role(name):
    """'German Chancellor Olaf Scholz' -> ('German Chancellor', 'Olaf Scholz')."""
    words = name.split()
    titles = [i for i, w in enumerate(words) if re.fullmatch(rf"(?:{DESCRIPTIONS})s?", w.lower())]
    titles += [i for i, w in enumerate(words) if w in ("Prime", "Foreign", "Defense", "Defence")]
    if titles:
        cut = max(titles) + 1
        if words[cut - 1] in ("Prime", "Foreign", "Defense", "Defence"):
            cut += 1
        return " ".join(words[:cut]), " ".join(words[cut:])
    return "", name


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


# Reported speech ---------------------------------------------------------------------------
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


# Dates -------------------------------------------------------------------------------------

RELATIVE_DATES = re.compile(
    rf"\b(today|yesterday|tomorrow|(?:on |last |this )?(?:{WEEKDAYS})|last week|this week|"
    rf"earlier this week|last month|this month|last year|this year)\b",
    re.IGNORECASE,
)


def date_candidate(candidate, published_on):
    """When it was said, from the relative date nearest the words in their sentence."""
    if published_on is None:
        return
    candidate.said_on = candidate.said_on_latest = published_on
    candidate.precision = Precision.ON_OR_BEFORE
    written = published_on.strftime("%A %-d %B %Y")
    candidate.date_note = (
        f"The article, published on {written}, does not say when; it reports the words as "
        "said by then."
    )
    start, context = candidate.start, candidate.context
    matches = list(RELATIVE_DATES.finditer(context))
    if not matches:
        return
    phrase = min(matches, key=lambda m: abs(m.start() + candidate.context_start - start)).group(1)
    earliest, latest, precision = resolve(phrase, published_on)
    if earliest is None:
        return
    candidate.said_on, candidate.said_on_latest, candidate.precision = earliest, latest, precision
    candidate.is_dated = True
    candidate.date_note = (
        f"Inferred from the article, published on {written}, which says “{phrase}”."
    )


@functools.lru_cache(maxsize=256)
def resolve(phrase, published_on):
    """(earliest, latest, precision) of a relative date phrase against the article's date."""
    lowered = phrase.lower().removeprefix("on ")
    monday = published_on - datetime.timedelta(days=published_on.weekday())
    if lowered in ("last week",):
        start = monday - datetime.timedelta(days=7)
        return start, start + datetime.timedelta(days=6), Precision.BETWEEN
    if lowered in ("this week", "earlier this week"):
        return monday, published_on, Precision.BETWEEN
    if lowered in ("last month", "this month"):
        first = published_on.replace(day=1)
        if lowered == "last month":
            first = (first - datetime.timedelta(days=1)).replace(day=1)
        return first, first, Precision.MONTH
    if lowered in ("last year", "this year"):
        year = published_on.year - (lowered == "last year")
        return datetime.date(year, 1, 1), datetime.date(year, 1, 1), Precision.YEAR
    base = datetime.datetime.combine(published_on, datetime.time(12))
    if lowered.removeprefix("last ").capitalize() in WEEKDAYS.split("|"):
        weekday = WEEKDAYS.split("|").index(lowered.removeprefix("last ").capitalize())
        days_back = (published_on.weekday() - weekday) % 7
        if lowered.startswith("last ") and not days_back:
            days_back = 7
        day = published_on - datetime.timedelta(days=days_back)
        return day, day, Precision.DAY
    parsed = dateparser.parse(
        lowered, settings={"RELATIVE_BASE": base, "PREFER_DATES_FROM": "past"}, languages=["en"]
    )
    if parsed is None:
        return None, None, None
    return parsed.date(), parsed.date(), Precision.DAY

# ruff: noqa: RUF001, RUF003
# (Typographic quotation marks and apostrophes are what this module reads.)
"""Who an article names: the speakers the archive knows (SpeakerMatcher), and each person,
government and group of officials the article names, with the role it gives them, for the
pronouns and descriptions that refer back to them (People)."""

import re

from tracker.finder.sentences import around
from tracker.finder.words import DESCRIPTIONS, NAME

NOT_NAMES = {
    "The", "But", "And", "While", "In", "On", "At", "As", "For", "To", "So", "If", "It", "This",
    "That", "There", "Then", "When", "After", "Before", "Unfortunately", "However", "Nobody",
    "I", "We", "You", "He", "She", "They", "A", "An", "All", "Peace", "Contact", "What", "Who",
    "Why", "How", "Where", "Whether", "Which", "Despite", "Although", "Though", "Since",
}  # fmt: skip


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

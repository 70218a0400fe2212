"""The generator: an archive's records, in order, from a seed and the vocabulary.

Everything here is pure: the same seed and counts give the same records, whatever the
database. The `generate_archive` command writes them.

The archive is skewed the way real ones are: one nation is much bigger than the others, a
few speakers are quoted very often (the first speaker has about 1% of all quotes), most
quotes come from recent years, and words have the frequencies a search benchmark needs:
common ("troops", in about a fifth of quotes), uncommon ("ceasefire", "drones"), rare (the
words of RARE_NOUNS, about one quote in a thousand each) and very rare (invented place
names, a handful of quotes each).
"""

import bisect
import functools
import math
import random
from dataclasses import dataclass, field
from datetime import date, timedelta

from django.utils.text import slugify

from bench.generation.quotes import QuoteRows
from bench.generation.sizes import (
    FIRST_DAY,
    LAST_DAY,
    TOP_NATION_SHARE,
    TOP_SPEAKER_SHARE,
    TOPIC_CUMULATIVE,
    cumulative,
    top_heavy,
)
from bench.generation.vocabulary import (
    AUTHOR_NAMES,
    CONDITIONS,
    FOREIGN_SENTENCES,
    HEADLINES,
    HEADS_OF_GOVERNMENT,
    INSTITUTIONS,
    NATIONS,
    OFFICIALS,
    OFFICIALS_WITHOUT_NATION,
    OUTLET_NOUNS,
    PARTNERS,
    PEOPLE_NAMES,
    PLACES,
    SENIOR_TITLES,
    TIMES,
    TITLES,
    TOPICS,
    with_the,
    without_accents,
)
from tracker.models import (
    KEY_ALPHABET,
    KEY_LENGTH,
    Alias,
    Language,
    Nation,
    Outlet,
    Quote,
    Role,
    Source,
    Speaker,
    Stance,
    Topic,
)
from tracker.search import fold

MIDDLE_INITIALS = "ABCDEFGHJKLMNPRSTW"
# The languages of quotes, by the names people have where they were said.
NATIVE_LANGUAGE = {"fr": "fr", "de": "de", "es": "es", "it": "it", "pl": "pl"}
# Outlets' languages, by how many outlets publish in each.
OUTLET_LANGUAGE_WEIGHTS = {"en": 70, "fr": 8, "de": 9, "es": 5, "it": 4, "pl": 4}

# The columns of the rows sources() makes, in their order.
SOURCE_COLUMNS = (
    "id",
    "key",
    "outlet_id",
    "kind",
    "title",
    "is_title_supplied",
    "authors",
    "url",
    "archived_url",
    "language",
    "published_on",
    "accessed_on",
    "notes",
)

# A key is 40 random bits, 5 a character: four lookups of 10 bits each.
assert KEY_LENGTH == 8
_KEY_PAIRS = [a + b for a in KEY_ALPHABET for b in KEY_ALPHABET]


@dataclass
class GeneratedSpeaker:
    speaker: Speaker
    surname: str
    nation: Nation | None
    roles: list = field(default_factory=list)  # Role, oldest first, not overlapping
    role_starts: list = field(default_factory=list)
    native_language: str = ""
    aliases: list = field(default_factory=list)  # Alias, unsaved
    search_prefixes: dict = field(default_factory=dict)  # (role id, nation id): folded names


class ArchiveGenerator(QuoteRows):
    """Makes an archive's records in order: nations, topics, speakers, outlets, sources, quotes.

    Records get explicit ids from `first_ids` (the next free id of each table), so that
    sources and quotes can refer to each other without asking the database. Keys and slugs
    already taken are passed in and never reused. Nations and topics may already exist:
    the caller saves the ones returned by `nations()` and `topics()`, with their ids, before
    asking for speakers.
    """

    def __init__(self, *, seed, counts, first_ids=None, taken=None):
        self.rng = random.Random(seed)
        self.counts = counts
        self.next_ids = dict.fromkeys(
            ["speaker", "role", "outlet", "source", "quote", "translation", "attributionlink"], 1
        )
        self.next_ids.update(first_ids or {})
        taken = taken or {}
        self.taken_quote_keys = set(taken.get("quote_keys", ()))
        self.taken_source_keys = set(taken.get("source_keys", ()))
        self.taken_speaker_slugs = set(taken.get("speaker_slugs", ()))
        self.taken_speaker_names = set(taken.get("speaker_names", ()))
        self.taken_outlet_slugs = set(taken.get("outlet_slugs", ()))
        self.taken_outlet_names = set(taken.get("outlet_names", ()))
        self.quotes_by_speaker = {}
        self.quotes_by_nation = {}
        self.quotes_by_status = dict.fromkeys(Quote.Status.values, 0)

    def _take_id(self, table):
        next_id = self.next_ids[table]
        self.next_ids[table] += 1
        return next_id

    def _key(self, taken):
        pairs = _KEY_PAIRS
        while True:
            bits = self.rng.getrandbits(40)
            key = pairs[bits >> 30] + pairs[bits >> 20 & 1023] + pairs[bits >> 10 & 1023]
            key += pairs[bits & 1023]
            if key not in taken:
                taken.add(key)
                return key

    @staticmethod
    def _unique(slug, taken):
        candidate, n = slug, 1
        while candidate in taken:
            n += 1
            candidate = f"{slug}-{n}"
        taken.add(candidate)
        return candidate

    def _day(self):
        """A day in the ten years, more often recent ones; a tenth of them near a big story."""
        rng = self.rng
        span = (LAST_DAY - FIRST_DAY).days
        if rng.random() < 0.1:
            offset = self.story_days[rng.randrange(len(self.story_days))] + rng.randint(-6, 6)
        else:
            offset = int(span * math.sqrt(rng.random()))
        return FIRST_DAY + timedelta(days=min(max(offset, 0), span))

    # Nations and topics ------------------------------------------------------------------

    def nations(self):
        """Unsaved nations, the biggest first. Save them (or find them) and set their ids."""
        self.nation_rows = NATIONS[: self.counts.nations]
        self.nation_list = [
            Nation(code=code, name=name, is_eu_member=eu, is_nato_member=nato)
            for code, name, eu, nato, _culture, _capital in self.nation_rows
        ]
        return self.nation_list

    def topics(self):
        """Unsaved topics, each with its unsaved stances. Save them and set their ids."""
        self.topic_list = []
        for words in TOPICS:
            topic = Topic(
                name=words.name,
                slug=words.slug,
                question=words.question,
                description=f"Invented quotes for a benchmark archive: {words.question}",
            )
            stances = [
                Stance(topic=topic, value=value, label=label, position=position)
                for position, (value, label, _tone) in enumerate(words.stances)
            ]
            self.topic_list.append((topic, stances))
        return self.topic_list

    # Speakers ----------------------------------------------------------------------------

    def speakers(self):
        """Speakers with their roles, the most quoted first, with ids; after nations()."""
        rng = self.rng
        n_nations = len(self.nation_list)
        # Quotes per speaker: a long tail, and a first speaker with TOP_SPEAKER_SHARE at least.
        speaker_shares = top_heavy(self.counts.speakers, top=TOP_SPEAKER_SHARE, lead=1.6, tail=30)
        # Each nation's share of quotes: the first one much bigger than any other.
        targets = top_heavy(n_nations, top=TOP_NATION_SHARE, lead=2, tail=2)
        # Each speaker goes to a nation still short of its share by as much as the speaker's
        # quotes, at random; failing one, to the nation furthest short. So the shares hold in
        # small archives too, where a few speakers have most of the quotes.
        shortfalls = list(targets)
        self.speaker_list = []
        for rank, share in enumerate(speaker_shares):
            if rank == 0:
                nation_index = 0
            elif max(shortfalls) >= share:
                room = cumulative(short if short >= share else 0 for short in shortfalls)
                nation_index = self._weighted(room)
            else:
                nation_index = shortfalls.index(max(shortfalls))
            shortfalls[nation_index] -= share
            roll = 0.0 if rank == 0 else rng.random()
            if roll < 0.9:
                generated = self._person(rank, nation_index)
            else:
                generated = self._group(roll < 0.96, nation_index)
                if generated is None:
                    generated = self._person(rank, nation_index)
            self.speaker_list.append(generated)
        self.speaker_cum = cumulative(speaker_shares)
        return self.speaker_list

    def _person(self, rank, nation_index):
        rng = self.rng
        code, nation_name, _eu, _nato, culture, _capital = self.nation_rows[nation_index]
        nation = self.nation_list[nation_index]
        firsts, lasts = PEOPLE_NAMES[culture]
        for attempt in range(10):  # a name not yet taken, if one comes; a middle initial helps
            first, last = rng.choice(firsts), rng.choice(lasts)
            if culture == "pl" and first.endswith("a") and last.endswith("ki"):
                last = last[:-1] + "a"  # Anna Kowalska
            has_middle = rng.random() < (0.15 if attempt < 3 else 1)
            middle = f" {rng.choice(MIDDLE_INITIALS)}." if has_middle else ""
            name = f"{first}{middle} {last}"
            if name not in self.taken_speaker_names:
                break
        self.taken_speaker_names.add(name)
        speaker = Speaker(
            pk=self._take_id("speaker"),
            name=name,
            slug=self._unique(slugify(name) or "speaker", self.taken_speaker_slugs),
            kind=Speaker.Kind.PERSON,
            nation=nation,
            nationality=nation,
            given_name=f"{first}{middle}",
            family_name=last,
        )
        generated = GeneratedSpeaker(
            speaker=speaker,
            surname=last,
            nation=nation,
            native_language=NATIVE_LANGUAGE.get(culture, ""),
        )
        # One speaker in ten is met spelt another way: without accents, or two letters swapped.
        if rng.random() < 0.1:
            plain = without_accents(name)
            if plain != name:
                alias = Alias(speaker=speaker, name=plain, kind=Alias.Kind.TRANSLITERATION)
                generated.aliases.append(alias)
            elif len(last) > 3:
                i = rng.randrange(1, len(last) - 2)
                misspelt = f"{first} {last[:i]}{last[i + 1]}{last[i]}{last[i + 2 :]}"
                alias = Alias(speaker=speaker, name=misspelt, kind=Alias.Kind.MISSPELLING)
                generated.aliases.append(alias)
        # A career: one to three roles, one after another, most of the ten years in office;
        # the last role perhaps still held.
        senior = rank < max(3, self.counts.speakers // 100)
        titles = SENIOR_TITLES if senior else TITLES
        head = HEADS_OF_GOVERNMENT.get(code, "Prime Minister")
        start = FIRST_DAY + timedelta(days=rng.randint(-4 * 365, 365))
        n_roles = rng.choices((1, 2, 3), weights=(40, 40, 20))[0]
        used = set()
        for number in range(n_roles):
            if start > LAST_DAY:
                break
            title = rng.choice(titles).format(head=head, the_nation=with_the(nation_name))
            if title in used:
                continue
            used.add(title)
            end = start + timedelta(days=rng.randint(3 * 365, 8 * 365))
            still_held = end > LAST_DAY or (number == n_roles - 1 and rng.random() < 0.7)
            role = Role(
                pk=self._take_id("role"),
                speaker=speaker,
                title=title,
                nation=nation,
                started_on=None if number == 0 and rng.random() < 0.05 else start,
                ended_on=None if still_held else end,
            )
            generated.roles.append(role)
            generated.role_starts.append(role.started_on or date.min)
            if still_held:
                break
            start = end + timedelta(days=rng.randint(1, 120))
        return generated

    def _group(self, is_institution, nation_index):
        rng = self.rng
        nation = self.nation_list[nation_index]
        if is_institution:
            kind, pattern = Speaker.Kind.INSTITUTION, rng.choice(INSTITUTIONS)
            description = ""
        elif rng.random() < 0.2:
            kind, pattern = Speaker.Kind.OFFICIALS, rng.choice(OFFICIALS_WITHOUT_NATION)
            nation, description = None, "Unnamed officials, as reported by the press."
        else:
            kind, pattern = Speaker.Kind.OFFICIALS, rng.choice(OFFICIALS)
            description = "Unnamed officials, as reported by the press."
        name = pattern.format(the_nation=with_the(nation.name) if nation else "")
        if name in self.taken_speaker_names:
            return None
        self.taken_speaker_names.add(name)
        speaker = Speaker(
            pk=self._take_id("speaker"),
            name=name,
            slug=self._unique(slugify(name), self.taken_speaker_slugs),
            kind=kind,
            nation=nation,
            description=description,
        )
        # How the words name them: "the Government of France said", "Western officials said".
        surname = f"the {name}" if kind == Speaker.Kind.INSTITUTION else name
        return GeneratedSpeaker(speaker=speaker, surname=surname, nation=nation)

    # Outlets and sources -----------------------------------------------------------------

    def outlets(self):
        """Invented outlets, with ids; each with the language it publishes in."""
        rng = self.rng
        languages = list(OUTLET_LANGUAGE_WEIGHTS)
        weights = list(OUTLET_LANGUAGE_WEIGHTS.values())
        self.outlet_list = []
        while len(self.outlet_list) < self.counts.outlets:
            language = rng.choices(languages, weights=weights)[0]
            place = rng.choice(PLACES)
            noun = rng.choice(OUTLET_NOUNS[language])
            name = {
                "en": f"The {place} {noun}",
                "fr": f"{noun} de {place}",
                "de": f"{place}er {noun}",
                "es": f"{noun} de {place}",
                "it": f"{noun} di {place}",
                "pl": f"{noun} {place}",
            }[language]
            if name in self.taken_outlet_names:
                continue
            self.taken_outlet_names.add(name)
            slug = self._unique(slugify(name), self.taken_outlet_slugs)
            outlet = Outlet(
                pk=self._take_id("outlet"),
                name=name,
                slug=slug,
                home_url=f"https://{slug}.example/",
            )
            outlet.language = language
            self.outlet_list.append(outlet)
        return self.outlet_list

    def sources(self):
        """Rows of SOURCE_COLUMNS, oldest first, with ids; after outlets()."""
        rng = self.rng
        pick, weighted = self._pick, self._weighted
        span = (LAST_DAY - FIRST_DAY).days
        self.story_days = [rng.randrange(span) for _ in range(40)]
        days = sorted(self._day() for _ in range(self.counts.sources))
        outlet_cum = cumulative(1 / (rank + 3) for rank in range(len(self.outlet_list)))
        kinds = Source.Kind.values
        kind_cum = cumulative((55, 5, 10, 8, 10, 7, 5))
        author_cum = cumulative((20, 65, 15))
        slug_of = functools.lru_cache(maxsize=10_000)(slugify)
        self.source_ids, self.source_days, self.source_outlets = [], days, []
        self.source_outlet_ids = []
        for day in days:
            source_id = self._take_id("source")
            self.source_ids.append(source_id)
            outlet = self.outlet_list[weighted(outlet_cum)]
            self.source_outlets.append(fold(outlet.name))
            self.source_outlet_ids.append(outlet.id)
            kind = kinds[weighted(kind_cum)]
            words = self._topic_words(self._pick_topic(), int(rng.random() * len(self.nation_rows)))
            if outlet.language == Language.ENGLISH:
                title = pick(HEADLINES).format(**words)
            else:
                title = pick(FOREIGN_SENTENCES[outlet.language])[0].rstrip(".")
            is_title_supplied = kind in ("video", "social") and rng.random() < 0.5
            if is_title_supplied:
                title = f"{Source.Kind(kind).label} about {words['thing']}"
            authors = "\n".join(
                f"{pick(firsts)} {pick(lasts)}"
                for firsts, lasts in [pick(AUTHOR_NAMES) for _ in range(weighted(author_cum))]
            )
            url = f"{outlet.home_url}{day:%Y/%m/%d}/{slug_of(title)[:80]}"
            archived = ""
            if rng.random() < 0.3:
                archived = f"https://web.archive.org/web/{day:%Y%m%d}120000/{url}"
            yield (
                source_id,
                self._key(self.taken_source_keys),
                outlet.id,
                kind,
                title,
                is_title_supplied,
                authors,
                url,
                archived,
                outlet.language,
                day,
                day + timedelta(days=int(rng.random() * 21)),
                "",
            )

    # Picking words -----------------------------------------------------------------------

    def _pick(self, seq):
        # random.choice() is correct but slow; a million quotes make ten million picks.
        return seq[int(self.rng.random() * len(seq))]

    def _weighted(self, totals):
        return bisect.bisect(totals, self.rng.random() * totals[-1])

    def _pick_topic(self):
        return self._weighted(TOPIC_CUMULATIVE)

    def _topic_words(self, topic_index, nation_index):
        pick = self._pick
        words = TOPICS[topic_index]
        act, ing = pick(words.acts)
        if nation_index is None:
            name, capital = "Europe", "Brussels"
        else:
            _code, name, _eu, _nato, _culture, capital = self.nation_rows[nation_index]
        return {
            "act": act,
            "ing": ing,
            "thing": pick(words.things),
            "cond": pick(CONDITIONS),
            "time": pick(TIMES),
            "partners": pick(PARTNERS),
            "Nation": name,
            "capital": capital,
        }

"""The words a generated archive is made of, read from bench/data (see its README.md).

Nations and topics are real countries and real questions; the people, outlets, places and
every sentence are invented, so that no real person is ever credited with something they did
not say. The order of each file matters: the same seed gives the same archive only from the
same files.
"""

import csv
import functools
import itertools
import tomllib
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from tracker.models import NO_POSITION
from tracker.search import fold

DATA = Path(__file__).resolve().parent.parent / "data"


def lines(name):
    """The items of a data file, one a line; blank lines and lines starting with # skipped."""
    text = (DATA / name).read_text(encoding="utf-8")
    return [line for line in text.splitlines() if line.strip() and not line.startswith("#")]


def by_name(folder, read=lines):
    """{file name without its suffix: its items} for every file of a data folder, by name."""
    return {path.stem: read(f"{folder}/{path.name}") for path in sorted((DATA / folder).iterdir())}


# Nations: code, name, EU member, NATO member, the names people there have (a file of
# first_names/ and surnames/), where they speak from. The first is the biggest nation by far.
with (DATA / "nations.csv").open(encoding="utf-8", newline="") as file:
    NATIONS = [
        (
            row["code"],
            row["name"],
            row["is_eu_member"] == "yes",
            row["is_nato_member"] == "yes",
            row["names"],
            row["capital"],
        )
        for row in csv.DictReader(file)
    ]
NAMES_WITH_THE = {"United Kingdom", "United States", "Netherlands", "United Arab Emirates"}
HEADS_OF_GOVERNMENT = {"de": "Chancellor", "at": "Chancellor"}

# Invented people: (first names, surnames), as each part of the world writes them.
PEOPLE_NAMES = {
    culture: (first_names, lines(f"surnames/{culture}.txt"))
    for culture, first_names in by_name("first_names").items()
}
# The titles hold {the_nation} (and the senior ones {head}, of government).
SENIOR_TITLES = lines("titles/senior.txt")
TITLES = lines("titles/other.txt")
INSTITUTIONS = lines("speakers/institutions.txt")
OFFICIALS = lines("speakers/officials.txt")
OFFICIALS_WITHOUT_NATION = lines("speakers/officials_without_nation.txt")

# Outlets: the nouns of their names, by the language they publish in.
OUTLET_NOUNS = by_name("outlet_names")

# Invented places, for outlets and for the very rare words of a search.
PLACES = [
    start + middle + end
    for start, middle, end in itertools.product(
        lines("places/starts.txt"), lines("places/middles.txt"), lines("places/ends.txt")
    )
]

# Topics: the question, the stances from most willing to most opposed (each with the tone of
# the words that take it), and what their quotes talk about.
WILLING = "willing"
MAYBE, IF, NO, NONE = "maybe", "if", "no", "none"
NO_POSITION_STANCE = (NO_POSITION, "No position", NONE)


@dataclass(frozen=True)
class TopicWords:
    slug: str
    name: str
    question: str
    weight: int
    stances: list  # (value, label, tone)
    acts: list  # (to do it, doing it)
    things: list  # what is talked about


TOPICS = [
    TopicWords(
        slug=topic["slug"],
        name=topic["name"],
        question=topic["question"],
        weight=topic["weight"],
        stances=[*map(tuple, topic["stances"]), NO_POSITION_STANCE],
        acts=[tuple(act) for act in topic["acts"]],
        things=topic["things"],
    )
    for topic in tomllib.loads((DATA / "topics.toml").read_text(encoding="utf-8"))["topic"]
]

# The slots of sentences and headlines: {act}, {ing}, {thing} of the topic, {cond}, {time},
# {partners}, {Nation} (the speaker's), {capital} (the nation's), {Surname} (the speaker's).
CONDITIONS = lines("conditions.txt")
TIMES = lines("times.txt")
PARTNERS = lines("partners.txt")
SENTENCES = by_name("sentences")  # by the tone of the stance they take
PARAPHRASES = by_name("paraphrases")  # by tone, of what {Surname} said
CONTEXTS = lines("contexts.txt")
RARE_SENTENCES = lines("rare_sentences.txt")  # with {rare}, a word of RARE_NOUNS, and {place}
RARE_NOUNS = lines("rare_nouns.txt")
HEADLINES = lines("headlines.txt")
RETRACTION_REASONS = lines("retraction_reasons.txt")

# Sentences in other languages, with their English translations, by language.
FOREIGN_SENTENCES = by_name(
    "foreign_sentences", read=lambda name: [tuple(line.split("\t")) for line in lines(name)]
)
FOLDED_FOREIGN = {
    text: fold(text) for pairs in FOREIGN_SENTENCES.values() for text, _english in pairs
}
AUTHOR_NAMES = [PEOPLE_NAMES[culture] for culture in ("en", "en", "en", "fr", "de", "es", "it")]


def fold_text(text):
    # fold() works character by character, so folding ASCII is lower-casing it; other
    # texts repeat (the same foreign sentences, the same names), so they are remembered.
    return text.lower() if text.isascii() else fold_remembered(text)


@functools.lru_cache(maxsize=100_000)
def fold_remembered(text):
    return fold(text)


def without_accents(text):
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def with_the(name):
    return f"the {name}" if name in NAMES_WITH_THE else name


def capitalize(text):
    return text[:1].upper() + text[1:]

"""An invented archive for benchmarks and demos, made from word lists and a seed.

Everything here is pure: the same seed and counts give the same records, whatever the
database. The `generate_archive` command writes them. Nations and topics are real questions
and real countries; the speakers, outlets and their words are invented, so that no real
person is ever credited with something they did not say.

The archive is skewed the way real ones are: one nation is much bigger than the others, a
few speakers are quoted very often (the first speaker has about 1% of all quotes), most
quotes come from recent years, and words have the frequencies a search benchmark needs:
common ("troops", in about a fifth of quotes), uncommon ("ceasefire", "drones"), rare (the
words of RARE_NOUNS, about one quote in a thousand each) and very rare (invented place
names, a handful of quotes each).
"""

import bisect
import functools
import itertools
import math
import random
import unicodedata
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta

from django.utils.text import slugify

from tracker.models import (
    KEY_ALPHABET,
    KEY_LENGTH,
    NO_POSITION,
    Language,
    Nation,
    Outlet,
    Quote,
    Role,
    Source,
    Speaker,
    Stance,
    Topic,
    fold,
)

# Ten years of quotes. Fixed, so that a seed gives the same archive on any day.
FIRST_DAY = date(2016, 1, 1)
LAST_DAY = date(2025, 12, 31)

# The archive for a million quotes; smaller archives scale down, keeping these minimums.
FULL_SIZE = {
    "quotes": 1_000_000,
    "nations": 60,
    "speakers": 5_000,
    "outlets": 300,
    "sources": 150_000,
}
MINIMUM_SIZE = {"nations": 6, "speakers": 20, "outlets": 5, "sources": 20}

TOP_NATION_SHARE = 0.2  # of quotes, at least
TOP_SPEAKER_SHARE = 0.01  # of quotes, at least

DRAFT_SHARE, REVIEW_SHARE, RETRACTED_SHARE = 0.07, 0.03, 0.01


@dataclass(frozen=True)
class Counts:
    quotes: int
    nations: int
    speakers: int
    outlets: int
    sources: int


def scaled_counts(quotes, **overrides):
    """How many of each record an archive of `quotes` quotes has; overrides win when given."""
    if quotes < 0:
        raise ValueError("Ask for a number of quotes, 0 or more.")
    share = quotes / FULL_SIZE["quotes"]
    sizes = {name: max(MINIMUM_SIZE[name], round(FULL_SIZE[name] * share)) for name in MINIMUM_SIZE}
    sizes["nations"] = min(sizes["nations"], len(NATIONS))
    sizes.update({name: value for name, value in overrides.items() if value is not None})
    if not 1 <= sizes["nations"] <= len(NATIONS):
        raise ValueError(f"The generator knows {len(NATIONS)} nations: ask for 1 to that many.")
    for name, value in sizes.items():
        if value < 1:
            raise ValueError(f"An archive needs at least one {name[:-1]}.")
    return Counts(quotes=quotes, **sizes)


# Words. ----------------------------------------------------------------------------------


def _words(text):
    return text.split()


# Code, name, EU member, NATO member, the names people there have, where they speak from.
# In order of size in the archive: the first is the biggest nation by far.
NATIONS = [
    ("de", "Germany", True, True, "de", "Berlin"),
    ("fr", "France", True, True, "fr", "Paris"),
    ("gb", "United Kingdom", False, True, "en", "London"),
    ("pl", "Poland", True, True, "pl", "Warsaw"),
    ("it", "Italy", True, True, "it", "Rome"),
    ("es", "Spain", True, True, "es", "Madrid"),
    ("ua", "Ukraine", False, False, "slavic", "Kyiv"),
    ("us", "United States", False, True, "en", "Washington"),
    ("nl", "Netherlands", True, True, "nl", "The Hague"),
    ("se", "Sweden", True, True, "nordic", "Stockholm"),
    ("ru", "Russia", False, False, "slavic", "Moscow"),
    ("be", "Belgium", True, True, "fr", "Brussels"),
    ("dk", "Denmark", True, True, "nordic", "Copenhagen"),
    ("fi", "Finland", True, True, "nordic", "Helsinki"),
    ("no", "Norway", False, True, "nordic", "Oslo"),
    ("ee", "Estonia", True, True, "baltic", "Tallinn"),
    ("lv", "Latvia", True, True, "baltic", "Riga"),
    ("lt", "Lithuania", True, True, "baltic", "Vilnius"),
    ("cz", "Czechia", True, True, "slavic", "Prague"),
    ("sk", "Slovakia", True, True, "slavic", "Bratislava"),
    ("hu", "Hungary", True, True, "other", "Budapest"),
    ("ro", "Romania", True, True, "other", "Bucharest"),
    ("at", "Austria", True, False, "de", "Vienna"),
    ("pt", "Portugal", True, True, "other", "Lisbon"),
    ("gr", "Greece", True, True, "other", "Athens"),
    ("ie", "Ireland", True, False, "en", "Dublin"),
    ("ca", "Canada", False, True, "en", "Ottawa"),
    ("tr", "Turkey", False, True, "other", "Ankara"),
    ("bg", "Bulgaria", True, True, "slavic", "Sofia"),
    ("hr", "Croatia", True, True, "slavic", "Zagreb"),
    ("si", "Slovenia", True, True, "slavic", "Ljubljana"),
    ("lu", "Luxembourg", True, True, "fr", "Luxembourg"),
    ("ch", "Switzerland", False, False, "de", "Bern"),
    ("is", "Iceland", False, True, "nordic", "Reykjavík"),
    ("mt", "Malta", True, False, "en", "Valletta"),
    ("cy", "Cyprus", True, False, "other", "Nicosia"),
    ("md", "Moldova", False, False, "other", "Chișinău"),
    ("ge", "Georgia", False, False, "other", "Tbilisi"),
    ("rs", "Serbia", False, False, "slavic", "Belgrade"),
    ("al", "Albania", False, True, "other", "Tirana"),
    ("mk", "North Macedonia", False, True, "slavic", "Skopje"),
    ("me", "Montenegro", False, True, "slavic", "Podgorica"),
    ("ba", "Bosnia and Herzegovina", False, False, "slavic", "Sarajevo"),
    ("by", "Belarus", False, False, "slavic", "Minsk"),
    ("am", "Armenia", False, False, "other", "Yerevan"),
    ("az", "Azerbaijan", False, False, "other", "Baku"),
    ("kz", "Kazakhstan", False, False, "other", "Astana"),
    ("au", "Australia", False, False, "en", "Canberra"),
    ("nz", "New Zealand", False, False, "en", "Wellington"),
    ("jp", "Japan", False, False, "other", "Tokyo"),
    ("kr", "South Korea", False, False, "other", "Seoul"),
    ("cn", "China", False, False, "other", "Beijing"),
    ("in", "India", False, False, "other", "New Delhi"),
    ("br", "Brazil", False, False, "other", "Brasília"),
    ("mx", "Mexico", False, False, "es", "Mexico City"),
    ("ar", "Argentina", False, False, "es", "Buenos Aires"),
    ("za", "South Africa", False, False, "en", "Pretoria"),
    ("ng", "Nigeria", False, False, "en", "Abuja"),
    ("sa", "Saudi Arabia", False, False, "other", "Riyadh"),
    ("ae", "United Arab Emirates", False, False, "other", "Abu Dhabi"),
    ("eg", "Egypt", False, False, "other", "Cairo"),
]
NAMES_WITH_THE = {"United Kingdom", "United States", "Netherlands", "United Arab Emirates"}
HEADS_OF_GOVERNMENT = {"de": "Chancellor", "at": "Chancellor"}

# Invented people: first names, then surnames, as each part of the world writes them.
PEOPLE_NAMES = {
    "en": (
        "James Mary John Patricia Robert Jennifer Michael Linda David Elizabeth William Susan "
        "Richard Sarah Thomas Karen Charles Emily Daniel Rachel Andrew Fiona Gareth Siobhan",
        "Smith Jones Taylor Brown Williams Wilson Johnson Davies Robinson Wright Thompson Evans "
        "Walker White Roberts Green Hall Wood Jackson Clarke Patel Hughes Edwards Murphy Kelly "
        "Morgan Harris Lewis",
    ),
    "fr": (
        "Jean Marie Pierre Sophie Michel Camille François Isabelle Philippe Hélène Nicolas "
        "Céline Laurent Aurélie Étienne Nathalie Olivier Élodie Julien Amélie Benoît Claire",
        "Martin Bernard Dubois Thomas Robert Richard Petit Durand Leroy Moreau Simon Laurent "
        "Lefèvre Michel Garcia David Bertrand Roux Vincent Fournier Morel Girard André Mercier "
        "Lambert Bonnet Faure Rousseau Blanc Guérin",
    ),
    "de": (
        "Thomas Anna Michael Julia Andreas Katharina Stefan Sabine Jürgen Ursula Matthias "
        "Christine Wolfgang Petra Markus Annalena Friedrich Monika Jörg Birgit Lars Sönke",
        "Müller Schmidt Schneider Fischer Weber Meyer Wagner Becker Schulz Hoffmann Schäfer Koch "
        "Bauer Richter Klein Wolf Schröder Neumann Schwarz Zimmermann Braun Krüger Hofmann "
        "Hartmann Lange Vogel Köhler",
    ),
    "es": (
        "José María Antonio Carmen Manuel Ana Francisco Isabel Javier Lucía David Pilar Pedro "
        "Elena Jesús Dolores Alejandro Margarita Fernando Teresa Sergio Nadia",
        "García Rodríguez González Fernández López Martínez Sánchez Pérez Gómez Martín Jiménez "
        "Ruiz Hernández Díaz Moreno Muñoz Álvarez Romero Alonso Gutiérrez Navarro Torres "
        "Domínguez Vázquez Ramos Gil Serrano",
    ),
    "it": (
        "Giuseppe Maria Giovanni Anna Antonio Giulia Mario Francesca Luigi Chiara Francesco "
        "Paola Roberto Sara Alessandro Elena Matteo Giorgia Stefano Federica Guido Silvia",
        "Rossi Russo Ferrari Esposito Bianchi Romano Colombo Ricci Marino Greco Bruno Gallo "
        "Conti Ferraro Mancini Costa Giordano Rizzo Lombardi Moretti Barbieri Fontana Santoro "
        "Mariani Rinaldi Caruso",
    ),
    "pl": (
        "Piotr Anna Krzysztof Maria Andrzej Katarzyna Tomasz Małgorzata Paweł Agnieszka Michał "
        "Barbara Marcin Ewa Łukasz Joanna Jakub Magdalena Grzegorz Zofia Radosław Dorota",
        "Nowak Kowalski Wiśniewski Wójcik Kowalczyk Kamiński Lewandowski Zieliński Szymański "
        "Woźniak Dąbrowski Kozłowski Jankowski Mazur Kwiatkowski Krawczyk Piotrowski Grabowski "
        "Nowakowski Pawłowski Michalski Król Wieczorek Jabłoński Wróbel",
    ),
    "nl": (
        "Jan Anne Pieter Emma Willem Sanne Hendrik Lotte Dirk Femke Joost Marieke Sander Anouk "
        "Bram Ingrid Ruud Eline Maarten Hanneke",
        "Jansen Visser Smit Meijer Mulder Bos Vos Peters Hendriks Dekker Brouwer Dijkstra Kok "
        "Jacobs Vermeulen Bakker Verhoeven Willems Kuipers Hoekstra Postma Schouten",
    ),
    "nordic": (
        "Lars Ingrid Erik Astrid Anders Sofia Nils Maja Johan Elin Mikkel Freja Henrik Karin "
        "Olav Sigrid Jussi Aino Magnus Helga",
        "Johansson Andersson Karlsson Nilsson Eriksson Larsson Olsen Hansen Jensen Nielsen "
        "Pedersen Virtanen Korhonen Lindqvist Berg Halvorsen Sigurðsson Lund Dahl Holm Strand",
    ),
    "baltic": (
        "Jānis Kristīne Andris Līga Mārtiņš Ilze Tomas Rūta Mindaugas Laura Kaja Jüri Marko "
        "Kersti Tõnis Ieva Gintautas Aistė",
        "Bērziņš Kalniņš Ozoliņš Liepa Kazlauskas Petrauskas Jankauskas Žukauskas Tamm Saar "
        "Sepp Mägi Kask Rebane Ilves Paju",
    ),
    "slavic": (
        "Ivan Olena Petr Jana Tomáš Kateřina Marek Zuzana Dmytro Oksana Milan Ivana Nikola "
        "Vesna Andrii Iryna Luka Mila Bogdan Natalia",
        "Novák Horváth Kovalenko Shevchenko Bondarenko Dvořák Černý Kovačević Marković Petrović "
        "Popov Ivanov Tkachenko Kravets Kučera Babić Jovanović Stoyanov Dimitrov Kolar Melnyk",
    ),
    "other": (
        "Ahmet Elif Mehmet Ayşe Giorgi Nino Dimitrios Eleni Mihai Ioana Gábor Zsófia Arben Teuta "
        "Hiroshi Yuki Rahul Priya Thabo Naledi Omar Leila Wei Mei Carlos Beatriz",
        "Yılmaz Kaya Demir Beridze Papadopoulos Georgiou Popescu Ionescu Nagy Szabó Tóth Hoxha "  # noqa: RUF001 (a Turkish name)
        "Krasniqi Tanaka Sato Sharma Gupta Nkosi Dlamini Haddad Mansour Chen Wang Silva Santos "
        "Kim Park Aliyev Petrosyan",
    ),
}
PEOPLE_NAMES = {culture: (_words(a), _words(b)) for culture, (a, b) in PEOPLE_NAMES.items()}
MIDDLE_INITIALS = "ABCDEFGHJKLMNPRSTW"

# The languages of quotes, by the names people have where they were said.
NATIVE_LANGUAGE = {"fr": "fr", "de": "de", "es": "es", "it": "it", "pl": "pl"}
NATIVE_SHARE = 0.3

SENIOR_TITLES = [
    "{head} of {the_nation}",
    "President of {the_nation}",
    "Minister of Foreign Affairs of {the_nation}",
    "Minister of Defence of {the_nation}",
]
TITLES = [
    "Member of the Parliament of {the_nation}",
    "Member of the Parliament of {the_nation}",
    "Member of the Parliament of {the_nation}",
    "Minister of Finance of {the_nation}",
    "Minister of Energy of {the_nation}",
    "Minister for European Affairs of {the_nation}",
    "Deputy Minister of Defence of {the_nation}",
    "Ambassador of {the_nation} to NATO",
    "Ambassador of {the_nation} to the European Union",
    "Government Spokesperson of {the_nation}",
    "Leader of the Opposition in {the_nation}",
    "Chief of Defence of {the_nation}",
    "Chair of the Defence Committee of {the_nation}",
    "National Security Adviser of {the_nation}",
]
INSTITUTIONS = [
    "Government of {the_nation}",
    "Ministry of Defence of {the_nation}",
    "Ministry of Foreign Affairs of {the_nation}",
    "Office of the President of {the_nation}",
]
OFFICIALS = [
    "Officials of the Government of {the_nation}",
    "Diplomats of {the_nation}",
    "Defence officials of {the_nation}",
]
OFFICIALS_WITHOUT_NATION = [
    "Western officials",
    "European diplomats",
    "Officials with knowledge of the talks",
    "Senior NATO officials",
]

OUTLET_NOUNS = {
    "en": _words(
        "Gazette Courier Herald Post Observer Tribune Chronicle Dispatch Monitor Review "
        "Ledger Standard Times Journal Sentinel Record Mercury Express Bulletin Examiner"
    ),
    "fr": ["Le Courrier", "Le Journal", "La Dépêche", "Le Républicain", "La Voix", "Le Progrès"],
    "de": ["Zeitung", "Rundschau", "Anzeiger", "Kurier", "Allgemeine", "Nachrichten"],
    "es": ["El Diario", "La Voz", "El Heraldo", "La Crónica", "El Correo", "La Tribuna"],
    "it": ["Il Corriere", "La Gazzetta", "Il Messaggero", "La Voce", "Il Giornale", "La Nazione"],
    "pl": ["Gazeta", "Kurier", "Dziennik", "Głos", "Tygodnik", "Echo"],
}
OUTLET_LANGUAGE_WEIGHTS = {"en": 70, "fr": 8, "de": 9, "es": 5, "it": 4, "pl": 4}

# Invented places, for outlets and for the very rare words of a search.
PLACE_STARTS = _words(
    "Var Ost Bel Kar Lind Mar Tor Sal Hal Bren Dun Ed Fal Gor Hav Isel Jor Kel Lom Mor Nor "
    "Orm Pel Quen Ros Stav Tam Ul Ven Wel Ard Bor Cal Dorn Ell Fen Gil Hest Ivr Kest"
)
PLACE_MIDDLES = _words("a e i o u an en in ar er or el il ul ber")
PLACE_ENDS = _words(
    "holm burg ford mouth stad wick dale field haven mere ton by vik berg heim lin ow ice mont "
    "ria var dorf gard sund"
)
PLACES = [
    start + middle + end
    for start, middle, end in itertools.product(PLACE_STARTS, PLACE_MIDDLES, PLACE_ENDS)
]

# Topics: the question, the stances from most willing to most opposed (each with the tone of
# the words that take it), and what their quotes talk about.
WILLING = "willing"
MAYBE, IF, NO, NONE = "maybe", "if", "no", "none"


@dataclass(frozen=True)
class TopicWords:
    slug: str
    name: str
    question: str
    weight: int
    stances: list  # (value, label, tone)
    acts: list  # (to do it, doing it)
    things: list  # what is talked about


NO_POSITION_STANCE = (NO_POSITION, "No position", NONE)

TOPICS = [
    TopicWords(
        "troops-for-ukraine",
        "Troops for Ukraine",
        "Will European nations send troops to Ukraine to back a peace deal?",
        30,
        [
            ("willing", "Willing to send troops", WILLING),
            ("open", "Open to it", MAYBE),
            ("conditional", "Conditional", IF),
            ("opposed", "Opposed", NO),
            NO_POSITION_STANCE,
        ],
        [
            ("send troops to Ukraine", "sending troops to Ukraine"),
            ("deploy troops to Ukraine", "deploying troops to Ukraine"),
            ("put troops on the ground in Ukraine", "putting troops on the ground in Ukraine"),
            ("contribute to a reassurance force", "contributing to a reassurance force"),
        ],
        ["European troops in Ukraine", "a peacekeeping force", "troops on the ground", "troops"],
    ),
    TopicWords(
        "defence-spending",
        "Defence spending",
        "Will nations raise defence spending to NATO's target?",
        14,
        [
            ("above-target", "Above the target", WILLING),
            ("on-target", "Will meet the target", WILLING),
            ("gradual", "Gradually, over years", IF),
            ("opposed", "Opposed", NO),
            NO_POSITION_STANCE,
        ],
        [
            ("raise defence spending", "raising defence spending"),
            ("spend more on defence", "spending more on defence"),
            ("meet the NATO target", "meeting the NATO target"),
        ],
        ["higher defence spending", "the NATO target", "more troops and equipment", "air defence"],
    ),
    TopicWords(
        "sanctions-on-russia",
        "Sanctions on Russia",
        "Will the sanctions on Russia be kept and tightened?",
        12,
        [
            ("tighten", "Tighten them", WILLING),
            ("keep", "Keep them", MAYBE),
            ("ease", "Ease them", NO),
            NO_POSITION_STANCE,
        ],
        [
            ("tighten the sanctions on Russia", "tightening the sanctions on Russia"),
            ("keep the sanctions in place", "keeping the sanctions in place"),
        ],
        ["the sanctions", "a new package of sanctions", "the oil price cap", "sanctions"],
    ),
    TopicWords(
        "frozen-russian-assets",
        "Frozen Russian assets",
        "Will frozen Russian assets be used to pay for Ukraine's defence and reconstruction?",
        6,
        [
            ("seize", "Use the assets themselves", WILLING),
            ("profits-only", "Use only the profits", IF),
            ("opposed", "Opposed", NO),
            NO_POSITION_STANCE,
        ],
        [
            ("use the frozen Russian assets", "using the frozen Russian assets"),
            ("lend Ukraine the frozen assets", "lending Ukraine the frozen assets"),
        ],
        ["the frozen assets", "a reparations loan", "the windfall profits"],
    ),
    TopicWords(
        "ukraine-in-the-eu",
        "Ukraine in the EU",
        "Will Ukraine join the European Union?",
        6,
        [
            ("fast-track", "As soon as possible", WILLING),
            ("supports", "Supports it", WILLING),
            ("on-merit", "On its merits, in time", IF),
            ("opposed", "Opposed", NO),
            NO_POSITION_STANCE,
        ],
        [
            ("open accession talks with Ukraine", "opening accession talks with Ukraine"),
            ("welcome Ukraine into the Union", "welcoming Ukraine into the Union"),
        ],
        ["enlargement", "Ukraine's membership", "the accession talks", "the reforms"],
    ),
    TopicWords(
        "ukraine-in-nato",
        "Ukraine in NATO",
        "Will Ukraine be invited to join NATO?",
        5,
        [
            ("invite-now", "Invite it now", WILLING),
            ("after-the-war", "After the war", IF),
            ("not-now", "Not now", MAYBE),
            ("opposed", "Opposed", NO),
            NO_POSITION_STANCE,
        ],
        [
            ("invite Ukraine to join NATO", "inviting Ukraine to join NATO"),
            ("give Ukraine security guarantees", "giving Ukraine security guarantees"),
        ],
        ["NATO membership", "security guarantees", "an invitation to join the alliance"],
    ),
    TopicWords(
        "long-range-weapons",
        "Long-range weapons for Ukraine",
        "Will nations give Ukraine long-range missiles?",
        7,
        [
            ("supplies", "Supplies them", WILLING),
            ("considering", "Considering it", MAYBE),
            ("with-allies", "Only with allies", IF),
            ("refuses", "Refuses", NO),
            ("refuses-publicly", "Refuses, and says so", NO),
            NO_POSITION_STANCE,
        ],
        [
            ("supply long-range missiles", "supplying long-range missiles"),
            ("lift the limits on long-range strikes", "lifting the limits on long-range strikes"),
            ("send more drones and artillery", "sending more drones and artillery"),
        ],
        ["long-range missiles", "drones", "artillery shells", "air defence systems"],
    ),
    TopicWords(
        "russian-gas",
        "Russian gas",
        "Will nations stop importing Russian gas?",
        5,
        [
            ("stop-now", "Stop now", WILLING),
            ("phase-out", "Phase it out", IF),
            ("keep-buying", "Keep buying", NO),
            NO_POSITION_STANCE,
        ],
        [
            ("stop importing Russian gas", "stopping imports of Russian gas"),
            ("phase out Russian gas", "phasing out Russian gas"),
        ],
        ["energy prices", "Russian gas", "liquefied natural gas", "the pipelines"],
    ),
    TopicWords(
        "migration-pact",
        "Migration pact",
        "Will nations apply the EU's pact on migration and asylum?",
        5,
        [
            ("applies", "Applies it", WILLING),
            ("with-changes", "With changes", IF),
            ("refuses", "Refuses", NO),
            NO_POSITION_STANCE,
        ],
        [
            ("apply the migration pact", "applying the migration pact"),
            (
                "share responsibility for asylum seekers",
                "sharing responsibility for asylum seekers",
            ),
        ],
        ["the migration pact", "border controls", "asylum seekers", "solidarity payments"],
    ),
    TopicWords(
        "climate-target-2040",
        "Climate target for 2040",
        "Will nations back a 90% cut in emissions by 2040?",
        4,
        [
            ("backs", "Backs it", WILLING),
            ("with-flexibility", "With flexibility", IF),
            ("opposed", "Opposed", NO),
            NO_POSITION_STANCE,
        ],
        [
            ("cut emissions by 90 per cent", "cutting emissions by 90 per cent"),
            ("back the 2040 climate target", "backing the 2040 climate target"),
        ],
        ["the climate target", "carbon credits", "emissions", "the energy transition"],
    ),
    TopicWords(
        "nuclear-power",
        "Nuclear power",
        "Will nations build new nuclear power stations?",
        3,
        [
            ("builds", "Building new reactors", WILLING),
            ("extends", "Keeping the old ones", MAYBE),
            ("phase-out", "Phasing out", NO),
            NO_POSITION_STANCE,
        ],
        [
            ("build new nuclear reactors", "building new nuclear reactors"),
            ("keep the reactors running", "keeping the reactors running"),
        ],
        ["nuclear power", "small modular reactors", "the reactors", "energy security"],
    ),
    TopicWords(
        "tariffs-on-chinese-cars",
        "Tariffs on Chinese electric cars",
        "Will nations back tariffs on electric cars made in China?",
        3,
        [
            ("backs", "Backs the tariffs", WILLING),
            ("negotiate", "Wants a deal instead", IF),
            ("opposed", "Opposed", NO),
            NO_POSITION_STANCE,
        ],
        [
            ("impose tariffs on Chinese cars", "imposing tariffs on Chinese cars"),
            ("protect our car industry", "protecting our car industry"),
        ],
        ["the tariffs", "electric cars", "a trade war", "our car industry"],
    ),
]

CONDITIONS = [
    "with American backing",
    "after a ceasefire",
    "if parliament agrees",
    "under a clear mandate",
    "once a peace deal is signed",
    "if our allies do the same",
    "with a United Nations mandate",
    "when the conditions are right",
]
TIMES = [
    "for now",
    "at this stage",
    "this year",
    "in the coming months",
    "before the summit",
    "at the moment",
    "today",
    "next year",
]
PARTNERS = [
    "our European partners",
    "our allies",
    "the coalition of the willing",
    "NATO",
    "the European Union",
    "Washington",
    "our neighbours",
    "the other member states",
]

# Sentences by the tone of the stance they take. {Nation} is the speaker's nation.
SENTENCES = {
    WILLING: [
        "We are ready to {act}.",
        "{Nation} is prepared to {act} {time}.",
        "We will {act}, together with {partners}.",
        "I am in favour of {ing}.",
        "We support {thing}, and we say so openly.",
        "{Nation} will play its part.",
        "We should {act} without delay.",
    ],
    MAYBE: [
        "We do not rule out {ing}.",
        "No option is off the table.",
        "{Nation} remains open to {ing} {time}.",
        "We are looking at {thing} very carefully.",
        "Nothing has been decided yet.",
    ],
    IF: [
        "We could {act}, but only {cond}.",
        "Any decision on {thing} depends on {partners}.",
        "{Nation} would consider {ing} {cond}.",
        "There can be no talk of {thing} {time}, except {cond}.",
        "We will not be rushed.",
    ],
    NO: [
        "We will not {act}.",
        "There is no question of {ing} {time}.",
        "{Nation} rules out {ing}.",
        "Nobody is currently considering {ing}.",
        "I do not support {thing}, and I never will.",
        "That is out of the question.",
    ],
    NONE: [
        "It is too early to talk about {thing}.",
        "The question of {thing} is one for {partners} to decide.",
        "We have discussed {thing} with {partners}.",
        "Peace is still very far away.",
        "We owe it to our citizens to be clear.",
        "That is our position.",
        "I do not say that lightly.",
        "Let me be clear about one thing.",
        "Europe's security is at stake.",
    ],
}
PARAPHRASES = {
    WILLING: ["{Surname} said {Nation} was ready to {act}.", "{Surname} backed {thing}."],
    MAYBE: ["{Surname} said {Nation} did not rule out {ing}."],
    IF: ["{Surname} said {Nation} could {act}, but only {cond}."],
    NO: ["{Surname} ruled out {ing}.", "{Surname} said {Nation} would not {act}."],
    NONE: ["{Surname} said it was too early to talk about {thing}."],
}
CONTEXTS = [
    "Speaking to reporters in {capital}, {Surname} said:",
    "Asked about {thing} at a press conference, {Surname} replied:",
    "{Surname} told parliament:",
    "In a statement issued after the meeting, {Surname} said:",
    "In an interview, {Surname} was asked whether {Nation} would change course.",
    "On arrival at the summit, {Surname} told journalists:",
]
RARE_SENTENCES = [
    "We also discussed {rare}.",
    "I raised the question of {rare} in {place}.",
    "The talks in {place} will go on.",
    "Nobody in {place} wants {rare} to wait.",
]
RARE_NOUNS = _words(
    "icebreakers minesweepers hydrography desalination semiconductors reservists conscription "
    "cyberattacks sabotage satellites radar frigates submarines howitzers landmines demining "
    "fertiliser grain corridors railways bridges stockpiles shipyards refineries interceptors "
    "helicopters paratroopers cadets veterans orphans hospitals vaccines pensions quotas "
    "subsidies bonds treasuries inflation wages ports airfields bunkers sirens blackouts "
    "generators transformers turbines lithium cobalt uranium helium copper timber wheat "
    "fisheries archives monuments museums cathedrals universities scholarships translators "
    "interpreters journalists censorship propaganda disinformation deepfakes algorithms "
    "microchips encryption espionage defectors hostages prisoners amnesty tribunals prosecutors "
    "extradition visas passports checkpoints watchtowers camouflage helmets ambulances"
)

FOREIGN_SENTENCES = {
    "fr": [
        ("Nous n'enverrons pas de troupes en Ukraine sans garanties américaines.", "We will not send troops to Ukraine without American guarantees."),
        ("La France est prête à prendre ses responsabilités.", "France is ready to shoulder its responsibilities."),
        ("Il est trop tôt pour parler d'une force de maintien de la paix.", "It is too early to talk about a peacekeeping force."),
        ("La sécurité de l'Europe se joue aussi en Ukraine.", "Europe's security is also at stake in Ukraine."),
        ("Nous devons augmenter nos dépenses de défense.", "We must increase our defence spending."),
        ("Aucune option n'est exclue.", "No option is ruled out."),
        ("Les sanctions contre la Russie doivent être maintenues.", "The sanctions against Russia must be maintained."),
        ("Il faut une paix juste et durable.", "What is needed is a just and lasting peace."),
        ("Nous en discuterons avec nos partenaires européens.", "We will discuss it with our European partners."),
        ("Le prix de l'énergie pèse sur les ménages.", "The price of energy weighs on households."),
        ("Notre position n'a pas changé.", "Our position has not changed."),
        ("Ce n'est pas à l'ordre du jour.", "It is not on the agenda."),
    ],
    "de": [
        ("Wir werden keine Soldaten in die Ukraine schicken.", "We will not send soldiers to Ukraine."),
        ("Deutschland steht zu seinen Verpflichtungen in der NATO.", "Germany stands by its commitments in NATO."),
        ("Eine Debatte über Bodentruppen ist verfrüht.", "A debate about ground troops is premature."),
        ("Die Sicherheit Europas wird auch in der Ukraine verteidigt.", "Europe's security is also being defended in Ukraine."),
        ("Wir müssen mehr für unsere Verteidigung ausgeben.", "We must spend more on our defence."),
        ("Es darf keinen Diktatfrieden geben.", "There must be no dictated peace."),
        ("Die Sanktionen gegen Russland bleiben in Kraft.", "The sanctions against Russia remain in force."),
        ("Das ist eine Frage, die wir gemeinsam mit unseren Partnern beantworten.", "That is a question we will answer together with our partners."),
        ("Die Energiepreise belasten die Industrie schwer.", "Energy prices weigh heavily on industry."),
        ("Unsere Haltung ist unverändert.", "Our position is unchanged."),
        ("Wir schließen nichts aus.", "We rule nothing out."),
        ("Darüber wird jetzt nicht entschieden.", "That will not be decided now."),
    ],
    "es": [
        ("España no enviará tropas a Ucrania por ahora.", "Spain will not send troops to Ukraine for now."),
        ("La paz todavía está muy lejos.", "Peace is still very far away."),
        ("Es prematuro hablar de una fuerza de paz.", "It is premature to talk about a peace force."),
        ("Debemos aumentar el gasto en defensa.", "We must increase defence spending."),
        ("Las sanciones contra Rusia deben mantenerse.", "The sanctions against Russia must be maintained."),
        ("Nadie está considerando enviar tropas en este momento.", "Nobody is considering sending troops at this moment."),
        ("Lo discutiremos con nuestros socios europeos.", "We will discuss it with our European partners."),
        ("Nuestra posición no ha cambiado.", "Our position has not changed."),
        ("La seguridad de Europa también está en juego en Ucrania.", "Europe's security is also at stake in Ukraine."),
        ("Los precios de la energía siguen siendo demasiado altos.", "Energy prices are still too high."),
        ("No descartamos ninguna opción.", "We do not rule out any option."),
        ("Queremos una paz justa y duradera.", "We want a just and lasting peace."),
    ],
    "it": [
        ("L'Italia non invierà truppe in Ucraina.", "Italy will not send troops to Ukraine."),
        ("È prematuro parlare di una forza di pace.", "It is premature to talk about a peace force."),
        ("Dobbiamo aumentare la spesa per la difesa.", "We must increase defence spending."),
        ("Le sanzioni contro la Russia devono restare.", "The sanctions against Russia must stay."),
        ("La sicurezza dell'Europa si gioca anche in Ucraina.", "Europe's security is also at stake in Ukraine."),
        ("Ne parleremo con i nostri alleati.", "We will talk about it with our allies."),
        ("La nostra posizione non è cambiata.", "Our position has not changed."),
        ("Serve una pace giusta e duratura.", "A just and lasting peace is needed."),
        ("Il prezzo dell'energia pesa sulle famiglie.", "The price of energy weighs on families."),
        ("Non escludiamo nessuna opzione.", "We do not rule out any option."),
        ("Non è all'ordine del giorno.", "It is not on the agenda."),
        ("Qualsiasi decisione spetta al Parlamento.", "Any decision is for Parliament to take."),
    ],
    "pl": [
        ("Polska nie wyśle żołnierzy na Ukrainę.", "Poland will not send soldiers to Ukraine."),
        ("Bezpieczeństwo Europy rozstrzyga się także na Ukrainie.", "Europe's security is also being decided in Ukraine."),
        ("Musimy zwiększyć wydatki na obronność.", "We must increase defence spending."),
        ("Sankcje wobec Rosji muszą zostać utrzymane.", "The sanctions on Russia must be maintained."),
        ("Na rozmowy o misji pokojowej jest za wcześnie.", "It is too early for talks about a peacekeeping mission."),
        ("Nasze stanowisko się nie zmieniło.", "Our position has not changed."),
        ("Porozmawiamy o tym z naszymi sojusznikami.", "We will talk about it with our allies."),
        ("Potrzebny jest sprawiedliwy i trwały pokój.", "A just and lasting peace is needed."),
        ("Ceny energii są wciąż zbyt wysokie.", "Energy prices are still too high."),
        ("Nie wykluczamy żadnej opcji.", "We do not rule out any option."),
        ("Nie ma o tym mowy.", "That is out of the question."),
        ("Decyzja należy do rządu i parlamentu.", "The decision belongs to the government and parliament."),
    ],
}  # fmt: skip

HEADLINES = [
    "{Nation} weighs {thing}",
    "Allies divided over {thing}",
    "{Nation} rules out {ing}, for now",
    "What {Nation} really thinks about {thing}",
    "Leaders meet in {capital} as pressure grows over {thing}",
    "Analysis: the question of {thing}",
    "Live: talks on {thing} resume in {capital}",
    "{Nation} and its partners edge towards {thing}",
]
RETRACTION_REASONS = [
    "Misattributed: the words were the interviewer's, not the speaker's.",
    "The source withdrew its report.",
    "The words were said by another member of the delegation.",
    "A duplicate of another quote in the archive.",
    "The translation changed the meaning of the words.",
    "The date was wrong and the words were about another question.",
]

# The columns the generator fills, in the order of its rows.
QUOTE_COLUMNS = tuple(
    _words(
        "id key text language translation kind said_on said_on_precision context status "
        "published_at retracted_at retraction_reason created_at updated_at nation_id role_id "
        "first_reported_in_id source_id speaker_id stance_id search_text"
    )
)
SOURCE_COLUMNS = tuple(
    _words(
        "id key outlet_id kind title is_title_supplied authors url archived_url language "
        "published_on accessed_on notes"
    )
)

# A key is 40 random bits, 5 a character: four lookups of 10 bits each.
assert KEY_LENGTH == 8
_KEY_PAIRS = [a + b for a in KEY_ALPHABET for b in KEY_ALPHABET]


def _fold(text):
    # fold() works character by character, so folding ASCII is lower-casing it; other
    # texts repeat (the same foreign sentences, the same names), so they are remembered.
    return text.lower() if text.isascii() else _fold_remembered(text)


@functools.lru_cache(maxsize=100_000)
def _fold_remembered(text):
    return fold(text)


def _without_accents(text):
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def _the(name):
    return f"the {name}" if name in NAMES_WITH_THE else name


def _capitalize(text):
    return text[:1].upper() + text[1:]


# The generator. --------------------------------------------------------------------------


@dataclass
class GeneratedSpeaker:
    speaker: Speaker
    surname: str
    nation: Nation | None
    roles: list = field(default_factory=list)  # Role, oldest first, not overlapping
    role_starts: list = field(default_factory=list)
    native_language: str = ""
    search_prefixes: dict = field(default_factory=dict)  # (role id, nation id): folded names


class ArchiveGenerator:
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
        self.next_ids = dict.fromkeys(["speaker", "role", "outlet", "source", "quote"], 1)
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
        speaker_shares = _top_heavy(self.counts.speakers, top=TOP_SPEAKER_SHARE, lead=1.6, tail=30)
        # Each nation's share of quotes: the first one much bigger than any other.
        targets = _top_heavy(n_nations, top=TOP_NATION_SHARE, lead=2, tail=2)
        # Each speaker goes to a nation still short of its share by as much as the speaker's
        # quotes, at random; failing one, to the nation furthest short. So the shares hold in
        # small archives too, where a few speakers have most of the quotes.
        shortfalls = list(targets)
        self.speaker_list = []
        for rank, share in enumerate(speaker_shares):
            if rank == 0:
                nation_index = 0
            elif max(shortfalls) >= share:
                room = _cumulative(short if short >= share else 0 for short in shortfalls)
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
        self.speaker_cum = _cumulative(speaker_shares)
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
        aliases = ""
        if rng.random() < 0.1:
            plain = _without_accents(name)
            if plain != name:
                aliases = plain
            elif len(last) > 3:
                i = rng.randrange(1, len(last) - 2)
                aliases = f"{first} {last[:i]}{last[i + 1]}{last[i]}{last[i + 2 :]}"
        speaker = Speaker(
            pk=self._take_id("speaker"),
            name=name,
            slug=self._unique(slugify(name) or "speaker", self.taken_speaker_slugs),
            kind=Speaker.Kind.PERSON,
            nation=nation,
            aliases=aliases,
        )
        generated = GeneratedSpeaker(
            speaker=speaker,
            surname=last,
            nation=nation,
            native_language=NATIVE_LANGUAGE.get(culture, ""),
        )
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
            title = rng.choice(titles).format(head=head, the_nation=_the(nation_name))
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
        name = pattern.format(the_nation=_the(nation.name) if nation else "")
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
        outlet_cum = _cumulative(1 / (rank + 3) for rank in range(len(self.outlet_list)))
        kinds = Source.Kind.values
        kind_cum = _cumulative((55, 5, 10, 8, 10, 7, 5))
        author_cum = _cumulative((20, 65, 15))
        slug_of = functools.lru_cache(maxsize=10_000)(slugify)
        self.source_ids, self.source_days = [], days
        for day in days:
            source_id = self._take_id("source")
            self.source_ids.append(source_id)
            outlet = self.outlet_list[weighted(outlet_cum)]
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

    # Quotes ------------------------------------------------------------------------------

    def _pick(self, seq):
        # random.choice() is correct but slow; a million quotes make ten million picks.
        return seq[int(self.rng.random() * len(seq))]

    def _weighted(self, cumulative):
        return bisect.bisect(cumulative, self.rng.random() * cumulative[-1])

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

    def _stance_weights(self):
        # Each nation leans one way on each question: its preferred stance takes most quotes.
        rng = self.rng
        table = {}
        for nation_index in range(len(self.nation_list)):
            for topic_index, words in enumerate(TOPICS):
                n = len(words.stances)
                preferred = rng.randrange(n)
                table[nation_index, topic_index] = _cumulative(
                    6 if i == preferred else 1 for i in range(n)
                )
        return table

    def quotes(self, stance_ids):
        """Rows of QUOTE_COLUMNS, roughly in the order they were said, with ids.

        `stance_ids[topic index][stance index]` are the saved stances' ids. Counts of quotes
        per speaker, nation and status are kept in the generator as the rows are made.
        """
        random_ = self.rng.random
        pick, weighted = self._pick, self._weighted
        n_quotes = self.counts.quotes
        source_ids, source_days = self.source_ids, self.source_days
        n_sources = len(source_ids)
        speaker_list, speaker_cum = self.speaker_list, self.speaker_cum
        nation_index_of = {id(nation): i for i, nation in enumerate(self.nation_list)}
        stance_cum = self._stance_weights()
        taken = self.taken_quote_keys
        by_speaker, by_nation, by_status = (
            self.quotes_by_speaker,
            self.quotes_by_nation,
            self.quotes_by_status,
        )
        kinds, kind_cum = ("direct", "partial", "paraphrase", "statement"), (60, 75, 90, 100)
        sentence_cum = _cumulative((30, 35, 22, 13))
        midnight = {}
        for number in range(n_quotes):
            # Quotes follow their sources through time; some were filed years later.
            if random_() < 0.08:
                source_index = int(random_() * n_sources)
            else:
                source_index = int((number + random_()) * n_sources / n_quotes)
                source_index = min(max(source_index + int(random_() * 7) - 3, 0), n_sources - 1)
            source_id = source_ids[source_index]
            said_on = source_days[source_index]
            back = random_()
            if back > 0.55:
                said_on = max(said_on - timedelta(days=1 if back < 0.8 else 2 + int((back - 0.8) * 30)), FIRST_DAY)  # fmt: skip
            precision = random_()
            if precision < 0.05:
                said_on, precision = said_on.replace(day=1), "month"
            else:
                precision = "approximate" if precision < 0.08 else "day"

            generated = speaker_list[weighted(speaker_cum)]
            speaker = generated.speaker
            role = None
            if generated.roles:
                i = bisect.bisect(generated.role_starts, said_on) - 1
                if i >= 0:
                    candidate = generated.roles[i]
                    if candidate.ended_on is None or said_on <= candidate.ended_on:
                        role = candidate
            nation = generated.nation if role is None else role.nation
            nation_index = None if nation is None else nation_index_of[id(nation)]

            topic_index = weighted(TOPIC_CUMULATIVE)
            words = TOPICS[topic_index]
            stance_index = weighted(stance_cum[nation_index or 0, topic_index])
            tone = words.stances[stance_index][2]

            if speaker.kind == Speaker.Kind.INSTITUTION and random_() < 0.7:
                kind = "statement"
            else:
                kind = kinds[weighted(kind_cum)]
            n_sentences = weighted(sentence_cum) + 1

            translation = context = ""
            if generated.native_language and random_() < NATIVE_SHARE:
                language = generated.native_language
                pairs = FOREIGN_SENTENCES[language]
                chosen = [pick(pairs) for _ in range(n_sentences)]
                chosen = sorted(set(chosen), key=chosen.index)
                text = " ".join(pair[0] for pair in chosen)
                translation = " ".join(pair[1] for pair in chosen)
                folded = " ".join(FOLDED_FOREIGN[pair[0]] for pair in chosen)
                folded += "\n" + translation.lower()
            else:
                language = "en"
                slots = self._topic_words(topic_index, nation_index)
                slots["Surname"] = generated.surname
                if kind == "paraphrase":
                    text = _capitalize(pick(PARAPHRASES[tone]).format_map(slots))
                else:
                    sentences = [pick(SENTENCES[tone])]
                    for _ in range(n_sentences - 1):
                        sentence = pick(SENTENCES[tone if random_() < 0.6 else NONE])
                        if sentence not in sentences:
                            sentences.append(sentence)
                    if random_() < 0.12:
                        rare = pick(RARE_SENTENCES).format(
                            rare=pick(RARE_NOUNS), place=pick(PLACES)
                        )
                        sentences.insert(1 + int(random_() * len(sentences)), rare)
                    text = " ".join(sentences).format_map(slots)
                    if kind == "partial":
                        text = text.split(". ")[0].rstrip(".")
                        if text.split(" ", 1)[0] in ("We", "I", "There", "It", "Nobody", "No"):
                            text = text[0].lower() + text[1:]
                if random_() < 0.25:
                    context = _capitalize(pick(CONTEXTS).format_map(slots))
                folded = _fold(text)
            search_text = self._search_prefix(generated, role, nation) + "\n" + folded
            if context:
                search_text += "\n" + _fold(context)

            first_reported_in = None
            if random_() < 0.04:
                first_reported_in = source_ids[int(random_() * n_sources)]
                if first_reported_in == source_id:
                    first_reported_in = None

            day_start = midnight.get(said_on)
            if day_start is None:
                day_start = midnight[said_on] = datetime(
                    said_on.year, said_on.month, said_on.day, tzinfo=UTC
                )
            created_at = day_start + timedelta(seconds=int(random_() * 10 * 86400) + 6 * 3600)
            published_at = retracted_at = None
            reason = ""
            roll = random_()
            if roll < DRAFT_SHARE:
                status = "draft"
            elif roll < DRAFT_SHARE + REVIEW_SHARE:
                status = "review"
            else:
                published_at = created_at + timedelta(seconds=600 + int(random_() * 3 * 86400))
                status = "published"
                if roll < DRAFT_SHARE + REVIEW_SHARE + RETRACTED_SHARE:
                    status = "retracted"
                    retracted_at = published_at + timedelta(seconds=3600 + int(random_() * 60 * 86400))  # fmt: skip
                    reason = pick(RETRACTION_REASONS)
            updated_at = retracted_at or published_at or created_at

            speaker_id = speaker.id
            nation_id = None if nation is None else nation.id
            by_speaker[speaker_id] = by_speaker.get(speaker_id, 0) + 1
            if nation_id is not None:
                by_nation[nation_id] = by_nation.get(nation_id, 0) + 1
            by_status[status] += 1
            yield (
                self._take_id("quote"),
                self._key(taken),
                text,
                language,
                translation,
                kind,
                said_on,
                precision,
                context,
                status,
                published_at,
                retracted_at,
                reason,
                created_at,
                updated_at,
                nation_id,
                None if role is None else role.id,
                first_reported_in,
                source_id,
                speaker_id,
                stance_ids[topic_index][stance_index],
                search_text,
            )

    @staticmethod
    def _search_prefix(generated, role, nation):
        # The first lines of Quote.build_search_text: who said it, in what role, for whom.
        key = (None if role is None else role.id, None if nation is None else nation.id)
        prefix = generated.search_prefixes.get(key)
        if prefix is None:
            speaker = generated.speaker
            parts = [speaker.name, speaker.aliases, role.title if role else "", nation.name if nation else ""]  # fmt: skip
            prefix = fold("\n".join(part for part in parts if part))
            generated.search_prefixes[key] = prefix
        return prefix


def _cumulative(weights):
    return list(itertools.accumulate(weights))


def _top_heavy(n, *, top, lead, tail):
    """Shares of n things, the biggest first: the first at least `top` of the whole and `lead`
    times the second; the others falling off as 1 / (rank + tail)."""
    rest = [1 / (rank + tail) for rank in range(1, n)]
    if not rest:
        return [1.0]
    total = sum(rest)
    lead_share = lead * rest[0] / total
    first = max(top, lead_share / (1 + lead_share))
    return [first] + [(1 - first) * weight / total for weight in rest]


TOPIC_CUMULATIVE = _cumulative(words.weight for words in TOPICS)
FOLDED_FOREIGN = {
    text: fold(text) for pairs in FOREIGN_SENTENCES.values() for text, _english in pairs
}
AUTHOR_NAMES = [PEOPLE_NAMES[culture] for culture in ("en", "en", "en", "fr", "de", "es", "it")]

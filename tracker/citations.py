"""Citing a quote: its CSL-JSON item, and what is made from it for citers and their tools.

The item is a CSL "post": the archive's entry is an online post whose title is the words
themselves. APA, Chicago and MLA all print a post's title verbatim, where they would
re-case a web page's or a speech's title ("We Will Not Send Troops"), which would change
the words. The genre carries the kind (direct quote, paraphrase), so a paraphrase is never
cited as if it were verbatim.

The three entries are built here, not by a CSL processor at run time: for this one item
type they are a few lines each. They must read exactly as citeproc-js, the reference CSL
processor, renders the same item with the official styles in tracker/citation_styles/
(APA 7th, Chicago 18th author-date, MLA 9th); tests/web/test_citations.py holds them to that.
Where citeproc-js has a rule of its own for the words (quotation marks inside them,
punctuation at their end, initials of given names), the code here follows it and says so.
The one deliberate difference: punctuation that opens the words ("...and then") stays
inside the quotation marks, where citeproc-js moves it out.
"""

import calendar
import itertools
import json
import re
from dataclasses import dataclass

from django.utils import timezone
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import slugify

from tracker.models import Quote, Speaker

SITE_NAME = "On the Record"

STYLES = {
    "apa": "APA (7th edition)",
    "chicago": "Chicago (18th edition, author-date)",
    "mla": "MLA (9th edition)",
}


# The CSL-JSON item ------------------------------------------------------------------------

# Lower-case words before a surname that CSL calls a non-dropping particle: "von der Leyen".
PARTICLES = {"af", "av", "da", "das", "de", "del", "della", "der", "di", "do", "dos", "du"}
PARTICLES |= {"la", "le", "lo", "van", "von", "ten", "ter", "zu"}
NAME_SUFFIXES = {"Jr.", "Jr", "Sr.", "Sr", "II", "III", "IV"}
# The scripts citeproc-js treats as "romanesque" (family, given) names; others print whole.
_ROMANESQUE = (
    "0-9a-zA-Z\u0e01-\u0e5b\u00c0-\u017f\u0370-\u03ff\u0400-\u052f\u0590-\u05d4\u05d6-\u05ff"
    "\u1f00-\u1fff\u0600-\u06ff\u200c\u200d\u200e\u0218\u0219\u021a\u021b\u202a-\u202e"
)
_PERSON_NAME = re.compile(rf"^[{_ROMANESQUE}.\u2019' -]+$")


def csl_name(speaker):
    """A speaker as a CSL name: family and given for a person, a literal for anyone else. A
    person's family name entered by an editor is cited as entered; without one, the name is
    read as the common Western order gives it."""
    if speaker.kind == Speaker.Kind.PERSON and speaker.family_name:
        name = {"family": speaker.family_name}
        if speaker.given_name:
            name["given"] = speaker.given_name
        return name
    tokens = speaker.name.split()
    if (
        speaker.kind != Speaker.Kind.PERSON
        or len(tokens) < 2
        or not _PERSON_NAME.match(speaker.name)
    ):
        return {"literal": " ".join(tokens)}
    suffix = tokens.pop() if tokens[-1] in NAME_SUFFIXES and len(tokens) > 2 else None
    family = tokens.pop()
    particles = []
    while len(tokens) > 1 and tokens[-1] in PARTICLES:
        particles.insert(0, tokens.pop())
    name = {"family": family, "given": " ".join(tokens)}
    if particles:
        name["non-dropping-particle"] = " ".join(particles)
    if suffix:
        name["suffix"] = suffix
    return name


def csl_title(quote, translations):
    """The words on one line, with an English translation in brackets as the styles ask."""
    words = " ".join(quote.text.split())
    english = [t for t in translations if t.language == "en"]
    if english and quote.language != "en":
        return f"{words} [{' '.join(english[0].text.split())}]"
    return words


def csl_date(day, precision=Quote.Precision.DAY):
    if precision == Quote.Precision.DAY:
        return {"date-parts": [[day.year, day.month, day.day]]}
    date = {"date-parts": [[day.year, day.month]]}
    if precision == Quote.Precision.APPROXIMATE:
        date["circa"] = True
    return date


def csl_item(quote, *, url, accessed, translations=None):
    """The CSL-JSON item for a quote at its permalink `url`, as read on the day `accessed`;
    `translations` are the quote's, read from it when not given."""
    if translations is None:
        translations = quote.translations.all()
    return {
        "id": quote.key,
        "type": "post",
        "author": [csl_name(quote.speaker)],
        "title": csl_title(quote, translations),
        "genre": quote.get_kind_display(),
        "container-title": SITE_NAME,
        "issued": csl_date(quote.said_on, quote.said_on_precision),
        "accessed": csl_date(accessed),
        "URL": url,
        "language": quote.language,
    }


def meta_author(item):
    """The author as reference managers read a citation_author tag: "Last, First"."""
    name = item["author"][0]
    if "literal" in name:
        return name["literal"]
    family = " ".join(filter(None, [name.get("non-dropping-particle"), name["family"]]))
    text = f"{family}, {name['given']}"
    return f"{text}, {name['suffix']}" if name.get("suffix") else text


def iso_date(date):
    """A CSL date as ISO 8601: 2025-02-17, or 2025-02 when only the month is known."""
    return "-".join(f"{part:02d}" for part in date["date-parts"][0])


# Formatted entries ------------------------------------------------------------------------


@dataclass(frozen=True)
class Citation:
    text: str
    html: SafeString


class _Entry:
    """An entry as runs of text, some in italics, that end with citeproc-js's punctuation rules."""

    # citeproc-js's table for punctuation meeting punctuation: what "." after each becomes.
    _BEFORE_PERIOD = {"!": "!", "?": "?", ".": ".", ":": ":", ";": ";", ",": ",."}

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


def format_citations(item):
    """APA, Chicago (author-date) and MLA entries for an item that csl_item made."""
    return {"apa": apa(item), "chicago": chicago(item), "mla": mla(item)}


def apa(item):
    entry = _Entry().add(_name(item, initials=True, particle_first=True)).period()
    entry.add(f" ({_apa_date(item['issued'])}).")
    entry.add(" ").add(_title(item["title"], quoted=False), italic=True)
    entry.add(f" [{item['genre']}]. {item['container-title']}. {item['URL']}")
    return entry.citation()


def chicago(item):
    entry = _Entry().add(_name(item, initials=False, particle_first=False)).period()
    issued = item["issued"]
    year = issued["date-parts"][0][0]
    entry.add(f" [{year}?]." if issued.get("circa") else f" {year}.")
    entry.add(f" {_title(item['title'], quoted=True)}")
    entry.add(f" {item['genre']}. {item['container-title']}, {_month_day(issued)}.")
    entry.add(f" {item['URL']}").period()
    return entry.citation()


def mla(item):
    entry = _Entry().add(_name(item, initials=False, particle_first=True)).period()
    entry.add(f" {_title(item['title'], quoted=True)}")
    entry.add(f" {item['genre']}. ").add(item["container-title"], italic=True)
    entry.add(f", {_mla_date(item['issued'])}, {item['URL']}").period()
    return entry.citation()


# Dates as each style writes them.

MLA_MONTHS = [None, "Jan.", "Feb.", "Mar.", "Apr.", "May", "June", "July", "Aug."]
MLA_MONTHS += ["Sept.", "Oct.", "Nov.", "Dec."]


def _apa_date(issued):
    year, month, *day = issued["date-parts"][0]
    text = f"{year}, {calendar.month_name[month]}" + (f" {day[0]}" if day else "")
    return f"ca. {text}" if issued.get("circa") else text


def _month_day(issued):
    _, month, *day = issued["date-parts"][0]
    return calendar.month_name[month] + (f" {day[0]}" if day else "")


def _mla_date(issued):
    year, month, *day = issued["date-parts"][0]
    text = (f"{day[0]} " if day else "") + f"{MLA_MONTHS[month]} {year}"
    return f"Circa {text}" if issued.get("circa") else text


# Names.


def _name(item, *, initials, particle_first):
    """The author in sort order: "Scholz, O." (APA), "Leyen, Ursula von der" (Chicago)."""
    name = item["author"][0]
    if "literal" in name:
        return _french_spacing(name["literal"])
    family = name["family"]
    particle = name.get("non-dropping-particle")
    given = _initialize(name["given"]) if initials else _normalize_initials(name["given"])
    if particle and particle_first:
        text = f"{particle} {family}, {given}"
    elif particle:
        text = f"{family}, {given} {particle}"
    else:
        text = f"{family}, {given}"
    return f"{text}, {name['suffix']}" if name.get("suffix") else text


# Initials as citeproc-js makes them (its initializeWith), with the styles' terminator ". ".
_TERMINATOR = ". "
_INITIAL = re.compile(
    "^([A-Z\u0e01-\u0e5b\u00c0-\u017f\u0400-\u042f\u0590-\u05d4\u05d6-\u05ff\u0600-\u06ff"
    "\u0370\u0372\u0376\u0386\u0388-\u03ab\u03e2\u03e4\u03e6\u03e8\u03ea\u03ec\u03ee"
    "\u03f4\u03f7\u03fd-\u03ff])"
    "([a-zA-Z\u0e01-\u0e5b\u00c0-\u017f\u0400-\u052f\u0600-\u06ff\u0370-\u03ff\u1f00-\u1fff]*|)"
    r"(\.)*"
)


def _given_parts(given):
    """Given names split into names and the separators between them, as citeproc-js does."""
    given = re.sub(r"\s+", " ", re.sub(r"\s*-\s*", "-", given))
    given = re.sub("-([a-z])", "\u2013\\1", given)
    given = re.sub(r"\.(?=[^ ])", ". ", given)
    parts = re.split(r"([-\s]+)", given)
    if len(parts) == 1:
        last = given.rsplit(".", 1)[-1]
        if len(last) == 1 and last != last.lower():
            parts[0] += "."
    return parts


def _finish_given(parts):
    text = "".join(parts)
    text = re.sub("[\t\n\v\f\r \ufeff\u00a0]+$", "", text)
    text = re.sub(r"\s*-\s*", "-", text)
    text = re.sub("[\t\n\v\f\r ]+", " ", text)
    return re.sub("\u2013([a-z])", "-\\1", text)


def _initialize(given):
    """Initials for APA: "Jean-Noël" is "J.-N.", "Maria del Carmen" is "M. del C."."""
    parts = _given_parts(given)
    count = len(parts)
    for i in range(0, count, 2):
        part = parts[i]
        if not part:
            continue
        match = _INITIAL.match(part)
        if match:
            first, rest, dot = match.group(1), match.group(2), match.group(3)
            if rest and dot:
                first, rest = first + rest, ""
        if match and first[0] == first[0].upper():
            capitals = ""
            for char in rest:
                if char != char.upper():
                    break
                capitals += char
            extra = capitals.lower() if len(capitals) < len(rest) else ""
            parts[i] = first + extra
            if i < count - 1:
                parts[i + 1] = _TERMINATOR + ("-" if "-" in parts[i + 1] else "")
            else:
                parts.append(_TERMINATOR)
        elif re.search(f"[-{_ROMANESQUE}]", part) and not (match and match.group(3)):
            parts[i] = " " + part
    return _finish_given(parts)


def _normalize_initials(given):
    """Given names in full, their initials spaced and stopped: "J.D." is "J. D."."""
    parts = _given_parts(given)
    count = len(parts)
    is_initial = []
    for i, part in enumerate(parts):
        if len(part) > 1 and part.endswith("."):
            parts[i] = part[:-1]
            is_initial.append(True)
        else:
            is_initial.append(len(part) == 1 and part.upper() == part)
    for i in range(0, count, 2):
        if not is_initial[i]:
            continue
        if i < count - 2:
            if not is_initial[i + 2]:
                parts[i + 1] += " "
            parts[i + 1] = _TERMINATOR + parts[i + 1] if len(parts[i + 2]) > 1 else _TERMINATOR
        if i == count - 1:
            parts[i] += _TERMINATOR
    return _finish_given(parts)


# The words as a title: quotation marks inside them, and the period after them.

# The locale's quotation marks. The closing single mark is also the apostrophe.
OPEN_QUOTE, CLOSE_QUOTE = "\u201c", "\u201d"
OPEN_INNER_QUOTE, CLOSE_INNER_QUOTE = "\u2018", "\u2019"
APOSTROPHE = CLOSE_INNER_QUOTE
# Marks that citeproc-js reads as opening or closing a quotation inside a title. A straight
# quote opens only after a space or "(", and the parser sees the title with a space before it.
_OPENERS = [' "', " '", '("', "('", OPEN_QUOTE, OPEN_INNER_QUOTE]
_CLOSERS = ['"', "'", CLOSE_QUOTE, CLOSE_INNER_QUOTE]
_CLOSER_OF = dict(zip(_OPENERS, ['"', "'", '"', "'", CLOSE_QUOTE, CLOSE_INNER_QUOTE], strict=True))
_QUOTE_MARK = re.compile("(" + "|".join(re.escape(mark) for mark in _OPENERS + _CLOSERS) + ")")
_APOSTROPHE_IN_WORD = re.compile(f"([-{_ROMANESQUE}]){APOSTROPHE}([-{_ROMANESQUE}])")
_MARKS = {"outer": (OPEN_QUOTE, CLOSE_QUOTE), "inner": (OPEN_INNER_QUOTE, CLOSE_INNER_QUOTE)}


def _title(title, *, quoted):
    """The title with its own quotations nested right, in quotation marks if `quoted`.

    As citeproc-js renders it: a quotation inside a quoted title takes single marks, one
    inside that double marks again; straight marks become typographic ones; a mark that
    pairs with none stays as it is. In a quoted title the period that follows goes inside
    the marks (the en-US locale's punctuation-in-quote).
    """
    runs = _quotation_runs(_french_spacing(title), enclosed=quoted)
    if not quoted:
        return "".join(text for text, _ in runs)
    # The period goes inside every quotation that ends the title, next to the last words.
    closing = []
    while runs and runs[-1][1] == "close":
        closing.insert(0, runs.pop()[0])
    last = runs.pop()[0] if runs else ""
    words = "".join(text for text, _ in runs) + _end_with_period(last) + "".join(closing)
    return OPEN_QUOTE + words + CLOSE_QUOTE


def _french_spacing(text):
    """citeproc-js keeps « », ?, !, : and ; from their word with a narrow no-break space."""
    text = re.sub(r" ([:;?!\u00bb])", "\u202f\\1", text).replace("\u00ab ", "\u00ab\u202f")
    return re.sub(r"\s+'", " '", text)


@dataclass
class _Mark:
    """A quotation mark in a title, and the text that follows it up to the next mark."""

    mark: str
    after: str
    forced: bool = False  # a straight quote that opens only because a quotation just opened

    def as_text(self, mark=None, *, keep_space=False):
        mark = self.mark if mark is None else mark
        self.after = (mark[1:] if self.forced and not keep_space else mark) + self.after
        self.mark = ""


def _quotation_runs(title, *, enclosed):
    """The title as (text, kind) runs, kind being "text", "open" or "close"."""
    # Seen with a space before it, a straight quote at the very start opens a quotation;
    # an apostrophe inside a word is a straight one to begin with.
    pieces = _QUOTE_MARK.split(" " + _APOSTROPHE_IN_WORD.sub(r"\1'\2", title))
    if len(pieces) == 1:
        return [(title, "text")]
    before = pieces[0]
    marks = [_Mark(mark, after) for mark, after in zip(pieces[1::2], pieces[2::2], strict=True)]
    for previous, mark in itertools.pairwise(marks):
        if previous.mark in _CLOSER_OF and not previous.after and mark.mark in ('"', "'"):
            mark.mark, mark.forced = " " + mark.mark, True
    _pair(marks)
    # The first straight quotation decides whether double or single marks are the outer ones.
    outer = {OPEN_QUOTE: "outer", OPEN_INNER_QUOTE: "inner"}
    straight = [mark.mark for mark in marks if mark.mark in (' "', '("', " '", "('")]
    singles_outside = bool(straight) and straight[0][1] == "'"
    for opener in (' "', '("'):
        outer[opener] = "inner" if singles_outside else "outer"
    for opener in (" '", "('"):
        outer[opener] = "outer" if singles_outside else "inner"
    runs, levels = [], []
    for mark in marks:
        if mark.mark in _CLOSER_OF:
            if mark.mark in outer and mark.mark[0] in " (" and not mark.forced:
                # The space or parenthesis before a straight quote belongs to the text.
                before += mark.mark[0]
            runs.append((before, "text"))
            around = levels[-1] if levels else ("outer" if enclosed else None)
            level = outer[mark.mark] if around is None else _FLIP[around]
            levels.append(level)
            runs.append((_MARKS[level][0], "open"))
            before = mark.after
        elif mark.mark:
            runs.append((before, "text"))
            runs.append((_MARKS[levels.pop()][1], "close"))
            before = mark.after
        else:
            before += mark.after
    runs.append((before, "text"))
    # Drop the space put before the title (and a straight quote's, given back above).
    runs[0] = (runs[0][0].removeprefix(" ").removeprefix(" "), "text")
    runs = [run for run in runs if run[0]]
    # A quotation with nothing in it prints nothing, not even its marks.
    i = 0
    while i < len(runs) - 1:
        if runs[i][1] == "open" and runs[i + 1][1] == "close":
            del runs[i : i + 2]
            i = max(i - 1, 0)
        else:
            i += 1
    return runs


_FLIP = {"outer": "inner", "inner": "outer"}


def _pair(marks):
    """Pair opening and closing marks; what pairs with nothing becomes text."""
    waiting = []  # opened quotations, innermost last
    for mark in marks:
        if mark.mark == "'" and mark.after and mark.after[0] not in ",.?:; ":
            mark.as_text(APOSTROPHE)  # don't, the '90s
        elif mark.mark == " '" and mark.after.startswith(" "):
            mark.as_text(" " + APOSTROPHE)  # rock ' n' roll
        elif mark.mark in _CLOSER_OF:
            waiting.append(mark)
        elif waiting and _CLOSER_OF[waiting[-1].mark] == mark.mark:
            waiting.pop()
        elif mark.mark == "'":
            mark.as_text(APOSTROPHE)  # the Europeans' troops
        else:
            # A closing mark ends the innermost quotation it fits; those opened inside that
            # one and never closed were no quotations.
            while waiting and _CLOSER_OF[waiting[-1].mark] != mark.mark:
                waiting.pop().as_text()
            if waiting:
                waiting.pop()
            else:
                mark.as_text()
    # Quotations never closed were none; citeproc-js keeps a forced space here.
    for mark in waiting:
        mark.as_text(" " + APOSTROPHE if mark.mark == " '" else None, keep_space=True)


# Files for reference managers ---------------------------------------------------------------


def csl_json(item):
    """A CSL-JSON file: a list of items, as Zotero, Pandoc and citeproc read them."""
    return json.dumps([item], ensure_ascii=False, indent=2) + "\n"


def ris(item):
    """An RIS record of the item as a web page (ELEC), which every reference manager reads."""
    issued = item["issued"]["date-parts"][0]
    accessed = item["accessed"]["date-parts"][0]
    lines = [
        ("TY", "ELEC"),
        ("AU", meta_author(item)),
        ("TI", item["title"]),
        ("T2", item["container-title"]),
        ("PY", str(issued[0])),
        ("DA", _ris_date(issued) + ("//circa" if item["issued"].get("circa") else "")),
        ("Y2", _ris_date(accessed)),
        ("M3", item["genre"]),
        ("LA", item["language"]),
        ("UR", item["URL"]),
        ("ID", item["id"]),
        ("ER", ""),
    ]
    return "".join(f"{tag}  - {value}\r\n" for tag, value in lines)


def _ris_date(parts):
    return "/".join(f"{part:02d}" for part in parts)


BIBTEX_MONTHS = [None, "jan", "feb", "mar", "apr", "may", "jun"]
BIBTEX_MONTHS += ["jul", "aug", "sep", "oct", "nov", "dec"]
# Characters that mean something to TeX, written so that they print as themselves.
_TEX_SPECIALS = {
    "\\": r"\textbackslash{}",
    "{": r"\{",
    "}": r"\}",
    "&": r"\&",
    "%": r"\%",
    "$": r"\$",
    "#": r"\#",
    "_": r"\_",
    "~": r"\textasciitilde{}",
    "^": r"\textasciicircum{}",
}
_TEX_SPECIAL = re.compile("|".join(re.escape(char) for char in _TEX_SPECIALS))


def tex_escape(text):
    return _TEX_SPECIAL.sub(lambda match: _TEX_SPECIALS[match.group()], text)


def bibtex(item):
    """A BibTeX @misc entry, with biblatex's date fields; the words are kept from re-casing."""
    name = item["author"][0]
    issued = item["issued"]
    year, month, *_ = issued["date-parts"][0]
    first_word = name.get("family") or name["literal"].split()[0]
    key = f"{slugify(first_word).replace('-', '')}{year}_{item['id']}"
    author = meta_author(item)
    fields = [
        # A name in braces is one name, not "Last, First": institutions and the like.
        ("author", tex_escape(author) if "literal" not in name else f"{{{tex_escape(author)}}}"),
        ("title", f"{{{tex_escape(item['title'])}}}"),
        ("howpublished", tex_escape(item["container-title"])),
        ("year", str(year)),
        ("month", None),
        ("date", iso_date(issued) + ("~" if issued.get("circa") else "")),
        ("note", tex_escape(item["genre"])),
        ("url", item["URL"]),
        ("urldate", iso_date(item["accessed"])),
        ("language", item["language"]),
    ]
    lines = [f"@misc{{{key},"]
    for field, value in fields:
        # BibTeX's month abbreviations are macros, written without braces.
        lines.append(
            f"  month = {BIBTEX_MONTHS[month]},"
            if field == "month"
            else f"  {field} = {{{value}}},"
        )
    return "\n".join([*lines, "}", ""])


@dataclass(frozen=True)
class Download:
    label: str
    content_type: str
    render: callable


# By the extension in the address: /q/<key>/cite.json, cite.ris, cite.bib.
DOWNLOADS = {
    "json": Download("CSL-JSON", "application/vnd.citationstyles.csl+json", csl_json),
    "ris": Download("RIS", "application/x-research-info-systems; charset=utf-8", ris),
    "bib": Download("BibTeX", "application/x-bibtex; charset=utf-8", bibtex),
}


# Structured data for search engines and readers of schema.org ------------------------------


def json_ld(quote, *, url, base_url):
    """The quote as a schema.org Quotation: who said it, when, where we read it."""
    speaker = quote.speaker
    creator = {
        "@type": "Person" if speaker.kind == Speaker.Kind.PERSON else "Organization",
        "name": speaker.name,
        "url": base_url + speaker.get_absolute_url(),
    }
    if quote.role_id:
        creator["jobTitle"] = quote.role.title
    if speaker.description:
        creator["description"] = speaker.description
    if speaker.kind == Speaker.Kind.PERSON and speaker.family_name:
        creator["familyName"] = speaker.family_name
        if speaker.given_name:
            creator["givenName"] = speaker.given_name
    if aliases := speaker.alias_names():
        creator["alternateName"] = aliases
    data = {
        "@context": "https://schema.org",
        "@type": "Quotation",
        "@id": url,
        "url": url,
        "text": quote.text,
        "inLanguage": quote.language,
        "creator": creator,
        "dateCreated": iso_date(csl_date(quote.said_on, quote.said_on_precision)),
        "isBasedOn": _creative_work(quote.source),
        "about": {
            "@type": "Thing",
            "name": quote.stance.topic.name,
            "url": base_url + quote.stance.topic.get_absolute_url(),
        },
        "publisher": {"@type": "Organization", "name": SITE_NAME, "url": base_url + "/"},
    }
    if quote.published_at:
        data["datePublished"] = timezone.localdate(quote.published_at).isoformat()
    if quote.first_reported_in_id:
        data["isBasedOn"]["isBasedOn"] = _creative_work(quote.first_reported_in)
    translations = [_translation(t, url=url, base_url=base_url) for t in quote.translations.all()]
    if translations:
        data["workTranslation"] = translations[0] if len(translations) == 1 else translations
    return data


def _translation(translation, *, url, base_url):
    """A translation as a schema.org Quotation: who translated it (our editors say so) and
    where it was published."""
    work = {
        "@type": "Quotation",
        "text": translation.text,
        "inLanguage": translation.language,
        "translationOfWork": {"@id": url},
        "description": translation.credit,
    }
    if translation.is_by_archive:
        work["translator"] = {"@type": "Organization", "name": SITE_NAME, "url": base_url + "/"}
    elif translation.outlet_id:
        work["translator"] = {"@type": "Organization", "name": translation.outlet.name}
    if translation.source_id:
        work["isPartOf"] = _creative_work(translation.source)
    return work


def _creative_work(source):
    work = {
        "@type": "CreativeWork",
        # A title an editor supplied is a description of the item, not its name.
        "description" if source.is_title_supplied else "name": source.title,
        "inLanguage": source.language,
        "publisher": {"@type": "Organization", "name": source.outlet.name},
    }
    if source.outlet.home_url:
        work["publisher"]["url"] = source.outlet.home_url
    if source.url:
        work["url"] = source.url
    if source.archived_url:
        work["archivedAt"] = source.archived_url
    if source.published_on:
        work["datePublished"] = source.published_on.isoformat()
    if source.author_list:
        work["author"] = [{"@type": "Person", "name": name} for name in source.author_list]
    return work


# As Django's json_script escapes: no "<", ">" or "&" survives, so no "</script>" either.
_SCRIPT_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


def script_json(data):
    """JSON safe to put between <script> tags, whatever the quote's words are."""
    return mark_safe(json.dumps(data, ensure_ascii=False).translate(_SCRIPT_ESCAPES))


# What a permalink page needs ---------------------------------------------------------------


def for_permalink(quote, *, base_url, today):
    """Everything the permalink's "Cite this" box and its metadata need, without a query."""
    url = base_url + quote.get_absolute_url()
    item = csl_item(quote, url=url, accessed=today)
    topic = quote.stance.topic.name
    return {
        "permalink": url,
        "headline": f"{quote.speaker.name} on {topic[:1].lower()}{topic[1:]}, "
        f"{quote.said_on_display}",
        "csl": item,
        "citation_author": meta_author(item),
        "citation_date": iso_date(item["issued"]),
        "citations": [
            {"style": style, "label": label, "citation": citation}
            for (style, label), citation in zip(
                STYLES.items(), format_citations(item).values(), strict=True
            )
        ],
        "downloads": [
            {"format": fmt, "label": d.label, "content_type": d.content_type.split(";")[0]}
            for fmt, d in DOWNLOADS.items()
        ],
        "json_ld": script_json(json_ld(quote, url=url, base_url=base_url)),
    }

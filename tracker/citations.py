"""Citing a quote: ONE CSL-JSON item per statement, and everything made from it.

Every citation output is made from the item that `csl_item` builds: the meta tags in the
permalink's <head> (`meta_tags`), the "Cite this" box (`format_citations`), the CSL-JSON,
RIS and BibTeX downloads, and the COinS span of each card on a list page. Who said it, when,
and where it was reported each come from one function (`creators`, `issued`, `reported_in`),
the places where whole names, honest dates and reporting chains plug in.

What a statement is, for reference managers: a web page of "On the Record" whose type is
the statement's kind (Direct quote, Paraphrase), the item Zotero handles best (see
docs/citing.md). Its title is the words themselves, shortened by one rule (`short_title`).

The three entries are built here, not by a CSL processor at run time: for this one item
type they are a few lines each. They read as citeproc-js, the reference CSL processor,
renders the same item with the official styles in tracker/citation_styles/ (APA 7th,
Chicago 18th author-date, MLA 9th); tests/web/test_citations.py holds them to that, with
these deliberate differences, all for keeping the words as said:
- the words are never rewritten: citeproc-js turns every straight quote and apostrophe in
  a title into a typographic one (the apostrophe of "s'apprête" too), re-nests quotation
  marks, and puts a narrow no-break space before "?", "!", ":" and ";". No input stops it
  (it parses the title's marks whatever markup surrounds them), so here the words print
  exactly as stored;
- MLA's "circa" is lower-case mid-sentence, as the MLA Handbook writes it.
The CSL-JSON download wraps an English title in <span class="nocase"> so that processors
do not re-case it either (Chicago and MLA title-case an English web page's title), unless
a quotation mark in it closes nothing: citeproc-js then prints the markup itself.
"""

import calendar
import json
import re
from dataclasses import dataclass
from urllib.parse import urlencode

from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import slugify

from tracker.models import AttributionLink, Quote, Speaker
from tracker.models.dates import PossibleDates

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


# How long the words may be as a title, in characters, before they are shortened.
TITLE_LENGTH = 100
# What a shortened title may not end with before its ellipsis, and a whole one at its end.
_CUT_AT_END = " ,;:\u2013\u2014-"
_TRAILING = " ,;"


def short_title(words, *, length=TITLE_LENGTH):
    """The words as a short, sentence-like title, and nothing in it that was not said.

    The rule, the same in every citation and metadata: the words on one line; if they are
    longer than `length` characters, cut at the last word boundary within it and end with
    an ellipsis; a comma or semicolon left at the end is dropped; the first letter stays
    as written (the words are a quotation, not a headline).
    """
    words = " ".join(words.split())
    if len(words) <= length:
        return words.rstrip(_TRAILING)
    cut = words[: length + 1]
    cut = cut.rsplit(" ", 1)[0] if " " in cut else words[:length]
    return cut.rstrip(_CUT_AT_END) + "\u2026"


def csl_title(quote, translations):
    """The title: the words, with an English translation in brackets as the styles ask."""
    english = [t for t in translations if t.language == "en"]
    if english and quote.language != "en":
        return f"{short_title(quote.text)} [{short_title(english[0].text)}]"
    return short_title(quote.text)


def csl_date(day, precision=Quote.Precision.DAY, latest=None):
    return PossibleDates.of(day, precision, latest).csl()


# The three seams: who, when, and where it was reported. Each output reads them through the
# item only, so whole names, date ranges and reporting chains change these and nothing else.


def creators(quote):
    """Who said it, as CSL names."""
    return [csl_name(quote.speaker)]


def issued(quote):
    """When it was said, as a CSL date: as precise as the record (tracker/models/dates.py)."""
    return quote.said_on_dates.csl()


def reported_in(source):
    """Where a statement was read: the article as a CSL item of its own (the source page
    cites it; a statement's citation will name it as where it was reported)."""
    item = {
        "id": f"source-{source.pk}",
        "type": "article-newspaper",
        "title": source.title,
        "container-title": source.outlet.name,
        "language": source.language,
    }
    if source.author_list:
        # Reporters are people: named as a speaker who is a person would be.
        item["author"] = [csl_name(Speaker(name=name)) for name in source.author_list]
    if source.published_on:
        item["issued"] = source.published_dates.csl()
    if source.url:
        item["URL"] = source.url
    if source.archived_url:
        item["archive_location"] = source.archived_url
    return item


def reporting(quote):
    """Where the statement was reported, as one sentence every citation and download ends
    with: the outlet, the article, its date and URL, the links of the chain between the
    speaker and the article (an intermediary, an agency), and the archived copy: “Quoted in
    Reuters (citing European officials), “Leaders meet in Paris,” 17 Feb 2025,
    https://…. Archived at https://….” Empty for a quote without a source. A version names
    the chain it had (Quote.as_version())."""
    source = quote.source if quote.source_id else None
    if source is None:
        return ""
    Relation = AttributionLink.Relation
    before = []
    if quote.pk:
        for link in quote.chain():
            if link.relation == Relation.READ_IN:
                break
            if link.relation != Relation.SAID_AT:
                before.append(str(link))
    parts = [source.outlet.name + (f" ({'; '.join(before)})" if before else "")]
    parts.append(source.title if source.is_title_supplied else f"\u201c{source.title}\u201d")
    if source.published_on:
        parts.append(source.published_dates.display())
    if source.url:
        parts.append(source.url)
    # A comma after a quoted title goes inside its quotation marks.
    text = "Quoted in " + ", ".join(parts).replace("\u201d, ", ",\u201d ")
    text = _end_with_period(text)
    if source.archived_url:
        text += f" Archived at {source.archived_url}."
    return text


def abstract(quote):
    """What the statement is, without repeating its words: the kind, the speaker, the date,
    the question, the outlet it was read in."""
    parts = [f"{quote.get_kind_display()} by {quote.speaker.name}"]
    if quote.role_id:
        parts.append(quote.role.title)
    parts.append(quote.said_on_display)
    if quote.stance_id:
        topic = quote.stance.topic.name
        # Mid-sentence: "on troops for Ukraine", but "on NATO membership".
        parts.append(f"on {topic[:1].lower() + topic[1:] if topic[1:2].islower() else topic}")
    if quote.source_id:
        parts.append(f"as reported by {quote.source.outlet.name}")
    text = ", ".join(parts)
    return text + "."


def csl_item(quote, *, url, accessed, version=None, translations=None):
    """The CSL-JSON item for a quote at its permalink `url`, as read on the day `accessed`;
    a `version` (its number and date) makes it the item of that version's page. `translations`
    are the quote's, read from it when not given."""
    if translations is None:
        translations = quote.translations.all() if quote.pk else []
    genre = quote.get_kind_display()
    if version:
        number, as_of = version
        genre += f", version {number} as of {as_of.day} {as_of:%B %Y}"
    item = {
        "id": quote.key if not version else f"{quote.key}-v{version[0]}",
        "type": "webpage",
        "author": creators(quote),
        "title": csl_title(quote, translations),
        "genre": genre,
        "container-title": SITE_NAME,
        "issued": issued(quote),
        "URL": url,
        "language": quote.language,
        "abstract": abstract(quote),
    }
    if accessed:
        item["accessed"] = csl_date(accessed)
    if quote.source_id:
        # Where it was reported: the article as the original of what we publish, and the
        # whole reporting as a note (which Zotero keeps in the item's Extra field).
        source = quote.source
        item["original-publisher"] = source.outlet.name
        item["original-title"] = source.title
        if source.published_on:
            item["original-date"] = source.published_dates.csl()
        item["note"] = reporting(quote)
    return item


def meta_author(item):
    """The author as reference managers read a citation_author tag: "Last, First"; a body
    or a group ends with a comma, which Zotero reads as one name kept whole (docs/citing.md)."""
    name = item["author"][0]
    if "literal" in name:
        return name["literal"] + ","
    family = " ".join(filter(None, [name.get("non-dropping-particle"), name["family"]]))
    text = f"{family}, {name['given']}"
    return f"{text}, {name['suffix']}" if name.get("suffix") else text


def iso_date(date):
    """A CSL date as ISO 8601: 2025-02-17, or 2025-02 when only the month is known; the
    first day of a range."""
    return "-".join(f"{part:02d}" for part in date["date-parts"][0])


def edtf_date(date):
    """A CSL date as EDTF, as biblatex reads it: 2025-02-17, 2025-02~ (about February),
    2025-02-10/2025-02-16 (a range of days)."""
    first, *last = date["date-parts"]
    text = "-".join(f"{part:02d}" for part in first)
    if last:
        return text + "/" + "-".join(f"{part:02d}" for part in last[0])
    return text + ("~" if date.get("circa") else "")


# Formatted entries ------------------------------------------------------------------------


@dataclass(frozen=True)
class Citation:
    text: str
    html: SafeString


class _Entry:
    """An entry as runs of text, some in italics, that end with citeproc-js's punctuation rules."""

    # citeproc-js's table for punctuation meeting punctuation: what "." after each becomes;
    # but a comma is replaced, as the style guides ask, where citeproc-js writes ",.".
    _BEFORE_PERIOD = {"!": "!", "?": "?", ".": ".", ":": ":", ";": ";", ",": "."}

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
    return _reported(entry, item).citation()


def chicago(item):
    entry = _Entry().add(_name(item, initials=False, particle_first=False)).period()
    issued = item["issued"]
    year = issued["date-parts"][0][0]
    entry.add(f" [{year}?]." if issued.get("circa") else f" {year}.")
    entry.add(f" {_title(item['title'], quoted=True)}")
    month_day = _month_day(issued)
    entry.add(
        f" {item['genre']}. {item['container-title']}{f', {month_day}' if month_day else ''}."
    )
    entry.add(f" {item['URL']}").period()
    return _reported(entry, item).citation()


def mla(item):
    entry = _Entry().add(_name(item, initials=False, particle_first=True)).period()
    entry.add(f" {_title(item['title'], quoted=True)}")
    entry.add(f" {item['genre']}. ").add(item["container-title"], italic=True)
    entry.add(f", {_mla_date(item['issued'])}, {item['URL']}").period()
    return _reported(entry, item).citation()


def _reported(entry, item):
    """Where the statement was reported, after the entry, as the styles cite a source read
    in another: “Quoted in …” (reporting() above)."""
    return entry.add(f" {item['note']}") if item.get("note") else entry


# Dates as each style writes them.

MLA_MONTHS = [None, "Jan.", "Feb.", "Mar.", "Apr.", "May", "June", "July", "Aug."]
MLA_MONTHS += ["Sept.", "Oct.", "Nov.", "Dec."]


def _apa_date(issued):
    year = issued["date-parts"][0][0]
    text = ", ".join(filter(None, [str(year), _month_day(issued)]))
    if len(issued["date-parts"]) > 1 and issued["date-parts"][1][0] != year:
        text = f"{year}\u2013{issued['date-parts'][1][0]}"
    return f"ca. {text}" if issued.get("circa") else text


def _month_day(issued):
    """“February 17”, “February”, "" for a date known only to the year, and a range of days
    as citeproc-js writes it, with an en dash: “February 10-16”."""
    _, *month_day = issued["date-parts"][0]
    if not month_day:
        return ""
    month, *day = month_day
    text = calendar.month_name[month] + (f" {day[0]}" if day else "")
    if len(issued["date-parts"]) > 1:
        _, last_month, last_day = issued["date-parts"][1]
        if last_month == month:
            return f"{text}\u2013{last_day}"
        return f"{text}\u2013{calendar.month_name[last_month]} {last_day}"
    return text


def _mla_date(issued):
    year, *month_day = issued["date-parts"][0]
    month, *day = month_day or [None]
    text = (f"{day[0]} " if day else "") + (f"{MLA_MONTHS[month]} " if month else "") + str(year)
    if len(issued["date-parts"]) > 1:
        _, last_month, last_day = issued["date-parts"][1]
        start = f"{day[0]}" if last_month == month else f"{day[0]} {MLA_MONTHS[month]}"
        text = f"{start}\u2013{last_day} {MLA_MONTHS[last_month]} {year}"
    return f"circa {text}" if issued.get("circa") else text


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


# The words as a title, as stored: only the style's quotation marks around them, and the
# period after them, which goes inside the marks (the en-US locale's punctuation-in-quote)
# and inside a quotation that ends the words.

OPEN_QUOTE, CLOSE_QUOTE = "\u201c", "\u201d"
# A closing mark at the end of the words, with the opening mark it closes.
_OPENER_OF = {"\u201d": "\u201c", "\u2019": "\u2018", "\u00bb": "\u00ab", '"': '"', "'": "'"}


def _title(title, *, quoted):
    if not quoted:
        return title
    words, closing = title, ""
    while words and words[-1] in _OPENER_OF and _OPENER_OF[words[-1]] in words[:-1]:
        words, closing = words[:-1], words[-1] + closing
    return OPEN_QUOTE + _end_with_period(words) + closing + CLOSE_QUOTE


def _french_spacing(text):
    """citeproc-js keeps « », ?, !, : and ; from their word with a narrow no-break space."""
    text = re.sub(r" ([:;?!\u00bb])", "\u202f\\1", text).replace("\u00ab ", "\u00ab\u202f")
    return re.sub(r"\s+'", " '", text)


# Files for reference managers ---------------------------------------------------------------


# A quotation mark that is not an apostrophe inside a word (don't, s'apprête).
_QUOTATION_MARK = re.compile(
    "[\"\u201c\u201d\u00ab\u00bb]|['\u2018\u2019](?![a-zA-Z\u00c0-\u017f])"
)


def _nocase(title, language):
    """The title marked "nocase", CSL's way to keep a processor from re-casing the words:
    only English titles are re-cased, and only a title whose quotation marks pair up is
    safe to mark (with a closing mark alone, citeproc-js prints the markup)."""
    if not language.startswith("en") or _QUOTATION_MARK.search(title):
        return title
    return f'<span class="nocase">{title}</span>'


def csl_json(item):
    """A CSL-JSON file: a list of items, as Zotero, Pandoc and citeproc read them."""
    item = {**item, "title": _nocase(item["title"], item["language"])}
    return json.dumps([item], ensure_ascii=False, indent=2) + "\n"


def ris(item):
    """An RIS record of the item as a web page (ELEC): Zotero reads T2 as the website's
    title and M3 as its type."""
    issued = item["issued"]["date-parts"][0]
    accessed = item["accessed"]["date-parts"][0]
    lines = [
        ("TY", "ELEC"),
        ("AU", meta_author(item)),
        ("TI", item["title"]),
        ("T2", item["container-title"]),
        ("PY", str(issued[0])),
        ("DA", _ris_date_field(item["issued"])),
        ("Y2", _ris_date(accessed)),
        ("M3", item["genre"]),
        ("AB", item["abstract"]),
        ("LA", item["language"]),
        ("UR", item["URL"]),
        ("N1", item.get("note")),
        ("ID", item["id"]),
        ("ER", ""),
    ]
    return "".join(f"{tag}  - {value}\r\n" for tag, value in lines if value is not None)


def _ris_date_field(date):
    """RIS's DA: year/month/day/other, the other part saying what the date cannot:
    2025/02//circa, 2025/02/10/circa, to 2025/02/16."""
    first, *last = date["date-parts"]
    parts = [f"{part:02d}" for part in first]
    other = ["circa"] if date.get("circa") else []
    if last:
        other.append("to " + _ris_date(last[0]))
    if not other:
        return "/".join(parts)
    return "/".join([*parts, *[""] * (3 - len(parts)), ", ".join(other)])


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
    """A biblatex @online entry (Zotero imports it as a web page), with BibTeX's year and
    month beside biblatex's date; the words are kept from re-casing in braces."""
    name = item["author"][0]
    issued = item["issued"]
    year, *month_day = issued["date-parts"][0]
    month = month_day[0] if month_day else None
    first_word = name.get("family") or name["literal"].split()[0]
    key = f"{slugify(first_word).replace('-', '')}{year}_{item['id'].replace('-', '_')}"
    # A name in braces is one name, not "Last, First": institutions and the like.
    author = f"{{{tex_escape(name['literal'])}}}" if "literal" in name else meta_author(item)
    fields = [
        ("author", tex_escape(author) if "literal" not in name else author),
        ("title", f"{{{tex_escape(item['title'])}}}"),
        ("organization", tex_escape(item["container-title"])),
        ("type", tex_escape(item["genre"])),
        ("year", str(year)),
        ("month", None),
        ("date", edtf_date(issued)),
        ("abstract", tex_escape(item["abstract"])),
        ("url", item["URL"]),
        ("urldate", iso_date(item["accessed"])),
        ("language", item["language"]),
        ("note", tex_escape(item["note"]) if item.get("note") else None),
    ]
    lines = [f"@online{{{key},"]
    for field, value in fields:
        # BibTeX's month abbreviations are macros, written without braces.
        if value is None and field != "month":
            continue
        if field != "month":
            lines.append(f"  {field} = {{{value}}},")
        elif month:
            lines.append(f"  month = {BIBTEX_MONTHS[month]},")
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
        "dateCreated": iso_date(quote.said_on_dates.csl()),
        # When it was said, as precisely as it is known, in EDTF (tracker/models/dates.py).
        "temporalCoverage": quote.said_on_edtf,
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
    data.update(_chain(quote, base_url=base_url))
    described = [quote.get_verification_display() + "."]
    described += [
        f"{edit.get_kind_display()}: {edit.explanation}" for edit in quote.word_edits.all()
    ]
    data["description"] = " ".join(described)
    translations = [_translation(t, url=url, base_url=base_url) for t in quote.translations.all()]
    if translations:
        data["workTranslation"] = translations[0] if len(translations) == 1 else translations
    return data


def _chain(quote, *, base_url):
    """The attribution chain in schema.org's words: where it was said (recordedAt), the works
    the one we read is based on, innermost first reported (isBasedOn, nested), and the works
    that also reported it (citation)."""
    Relation = AttributionLink.Relation
    data, based_on, also = {}, [], []
    for link in quote.chain():
        if link.relation == Relation.SAID_AT and link.event_id:
            data["recordedAt"] = _event(link.event, base_url=base_url)
        elif link.relation == Relation.ALSO_REPORTED_BY:
            also.append(_link_work(link, base_url=base_url))
        else:
            based_on.append(_link_work(link, base_url=base_url))
    # based_on ends with where we read it; each work is based on the one before it.
    work = based_on.pop()
    data["isBasedOn"] = work
    for earlier in reversed(based_on):
        work["isBasedOn"] = earlier
        work = earlier
    if also:
        data["citation"] = also
    return data


def _event(event, *, base_url):
    return {"@type": "Event", "name": event.name, "url": base_url + event.get_absolute_url()}


def _link_work(link, *, base_url):
    if link.source_id:
        return _creative_work(link.source)
    if link.outlet_id:
        publisher = {"@type": "Organization", "name": link.outlet.name}
        if link.outlet.home_url:
            publisher["url"] = link.outlet.home_url
        return {"@type": "CreativeWork", "publisher": publisher}
    if link.event_id:
        return {"@type": "CreativeWork", "recordedAt": _event(link.event, base_url=base_url)}
    # An intermediary has no work of its own: what they said, as reported.
    return {"@type": "CreativeWork", "description": f"Words passed on by {link.intermediary}"}


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
        work["datePublished"] = source.published_dates.html_datetime()
    if source.author_list:
        work["author"] = [{"@type": "Person", "name": name} for name in source.author_list]
    return work


# As Django's json_script escapes: no "<", ">" or "&" survives, so no "</script>" either.
_SCRIPT_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


def script_json(data):
    """JSON safe to put between <script> tags, whatever the quote's words are."""
    return mark_safe(json.dumps(data, ensure_ascii=False).translate(_SCRIPT_ESCAPES))


# Metadata in pages: <meta> tags and COinS ---------------------------------------------------

# The item type Zotero's Embedded Metadata translator gives each CSL type, by DC.type and
# og:type (docs/citing.md): a statement is a web page whose website type is its kind.
_PAGE_TYPES = {"webpage": (None, "website"), "article-newspaper": ("newspaperArticle", "article")}


def meta_tags(item):
    """The <meta> tags reference managers read, as (attribute, name, content): the item's
    title, creators, date, URL, language and abstract, its type and its site."""
    dc_type, og_type = _PAGE_TYPES[item["type"]]
    tags = [("name", "citation_title", item["title"])]
    for name in item.get("author", []):
        tags.append(("name", "citation_author", meta_author({"author": [name]})))
    if "issued" in item:
        tags.append(("name", "citation_date", iso_date(item["issued"])))
    if "URL" in item:
        tags.append(("name", "citation_public_url", item["URL"]))
    tags.append(("name", "citation_language", item["language"]))
    if "abstract" in item:
        tags.append(("name", "citation_abstract", item["abstract"]))
        tags.append(("property", "og:description", item["abstract"]))
    tags += [
        ("name", "DC.type", dc_type or item["genre"]),
        ("property", "og:type", og_type),
        ("property", "og:site_name", item["container-title"]),
    ]
    return [{"attribute": a, "name": n, "content": c} for a, n, c in tags]


def coins(item):
    """The item as a COinS span's title (an OpenURL ContextObject in Dublin Core, which
    Zotero's COinS translator reads as a web page): one per statement on a list page, so
    that a reader can save several at once."""
    fields = [
        ("ctx_ver", "Z39.88-2004"),
        ("rft_val_fmt", "info:ofi/fmt:kev:mtx:dc"),
        ("rfr_id", "info:sid/ontherecord"),
        ("rft.type", item.get("genre", "")),
        ("rft.title", item["title"]),
        *(("rft.creator", meta_author({"author": [name]})) for name in item.get("author", [])),
        ("rft.date", iso_date(item["issued"]) if "issued" in item else ""),
        ("rft.source", item["container-title"]),
        ("rft.identifier", item.get("URL", "")),
        ("rft.description", item.get("abstract", "")),
        ("rft.language", item["language"]),
    ]
    return urlencode([(key, value) for key, value in fields if value])


def for_speaker(speaker, *, base_url):
    """What a person page (or a body's, a group's) tells reference managers and link
    previews: a web page of the archive describing them, not a citation of anything."""
    url = base_url + speaker.get_absolute_url()
    description = speaker.description or f"Statements by {speaker.name} on the record."
    tags = [
        ("name", "DC.title", speaker.name),
        ("name", "DC.type", speaker.get_kind_display()),
        ("name", "DC.description", description),
        ("property", "og:type", "website"),
        ("property", "og:site_name", SITE_NAME),
        ("property", "og:title", speaker.name),
        ("property", "og:description", description),
        ("property", "og:url", url),
    ]
    return {"meta_tags": [{"attribute": a, "name": n, "content": c} for a, n, c in tags]}


def for_source(source, *, base_url):
    """What a source page tells reference managers: the article itself, at its own URL."""
    item = reported_in(source)
    item.setdefault("URL", base_url + source.get_absolute_url())
    return {"meta_tags": meta_tags(item), "source_coins": coins(item)}


# What a permalink page needs ---------------------------------------------------------------


def for_item(item):
    """The page's citation item, its meta tags and its entry in each style."""
    return {
        "permalink": item["URL"],
        "csl": item,
        "meta_tags": meta_tags(item),
        "citations": [
            {"style": style, "label": label, "citation": citation}
            for (style, label), citation in zip(
                STYLES.items(), format_citations(item).values(), strict=True
            )
        ],
    }


def for_permalink(quote, *, base_url, today):
    """Everything the permalink's "Cite this" box and its metadata need, without a query."""
    url = base_url + quote.get_absolute_url()
    topic = quote.stance.topic.name
    return {
        **for_item(csl_item(quote, url=url, accessed=today)),
        "headline": f"{quote.speaker.name} on {topic[:1].lower()}{topic[1:]}, "
        f"{quote.said_on_display}",
        "downloads": [
            {"format": fmt, "label": d.label, "content_type": d.content_type.split(";")[0]}
            for fmt, d in DOWNLOADS.items()
        ],
        "json_ld": script_json(json_ld(quote, url=url, base_url=base_url)),
    }


def for_version(version, *, number, as_of, base_url, today):
    """What a version page /q/<key>/v/<n>/ cites: that version, at its own URL, with its
    number and the day it was made in the website type ("Direct quote, version 1 as of
    3 March 2025"), which Zotero keeps."""
    url = base_url + reverse("quote_version", args=[version.key, number])
    # The version carries the translations and chain it had (Quote.as_version()).
    item = csl_item(version, url=url, accessed=today, version=(number, as_of))
    return for_item(item)

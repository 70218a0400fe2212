"""The formatted entries of the "Cite this" box: APA, Chicago and MLA, written as citeproc-js
renders them with the official styles (see tracker/citations/__init__.py)."""

import calendar
import re

from tracker.citations.entries import _end_with_period, _Entry
from tracker.citations.items import _ROMANESQUE

STYLES = {
    "apa": "APA (7th edition)",
    "chicago": "Chicago (18th edition, author-date)",
    "mla": "MLA (9th edition)",
}


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

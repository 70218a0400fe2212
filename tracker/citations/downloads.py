"""Files for reference managers: CSL-JSON, RIS and BibTeX, each made from the item."""

import json
import re
from dataclasses import dataclass

from django.utils.text import slugify

from tracker.citations.items import edtf_date, iso_date, meta_author

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

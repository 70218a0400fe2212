"""Citing a quote: ONE CSL-JSON item per statement, and everything made from it.

Every citation output is made from the item that `csl_item` builds: the meta tags in the
permalink's <head> (`meta_tags`), the "Cite this" box (`format_citations`), the CSL-JSON,
RIS and BibTeX downloads, and the COinS span of each card on a list page. Who said it, when,
and where it was reported each come from one function (`creators`, `issued`, `reported_in`),
the places where whole names, honest dates and reporting chains plug in.

What a statement is, for reference managers: a web page of "On the Record" whose type is
the statement's kind (Direct quote, Paraphrase), the item Zotero handles best (see
docs/citing.md). Its title is the words themselves, shortened by one rule (`short_title`).

The three entries are built in styles.py, not by a CSL processor at run time: for this one item
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

Where each part lives: items (the CSL-JSON item, its names, title and dates), entries and
styles (the formatted APA, Chicago and MLA entries), downloads (CSL-JSON, RIS, BibTeX), meta
(JSON-LD, <meta> tags, COinS) and pages (what each page gives to cite it).
"""

from tracker.citations.downloads import DOWNLOADS, bibtex, csl_json, ris
from tracker.citations.items import (
    SITE_NAME,
    TITLE_LENGTH,
    csl_date,
    csl_item,
    csl_name,
    csl_title,
    short_title,
)
from tracker.citations.meta import coins, json_ld, meta_tags
from tracker.citations.pages import for_item, for_permalink, for_source, for_speaker, for_version
from tracker.citations.styles import STYLES, apa, chicago, format_citations, mla

__all__ = [
    "DOWNLOADS",
    "SITE_NAME",
    "STYLES",
    "TITLE_LENGTH",
    "apa",
    "bibtex",
    "chicago",
    "coins",
    "csl_date",
    "csl_item",
    "csl_json",
    "csl_name",
    "csl_title",
    "for_item",
    "for_permalink",
    "for_source",
    "for_speaker",
    "for_version",
    "format_citations",
    "json_ld",
    "meta_tags",
    "mla",
    "ris",
    "short_title",
]

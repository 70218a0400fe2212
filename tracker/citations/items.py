"""The CSL-JSON item of a statement (or of the article that reported it): its names, title,
dates and reporting chain, as reference managers and CSL processors read them."""

import re

from tracker.citations.entries import _end_with_period
from tracker.models import AttributionLink, Quote, Speaker
from tracker.models.dates import PossibleDates

SITE_NAME = "On the Record"


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

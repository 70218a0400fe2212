"""A citer can cite a statement: right citations, files for reference managers, metadata, an embed.

The APA, Chicago (author-date) and MLA entries are held to what citeproc-js, the reference
CSL processor, renders from the CSL-JSON download with the official style files, but for
the words, which we never rewrite where it does. It runs under node
(tests/web/citeproc_render.js), once for this module. The page's meta tags and each
download are read as Zotero reads them (docs/citing.md in the shared docs), through real
parsers (rispy, bibtexparser), and must give one and the same item.
"""

import datetime
import html
import json
import re
import shutil
import subprocess
from pathlib import Path
from urllib.parse import parse_qs

import bibtexparser
import pytest
import rispy
from django.utils import timezone
from lxml import html as lxml_html
from pyld import jsonld
from pytest_django.asserts import assertContains, assertNotContains

from tests.helpers import (
    make_intermediary,
    make_outlet,
    make_quote,
    make_role,
    make_source,
    make_speaker,
)
from tracker import citations
from tracker.models import Quote, Speaker, Translation

pytestmark = pytest.mark.django_db

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
STYLES = ROOT / "tracker" / "citation_styles"
STYLE_FILES = {
    "apa": STYLES / "apa.csl",
    "chicago": STYLES / "chicago-author-date.csl",
    "mla": STYLES / "modern-language-association.csl",
}
CITEPROC = ROOT / "node_modules" / "citeproc"
URL = "https://ontherecord.example/q/abcd2345/"
TODAY = datetime.date(2025, 11, 25)


def item_for(
    *,
    key="abcd2345",
    name="Olaf Scholz",
    speaker_kind=Speaker.Kind.PERSON,
    given_name="",
    family_name="",
    translation="",
    version=None,
    **fields,
):
    """The CSL item of an unsaved quote: the same code path as a permalink's, without a database."""
    quote_fields = {
        "text": "Unfortunately we are still a long way off",
        "said_on": datetime.date(2025, 2, 17),
    }
    quote_fields.update(fields)
    speaker = Speaker(name=name, kind=speaker_kind, given_name=given_name, family_name=family_name)
    quote = Quote(key=key, speaker=speaker, **quote_fields)
    translations = [Translation(language="en", text=translation)] if translation else []
    return citations.csl_item(
        quote,
        url=URL.replace("abcd2345", key),
        accessed=TODAY,
        version=version,
        translations=translations,
    )


# What the archive will meet: quotation marks of every kind inside the words, apostrophes,
# punctuation at the end, translations, French spacing, names with particles, initials,
# suffixes, institutions, dates known to the day, the month, or only about.
CASES = {
    "plain": item_for(),
    "ends-with-period": item_for(text="We will not send troops."),
    "question": item_for(text="Who will guarantee the peace?"),
    "exclamation": item_for(text="Never again!"),
    "ellipsis-at-end": item_for(text="We are ready, if…"),
    "colon-at-end": item_for(text="There is one condition:"),
    "comma-at-end": item_for(text="Troops, yes,"),
    "apostrophes": item_for(text="Europe's security isn't Europe’s alone"),  # noqa: RUF001
    "possessive-plural": item_for(text="the Europeans’ guarantees"),  # noqa: RUF001
    "straight-double-inside": item_for(text='A "coalition of the willing" will form'),
    "curly-double-inside": item_for(text="A “coalition of the willing” will form"),
    "quotation-at-end": item_for(text="He called it “premature.”"),
    "quotation-at-end-no-period": item_for(text="He called it “premature”"),
    "single-inside": item_for(text="We said ‘maybe’, not yes."),  # noqa: RUF001
    "straight-single-inside": item_for(text="The so-called 'reassurance force' is ready"),
    "nested": item_for(text="She said: “they told us ‘not now’ again”"),  # noqa: RUF001
    "whole-quotation": item_for(text='"We are ready."'),
    "decade": item_for(text="Not since the '90s"),
    "unpaired-opening": item_for(text='He said "no and left'),
    "unpaired-closing": item_for(text="the end” of it"),
    "dashes-and-symbols": item_for(text="10,000 troops — 50% more & sooner"),
    "long-and-spaced": item_for(text="We   will\n\nsee.\tThen decide."),
    "translated": item_for(
        text="Leider sind wir noch weit davon entfernt",
        language="de",
        translation="Unfortunately we are still a long way off",
    ),
    "french": item_for(
        text="Pourquoi pas ? « Une force de réassurance » : oui !",
        language="fr",
        translation="Why not? “A reassurance force”: yes!",
    ),
    "kind-paraphrase": item_for(text="Troops could be sent", kind=Quote.Kind.PARAPHRASE),
    "kind-partial": item_for(text="a very strong Ukrainian army", kind=Quote.Kind.PARTIAL),
    "kind-statement": item_for(text="France stands ready.", kind=Quote.Kind.STATEMENT),
    "month-only": item_for(
        said_on=datetime.date(2025, 5, 1), said_on_precision=Quote.Precision.MONTH
    ),
    "about-a-date": item_for(
        said_on=datetime.date(2025, 9, 14), said_on_precision=Quote.Precision.APPROXIMATE
    ),
    "between-two-days": item_for(
        said_on=datetime.date(2025, 2, 10),
        said_on_latest=datetime.date(2025, 2, 16),
        said_on_precision=Quote.Precision.BETWEEN,
    ),
    "between-two-months": item_for(
        said_on=datetime.date(2025, 2, 27),
        said_on_latest=datetime.date(2025, 3, 2),
        said_on_precision=Quote.Precision.BETWEEN,
    ),
    "year-only": item_for(
        said_on=datetime.date(2025, 1, 1), said_on_precision=Quote.Precision.YEAR
    ),
    "double-surname-as-entered": item_for(
        name="Maria Malmer Stenergard", given_name="Maria", family_name="Malmer Stenergard"
    ),
    "hyphenated-given": item_for(name="Jean-Noël Barrot"),
    "hyphenated-family": item_for(name="Władysław Kosiniak-Kamysz"),
    "initials": item_for(name="J. D. Vance"),
    "initials-unspaced": item_for(name="J.D. Vance"),
    "suffix": item_for(name="Robert F. Kennedy Jr."),
    "particles": item_for(name="Ursula von der Leyen"),
    "particle-da": item_for(name="Luiz Inácio Lula da Silva"),
    "lower-case-given-part": item_for(name="Maria del Carmen Alvarez"),
    "apostrophe-in-name": item_for(name="Siobhán O’Neill"),  # noqa: RUF001
    "cyrillic": item_for(name="Володимир Зеленський"),
    "one-name": item_for(name="Lula"),
    "institution": item_for(name="Government of France", speaker_kind=Speaker.Kind.INSTITUTION),
    "institution-with-period": item_for(
        name="BAE Systems Ltd.", speaker_kind=Speaker.Kind.INSTITUTION
    ),
    "officials": item_for(name="US officials", speaker_kind=Speaker.Kind.OFFICIALS),
    "bare-initial": item_for(name="Robert F Kennedy"),
    "apostrophe-in-french": item_for(
        text="L'Europe s'apprête à agir", language="fr", speaker_kind=Speaker.Kind.OFFICIALS
    ),
    "semicolon-at-end": item_for(text="We will decide later;"),
    "long-words": item_for(text=" ".join(["We will not send troops, not now,"] * 10)),
    "long-english-lower-case": item_for(text="we will see what the coalition decides " * 4),
    "version": item_for(version=(2, datetime.date(2025, 3, 3))),
    "hyphenated-given-names": item_for(name="Frank-Walter Steinmeier"),
}
# Every month's name and abbreviation (MLA's "Sept.", "June").
for month in range(1, 13):
    CASES[f"month-{month:02d}"] = item_for(said_on=datetime.date(2024, month, 28))
# citeproc-js moves punctuation at the very start of a quoted title out of its quotation
# marks (…“we will see.”), which changes the words as quoted, unless it is marked "nocase".
LEADING_PUNCTUATION = {
    "three-dots": item_for(key="lead0001", text="...and then we will see"),
    "question-first": item_for(key="lead0002", text="? is all he said"),
}
for number, case in enumerate(CASES.values()):
    case["id"] = f"case{number:04d}"


@pytest.fixture(scope="module")
def citeproc_js():
    """Every case's entry in every style, as citeproc-js renders it: {style: {id: entry}}."""
    node = shutil.which("node")
    assert node and CITEPROC.exists(), "make checkers installs node's citeproc (citeproc-js)"
    # What citeproc-js is given is the CSL-JSON download itself.
    items = [
        json.loads(citations.csl_json(item))[0]
        for item in [*CASES.values(), *LEADING_PUNCTUATION.values()]
    ]
    request = {
        "items": items,
        "locale": str(STYLES / "locales-en-US.xml"),
        "styles": {style: str(path) for style, path in STYLE_FILES.items()},
    }
    result = subprocess.run(
        [node, str(HERE / "citeproc_render.js")],
        input=json.dumps(request),
        capture_output=True,
        text=True,
        timeout=300,
        check=True,
    )
    rendered = json.loads(result.stdout)
    return {
        style: {item["id"]: entry for item, entry in zip(items, entries, strict=True)}
        for style, entries in rendered.items()
    }


def as_plain(entry_html):
    """citeproc-js's HTML or ours, to compare: the text, with italics marked as <i>."""
    entry_html = re.sub(
        r'^<div class="csl-entry">(.*)</div>$', r"\1", entry_html.strip(), flags=re.S
    )
    return html.unescape(entry_html)


# Where citeproc-js changes the words and we do not: every quotation mark and apostrophe it
# makes typographic or re-nests, the narrow no-break space it puts before ?!:;, and MLA's
# capital "Circa" mid-sentence. Compared with these made alike, all else must be the same.
QUOTATION_MARKS = str.maketrans(dict.fromkeys("\"'\u2018\u2019\u201c\u201d", '"'))


def alike(entry):
    entry = entry.replace("\u202f", " ").replace(", Circa ", ", circa ")
    return entry.translate(QUOTATION_MARKS)


@pytest.mark.parametrize("style", ["apa", "chicago", "mla"])
@pytest.mark.parametrize("case", CASES)
def test_citation_reads_as_citeproc_js_renders_it(citeproc_js, style, case):
    item = CASES[case]
    ours = citations.format_citations(item)[style]
    reference = citeproc_js[style][item["id"]]
    assert "nocase" not in reference["html"]
    english = item["language"].startswith("en")
    if style != "apa" and english and "nocase" not in citations.csl_json(item):
        # An English title with a quotation mark that pairs with nothing cannot be marked
        # "nocase" safely: citeproc-js re-cases it, we do not.
        assert alike(ours.text).lower() == alike(reference["text"]).lower()
        return
    assert alike(ours.text) == alike(reference["text"])
    assert alike(as_plain(ours.html)) == alike(as_plain(reference["html"]))


@pytest.mark.parametrize("style", ["apa", "chicago", "mla"])
@pytest.mark.parametrize("case", CASES)
def test_citation_keeps_the_words_exactly_as_stored(style, case):
    item = CASES[case]
    entry = citations.format_citations(item)[style].text
    title = item["title"]
    if title[-1] in ".?!" or style == "apa":
        assert title in entry
    else:
        # Only the period the style adds after the words, inside its quotation marks.
        assert title.rstrip("\u201d\"'\u2019\u00bb") in entry
    assert ",." not in entry
    assert "Circa" not in entry


def test_stored_straight_apostrophes_stay_straight_where_citeproc_js_curls_them(citeproc_js):
    item = CASES["apostrophe-in-french"]
    for style in ("apa", "chicago", "mla"):
        assert "L'Europe s'apprête à agir" in citations.format_citations(item)[style].text
        assert "s\u2019apprête" in citeproc_js[style][item["id"]]["text"]


@pytest.mark.parametrize(
    ("words", "title"),
    [
        ("We will not send troops.", "We will not send troops."),
        ("Troops, yes,", "Troops, yes"),
        ("We will decide later;", "We will decide later"),
        ("  we   will\nsee ", "we will see"),
        ("a " * 60, ("a " * 50).strip() + "\u2026"),
        ("word " * 18 + "troops, and then more words to come", "word " * 18 + "troops\u2026"),
        ("x" * 150, "x" * 100 + "\u2026"),
    ],
)
def test_a_title_is_the_words_shortened_by_one_rule(words, title):
    assert citations.short_title(words) == title


def test_a_long_statement_ending_in_a_comma_gets_a_short_title_everywhere():
    words = " ".join(["We will not send troops, not now,"] * 10)
    item = item_for(text=words)
    assert len(item["title"]) <= citations.TITLE_LENGTH + 1
    assert item["title"].endswith("not\u2026")
    assert words.startswith(item["title"][:-1])
    entries = citations.format_citations(item)
    assert f"\u201c{item['title']}.\u201d" in entries["chicago"].text
    assert f"<i>{item['title']}</i>" in entries["apa"].html


@pytest.mark.parametrize("style", ["chicago", "mla"])
@pytest.mark.parametrize("case", LEADING_PUNCTUATION)
def test_punctuation_that_opens_the_words_stays_inside_the_quotation_marks(
    citeproc_js, style, case
):
    item = LEADING_PUNCTUATION[case]
    ours = citations.format_citations(item)[style].text
    assert f"“{item['title'][:1]}" in ours
    # Marked "nocase" in the download, the words keep it there in citeproc-js too.
    assert alike(citeproc_js[style][item["id"]]["text"]) == alike(ours)


def test_chicago_and_mla_keep_the_words_as_said_where_a_web_page_title_would_be_recased(
    citeproc_js,
):
    entries = citations.format_citations(item_for(text="we will not send troops"))
    assert "“we will not send troops.”" in entries["chicago"].text
    assert "“we will not send troops.”" in entries["mla"].text
    assert "<i>we will not send troops</i>" in entries["apa"].html
    # The download's "nocase" title keeps citeproc-js from re-casing an English title.
    item = CASES["long-english-lower-case"]
    assert "“we will see what the coalition" in citeproc_js["chicago"][item["id"]]["text"]


def test_a_paraphrase_is_cited_as_a_paraphrase():
    entries = citations.format_citations(
        item_for(text="Troops could be sent", kind=Quote.Kind.PARAPHRASE)
    )
    assert "[Paraphrase]" in entries["apa"].text
    assert "Paraphrase." in entries["chicago"].text
    assert "Paraphrase." in entries["mla"].text


@pytest.mark.parametrize(
    ("name", "kind", "expected"),
    [
        ("Olaf Scholz", Speaker.Kind.PERSON, {"family": "Scholz", "given": "Olaf"}),
        (
            "Ursula von der Leyen",
            Speaker.Kind.PERSON,
            {"family": "Leyen", "given": "Ursula", "non-dropping-particle": "von der"},
        ),
        (
            "Robert F. Kennedy Jr.",
            Speaker.Kind.PERSON,
            {"family": "Kennedy", "given": "Robert F.", "suffix": "Jr."},
        ),
        ("Lula", Speaker.Kind.PERSON, {"literal": "Lula"}),
        ("習近平 Xi", Speaker.Kind.PERSON, {"literal": "習近平 Xi"}),
        ("Élysée  Palace", Speaker.Kind.INSTITUTION, {"literal": "Élysée Palace"}),
        ("Senior EU officials", Speaker.Kind.OFFICIALS, {"literal": "Senior EU officials"}),
    ],
)
def test_speakers_become_csl_names(name, kind, expected):
    assert citations.csl_name(Speaker(name=name, kind=kind)) == expected


def test_mla_writes_circa_in_lower_case_mid_sentence():
    entry = citations.mla(CASES["about-a-date"]).text
    assert ", circa Sept. 2025," in entry


def test_a_date_is_only_as_precise_as_it_is_known():
    day = datetime.date(2025, 2, 1)
    assert citations.csl_date(day) == {"date-parts": [[2025, 2, 1]]}
    assert citations.csl_date(day, Quote.Precision.MONTH) == {"date-parts": [[2025, 2]]}
    assert citations.csl_date(day, Quote.Precision.APPROXIMATE) == {
        "date-parts": [[2025, 2]],
        "circa": True,
    }


# The permalink page -------------------------------------------------------------------------


@pytest.fixture
def scholz_quote(db):
    outlet = make_outlet(name="The War Zone", slug="twz", home_url="https://www.twz.com/")
    speaker = make_speaker(name="Olaf Scholz", slug="olaf-scholz")
    role = make_role(speaker=speaker, title="Chancellor of Germany")
    source = make_source(
        outlet=outlet,
        title="European leaders meet in Paris",
        url="https://www.twz.com/news/paris",
        authors="Howard Altman",
    )
    return make_quote(
        speaker=speaker,
        role=role,
        source=source,
        text="Leider sind wir noch weit davon entfernt",
        language="de",
        translation="Unfortunately we are still a long way off",
        said_on=datetime.date(2025, 2, 17),
    )


def page(client, quote):
    response = client.get(quote.get_absolute_url())
    assert response.status_code == 200
    return response, lxml_html.fromstring(response.content)


def test_each_citation_names_the_speaker_the_words_the_date_and_the_permalink(client, scholz_quote):
    _, tree = page(client, scholz_quote)
    permalink = f"http://testserver/q/{scholz_quote.key}/"
    for style in ("apa", "chicago", "mla"):
        (entry,) = tree.xpath(f'//p[@id="cite-{style}"]')
        text = entry.text_content()
        assert "Scholz" in text, style
        assert "Leider sind wir noch weit davon entfernt" in text, style
        assert "Unfortunately we are still a long way off" in text, style
        assert re.search(r"February 17|17 Feb\. 2025", text), style
        assert "2025" in text, style
        assert permalink in text, style
    assert tree.xpath('//p[@id="cite-apa"]/i')[0].text.startswith("Leider sind")


def test_cite_box_works_without_javascript_and_enhances_with_it(client, scholz_quote):
    response, tree = page(client, scholz_quote)
    (box,) = tree.xpath('//section[@aria-labelledby="cite-this"]')
    assert box.xpath('.//a[@id="cite-permalink"]/@href') == [
        f"http://testserver/q/{scholz_quote.key}/"
    ]
    buttons = box.xpath(".//button[@data-copy]")
    assert len(buttons) == 5
    assert all(button.get("hidden") is not None for button in buttons)
    for button in buttons:
        assert tree.xpath(f'//*[@id="{button.get("data-copy")}"]'), button.get("data-copy")
    hrefs = box.xpath(".//a[@download]/@href")
    assert hrefs == [f"/q/{scholz_quote.key}/cite.{fmt}" for fmt in ("json", "ris", "bib")]
    (script,) = tree.xpath('//script[contains(@src, "tracker/js/cite.js")]')
    assert script.get("defer") is not None
    assert not tree.xpath("//script[not(@src) and not(@type='application/ld+json')]")
    assertContains(response, f"{scholz_quote.key}/embed")


def meta(tree, attribute, name):
    values = tree.xpath(f'//head/meta[@{attribute}="{name}"]/@content')
    assert len(values) == 1, name
    return values[0]


def test_zotero_open_graph_and_twitter_tags(client, scholz_quote):
    _, tree = page(client, scholz_quote)
    permalink = f"http://testserver/q/{scholz_quote.key}/"
    title = "Leider sind wir noch weit davon entfernt [Unfortunately we are still a long way off]"
    abstract = (
        "Direct quote by Olaf Scholz, Chancellor of Germany, 17 Feb 2025, "
        "on troops for Ukraine, as reported by The War Zone."
    )
    assert meta(tree, "name", "citation_title") == title
    assert meta(tree, "name", "citation_author") == "Scholz, Olaf"
    assert meta(tree, "name", "citation_date") == "2025-02-17"
    assert meta(tree, "name", "citation_public_url") == permalink
    assert meta(tree, "name", "citation_language") == "de"
    assert meta(tree, "name", "citation_abstract") == abstract
    # A web page of "On the Record" whose website type is the statement's kind.
    assert meta(tree, "name", "DC.type") == "Direct quote"
    assert meta(tree, "property", "og:type") == "website"
    assert meta(tree, "property", "og:site_name") == "On the Record"
    assert meta(tree, "property", "og:url") == permalink
    assert meta(tree, "property", "og:title") == "Olaf Scholz on troops for Ukraine, 17 Feb 2025"
    assert meta(tree, "property", "og:description") == abstract
    # The share image (tracker/share_cards.py), shown large by link previews.
    assert meta(tree, "property", "og:image") == (
        f"http://testserver/q/{scholz_quote.key}/card.png"
    )
    assert meta(tree, "name", "twitter:card") == "summary_large_image"
    assert meta(tree, "name", "twitter:title") == "Olaf Scholz on troops for Ukraine, 17 Feb 2025"
    assert meta(tree, "name", "twitter:description") == abstract
    # Nothing that would make Zotero guess another item type, and no COinS on a permalink:
    # Zotero would prefer the COinS translator to the page's own tags.
    assert not tree.xpath('//meta[@name="citation_journal_title"]')
    assert not tree.xpath('//*[contains(@class, "Z3988")]')


def test_month_precision_and_institutions_in_meta_tags(client):
    quote = make_quote(
        speaker=make_speaker(name="Government of France", kind=Speaker.Kind.INSTITUTION),
        said_on=datetime.date(2025, 3, 1),
        said_on_precision=Quote.Precision.MONTH,
    )
    _, tree = page(client, quote)
    assert tree.xpath('//meta[@name="citation_date"]/@content') == ["2025-03"]
    # Written with a trailing comma, Zotero keeps a body's name whole (docs/citing.md).
    assert tree.xpath('//meta[@name="citation_author"]/@content') == ["Government of France,"]


# What Zotero makes of the page and of each download, by the rules in docs/citing.md -------


def zotero_name(text):
    """A name as Zotero splits it: kept whole with a trailing comma, "Last, First" at the
    comma, else at the last space."""
    if text.endswith(","):
        return {"name": text[:-1]}
    if ", " in text:
        last, first = text.split(", ", 1)
        return {"last": last, "first": first}
    first, _, last = text.rpartition(" ")
    return {"last": last, "first": first}


def zotero_from_page(tree):
    def first_of(*names):
        for attribute, name in names:
            values = tree.xpath(f'//head/meta[@{attribute}="{name}"]/@content')
            if values:
                return values[0]
        return None

    dc_type = first_of(("name", "DC.type"))
    assert not tree.xpath('//meta[@name="citation_journal_title"]')
    assert first_of(("property", "og:type")) == "website"
    return {
        "itemType": "webpage",
        "websiteType": dc_type,
        "title": first_of(("name", "citation_title"), ("name", "DC.title")),
        "creators": [
            zotero_name(name)
            for name in tree.xpath('//head/meta[@name="citation_author"]/@content')
        ],
        "websiteTitle": first_of(("property", "og:site_name")),
        "date": first_of(("name", "citation_date"), ("name", "citation_publication_date")),
        "url": first_of(("name", "citation_public_url"), ("property", "og:url")),
        "abstractNote": first_of(
            ("name", "citation_abstract"),
            ("name", "DC.description"),
            ("property", "og:description"),
        ),
        "language": first_of(("name", "citation_language")),
    }


def zotero_from_csl(item):
    assert item["type"] == "webpage"

    def name(csl):
        if "literal" in csl:
            return {"name": csl["literal"]}
        return {"last": csl["family"], "first": csl["given"]}

    return {
        "itemType": "webpage",
        "websiteType": item["genre"],
        "title": re.sub(r'^<span class="nocase">(.*)</span>$', r"\1", item["title"]),
        "creators": [name(author) for author in item["author"]],
        "websiteTitle": item["container-title"],
        "date": "-".join(f"{part:02d}" for part in item["issued"]["date-parts"][0]),
        "url": item["URL"],
        "abstractNote": item["abstract"],
        "language": item["language"],
    }


def zotero_from_ris(entry):
    assert entry["type_of_reference"] == "ELEC"
    return {
        "itemType": "webpage",
        "websiteType": entry["type_of_work"],
        "title": entry["title"],
        "creators": [zotero_name(name) for name in entry["authors"]],
        "websiteTitle": entry["secondary_title"],
        "date": "-".join(part for part in entry["date"].split("/")[:3] if part),
        "url": entry["urls"][0],
        "abstractNote": entry["abstract"],
        "language": entry["language"],
    }


def zotero_from_bibtex(entry):
    assert entry.entry_type == "online"  # Zotero's BibTeX import: a web page
    fields = {field.key: field.value for field in entry.fields}

    def name(text):
        if text.startswith("{") and text.endswith("}"):
            return {"name": text[1:-1]}
        return zotero_name(text)

    return {
        "itemType": "webpage",
        "websiteType": fields["type"],
        "title": fields["title"].removeprefix("{").removesuffix("}"),
        "creators": [name(text) for text in fields["author"].split(" and ")],
        "websiteTitle": fields["organization"],
        # Zotero reads the first day of an EDTF range, without its "~".
        "date": fields["date"].split("/")[0].removesuffix("~"),
        "url": fields["url"],
        "abstractNote": fields["abstract"],
        "language": fields["language"],
    }


def saved_items(client, quote):
    """What the page and each of its downloads import as, parsed by real parsers."""
    _, tree = page(client, quote)
    (csl,) = json.loads(download(client, quote, "json").content)
    (ris,) = rispy.loads(download(client, quote, "ris").content.decode())
    library = bibtexparser.parse_string(download(client, quote, "bib").content.decode())
    assert not library.failed_blocks
    (bib,) = library.entries
    return tree, {
        "page": zotero_from_page(tree),
        "CSL-JSON": zotero_from_csl(csl),
        "RIS": zotero_from_ris(ris),
        "BibTeX": zotero_from_bibtex(bib),
    }


STATEMENTS = {
    "direct quote": {"text": "We will not send troops, not now,"},
    "double surname": {
        "text": "Sweden is ready to contribute",
        "speaker": {
            "name": "Maria Malmer Stenergard",
            "given_name": "Maria",
            "family_name": "Malmer Stenergard",
        },
    },
    "indirect statement": {
        "text": "Italy would not take part",
        "kind": Quote.Kind.INDIRECT,
        "through": "a government source",
    },
    "statement by a body": {
        "text": "The United States supports the talks.",
        "kind": Quote.Kind.STATEMENT,
        "speaker": {"name": "Government of the United States", "kind": "institution"},
    },
    "date range": {
        "text": "We will decide within days",
        "said_on": datetime.date(2025, 2, 10),
        "said_on_latest": datetime.date(2025, 2, 16),
        "said_on_precision": Quote.Precision.BETWEEN,
    },
    "paraphrase": {"text": "Troops could be sent later", "kind": Quote.Kind.PARAPHRASE},
    "group speaker": {
        "text": "The plans are ready",
        "speaker": {"name": "Officials with knowledge of the plans", "kind": "officials"},
    },
    "approximate date": {
        "text": "We are ready, if…",
        "said_on": datetime.date(2025, 2, 14),
        "said_on_precision": Quote.Precision.APPROXIMATE,
    },
    "translation": {
        "text": "L'Europe s'apprête à agir",
        "language": "fr",
        "translation": "Europe is getting ready to act",
    },
}
EXPECTED = {
    "direct quote": {
        "websiteType": "Direct quote",
        "title": "We will not send troops, not now",
        "creators": [{"last": "Nowak", "first": "Anna Maria"}],
        "date": "2025-02-17",
    },
    "double surname": {
        "websiteType": "Direct quote",
        "title": "Sweden is ready to contribute",
        "creators": [{"last": "Malmer Stenergard", "first": "Maria"}],
        "date": "2025-02-17",
    },
    "indirect statement": {
        "websiteType": "Indirect quote (through an intermediary)",
        "title": "Italy would not take part",
        "creators": [{"last": "Nowak", "first": "Anna Maria"}],
        "date": "2025-02-17",
    },
    "statement by a body": {
        "websiteType": "Official statement",
        "title": "The United States supports the talks.",
        "creators": [{"name": "Government of the United States"}],
        "date": "2025-02-17",
    },
    "date range": {
        "websiteType": "Direct quote",
        "title": "We will decide within days",
        "creators": [{"last": "Nowak", "first": "Anna Maria"}],
        "date": "2025-02-10",
    },
    "paraphrase": {
        "websiteType": "Paraphrase",
        "title": "Troops could be sent later",
        "creators": [{"last": "Nowak", "first": "Anna Maria"}],
        "date": "2025-02-17",
    },
    "group speaker": {
        "websiteType": "Direct quote",
        "title": "The plans are ready",
        "creators": [{"name": "Officials with knowledge of the plans"}],
        "date": "2025-02-17",
    },
    "approximate date": {
        "websiteType": "Direct quote",
        "title": "We are ready, if…",
        "creators": [{"last": "Nowak", "first": "Anna Maria"}],
        "date": "2025-02",
    },
    "translation": {
        "websiteType": "Direct quote",
        "title": "L'Europe s'apprête à agir [Europe is getting ready to act]",
        "creators": [{"last": "Nowak", "first": "Anna Maria"}],
        "date": "2025-02-17",
    },
}


def statement_quote(statement):
    """The statement as an editor enters it, read in a Reuters article with an archived copy."""
    fields = dict(STATEMENTS[statement])
    speaker = fields.pop("speaker", {"name": "Anna Maria Nowak"})
    chain = []
    if through := fields.pop("through", None):
        chain.append(("citing", {"intermediary": make_intermediary(name=through)}))
    source = make_source(
        outlet=make_outlet(name="Reuters"),
        title="Europe's leaders meet in Paris",
        url="https://www.reuters.com/world/paris-talks/",
        archived_url="https://web.archive.org/web/2025/https://www.reuters.com/world/paris-talks/",
        published_on=datetime.date(2025, 2, 18),
    )
    return make_quote(speaker=make_speaker(**speaker), source=source, chain=chain, **fields)


@pytest.mark.parametrize("statement", STATEMENTS)
def test_the_page_and_every_download_import_as_the_same_item(client, statement):
    quote = statement_quote(statement)
    _, items = saved_items(client, quote)
    expected = {
        "itemType": "webpage",
        "websiteTitle": "On the Record",
        "url": f"http://testserver/q/{quote.key}/",
        "language": quote.language,
        **EXPECTED[statement],
    }
    for source, item in items.items():
        assert {key: item[key] for key in expected} == expected, source
        assert "Reuters" in item["abstractNote"], source
        assert quote.text not in item["abstractNote"], source
    assert items["CSL-JSON"] == items["page"]
    assert items["RIS"] == items["page"]
    assert items["BibTeX"] == items["page"]


@pytest.mark.parametrize("statement", STATEMENTS)
def test_the_cite_box_is_made_from_the_downloaded_item_and_keeps_the_words(client, statement):
    quote = statement_quote(statement)
    _, tree = page(client, quote)
    (item,) = json.loads(download(client, quote, "json").content)
    item["title"] = EXPECTED[statement]["title"]  # as the CSL-JSON import gives it
    for style in ("apa", "chicago", "mla"):
        (entry,) = tree.xpath(f'//p[@id="cite-{style}"]')
        text = entry.text_content()
        assert text == citations.format_citations(item)[style].text, style
        assert EXPECTED[statement]["title"] in text, style
        assert ",." not in text and "Circa" not in text and "\u2019" not in text, style


@pytest.mark.parametrize("statement", STATEMENTS)
def test_every_citation_and_download_names_where_the_statement_was_reported(client, statement):
    quote = statement_quote(statement)
    _, tree = page(client, quote)
    reported = (
        "Quoted in Reuters{through}, \u201cEurope's leaders meet in Paris,\u201d 18 Feb 2025, "
        "https://www.reuters.com/world/paris-talks/. Archived at "
        "https://web.archive.org/web/2025/https://www.reuters.com/world/paris-talks/."
    ).format(through=" (citing a government source)" if "through" in STATEMENTS[statement] else "")
    for style in ("apa", "chicago", "mla"):
        (entry,) = tree.xpath(f'//p[@id="cite-{style}"]')
        assert entry.text_content().endswith(" " + reported), style
    (csl,) = json.loads(download(client, quote, "json").content)
    # Zotero keeps a CSL note in the item's Extra field; the article is the original.
    assert csl["note"] == reported
    assert csl["original-publisher"] == "Reuters"
    assert csl["original-title"] == "Europe's leaders meet in Paris"
    assert csl["original-date"] == {"date-parts": [[2025, 2, 18]]}
    (ris,) = rispy.loads(download(client, quote, "ris").content.decode())
    assert ris["notes"] == [reported]
    library = bibtexparser.parse_string(download(client, quote, "bib").content.decode())
    (bib,) = library.entries
    assert bib.fields_dict["note"].value == reported


def test_a_statement_without_a_reporting_chain_beyond_its_source_names_no_intermediary(client):
    quote = statement_quote("direct quote")
    (csl,) = json.loads(download(client, quote, "json").content)
    assert csl["note"].startswith("Quoted in Reuters, ")


@pytest.mark.parametrize(
    ("fields", "meta_date", "ris_date", "bib_date", "mla_date"),
    [
        ({}, "2025-02-17", "2025/02/17", "2025-02-17", "17 Feb. 2025"),
        (
            {"said_on": datetime.date(2025, 2, 1), "said_on_precision": "month"},
            "2025-02",
            "2025/02",
            "2025-02",
            "Feb. 2025",
        ),
        (
            {"said_on": datetime.date(2025, 1, 1), "said_on_precision": "year"},
            "2025",
            "2025",
            "2025",
            "2025",
        ),
        (
            {"said_on": datetime.date(2025, 2, 14), "said_on_precision": "approximate"},
            "2025-02",
            "2025/02//circa",
            "2025-02~",
            "circa Feb. 2025",
        ),
        (
            {
                "said_on": datetime.date(2025, 2, 10),
                "said_on_latest": datetime.date(2025, 2, 16),
                "said_on_precision": "between",
            },
            "2025-02-10",
            "2025/02/10/circa, to 2025/02/16",
            "2025-02-10/2025-02-16",
            "circa 10\u201316 Feb. 2025",
        ),
    ],
)
def test_a_date_is_cited_as_precisely_as_it_is_recorded(
    client, fields, meta_date, ris_date, bib_date, mla_date
):
    quote = make_quote(**fields)
    _, tree = page(client, quote)
    assert tree.xpath('//meta[@name="citation_date"]/@content') == [meta_date]
    # The date the page shows says the same as the meta tag.
    assert meta_date in tree.xpath("//main//time/@datetime")
    (csl,) = json.loads(download(client, quote, "json").content)
    assert csl["issued"] == quote.said_on_dates.csl()
    (ris,) = rispy.loads(download(client, quote, "ris").content.decode())
    assert ris["date"] == ris_date
    assert ris["year"] == "2025"
    (bib,) = bibtexparser.parse_string(download(client, quote, "bib").content.decode()).entries
    assert bib.fields_dict["date"].value == bib_date
    (mla,) = tree.xpath('//p[@id="cite-mla"]')
    assert f"On the Record, {mla_date}, " in mla.text_content()
    # What the dates cannot carry in Zotero, the abstract says in words.
    assert quote.said_on_display in meta(tree, "name", "citation_abstract")


# JSON-LD ----------------------------------------------------------------------------------

SCHEMA_ORG_CONTEXT = json.loads((HERE / "schemaorg_context.jsonld").read_text())
SCHEMA = "http://schema.org/"


def offline_loader(url, options=None):
    """PyLD fetches https://schema.org for the context; here a local subset of it answers."""
    assert url.rstrip("/") in ("https://schema.org", "http://schema.org"), url
    return {
        "contentType": "application/ld+json",
        "contextUrl": None,
        "documentUrl": url,
        "document": SCHEMA_ORG_CONTEXT,
    }


def json_ld_of(tree):
    (script,) = tree.xpath('//script[@type="application/ld+json"]')
    return json.loads(script.text)


def first(node, term):
    return node[SCHEMA + term][0]


def test_json_ld_quotation_expands_with_its_facts(client, scholz_quote):
    source = scholz_quote.source
    second = make_source(outlet=make_outlet(name="Süddeutsche Zeitung"), title="Scholz in Paris")
    scholz_quote.attribution_links.create(relation="reported_by", source=second)
    _, tree = page(client, scholz_quote)
    data = json_ld_of(tree)
    (quotation,) = jsonld.expand(data, {"documentLoader": offline_loader})
    permalink = f"http://testserver/q/{scholz_quote.key}/"
    assert quotation["@type"] == [SCHEMA + "Quotation"]
    assert quotation["@id"] == permalink
    assert first(quotation, "url")["@id"] == permalink
    assert first(quotation, "text")["@value"] == "Leider sind wir noch weit davon entfernt"
    assert first(quotation, "inLanguage")["@value"] == "de"
    assert first(quotation, "dateCreated")["@value"] == "2025-02-17"
    assert first(quotation, "datePublished")["@value"] == timezone.localdate().isoformat()
    creator = first(quotation, "creator")
    assert creator["@type"] == [SCHEMA + "Person"]
    assert first(creator, "name")["@value"] == "Olaf Scholz"
    assert first(creator, "jobTitle")["@value"] == "Chancellor of Germany"
    work = first(quotation, "isBasedOn")
    assert first(work, "url")["@id"] == source.url
    assert first(work, "name")["@value"] == "European leaders meet in Paris"
    assert first(first(work, "publisher"), "name")["@value"] == "The War Zone"
    assert first(first(work, "author"), "name")["@value"] == "Howard Altman"
    assert first(first(work, "isBasedOn"), "name")["@value"] == "Scholz in Paris"
    translation = first(quotation, "workTranslation")
    assert first(translation, "text")["@value"] == "Unfortunately we are still a long way off"
    assert first(translation, "inLanguage")["@value"] == "en"
    assert first(translation, "translationOfWork")["@id"] == permalink


def test_json_ld_of_an_institution_has_no_translation_it_does_not_have(client):
    quote = make_quote(speaker=make_speaker(name="NATO", kind=Speaker.Kind.INSTITUTION))
    _, tree = page(client, quote)
    (quotation,) = jsonld.expand(json_ld_of(tree), {"documentLoader": offline_loader})
    assert first(quotation, "creator")["@type"] == [SCHEMA + "Organization"]
    assert SCHEMA + "workTranslation" not in quotation


def test_hostile_words_cannot_break_out_of_the_json_ld_script(client):
    hostile = 'Peace </script><script>alert("x")</script> & <!-- "troops" -->'
    quote = make_quote(text=hostile)
    response, tree = page(client, quote)
    assertNotContains(response, "</script><script>alert")
    assertNotContains(response, '<!-- "troops')
    assert json_ld_of(tree)["text"] == hostile
    scripts = tree.xpath("//script")
    assert [script.get("type") for script in scripts if not script.get("src")] == [
        "application/ld+json"
    ]
    # The words show as words in the citations too, never as markup.
    (entry,) = tree.xpath('//p[@id="cite-mla"]')
    assert not entry.xpath(".//script")
    assert "</script><script>alert" in entry.text_content()


def test_json_ld_script_carries_the_nonce_of_the_csp_header(client, scholz_quote):
    response, tree = page(client, scholz_quote)
    (script,) = tree.xpath('//script[@type="application/ld+json"]')
    assert f"'nonce-{script.get('nonce')}'" in response["Content-Security-Policy"]


# Files for reference managers ----------------------------------------------------------------


def download(client, quote, fmt):
    response = client.get(f"/q/{quote.key}/cite.{fmt}")
    assert response.status_code == 200, fmt
    assert response["Content-Disposition"] == (
        f'attachment; filename="on-the-record-{quote.key}.{fmt}"'
    )
    return response


def test_csl_json_download_is_the_item_the_citations_are_made_from(client, scholz_quote):
    response = download(client, scholz_quote, "json")
    assert response["Content-Type"] == "application/vnd.citationstyles.csl+json"
    (item,) = json.loads(response.content)
    assert item["type"] == "webpage"
    assert item["author"] == [{"family": "Scholz", "given": "Olaf"}]
    # German words: no re-casing to guard against, so no markup in the title.
    assert item["title"] == (
        "Leider sind wir noch weit davon entfernt [Unfortunately we are still a long way off]"
    )
    assert item["genre"] == "Direct quote"
    assert item["container-title"] == "On the Record"
    assert item["issued"] == {"date-parts": [[2025, 2, 17]]}
    today = timezone.localdate()
    assert item["accessed"] == {"date-parts": [[today.year, today.month, today.day]]}
    assert item["URL"] == f"http://testserver/q/{scholz_quote.key}/"
    assert item["language"] == "de"
    # The page's citations are made from exactly this item.
    _, tree = page(client, scholz_quote)
    (entry,) = tree.xpath('//p[@id="cite-chicago"]')
    assert entry.text_content() == citations.chicago(item).text


def test_ris_download_parses_with_its_fields(client, scholz_quote):
    response = download(client, scholz_quote, "ris")
    assert response["Content-Type"] == "application/x-research-info-systems; charset=utf-8"
    (entry,) = rispy.loads(response.content.decode())
    assert entry["type_of_reference"] == "ELEC"
    assert entry["authors"] == ["Scholz, Olaf"]
    assert entry["title"].startswith("Leider sind wir noch weit davon entfernt")
    assert entry["secondary_title"] == "On the Record"
    assert entry["type_of_work"] == "Direct quote"
    assert entry["year"] == "2025"
    assert entry["date"] == "2025/02/17"
    assert entry["urls"] == [f"http://testserver/q/{scholz_quote.key}/"]
    assert entry["language"] == "de"


def test_bibtex_download_parses_with_its_fields(client, scholz_quote):
    response = download(client, scholz_quote, "bib")
    assert response["Content-Type"] == "application/x-bibtex; charset=utf-8"
    library = bibtexparser.parse_string(response.content.decode())
    assert not library.failed_blocks
    (entry,) = library.entries
    assert entry.entry_type == "online"
    assert entry.key == f"scholz2025_{scholz_quote.key}"
    fields = {field.key: field.value for field in entry.fields}
    assert fields["author"] == "Scholz, Olaf"
    assert fields["title"] == (
        "{Leider sind wir noch weit davon entfernt [Unfortunately we are still a long way off]}"
    )
    assert fields["organization"] == "On the Record"
    assert fields["year"] == "2025"
    assert fields["month"] == "feb"
    assert fields["date"] == "2025-02-17"
    assert fields["url"] == f"http://testserver/q/{scholz_quote.key}/"
    assert fields["type"] == "Direct quote"


def test_bibtex_escapes_what_tex_would_read_as_commands():
    item = item_for(
        text="50% & more {troops} for $5 #now_ ~^ \\end",
        name="Government of France",
        speaker_kind=Speaker.Kind.INSTITUTION,
        said_on_precision=Quote.Precision.APPROXIMATE,
    )
    library = bibtexparser.parse_string(citations.bibtex(item))
    assert not library.failed_blocks
    fields = {field.key: field.value for field in library.entries[0].fields}
    assert fields["title"] == (
        r"{50\% \& more \{troops\} for \$5 \#now\_ \textasciitilde{}\textasciicircum{} "
        r"\textbackslash{}end}"
    )
    assert fields["author"] == "{Government of France}"
    assert fields["date"] == "2025-02~"


@pytest.mark.parametrize("fmt", ["json", "ris", "bib"])
def test_downloads_follow_the_permalink_rules(client, chief_editor, fmt):
    draft = make_quote(status=Quote.Status.DRAFT)
    assert client.get(f"/q/{draft.key}/cite.{fmt}").status_code == 404
    retracted = make_quote(text="Withdrawn words")
    retracted.retract(reason="Said by someone else.", by=chief_editor)
    response = client.get(f"/q/{retracted.key}/cite.{fmt}")
    assert response.status_code == 410
    assertContains(response, "Said by someone else.", status_code=410)
    published = make_quote()
    response = client.get(f"/q/{published.key.upper()}/cite.{fmt}")
    assert response.status_code == 301
    assert response["Location"] == f"/q/{published.key}/cite.{fmt}"


def test_unknown_citation_format_is_404(client):
    quote = make_quote()
    for fmt in ("pdf", "json.exe", "JSON"):
        assert client.get(f"/q/{quote.key}/cite.{fmt}").status_code == 404, fmt


@pytest.mark.parametrize("rest", ["cite.", "cite.ris/"])
def test_a_citation_url_with_no_format_or_more_after_it_is_a_longer_form_of_the_permalink(
    client, rest
):
    quote = make_quote()
    response = client.get(f"/q/{quote.key}/{rest}")
    assert response.status_code == 301
    assert response["Location"] == f"/q/{quote.key}/"


# The embed --------------------------------------------------------------------------------


def test_embed_is_a_small_document_any_site_may_frame(client, scholz_quote):
    response = client.get(f"/q/{scholz_quote.key}/embed")
    assert response.status_code == 200
    assert "X-Frame-Options" not in response
    csp = response["Content-Security-Policy"]
    assert "frame-ancestors *" in csp
    assert "script-src 'self'" in csp
    tree = lxml_html.fromstring(response.content)
    (blockquote,) = tree.xpath("//blockquote")
    assert blockquote.text_content().strip() == "Leider sind wir noch weit davon entfernt"
    assert blockquote.get("lang") == "de"
    caption = tree.xpath("//figcaption")[0].text_content()
    for fact in ("Olaf Scholz", "Chancellor of Germany", "17 Feb 2025", "The War Zone"):
        assert fact in caption
    permalink = f"http://testserver/q/{scholz_quote.key}/"
    assert permalink in tree.xpath("//figcaption//a/@href")
    assertContains(response, "Unfortunately we are still a long way off")
    # Self-contained: no stylesheet or script to fetch; its one style carries the nonce.
    assert not tree.xpath("//link[@rel='stylesheet'] | //script")
    (style,) = tree.xpath("//style")
    assert f"'nonce-{style.get('nonce')}'" in csp
    assert not tree.xpath("//*[@style]")


def test_embed_follows_the_permalink_rules(client, chief_editor):
    draft = make_quote(status=Quote.Status.DRAFT)
    assert client.get(f"/q/{draft.key}/embed").status_code == 404
    quote = make_quote(text="Withdrawn words")
    quote.retract(reason="Said by someone else.", by=chief_editor)
    response = client.get(f"/q/{quote.key}/embed")
    assertContains(response, "Said by someone else.", status_code=410)
    assertNotContains(response, "<blockquote", status_code=410)
    assert "X-Frame-Options" not in response
    response = client.get(f"/q/{quote.key.upper()}/embed")
    assert response.status_code == 301
    assert response["Location"] == f"/q/{quote.key}/embed"


def test_permalink_itself_still_refuses_to_be_framed(client, scholz_quote):
    response = client.get(scholz_quote.get_absolute_url())
    assert response["X-Frame-Options"] == "DENY"
    assert "frame-ancestors *" not in response["Content-Security-Policy"]


# Version, source, person and list pages ------------------------------------------------------


def test_a_version_page_cites_itself_as_that_version(client, chief_editor):
    quote = make_quote(text="We are still a long way of", speaker=make_speaker(name="Olaf Scholz"))
    quote.text = "We are still a long way off"
    quote.correct(note="A typing error dropped a letter.", by=chief_editor)
    versions = quote.public_versions()
    first_made = timezone.localdate(versions[0].history_date)
    url = f"http://testserver/q/{quote.key}/v/1/"
    response = client.get(f"/q/{quote.key}/v/1/")
    tree = lxml_html.fromstring(response.content)
    label = f"Direct quote, version 1 as of {first_made.day} {first_made:%B %Y}"
    assert meta(tree, "name", "citation_public_url") == url
    assert meta(tree, "property", "og:url") == url
    assert meta(tree, "name", "DC.type") == label
    assert meta(tree, "name", "citation_title") == "We are still a long way of"
    assert zotero_from_page(tree)["websiteType"] == label
    for style in ("apa", "chicago", "mla"):
        (entry,) = tree.xpath(f'//p[@id="cite-{style}"]')
        text = entry.text_content()
        assert url in text, style
        assert "We are still a long way of" in text and "way off" not in text, style
        assert "version 1 as of" in text, style
    # The current version's page cites version 2, with the corrected words.
    tree = lxml_html.fromstring(client.get(f"/q/{quote.key}/v/2/").content)
    assert meta(tree, "name", "citation_title") == "We are still a long way off"
    assert meta(tree, "name", "DC.type").startswith("Direct quote, version 2 as of")
    assert not tree.xpath('//*[contains(@class, "Z3988")]')


def test_a_source_page_cites_the_article_itself(client, scholz_quote):
    source = scholz_quote.source
    response = client.get(source.get_absolute_url())
    assert response.status_code == 200
    tree = lxml_html.fromstring(response.content)
    assert meta(tree, "name", "citation_title") == "European leaders meet in Paris"
    assert meta(tree, "name", "citation_author") == "Altman, Howard"
    assert meta(tree, "name", "citation_date") == "2025-02-17"
    assert meta(tree, "name", "citation_public_url") == "https://www.twz.com/news/paris"
    assert meta(tree, "name", "DC.type") == "newspaperArticle"
    assert meta(tree, "property", "og:site_name") == "The War Zone"
    # Offered beside the statements read in it, the article comes first.
    spans = tree.xpath('//span[@class="Z3988"]/@title')
    article = parse_qs(spans[0])
    assert article["rft.title"] == ["European leaders meet in Paris"]
    assert article["rft.source"] == ["The War Zone"]
    assert article["rft.creator"] == ["Altman, Howard"]
    assert article["rft.identifier"] == ["https://www.twz.com/news/paris"]
    assert parse_qs(spans[1])["rft.identifier"] == [f"http://testserver/q/{scholz_quote.key}/"]


def test_a_person_page_describes_the_person_and_cites_nothing(client, scholz_quote):
    speaker = scholz_quote.speaker
    speaker.description = "Chancellor of Germany from 2021 to 2025."
    speaker.save()
    tree = lxml_html.fromstring(client.get(speaker.get_absolute_url()).content)
    assert meta(tree, "name", "DC.title") == "Olaf Scholz"
    assert meta(tree, "name", "DC.type") == "Named person"
    assert meta(tree, "name", "DC.description") == "Chancellor of Germany from 2021 to 2025."
    assert meta(tree, "property", "og:site_name") == "On the Record"
    assert meta(tree, "property", "og:url") == f"http://testserver{speaker.get_absolute_url()}"
    # No citation_title: Zotero would guess a journal article from it.
    assert not tree.xpath('//meta[starts-with(@name, "citation_")]')


def coins_on(client, url):
    tree = lxml_html.fromstring(client.get(url).content)
    return [parse_qs(title) for title in tree.xpath('//span[@class="Z3988"]/@title')]


def test_a_list_page_offers_each_statement_as_the_permalink_gives_it(client, scholz_quote):
    other = make_quote(
        text="Troops could be sent later",
        kind=Quote.Kind.PARAPHRASE,
        speaker=make_speaker(name="Government of France", kind=Speaker.Kind.INSTITUTION),
    )
    offered = {item["rft.identifier"][0]: item for item in coins_on(client, "/quotes/")}
    for quote in (scholz_quote, other):
        item = offered[f"http://testserver/q/{quote.key}/"]
        saved = zotero_from_page(page(client, quote)[1])
        assert item["rft_val_fmt"] == ["info:ofi/fmt:kev:mtx:dc"]
        assert item["rft.title"] == [saved["title"]]
        assert item["rft.type"] == [saved["websiteType"]]
        assert item["rft.date"] == [saved["date"]]
        assert item["rft.source"] == ["On the Record"]
        assert item["rft.description"] == [saved["abstractNote"]]
    assert offered[f"http://testserver/q/{other.key}/"]["rft.creator"] == ["Government of France,"]


def test_a_cached_list_card_offers_the_statement_as_it_now_is(client):
    speaker = make_speaker(name="Olaf Scholz")
    quote = make_quote(speaker=speaker)
    url = f"http://testserver/q/{quote.key}/"
    (item,) = [i for i in coins_on(client, "/quotes/") if i["rft.identifier"] == [url]]
    assert item["rft.creator"] == ["Scholz, Olaf"]
    speaker.name = "Olaf Scholz-Müller"
    speaker.save()
    (item,) = [i for i in coins_on(client, "/quotes/") if i["rft.identifier"] == [url]]
    assert item["rft.creator"] == ["Scholz-Müller, Olaf"]

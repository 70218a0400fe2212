"""Hostile content is inert: markup, script breaks, javascript: addresses and formulas in records.

An import or a careless paste can put anything in a record. Whatever its words, they render as
words: in pages, JSON-LD and meta tags, feeds, embeds, the CSV and the API. And the browser is
told so too: every page carries a Content-Security-Policy that allows no inline script, every
<script> and <style> carries the page's nonce, and no page has a style attribute or an inline
event handler.
"""

import csv
import datetime
import io
import json
import re
import xml.etree.ElementTree as ET

import feedparser
import pytest
from django.core.management import call_command
from django.test import Client
from lxml import html as lxml_html

from tests.helpers import (
    make_chief_editor,
    make_nation,
    make_outlet,
    make_quote,
    make_role,
    make_source,
    make_speaker,
    make_stance,
)
from tests.public_pages import make_every_page
from tracker import citations
from tracker.exports import FORMULA_STARTS

pytestmark = pytest.mark.django_db

IMG = "<img src=x onerror=alert(1)>"
SCRIPT = "</script><script>alert(1)</script>"
ATTRIBUTE = '" onmouseover="alert(1)" x=\''
JS_URL = "javascript:alert(1)"
FORMULAS = ['=HYPERLINK("http://evil.example","Click")', "+1+1", "-2+3", "@SUM(A1)", "\t=1+1"]
ATOM = "{http://www.w3.org/2005/Atom}"


def hostile(label):
    """A value with every kind of markup in it, and the label to find it by."""
    return f"{label} {IMG} {SCRIPT} {ATTRIBUTE} &amp; ]]>"


@pytest.fixture
def archive():
    """One of every page type, and a quote whose every record holds hostile content."""
    pages = make_every_page()
    nation = make_nation(code="xx", name=f"Nation {IMG}")  # at most 100 characters
    speaker = make_speaker(
        name=hostile("Speaker"), slug="hostile-speaker", description=hostile("Description")
    )
    role = make_role(
        speaker=speaker,
        title=hostile("Role"),
        nation=nation,
        started_on=datetime.date(2020, 1, 1),
    )
    outlet = make_outlet(name=hostile("Outlet"), slug="hostile-outlet", home_url=JS_URL)
    source = make_source(
        outlet=outlet,
        title=FORMULAS[0],
        url=JS_URL,
        archived_url=" JaVaScRiPt:alert(1)",
        authors=f"{hostile('Author')}\n{FORMULAS[1]}",
    )
    first = make_source(outlet=make_outlet(name=FORMULAS[3], slug="formula-outlet"), url="data:,x")
    stance = make_stance(value="hostile", label=f"Stance {SCRIPT}", position=3)
    quote = make_quote(
        text=hostile("Words"),
        translation=FORMULAS[2],
        language="de",
        context=hostile("Context"),
        speaker=speaker,
        role=role,
        source=source,
        first_reported_in=first,
        stance=stance,
        said_on=datetime.date(2025, 2, 20),
    )
    formula_quote = make_quote(text=FORMULAS[4], speaker=speaker, source=source, stance=stance)
    chief = make_chief_editor()
    corrected = make_quote(text=hostile("Before"), speaker=speaker, stance=stance)
    corrected.text = hostile("After")
    corrected.correct(note=hostile("Note"), by=chief)
    retracted = make_quote(text=hostile("Retracted"), speaker=speaker, stance=stance)
    retracted.retract(reason=hostile("Reason"), by=chief)
    key = quote.key
    urls = [
        *pages.values(),
        "/",
        f"/q/{key}/",
        f"/q/{key}/v/1/",
        f"/q/{key}/embed",
        f"/q/{corrected.key}/",
        f"/q/{corrected.key}/v/1/",
        f"/q/{retracted.key}/",
        f"/q/{retracted.key}/embed",
        "/quotes/",
        "/quotes/?q=onerror",
        "/quotes/?q=alert",
        "/quotes/?said_after=%3Cscript%3Ealert(1)%3C/script%3E",
        f"/quotes/?speaker={speaker.slug}&nation=xx",
        speaker.get_absolute_url(),
        nation.get_absolute_url(),
        source.get_absolute_url(),
        first.get_absolute_url(),
        outlet.get_absolute_url(),
        "/topics/troops-for-ukraine/",
        "/corrections/",
        "/dates/",
        "/no/such/page/",
        "/q/zzzzzzzz/",
    ]
    return {
        "quote": quote,
        "formula_quote": formula_quote,
        "corrected": corrected,
        "retracted": retracted,
        "pages": list(dict.fromkeys(urls)),
        "feeds": [
            "/quotes/feed.atom",
            "/quotes/feed.atom?q=alert",
            f"/people/{speaker.slug}/feed.atom",
            "/nations/xx/feed.atom",
            "/topics/troops-for-ukraine/feed.atom",
            "/corrections/feed.atom",
        ],
    }


def get(client, address):
    response = client.get(address)
    assert response.status_code < 500, address
    return response


def html_pages(client, archive):
    for address in archive["pages"]:
        response = get(client, address)
        if response["Content-Type"].startswith("text/html"):
            yield address, response, lxml_html.fromstring(response.content)


def is_javascript(url):
    # As browsers read an address: without white space or control characters, in any case.
    return re.sub(r"[\x00-\x20]", "", url).lower().startswith(("javascript:", "vbscript:", "data:"))


# Pages and embeds -----------------------------------------------------------------------------


def test_hostile_words_render_as_words_in_every_page_and_embed(archive):
    client = Client()
    quote = archive["quote"]
    for address, _, tree in html_pages(client, archive):
        assert not tree.xpath("//img"), address
        assert not tree.xpath("//*[@onerror or @onmouseover]"), address
        for script in tree.xpath("//script"):
            if script.get("type") == "application/ld+json":
                json.loads(script.text)  # whole: nothing broke out of it
            else:
                assert script.get("src"), address  # our own files only, no inline code
                assert "alert" not in (script.text or ""), address
    # The words are shown as typed, markup and all.
    for address in [quote.get_absolute_url(), f"/q/{quote.key}/embed", "/quotes/"]:
        text = lxml_html.fromstring(get(client, address).content).text_content()
        assert hostile("Words") in text, address
    source_page = lxml_html.fromstring(get(client, quote.source.get_absolute_url()).content)
    assert FORMULAS[0] in source_page.text_content()
    assert hostile("Author") in source_page.text_content()


def test_a_javascript_address_is_never_a_link(archive):
    client = Client()
    for address, _, tree in html_pages(client, archive):
        for element in tree.iter():
            for attribute in ("href", "src", "action", "formaction", "cite", "data", "poster"):
                value = element.get(attribute)
                assert value is None or not is_javascript(value), (address, element.tag, value)
    # The address is still shown, as text, for what it is.
    source = archive["quote"].source
    page = lxml_html.fromstring(get(client, source.get_absolute_url()).content)
    assert JS_URL in page.text_content()


def test_the_embed_code_offered_to_citers_is_safe_to_paste(archive):
    client = Client()
    quote = archive["quote"]
    page = lxml_html.fromstring(get(client, quote.get_absolute_url()).content)
    (code,) = page.xpath("//*[@id='cite-embed']")
    # What a citer copies is HTML for their own page: it must hold one frame and nothing else.
    pasted = lxml_html.fragment_fromstring(code.text_content(), create_parent="div")
    assert [element.tag for element in pasted.iter()] == ["div", "iframe"]
    (frame,) = pasted
    assert frame.get("src") == f"http://testserver/q/{quote.key}/embed"
    assert frame.get("title").startswith(hostile("Speaker"))
    assert not [name for name in frame.attrib if name.startswith("on")]


def test_json_ld_and_meta_tags_hold_the_words_exactly(archive):
    client = Client()
    quote = archive["quote"]
    body = get(client, quote.get_absolute_url()).content.decode()
    tree = lxml_html.fromstring(body)
    (script,) = tree.xpath("//script[@type='application/ld+json']")
    assert "</" not in script.text
    data = json.loads(script.text)
    assert data["text"] == quote.text
    assert data["creator"]["name"] == quote.speaker.name
    assert data["creator"]["jobTitle"] == quote.role.title
    assert data["isBasedOn"]["name"] == quote.source.title
    assert data["isBasedOn"]["publisher"]["name"] == quote.source.outlet.name
    assert data["workTranslation"]["text"] == quote.translations.get().text == FORMULAS[2]
    meta = {
        element.get("name") or element.get("property"): element.get("content")
        for element in tree.xpath("//meta[@content]")
    }
    assert hostile("Speaker") in meta["og:title"]
    assert hostile("Speaker") in meta["og:description"]
    assert meta["citation_title"] == citations.csl_title(quote, quote.translations.all())
    assert meta["citation_title"].startswith(quote.text[:80])
    # Not a name of a person's letters: kept whole, as a body's is.
    assert meta["citation_author"] == quote.speaker.name + ","


# Feeds -----------------------------------------------------------------------------------------


def test_feeds_carry_hostile_words_as_text(archive):
    client = Client()
    quote, corrected = archive["quote"], archive["corrected"]
    seen = ""
    for address in archive["feeds"]:
        response = get(client, address)
        assert response.status_code == 200, address
        feed = feedparser.parse(response.content, sanitize_html=False)
        assert not feed.bozo, (address, feed.get("bozo_exception"))
        for entry in feed.entries:
            for detail in [entry.get("title_detail"), entry.get("summary_detail")]:
                if detail is None:
                    continue
                if detail.type == "text/html":
                    # What a feed reader renders: HTML, whose text must be the words themselves.
                    fragment = lxml_html.fragment_fromstring(detail.value, create_parent="div")
                    assert not fragment.xpath(".//script | .//img | .//*[@onerror]"), address
                    seen += fragment.text_content()
                else:
                    seen += detail.value
        root = ET.fromstring(response.content)
        assert not root.findall(f".//{ATOM}script"), address
    for words in (quote.text, quote.speaker.name, corrected.text, hostile("Note")):
        assert words in seen, words


# The CSV and the data release ---------------------------------------------------------------


def csv_cells(text):
    return [cell for row in csv.reader(io.StringIO(text)) for cell in row]


def test_the_csv_neutralises_formulas_and_keeps_the_words(archive, tmp_path):
    response = get(Client(), "/quotes.csv")
    assert response.status_code == 200
    cells = csv_cells(b"".join(response.streaming_content).decode())
    call_command("export_release", str(tmp_path))
    cells += csv_cells((tmp_path / "quotes.csv").read_text(encoding="utf-8"))
    for cell in cells:
        assert not cell.startswith(FORMULA_STARTS), cell
    for formula in [FORMULAS[0], FORMULAS[4], hostile("Words")]:
        shown = f"'{formula}" if formula.startswith(FORMULA_STARTS) else formula
        assert shown in cells, formula
    # The outlet that first reported a quote is named inside its attribution chain's cell.
    assert any(f"reported by {FORMULAS[3]} · read in" in cell for cell in cells)
    # A translation's cell starts with its language and who made it, then its words as typed.
    translation = f"en (translated by this archive's editors): {FORMULAS[2]}"
    assert translation in cells


# The API ----------------------------------------------------------------------------------------


def test_the_api_returns_hostile_words_exactly_as_json(archive):
    client = Client()
    quote = archive["quote"]
    response = get(client, f"/api/quotes/{quote.key}/")
    assert response["Content-Type"] == "application/json"
    assert response["X-Content-Type-Options"] == "nosniff"
    answer = response.json()
    assert answer["text"] == quote.text
    assert answer["context"] == quote.context
    assert answer["speaker"]["name"] == quote.speaker.name
    assert answer["source"]["title"] == FORMULAS[0]
    assert answer["stance"]["label"] == quote.stance.label
    speaker = get(client, f"/api/speakers/{quote.speaker.slug}/").json()
    assert speaker["description"] == hostile("Description")
    retracted = get(client, f"/api/quotes/{archive['retracted'].key}/").json()
    assert retracted["reason"] == hostile("Reason")


# The browser's side: CSP, nonces, no inline styles or handlers -------------------------------


def policy(response):
    header = response.get("Content-Security-Policy")
    assert header, response.wsgi_request.path
    directives = {}
    for part in header.split(";"):
        name, *values = part.split()
        directives[name] = values
    return directives


def test_every_page_has_a_strict_content_security_policy(archive):
    client = Client()
    checked = 0
    for address, response, tree in html_pages(client, archive):
        directives = policy(response)
        for directive in ("script-src", "style-src"):
            assert "'unsafe-inline'" not in directives.get(directive, []), (address, directive)
        assert "'unsafe-eval'" not in directives.get("script-src", []), address
        nonces = {
            value[len("'nonce-") : -1]
            for value in directives.get("script-src", [])
            if value.startswith("'nonce-")
        }
        for element in tree.xpath("//script | //style"):
            assert element.get("nonce") in nonces, (address, element.tag, element.attrib)
        assert not tree.xpath("//*[@style]"), address
        handlers = [
            (element.tag, name)
            for element in tree.iter()
            if isinstance(element.tag, str)
            for name in element.attrib
            if name.lower().startswith("on")
        ]
        assert handlers == [], address
        checked += 1
    assert checked == len(archive["pages"])  # every one of them is HTML


def test_a_page_with_a_script_gets_a_fresh_nonce_each_time(archive):
    client = Client()
    address = archive["quote"].get_absolute_url()
    first, second = (policy(get(client, address))["script-src"] for _ in range(2))
    assert first != second

"""Languages from the ISO 639 registry and translations as records, from the editor's admin page
to what a reader sees on the card and the permalink and what the CSV, the API, the feed and the
JSON-LD carry."""

import csv
import io
import json

import feedparser
import pytest
from django.utils.html import escape
from lxml import html as lxml_html
from pytest_django.asserts import assertContains, assertNotContains

from tests.admin.pages import posted_back, quote_page
from tests.helpers import make_outlet, make_quote, make_source, make_translation
from tracker.models import Correction, Quote

pytestmark = pytest.mark.django_db

CREDIT_OURS = "Translation by On the Record's editors, not published elsewhere"


def translation_forms(*translations):
    """What the admin posts for new translations entered inline on a quote's page."""
    data = {
        "translations-TOTAL_FORMS": str(len(translations)),
        "translations-INITIAL_FORMS": "0",
    }
    for number, fields in enumerate(translations):
        data.update({f"translations-{number}-{name}": value for name, value in fields.items()})
    return data


def publish(quote, chief_editor):
    quote.refresh_from_db()
    quote.publish(by=chief_editor)
    return quote


def csv_rows(client):
    response = client.get("/quotes.csv")
    body = b"".join(response.streaming_content).decode()
    return list(csv.DictReader(io.StringIO(body.split("\r\n# complete")[0])))


def test_a_danish_quote_spoken_in_danish_is_entered_with_no_code_change(client, chief_editor):
    client.force_login(chief_editor)
    draft = make_quote(text="Vi er klar til at bidrage.", status=Quote.Status.DRAFT)
    page = client.get(quote_page(draft))
    assertContains(page, '<datalist id="id_language-languages">')
    assertContains(page, '<option value="Danish (da)">')
    data = posted_back(page, language="Danish", spoken_language="da")
    assert client.post(quote_page(draft), data).status_code == 302
    quote = publish(draft, chief_editor)
    assert (quote.language, quote.spoken_language) == ("da", "da")

    permalink = client.get(quote.get_absolute_url())
    tree = lxml_html.fromstring(permalink.content)
    (blockquote,) = tree.xpath("//article//blockquote")
    assert blockquote.get("lang") == "da"
    assertContains(permalink, '<meta name="citation_language" content="da">')
    (row,) = csv_rows(client)
    assert (row["language"], row["spoken_language"]) == ("da", "da")
    answer = client.get(f"/api/quotes/{quote.key}/").json()
    assert (answer["language"], answer["spoken_language"]) == ("da", "da")


def test_a_language_the_registry_does_not_know_is_refused_with_a_clear_message(
    client, chief_editor
):
    client.force_login(chief_editor)
    draft = make_quote(status=Quote.Status.DRAFT)
    page = client.get(quote_page(draft))
    refused = client.post(quote_page(draft), posted_back(page, language="Elvish"))
    assert refused.status_code == 200
    assertContains(refused, "“Elvish” is not a language of the ISO 639 registry")
    draft.refresh_from_db()
    assert draft.language == "en"


def test_a_language_not_known_is_recorded_as_not_known(client, chief_editor):
    client.force_login(chief_editor)
    draft = make_quote(status=Quote.Status.DRAFT, spoken_language="pl")
    page = client.get(quote_page(draft))
    assert client.post(quote_page(draft), posted_back(page, spoken_language="")).status_code == 302
    draft.refresh_from_db()
    assert draft.spoken_language == ""
    assert draft.spoken_language_name == "not known"


def test_words_in_another_language_are_published_without_a_translation(chief_editor, client):
    quote = make_quote(text="Nous sommes prêts.", language="fr", status=Quote.Status.DRAFT)
    quote.full_clean()  # no rule asks for an English translation any more
    publish(quote, chief_editor)
    card = client.get(quote.get_absolute_url())
    assertContains(card, 'lang="fr"')
    assertNotContains(card, "translation:")


def test_polish_words_published_in_english_say_what_was_spoken(client):
    quote = make_quote(text="We are ready.", language="en", spoken_language="pl")
    assertContains(client.get(quote.get_absolute_url()), "Said in Polish; published in English.")
    plain = make_quote(text="Plain words.", language="en", spoken_language="en")
    assertNotContains(client.get(plain.get_absolute_url()), "Said in")


def test_the_public_language_filter_reads_a_name_or_a_code_and_refuses_others(client):
    make_quote(text="Vi er klar.", language="da")
    make_quote(text="We are ready.")
    for typed in ("da", "Danish"):
        response = client.get("/quotes/", {"lang": typed})
        assertContains(response, "Vi er klar.")
        assertNotContains(response, "We are ready.")
    assert client.get("/quotes/", {"lang": "Elvish"}).status_code == 400


def test_translations_entered_inline_are_shown_with_who_made_them_everywhere(client, chief_editor):
    client.force_login(chief_editor)
    reuters = make_outlet(name="Reuters", slug="reuters")
    wire_copy = make_source(outlet=reuters, title="Tusk on troops")
    draft = make_quote(
        text="Nie wyślemy żołnierzy.", language="pl", spoken_language="pl", status="draft"
    )
    page = client.get(quote_page(draft))
    data = posted_back(page)
    data.update(
        translation_forms(
            {
                "language": "English (en)",
                "text": "We will not send soldiers.",
                "translated_by": "agency",
                "outlet": reuters.pk,
                "source": wire_copy.pk,
            },
            {
                "language": "de",
                "text": "Wir werden keine Soldaten schicken.",
                "translated_by": "archive",
            },
        )
    )
    assert client.post(quote_page(draft), data).status_code == 302
    quote = publish(draft, chief_editor)
    assert quote.translations.count() == 2
    client.logout()

    permalink = client.get(quote.get_absolute_url())
    assertContains(permalink, "Translated by Reuters")
    assertContains(permalink, escape(CREDIT_OURS))
    assertContains(permalink, '<span lang="en">We will not send soldiers.</span>', html=True)
    assertContains(
        permalink, '<span lang="de">Wir werden keine Soldaten schicken.</span>', html=True
    )
    assertContains(permalink, wire_copy.get_absolute_url())
    card = client.get("/quotes/")
    assertContains(card, escape(CREDIT_OURS))

    (row,) = csv_rows(client)
    assert sorted(row["translations"].splitlines()) == [
        "de (translated by this archive's editors): Wir werden keine Soldaten schicken.",
        "en (translated by Reuters): We will not send soldiers.",
    ]

    answer = client.get(f"/api/quotes/{quote.key}/").json()
    by = {t["language"]: t for t in answer["translations"]}
    assert (by["en"]["translated_by"], by["en"]["outlet"]) == ("agency", "Reuters")
    assert by["en"]["source"]["key"] == wire_copy.key
    assert (by["de"]["is_by_archive"], by["de"]["credit"]) == (True, CREDIT_OURS)

    feed = feedparser.parse(client.get("/quotes/feed.atom").content)
    summary = feed.entries[0].summary
    assert "We will not send soldiers." in summary and CREDIT_OURS in summary.replace("&#x27;", "'")

    tree = lxml_html.fromstring(permalink.content)
    (script,) = tree.xpath('//script[@type="application/ld+json"]')
    data = json.loads(script.text)
    works = {work["inLanguage"]: work for work in data["workTranslation"]}
    assert works["de"]["translator"]["name"] == "On the Record"
    assert works["de"]["description"] == CREDIT_OURS
    assert works["en"]["translator"]["name"] == "Reuters"


def test_search_finds_the_words_of_every_translation_and_shows_that_passage(client):
    quote = make_quote(text="Nie wyślemy żołnierzy.", language="pl")
    make_translation(quote, text="We will not send soldiers.")
    make_translation(quote, language="fr", text="Nous n'enverrons pas de soldats.")
    for words in ("soldiers", "enverrons", "wyślemy"):
        response = client.get("/quotes/", {"q": words})
        assertContains(response, quote.get_absolute_url())
    marked = client.get("/quotes/", {"q": "enverrons"})
    assertContains(marked, "<mark>enverrons</mark>")


def test_a_cached_card_shows_a_translation_added_or_corrected_at_once(client, chief_editor):
    quote = make_quote(text="Nie wyślemy żołnierzy.", language="pl")
    assertNotContains(client.get("/quotes/"), "We will not send soldiers.")
    translation = make_translation(quote, text="We will not send soldiers.")
    assertContains(client.get("/quotes/"), "We will not send soldiers.")
    translation.text = "We shall send no soldiers."
    translation.save()
    page = client.get("/quotes/")
    assertContains(page, "We shall send no soldiers.")
    assertNotContains(page, "We will not send soldiers.")


def test_correcting_a_published_translation_is_a_public_correction_with_a_reason(
    client, chief_editor
):
    client.force_login(chief_editor)
    quote = make_quote(text="Nie wyślemy żołnierzy.", language="pl")
    translation = make_translation(quote, text="We will send soldiers.")
    page = client.get(quote_page(quote))
    data = posted_back(page, **{"translations-0-text": "We will not send soldiers."})
    refused = client.post(quote_page(quote), data)
    assertContains(refused, "Say why the published quote is corrected.")
    translation.refresh_from_db()
    assert translation.text == "We will send soldiers."

    page = client.get(quote_page(quote))
    data = posted_back(
        page,
        **{"translations-0-text": "We will not send soldiers."},
        correction_reason="The translation dropped the word “not”.",
    )
    assert client.post(quote_page(quote), data).status_code == 302
    translation.refresh_from_db()
    assert translation.text == "We will not send soldiers."
    correction = Correction.objects.get(quote=quote)
    assert correction.changed == "translation"
    client.logout()
    assertContains(client.get(quote.get_absolute_url()), "The translation dropped the word")


def test_an_editor_cannot_change_a_published_quotes_translations(client, editor):
    client.force_login(editor)
    quote = make_quote(language="pl")
    translation = make_translation(quote, text="As published.")
    page = client.get(quote_page(quote))
    assertNotContains(page, 'name="translations-0-text"')
    data = {"translations-TOTAL_FORMS": "1", "translations-INITIAL_FORMS": "1"}
    data.update({"translations-0-id": translation.pk, "translations-0-text": "Changed."})
    assert client.post(quote_page(quote), data).status_code == 403
    translation.refresh_from_db()
    assert translation.text == "As published."

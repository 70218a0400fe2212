"""The interface in English, French and German: English at the URLs it always had, French and
German under /fr/ and /de/. The records' own words are never translated; the page cache never
serves one language's page to a reader of another; what machines and citers read keeps one
language-independent URL."""

import re

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import translation
from pytest_django.asserts import assertContains, assertNotContains

from tests.helpers import make_nation, make_quote

pytestmark = pytest.mark.django_db


def alternates(response):
    return dict(
        re.findall(r'<link rel="alternate" hreflang="([^"]+)" href="([^"]+)">', response.text)
    )


def test_a_french_reader_sees_french_labels_and_dates_and_the_speakers_own_words(client):
    quote = make_quote(text="We will not send troops.", kind="paraphrase")
    response = client.get(f"/fr{quote.get_absolute_url()}")
    assert response["Content-Language"] == "fr"
    assertContains(response, '<html lang="fr">')
    assertContains(response, "Déclarations</a>")  # the navigation
    assertContains(response, "Paraphrase")
    assertContains(response, "17 février 2025")  # said_on, in French
    assertContains(response, "Lien permanent")
    assertContains(response, "We will not send troops.")  # the words, as said
    assertNotContains(response, '<time datetime="2025-02-17">17 Feb 2025</time>')
    assertNotContains(response, ">Statements</a>")


def test_a_german_reader_sees_german_labels_and_dates(client):
    make_quote(text="Wir schicken keine Truppen.", kind="direct")
    response = client.get("/de/quotes/")
    assertContains(response, '<html lang="de">')
    assertContains(response, "1 Äußerung</h2>")
    assertContains(response, "Direktes Zitat")
    assertContains(response, "17. Februar 2025")
    assertContains(response, "Wir schicken keine Truppen.")


def test_english_pages_keep_their_urls_and_words(client):
    quote = make_quote()
    assert quote.get_absolute_url() == f"/q/{quote.key}/"
    response = client.get(quote.get_absolute_url())
    assertContains(response, '<html lang="en">')
    assertContains(response, "17 Feb 2025")
    assertContains(response, ">Statements</a>")
    assert response["Content-Language"] == "en"


def test_each_public_page_names_its_alternates_in_every_language(client):
    nation = make_nation(code="fr", name="France")
    make_quote(nation=nation)
    site = settings.SITE_URL
    for path in ["/", "/quotes/?q=troops", "/nations/fr/", "/people/"]:
        for prefix in ["", "/fr", "/de"]:
            found = alternates(client.get(prefix + path))
            assert found == {
                "en": site + path,
                "x-default": site + path,
                "fr": site + "/fr" + path,
                "de": site + "/de" + path,
            }, (prefix, path)


def test_the_switcher_takes_the_reader_to_this_page_in_the_chosen_language(client):
    quote = make_quote()
    page = client.get(quote.get_absolute_url())
    # A form without JavaScript, and without a CSRF token: the page it is on is cached for all.
    assertContains(page, '<form class="language-switcher" method="post" action="/i18n/setlang/">')
    assertContains(page, f'<input type="hidden" name="next" value="/q/{quote.key}/">')
    assertContains(
        page, '<button type="submit" name="language" value="fr" lang="fr">Français</button>'
    )
    answer = client.post("/i18n/setlang/", {"language": "fr", "next": f"/q/{quote.key}/"})
    assert answer.status_code == 302 and answer["Location"] == f"/fr/q/{quote.key}/"
    french = client.get("/fr/quotes/?q=troops")
    assertContains(french, 'action="/fr/i18n/setlang/"')
    back = client.post("/fr/i18n/setlang/", {"language": "en", "next": "/fr/quotes/?q=troops"})
    assert back["Location"] == "/quotes/?q=troops"
    # The URL decides, never the cookie the switcher leaves: an English URL stays English.
    assertContains(client.get("/quotes/"), '<html lang="en">')


def test_the_page_cache_never_serves_one_language_to_a_reader_of_another(client):
    quote = make_quote()
    url = quote.get_absolute_url()
    english = client.get(url)
    french = client.get(f"/fr{url}")
    german = client.get(f"/de{url}")
    assert english["ETag"] != french["ETag"] != german["ETag"] != english["ETag"]
    # Each again, now from the cache: still in its own language.
    for path, lang in [(url, "en"), (f"/fr{url}", "fr"), (f"/de{url}", "de"), (url, "en")]:
        again = client.get(path, headers={"Accept-Language": "fr" if lang != "fr" else "de"})
        assertContains(again, f'<html lang="{lang}">')
    # The home page's grid and cards are cached as fragments: they follow the language too.
    assertContains(client.get("/"), "Newest statements")
    assertContains(client.get("/fr/"), "Dernières déclarations")
    assertContains(client.get("/fr/"), "17 février 2025")
    assertContains(client.get("/"), "17 Feb 2025")


def test_citations_and_canonical_stay_on_the_permalink_in_every_language(client):
    quote = make_quote()
    permalink = settings.SITE_URL + quote.get_absolute_url()
    response = client.get(f"/fr{quote.get_absolute_url()}")
    assertContains(response, f'<link rel="canonical" href="{permalink}">')
    assertContains(response, f'<meta property="og:url" content="{permalink}">')
    # The French page's own URL is named once, as its hreflang alternate; never to cite.
    assertContains(response, f"{settings.SITE_URL}/fr/q/", count=1)
    assertContains(response, f'<meta name="citation_public_url" content="{permalink}">')


@pytest.mark.parametrize(
    "url", ["/quotes/feed.atom", "/quotes.csv", "/api/quotes/", "/sitemap.xml", "/robots.txt"]
)
def test_what_machines_read_has_one_url_in_english(client, url):
    make_quote()
    assert client.get(url).status_code == 200
    assert client.get("/fr" + url).status_code == 404
    with translation.override("fr"):
        assert reverse("quote_feed") == "/quotes/feed.atom"
        assert reverse("quote_csv") == "/quotes.csv"


def test_filter_labels_and_errors_are_in_the_readers_language(client):
    make_quote()
    response = client.get("/fr/quotes/", {"speaker": "Nobody at all"})
    assert response.status_code == 400
    assertContains(response, "Certains filtres n\u2019ont pas pu être lus", status_code=400)
    assertContains(response, "Niveau de vérification", status_code=400)
    assertContains(response, "« Nobody at all »", status_code=400)


def test_error_pages_are_in_the_readers_language(client):
    assertContains(client.get("/de/q/zzzzzzzz/"), "Nicht gefunden", status_code=404)
    assertContains(client.get("/fr/events/no-such-event/"), "Introuvable", status_code=404)


def test_what_was_done_to_the_words_reads_right_in_each_language(client):
    quote = make_quote(edits=[{"kind": "omitted", "explanation": "Cut for length."}])
    url = quote.get_absolute_url()
    assertContains(client.get(url), "Edited: words omitted")
    assertContains(client.get(f"/fr{url}"), "Modifié : mots omis")
    assertContains(client.get(f"/de{url}"), "Bearbeitet: Wörter ausgelassen")  # nouns keep capitals


def test_language_names_are_in_the_readers_language_and_the_words_in_their_own(client):
    quote = make_quote(text="Nous n'enverrons pas de troupes.", language="fr", spoken_language="de")
    url = quote.get_absolute_url()
    assertContains(client.get(url), "Said in German; published in French.")
    french = client.get(f"/fr{url}")
    assertContains(french, "Prononcé en allemand ; publié en français.")
    assertContains(french, "Nous n&#x27;enverrons pas de troupes.")
    german = client.get(f"/de{url}")
    assertContains(german, "Gesagt auf Deutsch; veröffentlicht auf Französisch.")

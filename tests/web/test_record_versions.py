"""A citer's version page keeps the translation, the chain and the edits to the words the
statement had at that version, not only its own fields: each is a record of its own, with its
own history (Quote.as_version())."""

import pytest
from lxml import html as lxml_html
from pytest_django.asserts import assertContains, assertNotContains

from tests.admin.pages import posted_back, quote_page
from tests.helpers import (
    make_intermediary,
    make_outlet,
    make_quote,
    make_source,
    make_speaker,
    make_translation,
)
from tracker.models import Quote, Translation

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("without_page_cache")]


@pytest.fixture
def corrected_in_its_records(chief_editor):
    """A Danish minister's words with Reuters' English, reported by AFP citing a government
    source, a word left out; then corrected: the translation was Reuters' earlier draft and the
    agency was Ritzau, not AFP."""
    afp, ritzau = make_outlet(name="AFP"), make_outlet(name="Ritzau")
    reuters = make_outlet(name="Reuters")
    quote = make_quote(
        text="Vi er klar til at bidrage",
        language="da",
        spoken_language="da",
        speaker=make_speaker(name="Lars Løkke Rasmussen"),
        source=make_source(title="Denmark ready to help", outlet=reuters),
        status=Quote.Status.DRAFT,
        chain=[
            ("citing", {"intermediary": make_intermediary(name="a government source")}),
            ("reported_by", {"outlet": afp}),
        ],
        edits=[{"kind": "omitted", "words": "", "explanation": "Reuters left out a clause."}],
    )
    make_translation(
        quote,
        text="We are prepared to help",
        translated_by=Translation.TranslatedBy.OUTLET,
        outlet=reuters,
    )
    quote.publish(by=chief_editor)

    translation = quote.translations.get()
    translation.text = "We are ready to contribute"
    translation.save()
    link = quote.attribution_links.get(relation="reported_by")
    link.outlet = ritzau
    link.save()
    edit = quote.word_edits.get()
    edit.explanation = "Reuters left out a clause on the timing."
    edit.save()
    quote.correct(
        note="Reuters' published translation, and the agency that first reported it.",
        by=chief_editor,
        changed_records=["translation", "attribution chain", "edits to the words"],
    )
    return quote


def page_tree(client, quote, number):
    response = client.get(f"/q/{quote.key}/v/{number}/")
    assert response.status_code == 200
    return response, lxml_html.fromstring(response.content)


def chain_shown(tree):
    return [" ".join(li.text_content().split()) for li in tree.xpath('//ol[@class="chain"]/li')]


def test_version_1_shows_the_translation_chain_and_edits_it_had(client, corrected_in_its_records):
    response, tree = page_tree(client, corrected_in_its_records, 1)
    assertContains(response, "We are prepared to help")
    assertNotContains(response, "We are ready to contribute")
    assertContains(response, "Translated by Reuters")
    chain = chain_shown(tree)
    assert chain[:3] == [
        "Spoken by Lars Løkke Rasmussen",
        "Citing a government source (not named by the reporting)",
        "Reported by AFP",
    ]
    assert not any("Ritzau" in link for link in chain)
    assertContains(response, "Reuters left out a clause.")
    assertNotContains(response, "on the timing")


def test_version_2_shows_them_as_corrected(client, corrected_in_its_records):
    response, tree = page_tree(client, corrected_in_its_records, 2)
    assertContains(response, "We are ready to contribute")
    assertNotContains(response, "We are prepared to help")
    assert "Reported by Ritzau" in chain_shown(tree)
    assert not any("AFP" in link for link in chain_shown(tree))
    assertContains(response, "Reuters left out a clause on the timing.")


def test_a_version_cites_the_translation_and_chain_it_shows(client, corrected_in_its_records):
    for number, english, agency, other in [
        (1, "We are prepared to help", "AFP", "Ritzau"),
        (2, "We are ready to contribute", "Ritzau", "AFP"),
    ]:
        _, tree = page_tree(client, corrected_in_its_records, number)
        (title,) = tree.xpath('//head/meta[@name="citation_title"]/@content')
        assert title == f"Vi er klar til at bidrage [{english}]"
        for style in ("apa", "chicago", "mla"):
            (entry,) = tree.xpath(f'//p[@id="cite-{style}"]')
            text = " ".join(entry.text_content().split())
            assert f"reported by {agency}" in text, (number, style)
            assert other not in text, (number, style)
            assert english in text, (number, style)


def test_the_versions_stay_as_they_were_after_a_later_correction(
    client, chief_editor, corrected_in_its_records
):
    quote = corrected_in_its_records
    translation = quote.translations.get()
    translation.text = "We stand ready to contribute"
    translation.save()
    quote.correct(note="A closer translation.", by=chief_editor, changed_records=["translation"])
    assertContains(client.get(f"/q/{quote.key}/v/1/"), "We are prepared to help")
    assertContains(client.get(f"/q/{quote.key}/v/2/"), "We are ready to contribute")
    assertContains(client.get(f"/q/{quote.key}/v/3/"), "We stand ready to contribute")
    assertContains(client.get(quote.get_absolute_url()), "We stand ready to contribute")


def test_a_translation_removed_by_a_correction_stays_on_the_earlier_version(
    client, chief_editor, corrected_in_its_records
):
    quote = corrected_in_its_records
    quote.translations.get().delete()
    quote.correct(
        note="Reuters withdrew its translation.", by=chief_editor, changed_records=["translation"]
    )
    assertContains(client.get(f"/q/{quote.key}/v/2/"), "We are ready to contribute")
    assertNotContains(client.get(f"/q/{quote.key}/v/3/"), "We are ready to contribute")


def test_the_current_version_of_an_uncorrected_quote_shows_its_chain(client):
    # Quotes made in one go (the seed, imports) get their records after their first row.
    quote = make_quote(
        translation="In English.", chain=[("reported_by", {"outlet": make_outlet(name="ANSA")})]
    )
    response, tree = page_tree(client, quote, 1)
    assertContains(response, "In English.")
    assert "Reported by ANSA" in chain_shown(tree)


def test_a_correction_in_the_admin_keeps_the_old_translation_and_chain_on_version_1(
    client, chief_editor
):
    ansa, reuters = make_outlet(name="ANSA"), make_outlet(name="Reuters")
    quote = make_quote(
        text="Non manderemo soldati.",
        language="it",
        status=Quote.Status.DRAFT,
        chain=[("reported_by", {"outlet": ansa})],
    )
    make_translation(quote, text="We will send soldiers.")
    quote.publish(by=chief_editor)
    client.force_login(chief_editor)
    page = client.get(quote_page(quote))
    data = posted_back(
        page,
        **{
            "translations-0-text": "We will not send soldiers.",
            "attribution_links-0-outlet": reuters.pk,
        },
        correction_reason="The translation dropped “not”; Reuters, not ANSA, reported it.",
    )
    assert client.post(quote_page(quote), data).status_code == 302
    assert quote.corrections.get().changed == "translation, attribution chain"
    client.logout()
    first, tree = page_tree(client, quote, 1)
    assertContains(first, "We will send soldiers.")
    assert "Reported by ANSA" in chain_shown(tree)
    second, tree = page_tree(client, quote, 2)
    assertContains(second, "We will not send soldiers.")
    assert "Reported by Reuters" in chain_shown(tree)

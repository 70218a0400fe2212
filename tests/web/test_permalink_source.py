"""A citer reads, on a statement's permalink, the article it was read in; on a version page,
which version is current."""

import datetime

import pytest
from pytest_django.asserts import assertContains, assertNotContains

from tests.helpers import make_outlet, make_quote, make_source

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("without_page_cache")]


def test_the_permalink_shows_and_links_the_source_article(client):
    source = make_source(
        title="Europe weighs a force for Ukraine",
        outlet=make_outlet(name="Financial Times", slug="financial-times"),
        url="https://www.ft.com/content/force-ukraine",
        archived_url="https://web.archive.org/web/2025/https://www.ft.com/content/force-ukraine",
        published_on=datetime.date(2025, 2, 16),
    )
    quote = make_quote(source=source)
    response = client.get(quote.get_absolute_url())
    assertContains(
        response,
        '<cite><a href="https://www.ft.com/content/force-ukraine">'
        "Europe weighs a force for Ukraine</a></cite>",
    )
    assertContains(response, '<a href="/outlets/financial-times/">Financial Times</a>')
    assertContains(response, '<time datetime="2025-02-16">16 Feb 2025</time>')
    assertContains(
        response,
        'Archived copy: <a href="https://web.archive.org/web/2025/https://www.ft.com/'
        'content/force-ukraine" class="url">',
    )
    assertContains(response, f'<a href="{source.get_absolute_url()}">Every statement from')


def test_a_source_without_an_address_is_named_without_a_link(client):
    quote = make_quote(source=make_source(title="Remarks to reporters", url="", archived_url=""))
    response = client.get(quote.get_absolute_url())
    assertContains(response, "<cite>Remarks to reporters</cite>")
    assertNotContains(response, "Archived copy:")
    assertNotContains(response, "Address:")


def test_an_earlier_version_names_and_links_the_current_one(client, chief_editor):
    quote = make_quote(text="We are still a long way of")
    quote.text = "We are still a long way off"
    quote.correct(note="A typing error dropped a letter.", by=chief_editor)
    earlier = client.get(f"/q/{quote.key}/v/1/")
    assertContains(earlier, f'the current version is <a href="/q/{quote.key}/v/2/">version 2</a>')
    current = client.get(f"/q/{quote.key}/v/2/")
    assertContains(current, "This is the current version, version 2 of 2.")

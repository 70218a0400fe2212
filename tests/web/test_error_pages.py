"""Errors with help: branded pages with the site's search, and a mistyped permalink key that
offers the statements it may have meant."""

import pytest
from django.test import RequestFactory
from django.views import defaults
from pytest_django.asserts import assertContains, assertNotContains

from tests.helpers import make_quote, make_speaker
from tracker.models import Quote
from tracker.models.base import KEY_ALPHABET, keys_one_edit_away


def test_keys_one_edit_away_cover_every_kind_of_typing_error():
    key = "abcdefgh"
    near = keys_one_edit_away(key)
    assert "abcdefgx" in near  # a letter changed
    assert "bacdefgh" in near  # two swapped
    assert keys_one_edit_away("abcdefg") >= {"abcdefgh", "xabcdefg"}  # a letter missing
    assert "abcdefgh" in keys_one_edit_away("abcdefghz")  # a letter added
    assert key not in near
    assert all(len(k) == 8 and set(k) <= set(KEY_ALPHABET) for k in near)
    assert len(near) < 600
    assert keys_one_edit_away("abc") == set()


@pytest.mark.django_db
def test_a_mistyped_key_suggests_the_nearest_published_statements(client):
    quote = make_quote(text="Words worth finding.", speaker=make_speaker(name="Jane Minister"))
    draft = make_quote(status=Quote.Status.DRAFT)
    typo = quote.key[:3] + quote.key[4] + quote.key[3] + quote.key[5:]  # two letters swapped
    if typo == quote.key:
        typo = quote.key[:-1] + ("x" if quote.key[-1] != "x" else "y")
    response = client.get(f"/q/{typo}/")
    assert response.status_code == 404
    assertContains(response, "Did you mean one of these?", status_code=404)
    assertContains(response, f'href="{quote.get_absolute_url()}"', status_code=404)
    assertContains(response, "Jane Minister", status_code=404)
    assertNotContains(response, draft.key, status_code=404)


@pytest.mark.django_db
def test_a_key_far_from_any_offers_search_only(client):
    make_quote()
    response = client.get("/q/zzzzzzzz/")
    assert response.status_code == 404
    assertNotContains(response, "Did you mean", status_code=404)
    assertContains(response, '<input id="error-q" type="search" name="q">', status_code=404)
    assertContains(response, '<meta name="robots" content="noindex">', status_code=404)


@pytest.mark.django_db
def test_any_unknown_address_gets_the_branded_404_with_search(client):
    response = client.get("/no/such/page/")
    assert response.status_code == 404
    assertContains(response, "<h1>Not found</h1>", status_code=404, html=True)
    assertContains(response, 'role="search"', status_code=404)
    assertContains(response, '<a href="/people/">People</a>', status_code=404, html=True)


def test_the_500_page_renders_without_the_database(django_db_blocker):
    # Django renders it when something failed, which may be the database itself.
    with django_db_blocker.block():
        response = defaults.server_error(RequestFactory().get("/quotes/"))
    assert response.status_code == 500
    body = response.content.decode()
    assert "Something went wrong on our side" in body
    assert 'role="search"' in body and 'id="error-q"' in body
    assert '<a href="/corrections/">Corrections</a>' in body


def test_the_400_page_is_branded_with_search(django_db_blocker):
    with django_db_blocker.block():
        response = defaults.bad_request(RequestFactory().get("/"), exception=None)
    assert response.status_code == 400
    body = response.content.decode()
    assert "This request could not be read" in body and 'id="error-q"' in body


@pytest.mark.django_db
def test_a_disallowed_host_gets_the_branded_400(client):
    response = client.get("/", headers={"host": "evil.example"})
    assert response.status_code == 400
    assertContains(response, "This request could not be read", status_code=400)


@pytest.mark.django_db
def test_the_retraction_notice_is_the_branded_410_with_search(client, chief_editor):
    quote = make_quote()
    quote.retract(reason="Never said.", by=chief_editor)
    response = client.get(quote.get_absolute_url())
    assert response.status_code == 410
    assertContains(response, 'id="error-q"', status_code=410)
    assertContains(response, "Never said.", status_code=410)

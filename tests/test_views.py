import pytest
from django.urls import reverse
from pytest_django.asserts import assertContains, assertNotContains

from tests.helpers import make_quote
from tracker.models import Quote

pytestmark = pytest.mark.django_db


def test_home_lists_the_newest_published_quotes_only(client):
    make_quote(text="On the record.")
    make_quote(text="Off the record.", status=Quote.Status.DRAFT)
    make_quote(text="Taken back.", status=Quote.Status.RETRACTED)
    response = client.get(reverse("home"))
    assertContains(response, "On the record.")
    assertNotContains(response, "Off the record.")
    assertNotContains(response, "Taken back.")


def test_draft_permalink_is_404(client):
    draft = make_quote(status=Quote.Status.DRAFT)
    assert client.get(draft.get_absolute_url()).status_code == 404


def test_permalink_shows_the_words(client):
    quote = make_quote(text="Unfortunately we are still a long way off")
    assertContains(
        client.get(quote.get_absolute_url()), "Unfortunately we are still a long way off"
    )


def test_permalink_typed_in_capitals_redirects_to_the_canonical_key(client):
    quote = make_quote()
    response = client.get(f"/q/{quote.key.upper()}/")
    assert response.status_code == 301
    assert response["Location"] == quote.get_absolute_url()

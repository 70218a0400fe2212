"""The API's list as cached for the next reader, and stale at once when what it shows changes."""

import pytest

from tests.api.helpers import get
from tests.helpers import make_nation, make_quote
from tracker.models import Figure

pytestmark = pytest.mark.django_db


def test_an_api_page_shows_a_new_figure_a_correction_and_a_renamed_speaker_at_once(
    client, chief_editor, django_assert_num_queries
):
    germany = make_nation(code="de", name="Germany")
    quote = make_quote(text="German words", nation=germany)
    url = "/api/quotes/?nation=de"
    first = get(client, url)
    with django_assert_num_queries(0):  # cached for the next reader
        assert get(client, url) == first
    Figure.objects.create(quote=quote, amount=5000, unit="troops")
    (shown,) = get(client, url)["results"]
    assert shown["figures"] == [
        {"qualifier": "exactly", "amount": "5000.00", "unit": "troops", "period": ""}
    ]
    quote.text = "German words, corrected"
    quote.correct(note="A word was missing.", by=chief_editor)
    assert get(client, url)["results"][0]["text"] == "German words, corrected"
    quote.speaker.name = "Olaf Scholz (SPD)"
    quote.speaker.save()
    assert get(client, url)["results"][0]["speaker"]["name"] == "Olaf Scholz (SPD)"

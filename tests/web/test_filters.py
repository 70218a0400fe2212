"""The filters of /quotes/: the parameter names and values are a public contract."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from pytest_django.asserts import assertContains, assertNotContains

from tests.helpers import (
    make_chief_editor,
    make_nation,
    make_outlet,
    make_quote,
    make_source,
    make_speaker,
    make_stance,
    make_topic,
)
from tracker.filters import QuoteFilter
from tracker.models import Quote

# Some tests ask for pages with Cache-Control: no-cache, to test their rendering, not the cache.
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("without_page_cache")]


def quotes_page(client, **params):
    return client.get(reverse("quote_list"), params)


def test_quote_list_shows_only_published(client):
    make_quote(text="On the record.")
    make_quote(text="Off the record.", status=Quote.Status.DRAFT)
    make_quote(text="Taken back.", status=Quote.Status.RETRACTED)
    response = quotes_page(client)
    assertContains(response, "On the record.")
    assertNotContains(response, "Off the record.")
    assertNotContains(response, "Taken back.")
    assertContains(response, "1 statement<")


def test_filter_by_one_or_several_nations(client):
    make_quote(text="German words.", nation=make_nation(code="de", name="Germany"))
    make_quote(text="French words.", nation=make_nation(code="fr", name="France"))
    make_quote(text="Polish words.", nation=make_nation(code="pl", name="Poland"))
    response = quotes_page(client, nation="de")
    assertContains(response, "German words.")
    assertNotContains(response, "French words.")
    response = client.get("/quotes/?nation=de&nation=fr")
    assertContains(response, "German words.")
    assertContains(response, "French words.")
    assertNotContains(response, "Polish words.")


def test_filter_by_speaker_outlet_source_stance_kind_and_language(client):
    speaker = make_speaker(slug="olaf-scholz", name="Olaf Scholz")
    outlet = make_outlet(slug="reuters", name="Reuters")
    source = make_source(outlet=outlet)
    make_quote(
        text="The one.",
        speaker=speaker,
        source=source,
        kind=Quote.Kind.PARAPHRASE,
        stance=make_stance(value="open", label="Open", position=2),
        language="de",
        translation="The one, in English.",
    )
    make_quote(text="The other.")
    for params in [
        {"speaker": "olaf-scholz"},
        {"outlet": "reuters"},
        {"source": source.key},
        {"stance": "open"},
        {"kind": "paraphrase"},
        {"lang": "de"},
        {"topic": "troops-for-ukraine", "stance": "open"},
    ]:
        response = quotes_page(client, **params)
        assertContains(response, "The one.", msg_prefix=str(params))
        assertNotContains(response, "The other.", msg_prefix=str(params))


def test_filter_by_date_range_is_inclusive(client):
    make_quote(text="Before.", said_on=datetime.date(2025, 1, 31))
    make_quote(text="First day.", said_on=datetime.date(2025, 2, 1))
    make_quote(text="Last day.", said_on=datetime.date(2025, 2, 28))
    make_quote(text="After.", said_on=datetime.date(2025, 3, 1))
    response = quotes_page(client, said_after="2025-02-01", said_before="2025-02-28")
    assertContains(response, "First day.")
    assertContains(response, "Last day.")
    assertNotContains(response, "Before.")
    assertNotContains(response, "After.")


def test_sort_oldest_and_newest(client):
    make_quote(text="Older words.", said_on=datetime.date(2025, 2, 1))
    make_quote(text="Newer words.", said_on=datetime.date(2025, 2, 20))
    newest = quotes_page(client).content.decode()
    oldest = quotes_page(client, sort="oldest").content.decode()
    assert newest.index("Newer words.") < newest.index("Older words.")
    assert oldest.index("Older words.") < oldest.index("Newer words.")


@pytest.mark.parametrize(
    "params",
    [
        {"said_after": "yesterday-ish"},
        {"nation": "zz"},
        {"nation": "'; DROP TABLE tracker_quote; --"},
        {"speaker": "nobody-at-all"},
        {"kind": "rumour"},
        {"sort": "sideways"},
        {"q": "x" * 500},
    ],
)
def test_bad_filter_values_get_a_clear_message_and_a_400(client, params):
    make_quote(text="Still here.")
    response = quotes_page(client, **params)
    assert response.status_code == 400
    assertContains(response, "could not be read", status_code=400)
    assertNotContains(response, "Still here.", status_code=400)
    assert Quote.objects.count() == 1


@pytest.mark.parametrize("page", ["-1", "0", "10" * 12, "abc", ""])
def test_odd_page_numbers_still_answer(client, page):
    make_quote(text="Still here.")
    response = quotes_page(client, page=page)
    assert response.status_code == 200
    assertContains(response, "Still here.")


def test_active_filters_show_as_removable_chips(client):
    make_quote(nation=make_nation(code="de", name="Germany"))
    make_quote(nation=make_nation(code="fr", name="France"))
    response = client.get("/quotes/?nation=de&nation=fr&kind=direct&page=2")
    chips = response.context["filter"].chips()
    labels = {(chip["label"], str(chip["value"])) for chip in chips}
    assert labels == {
        ("Nation or organisation", "Germany"),
        ("Nation or organisation", "France"),
        ("Kind", "Direct quote"),
    }
    germany = next(chip for chip in chips if str(chip["value"]) == "Germany")
    assert germany["remove_query"] == "nation=fr&kind=direct"


def test_pagination_keeps_the_filters(client):
    germany = make_nation(code="de", name="Germany")
    for n in range(30):
        make_quote(text=f"German words {n}.", nation=germany)
    response = quotes_page(client, nation="de")
    assertContains(response, 'href="?nation=de&amp;page=2"')


def test_a_bad_date_is_named_in_the_message_and_left_out_of_the_date_box(client):
    response = quotes_page(client, said_after="yesterday-ish")
    assertContains(response, "Enter a valid date", status_code=400)
    assertNotContains(response, 'value="yesterday-ish"', status_code=400)


def nation_options(response):
    """The nation checkboxes' fieldset, as HTML."""
    return (
        response.content.decode()
        .split("<legend>Nation or organisation</legend>", 1)[1]
        .split("</fieldset>")[0]
    )


def test_nation_choices_follow_publications(client, django_capture_on_commit_callbacks):
    # A nation is offered once a quote for it is published, and no longer once it is retracted.
    chief = make_chief_editor()
    make_quote(text="German words.", nation=make_nation(code="de", name="Germany"))
    draft = make_quote(
        text="Polish words.",
        nation=make_nation(code="pl", name="Poland"),
        status=Quote.Status.DRAFT,
    )
    assert "Poland" not in nation_options(quotes_page(client))
    with django_capture_on_commit_callbacks(execute=True):
        draft.publish(by=chief)
    assert "Poland" in nation_options(quotes_page(client))
    with django_capture_on_commit_callbacks(execute=True):
        draft.retract(reason="Misattributed.", by=chief)
    assert "Poland" not in nation_options(quotes_page(client))


def test_a_chosen_nation_stays_ticked_among_checkboxes(client):
    # Checkboxes, not a list box that needs Ctrl-click and fails on a phone.
    make_quote(nation=make_nation(code="de", name="Germany"))
    make_quote(nation=make_nation(code="fr", name="France"))
    quotes_page(client)
    options = nation_options(quotes_page(client, nation="fr"))
    assert 'type="checkbox" name="nation" value="fr" id="id_nation_0" checked>' in options
    assert 'type="checkbox" name="nation" value="de" id="id_nation_1">' in options
    assert "<select" not in options


def test_the_chosen_language_kind_and_order_stay_chosen(client):
    make_quote(text="On the record.")
    chosen = quotes_page(client, lang="fr", kind="paraphrase", sort="oldest").content.decode()
    assert 'name="lang" value="fr"' in chosen
    assert '<option value="paraphrase" selected>' in chosen
    assert '<option value="oldest" selected>' in chosen
    plain = quotes_page(client).content.decode()
    assert 'name="lang" value="fr"' not in plain
    assert '<option value="oldest" selected>' not in plain


def test_an_unknown_language_is_named_in_the_400(client):
    response = quotes_page(client, lang="not-a-language")
    assert response.status_code == 400
    assertContains(response, "not-a-language", status_code=400)


def test_a_page_reads_the_stances_once_however_often_it_shows_them(client):
    # The form checks the stance, renders its select, and the chips name it.
    make_quote(text="Opposed words.", stance=make_stance(value="opposed", label="Opposed"))
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/quotes/?stance=opposed", headers={"Cache-Control": "no-cache"})
    assertContains(response, "Opposed words.")
    assertContains(response, '<option value="opposed" selected>')
    assert [chip["value"] for chip in response.context["filter"].chips()] == ["Opposed"]
    assert len([q for q in queries if 'FROM "tracker_stance"' in q["sql"]]) == 1


def test_two_readers_filters_made_side_by_side_keep_their_own_choices():
    germany, france = make_nation(code="de", name="Germany"), make_nation(code="fr", name="France")
    make_quote(text="Older German.", nation=germany, said_on=datetime.date(2025, 2, 1))
    make_quote(text="Newer German.", nation=germany, said_on=datetime.date(2025, 2, 20))
    make_quote(text="French.", nation=france, said_on=datetime.date(2025, 2, 10))
    published = Quote.objects.published()
    oldest_german = QuoteFilter({"nation": ["de"], "sort": "oldest"}, queryset=published)
    newest = QuoteFilter({"sort": "newest"}, queryset=published)
    bad = QuoteFilter({"nation": ["zz"]}, queryset=published)
    # Read in another order than made: each filter answers to its own parameters.
    assert not bad.is_valid() and "nation" in bad.errors
    assert [q.text for q in newest.qs] == ["Newer German.", "French.", "Older German."]
    assert [q.text for q in oldest_german.qs] == ["Older German.", "Newer German."]
    assert oldest_german.is_valid() and newest.is_valid()
    # What one request's form changes never reaches another's.
    assert newest.form.fields["nation"] is not oldest_german.form.fields["nation"]
    newest.form.fields["q"].widget.attrs["autofocus"] = True
    newest.form.fields["lang"].error_messages["invalid_choice"] = "Not that one."
    again = QuoteFilter({"lang": "xx"}, queryset=published)
    assert "autofocus" not in again.form.fields["q"].widget.attrs
    assert "Not that one." not in str(again.errors)
    assert oldest_german.filters["sort"] is not newest.filters["sort"]


def test_with_no_topic_chosen_the_stance_menu_shows_labels(client):
    make_quote(stance=make_stance(value="no-position", label="No position", position=9))
    make_quote(stance=make_stance(value="opposed", label="Opposed", position=4))
    other = make_stance(
        value="opposed", label="Against", topic=make_topic(slug="sanctions", name="Sanctions")
    )
    make_quote(stance=other)
    response = quotes_page(client)
    assertContains(response, '<option value="no-position">No position</option>', html=True)
    assertContains(response, '<option value="opposed">Opposed / Against</option>', html=True)
    assertNotContains(response, ">no-position<")

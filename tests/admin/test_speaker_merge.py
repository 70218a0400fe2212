"""A chief editor finds two records of one person, “Olaf Scholz” and “O. Scholz”, and merges the
second into the first: its quotes and roles move, its name stays as an alias, its old URLs lead
to the kept record, the history says who merged what, a published quote is corrected in public
with its words unchanged, and no page shows what it showed before. Editors cannot merge, and
a merge that cannot be made is refused with the reason."""

import datetime

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from pytest_django.asserts import assertContains, assertNotContains, assertRedirects

from tests.helpers import (
    make_nation,
    make_quote,
    make_role,
    make_source,
    make_speaker,
    make_translation,
)
from tracker.models import Correction, Quote, Speaker, Subscription

pytestmark = pytest.mark.django_db

WORDS = "Germany will not send troops without the Americans."


@pytest.fixture
def scholz():
    germany = make_nation(code="de", name="Germany")
    target = make_speaker(name="Olaf Scholz", slug="olaf-scholz", nation=germany)
    make_role(
        speaker=target,
        title="Chancellor of Germany",
        nation=germany,
        started_on=datetime.date(2021, 12, 8),
    )
    make_quote(speaker=target, text="We are ready to talk.")
    return target


@pytest.fixture
def duplicate():
    """The second record of the same man, entered from another article under another name."""
    speaker = make_speaker(name="O. Scholz", slug="o-scholz", aliases="Scholz, Olaf")
    make_role(
        speaker=speaker,
        title="Finance minister",
        started_on=datetime.date(2018, 3, 14),
        ended_on=datetime.date(2021, 12, 7),
    )
    published = make_quote(speaker=speaker, text=WORDS, source=make_source(title="Paris talks"))
    make_translation(published, language="de", text="Deutschland schickt keine Truppen.")
    make_quote(speaker=speaker, text="A draft not yet checked.", status=Quote.Status.DRAFT)
    return speaker


def merge_page(merged, target=None):
    page = reverse("admin:tracker_speaker_merge", args=[merged.pk])
    return f"{page}?into={target.pk}" if target else page


def signed_in(user):
    client = Client()
    client.force_login(user)
    return client


def confirm(client, merged, target):
    """Open the confirmation page, then post it back as the chief editor's browser would."""
    page = client.get(merge_page(merged, target))
    assert page.status_code == 200
    form = {
        "into": target.pk,
        "merged_revision": page.context["merge"].merged.revision,
        "target_revision": page.context["merge"].target.revision,
    }
    return client.post(merge_page(merged), form)


def test_the_confirmation_page_shows_what_will_move(chief_editor, scholz, duplicate):
    Subscription.objects.create(email="reader@example.org", query="speaker=o-scholz")
    page = signed_in(chief_editor).get(merge_page(duplicate, scholz))
    assertContains(page, "1 published quote, each corrected in public")
    assertContains(page, "1 other quote (drafts")
    assertContains(page, "1 role<")
    assertContains(page, "2 names kept as aliases of “Olaf Scholz”: O. Scholz, Scholz, Olaf")
    assertContains(page, "1 translation and 0 attribution links")
    assertContains(page, "1 reader' alert following “O. Scholz”")
    # Nothing has moved yet.
    assert duplicate.quotes.count() == 2
    assert Speaker.objects.get(pk=duplicate.pk).merged_into is None


def test_chief_editor_merges_and_quotes_roles_and_names_move(chief_editor, scholz, duplicate):
    response = confirm(signed_in(chief_editor), duplicate, scholz)
    assertRedirects(response, reverse("admin:tracker_speaker_change", args=[scholz.pk]))

    assert set(scholz.quotes.values_list("text", flat=True)) == {
        "We are ready to talk.",
        WORDS,
        "A draft not yet checked.",
    }
    assert set(scholz.roles.values_list("title", flat=True)) == {
        "Chancellor of Germany",
        "Finance minister",
    }
    assert set(scholz.alias_names()) == {"O. Scholz", "Scholz, Olaf"}
    # Kept, not deleted: the record its old URLs lead from, holding nothing.
    duplicate.refresh_from_db()
    assert duplicate.merged_into == scholz
    assert not duplicate.quotes.exists() and not duplicate.roles.exists()
    assert not duplicate.aliases.exists()


def test_the_old_name_finds_the_kept_speaker(client, chief_editor, scholz, duplicate):
    confirm(signed_in(chief_editor), duplicate, scholz)
    found = client.get("/quotes/", {"speaker": "O. Scholz"})
    assertContains(found, WORDS)
    assertContains(found, "We are ready to talk.")


def test_old_page_feed_and_api_urls_redirect_permanently(client, chief_editor, scholz, duplicate):
    confirm(signed_in(chief_editor), duplicate, scholz)
    for old, new in [
        ("/people/o-scholz/", "/people/olaf-scholz/"),
        ("/people/o-scholz/feed.atom", "/people/olaf-scholz/feed.atom"),
        ("/api/speakers/o-scholz/", "/api/speakers/olaf-scholz/"),
    ]:
        response = client.get(old)
        assert (response.status_code, response["Location"]) == (301, new)
        assert client.get(new).status_code == 200
    # A URL that never named a speaker is still not found.
    assert client.get("/people/no-one/").status_code == 404
    assert client.get("/people/no-one/feed.atom").status_code == 404
    assert client.get("/api/speakers/no-one/").status_code == 404


def test_the_merged_record_leaves_every_public_list(client, chief_editor, scholz, duplicate):
    for address in ["/people/", "/sitemap-people.xml", "/api/speakers/"]:
        assertContains(client.get(address), "o-scholz")
    confirm(signed_in(chief_editor), duplicate, scholz)
    for address in ["/people/", "/sitemap-people.xml", "/api/speakers/", "/quotes/?q=troops"]:
        response = client.get(address)
        assertContains(response, "olaf-scholz")
        assertNotContains(response, "/o-scholz/")


def test_history_says_who_merged_what(chief_editor, scholz, duplicate):
    client = signed_in(chief_editor)
    confirm(client, duplicate, scholz)
    merged_from = "Speaker records merged: merged from “O. Scholz” (o-scholz)"
    kept_version = scholz.history.latest()
    assert kept_version.history_user == chief_editor
    assert kept_version.history_change_reason.startswith(merged_from)
    for quote in Quote.objects.filter(text__in=[WORDS, "A draft not yet checked."]):
        latest = quote.history.latest()
        assert latest.history_user == chief_editor
        assert merged_from in latest.history_change_reason
    merged_version = Speaker.objects.get(pk=duplicate.pk).history.latest()
    assert merged_version.history_change_reason == (
        "Speaker records merged: merged into “Olaf Scholz” (olaf-scholz)"
    )
    history = client.get(reverse("admin:tracker_speaker_history", args=[scholz.pk]))
    assertContains(history, "merged from “O. Scholz”")


def test_a_published_quote_is_corrected_in_public_with_the_same_words(
    client, chief_editor, scholz, duplicate
):
    quote = Quote.objects.get(text=WORDS)
    confirm(signed_in(chief_editor), duplicate, scholz)
    correction = Correction.objects.get(quote=quote)
    quote.refresh_from_db()
    assert correction.note.startswith("Speaker records merged:")
    # Said in 2025, when the record it was filed under held no role: the kept record's role
    # then, and the body it spoke for, are named now, and the correction says so.
    assert correction.changed == "speaker, role, body spoken for"
    assert (quote.role.title, quote.nation.name) == ("Chancellor of Germany", "Germany")
    assert correction.corrected_by == chief_editor
    # The citer's permalink works and shows the same words, now under the kept name.
    permalink = client.get(quote.get_absolute_url())
    assertContains(permalink, WORDS)
    assertContains(permalink, "Olaf Scholz")
    assertContains(permalink, "Speaker records merged")
    # The version they cited is kept as it was.
    assertContains(client.get(f"{quote.get_absolute_url()}v/1/"), WORDS)
    assertContains(client.get("/corrections/"), "Speaker records merged")
    # A draft is not published by the merge, nor corrected.
    draft = Quote.objects.get(text="A draft not yet checked.")
    assert draft.status == Quote.Status.DRAFT and not draft.corrections.exists()


def test_pages_show_the_merge_at_once(client, chief_editor, scholz, duplicate):
    quote = Quote.objects.get(text=WORDS)
    # An anonymous visitor reads (and so caches) the pages first.
    assertNotContains(client.get("/people/olaf-scholz/"), WORDS)
    assertContains(client.get("/people/o-scholz/"), WORDS)
    assertContains(client.get(quote.get_absolute_url()), "O. Scholz")
    assertContains(client.get("/people/olaf-scholz/feed.atom"), "We are ready to talk.")

    confirm(signed_in(chief_editor), duplicate, scholz)

    kept_page = client.get("/people/olaf-scholz/")
    assertContains(kept_page, WORDS)
    assertContains(kept_page, "Finance minister")
    assert client.get("/people/o-scholz/").status_code == 301
    permalink = client.get(quote.get_absolute_url())
    assertContains(permalink, "/people/olaf-scholz/")
    assertNotContains(permalink, "/people/o-scholz/")
    assertContains(client.get("/people/olaf-scholz/feed.atom"), WORDS)


def count_queries(client, address):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(address, headers={"Cache-Control": "no-cache"})
    assert response.status_code == 200
    return len(queries)


def test_the_person_page_takes_as_many_queries_after_a_merge(
    client, without_page_cache, chief_editor, scholz, duplicate
):
    before = count_queries(client, "/people/olaf-scholz/")
    confirm(signed_in(chief_editor), duplicate, scholz)
    assert count_queries(client, "/people/olaf-scholz/") == before


def test_readers_alerts_follow_the_kept_speaker(chief_editor, scholz, duplicate):
    following = Subscription.objects.create(email="a@example.org", query="speaker=o-scholz")
    both = Subscription.objects.create(email="b@example.org", query="speaker=o-scholz")
    Subscription.objects.create(email="b@example.org", query="speaker=olaf-scholz")
    confirm(signed_in(chief_editor), duplicate, scholz)
    following.refresh_from_db()
    assert following.query == "speaker=olaf-scholz"
    # One who followed both records follows the one left, once.
    assert list(Subscription.objects.filter(email="b@example.org").values_list("query")) == [
        ("speaker=olaf-scholz",)
    ]
    assert not Subscription.objects.filter(pk=both.pk).exists()


def test_the_list_action_asks_which_record_to_keep(chief_editor, scholz, duplicate):
    client = signed_in(chief_editor)
    changelist = reverse("admin:tracker_speaker_changelist")
    chosen = {"action": "merge_two", "_selected_action": [scholz.pk, duplicate.pk]}
    page = client.post(changelist, chosen)
    assertContains(page, "Which record do you keep?")
    assertContains(page, merge_page(duplicate, scholz).replace("&", "&amp;"))
    assertContains(page, merge_page(scholz, duplicate).replace("&", "&amp;"))

    one = client.post(changelist, {**chosen, "_selected_action": [scholz.pk]}, follow=True)
    assertContains(one, "Choose exactly two records of the same person")


def test_the_change_page_offers_the_merge_to_chief_editors_only(editor, chief_editor, scholz):
    change_page = reverse("admin:tracker_speaker_change", args=[scholz.pk])
    assertContains(signed_in(chief_editor).get(change_page), "Merge into another record…")
    assertNotContains(signed_in(editor).get(change_page), "Merge into another record…")


def test_an_editor_cannot_merge(editor, scholz, duplicate):
    client = signed_in(editor)
    assert client.get(merge_page(duplicate, scholz)).status_code == 403
    form = {"into": scholz.pk, "merged_revision": 1, "target_revision": 1}
    assert client.post(merge_page(duplicate), form).status_code == 403
    changelist = reverse("admin:tracker_speaker_changelist")
    client.post(changelist, {"action": "merge_two", "_selected_action": [scholz.pk, duplicate.pk]})
    assert duplicate.quotes.count() == 2
    assert Speaker.objects.get(pk=duplicate.pk).merged_into is None


def test_merging_a_speaker_into_itself_is_refused(chief_editor, scholz):
    page = signed_in(chief_editor).get(merge_page(scholz, scholz))
    assertContains(page, "A speaker cannot be merged into itself")
    assert "merge" not in page.context


def test_merging_into_an_already_merged_speaker_is_refused(chief_editor, scholz, duplicate):
    client = signed_in(chief_editor)
    confirm(client, duplicate, scholz)
    third = make_speaker(name="Olaf Scholz (SPD)")
    page = client.get(merge_page(third, duplicate))
    assertContains(page, "“O. Scholz” was merged into “Olaf Scholz” already")
    response = client.post(
        merge_page(third), {"into": duplicate.pk, "merged_revision": 1, "target_revision": 2}
    )
    assertContains(response, "merged into “Olaf Scholz” already")
    assert Speaker.objects.get(pk=third.pk).merged_into is None


def test_a_merge_after_someone_edited_either_record_is_refused(
    chief_editor, editor, scholz, duplicate
):
    client = signed_in(chief_editor)
    page = client.get(merge_page(duplicate, scholz))
    # Someone renames the kept record while the chief editor reads the confirmation page.
    scholz.description = "Chancellor until May 2025."
    scholz._history_user = editor
    scholz.save()
    response = client.post(
        merge_page(duplicate),
        {
            "into": scholz.pk,
            "merged_revision": page.context["merge"].merged.revision,
            "target_revision": page.context["merge"].target.revision,
        },
    )
    assertContains(response, "was saved again after you opened it")
    assert duplicate.quotes.count() == 2
    assert Speaker.objects.get(pk=duplicate.pk).merged_into is None


def test_a_merged_speaker_is_not_offered_for_new_quotes(chief_editor, scholz, duplicate):
    client = signed_in(chief_editor)
    confirm(client, duplicate, scholz)
    found = client.get(
        reverse("admin:autocomplete"),
        {"term": "Scholz", "app_label": "tracker", "model_name": "quote", "field_name": "speaker"},
    )
    assert [result["text"] for result in found.json()["results"]] == ["Olaf Scholz"]


def test_the_merged_record_is_kept_read_only(chief_editor, scholz, duplicate):
    client = signed_in(chief_editor)
    confirm(client, duplicate, scholz)
    page = client.get(reverse("admin:tracker_speaker_change", args=[duplicate.pk]))
    assertContains(page, "Merged into “Olaf Scholz”")
    assertNotContains(page, 'name="_save"')
    delete_page = reverse("admin:tracker_speaker_delete", args=[duplicate.pk])
    assert client.post(delete_page, {"post": "yes"}).status_code == 403
    assert Speaker.objects.filter(pk=duplicate.pk).exists()


def test_a_merge_page_of_no_speaker_is_not_found(chief_editor, scholz):
    client = signed_in(chief_editor)
    assert client.get("/admin/tracker/speaker/nobody/merge/").status_code == 404
    assertContains(client.get(f"{merge_page(scholz)}?into=nobody"), "Select a valid choice")

"""The editors' desk: what waits for each editor on the admin's index, a source's quotes in
the order of its article with its drafts sent for review from there, a quote list that says
what matters, and actions offered only where they apply."""

import datetime

import pytest
from django.urls import reverse
from pytest_django.asserts import assertContains, assertNotContains

from tests.admin.pages import QUOTE_LIST, listed, quote_page, run_action, source_page
from tests.helpers import make_editor, make_quote, make_source, make_speaker
from tracker.models import Quote

pytestmark = pytest.mark.django_db

INDEX = reverse("admin:index")
LONG_WORDS = (
    "We are ready to put British troops on the ground in Ukraine if a lasting peace agreement "
    "is reached between the parties"
)


def entered_by(user, *quotes):
    """As if `user` had entered the quotes in the admin (the first version is theirs)."""
    for quote in quotes:
        quote.history.filter(history_type="+").update(history_user=user)
    return quotes


def desk_links(response):
    return {link["label"]: (link["count"], link["url"]) for link in response.context["desk"]}


def test_chief_editor_sees_how_many_quotes_wait_for_review_linked_to_them(client, chief_editor):
    client.force_login(chief_editor)
    waiting = [make_quote(status=Quote.Status.REVIEW, text=f"Waiting {n}.") for n in range(2)]
    make_quote(status=Quote.Status.DRAFT, text="Not yet sent.")
    response = client.get(INDEX)
    assertContains(response, "Waiting for review (2)")
    _count, url = desk_links(response)["Waiting for review"]
    assertContains(response, f'href="{url.replace("&", "&amp;")}"')
    assert listed(client.get(url)) == {quote.text for quote in waiting}


def test_editor_sees_their_own_drafts_counted_and_linked(client, editor):
    client.force_login(editor)
    mine = entered_by(editor, make_quote(status=Quote.Status.DRAFT, text="My draft."))
    entered_by(editor, make_quote(status=Quote.Status.REVIEW, text="Mine, sent already."))
    entered_by(make_editor(), make_quote(status=Quote.Status.DRAFT, text="Someone else's."))
    response = client.get(INDEX)
    assertContains(response, "My drafts (1)")
    # Reviewing is a chief editor's work: an editor is not shown the queue.
    assertNotContains(response, "Waiting for review")
    _count, url = desk_links(response)["My drafts"]
    assert listed(client.get(url)) == {quote.text for quote in mine}


def test_source_page_lists_its_quotes_in_the_order_of_the_article(client, editor):
    client.force_login(editor)
    source = make_source()
    # Entered in the article's order; the dates said would order them otherwise.
    first = make_quote(source=source, text=LONG_WORDS, said_on=datetime.date(2025, 2, 1))
    second = make_quote(source=source, status=Quote.Status.DRAFT, said_on=datetime.date(2025, 2, 9))
    third = make_quote(source=source, status=Quote.Status.REVIEW, said_on=datetime.date(2025, 2, 5))
    response = client.get(source_page(source))
    quotes, _new = response.context["inline_admin_formsets"]
    assert [form.instance for form in quotes.formset.initial_forms] == [first, second, third]
    # A row each, the words cut at a word boundary, never mid-word.
    assertContains(
        response, "We are ready to put British troops on the ground in Ukraine if a\u2026"
    )
    assertNotContains(response, LONG_WORDS)
    for heading in ["Words", "Speaker", "Kind", "Said on", "Status"]:
        assertContains(response, heading)


def test_a_new_quote_on_the_source_page_is_dated_as_the_article_unless_changed(client, editor):
    client.force_login(editor)
    source = make_source(published_on=datetime.date(2025, 2, 17))
    response = client.get(source_page(source))
    _quotes, new = response.context["inline_admin_formsets"]
    [row] = new.formset.extra_forms
    assert row["said_on"].value() == datetime.date(2025, 2, 17)
    assertContains(response, 'value="2025-02-17"')


def test_editor_sends_a_sources_drafts_for_review_from_its_page(client, editor):
    client.force_login(editor)
    source = make_source()
    drafts = [make_quote(source=source, status=Quote.Status.DRAFT) for _ in range(2)]
    published = make_quote(source=source)
    other_source_draft = make_quote(status=Quote.Status.DRAFT)
    page = client.get(source_page(source))
    assertContains(page, '<option value="send_drafts_for_review">')
    response = client.post(
        source_page(source),
        {"CHANGE_FORM-action": "send_drafts_for_review", "_selected_action": source.pk},
        follow=True,
    )
    assertContains(response, "2 quotes sent for review.")
    assert {Quote.objects.get(pk=d.pk).status for d in drafts} == {Quote.Status.REVIEW}
    assert drafts[0].history.latest().history_user == editor
    published.refresh_from_db()
    other_source_draft.refresh_from_db()
    assert published.status == Quote.Status.PUBLISHED
    assert other_source_draft.status == Quote.Status.DRAFT
    # Sent again, there is nothing left to send.
    again = client.post(
        source_page(source),
        {"CHANGE_FORM-action": "send_drafts_for_review", "_selected_action": source.pk},
        follow=True,
    )
    assertContains(again, "This source has no drafts to send for review.")


def test_quote_list_filters_by_source_and_says_which(client, editor):
    client.force_login(editor)
    source = make_source(title="A force for Ukraine")
    make_quote(source=source, text="From the article.")
    make_quote(text="From elsewhere.")
    response = client.get(QUOTE_LIST, {"source__id__exact": source.pk})
    assert listed(response) == {"From the article."}
    assertContains(response, "A force for Ukraine")
    # The source's page links to its quotes in the list.
    assertContains(client.get(source_page(source)), f"?source__id__exact={source.pk}")
    # A value that is no source's id lists nothing, and answers no error.
    assert listed(client.get(QUOTE_LIST, {"source__id__exact": "nonsense"})) == set()


def test_quote_list_shows_words_cut_at_a_word_boundary_and_what_matters(client, editor):
    client.force_login(editor)
    quote = make_quote(text=LONG_WORDS, speaker=make_speaker(name="Keir Starmer"))
    response = client.get(QUOTE_LIST)
    assertContains(
        response, "We are ready to put British troops on the ground in Ukraine if a\u2026"
    )
    assertNotContains(response, LONG_WORDS[:60] + "<")
    for column in ["speaker_name", "said", "source_name", "status", "key"]:
        assertContains(response, f"column-{column}")
    assertContains(response, quote.key)
    assertContains(response, "Keir Starmer")


def test_correction_reason_follows_the_words_on_a_published_quote(client, chief_editor):
    client.force_login(chief_editor)
    quote = make_quote()
    response = client.get(quote_page(quote))
    (_name, options), *others = response.context["adminform"].fieldsets
    fields = list(options["fields"])
    assert fields[fields.index("text") + 1] == "correction_reason"
    assert all("correction_reason" not in o["fields"] for _, o in others)


def test_quotes_in_review_are_not_offered_send_for_review(client, editor):
    client.force_login(editor)
    in_review = make_quote(status=Quote.Status.REVIEW)
    draft = make_quote(status=Quote.Status.DRAFT)
    assertNotContains(
        client.get(QUOTE_LIST, {"status__exact": "review"}), 'value="send_for_review"'
    )
    assertContains(client.get(QUOTE_LIST, {"status__exact": "draft"}), 'value="send_for_review"')
    assertNotContains(client.get(quote_page(in_review)), 'value="send_for_review"')
    assertContains(client.get(quote_page(draft)), 'value="send_for_review"')


def test_sending_a_mixed_selection_for_review_names_those_left_as_they_are(client, editor):
    client.force_login(editor)
    draft = make_quote(status=Quote.Status.DRAFT)
    in_review = make_quote(status=Quote.Status.REVIEW)
    published = make_quote()
    response = run_action(client, "send_for_review", [draft, in_review, published])
    assertContains(response, "1 quote sent for review.")
    assertContains(response, "Only drafts are sent for review; left as they are: ")
    assertContains(response, f"{in_review.key} (ready for review)")
    assertContains(response, f"{published.key} (published)")
    published.refresh_from_db()
    assert published.status == Quote.Status.PUBLISHED


def test_published_records_offer_no_delete(client, chief_editor):
    client.force_login(chief_editor)
    published = make_quote()
    draft = make_quote(status=Quote.Status.DRAFT)
    delete_link = reverse("admin:tracker_quote_delete", args=[published.pk])
    assertNotContains(client.get(quote_page(published)), delete_link)
    assertContains(
        client.get(quote_page(draft)), reverse("admin:tracker_quote_delete", args=[draft.pk])
    )
    assertNotContains(
        client.get(QUOTE_LIST, {"status__exact": "published"}), 'value="delete_selected"'
    )
    # Nor the page of the source readers saw it in.
    source_delete = reverse("admin:tracker_source_delete", args=[published.source.pk])
    assertNotContains(client.get(source_page(published.source)), source_delete)
    assertContains(
        client.get(source_page(draft.source)),
        reverse("admin:tracker_source_delete", args=[draft.source.pk]),
    )


def test_retracted_quote_page_offers_only_what_applies(client, chief_editor):
    client.force_login(chief_editor)
    retracted = make_quote(status=Quote.Status.RETRACTED)
    page = client.get(quote_page(retracted))
    assertContains(page, 'value="withdraw"')
    for action in ["send_for_review", "publish", "retract"]:
        assertNotContains(page, f'value="{action}"')

"""An editor adds a nation or a question without waiting, as a proposal: readers see nothing of
it, and quotes filed against it stay drafts, until a chief editor confirms it in the review
queue. Speakers, outlets, sources and events an editor adds are the archive's at once."""

import datetime

import pytest
from django.urls import reverse
from pytest_django.asserts import assertContains, assertNotContains

from tests.admin.pages import QUOTE_LIST, posted_back, run_action
from tests.helpers import make_quote, make_source, make_speaker, make_stance, make_topic
from tracker.models import Event, Nation, Outlet, PendingChange, Quote, Source, Speaker, Topic

pytestmark = pytest.mark.django_db

REVIEW_QUEUE = reverse("admin:tracker_pendingchange_changelist")


def add(client, model, inline_rows=0, **fields):
    """Post `model`'s admin add form as the browser would, with `fields` filled in."""
    url = reverse(f"admin:tracker_{model}_add")
    page = client.get(url)
    assert page.status_code == 200
    data = posted_back(page, **fields)
    for inline in page.context["inline_admin_formsets"]:
        data[f"{inline.formset.prefix}-TOTAL_FORMS"] = inline_rows
    return client.post(url, data, follow=True)


def approve(client, pending):
    return client.post(
        REVIEW_QUEUE, {"action": "approve", "_selected_action": [pending.pk]}, follow=True
    )


def propose_denmark(client):
    response = add(client, "nation", code="dk", name="Denmark", is_nato_member="on")
    assertContains(response, "waits for a chief editor to confirm it")
    return Nation.objects.get(code="dk")


def file_draft(client, **fields):
    """An editor enters a quote against a proposed nation or topic: it is saved, as a draft."""
    fields = {
        "text": "Denmark is ready to contribute.",
        "kind": Quote.Kind.DIRECT,
        "language": "en",
        "said_on": "2025-02-17",
        "said_on_precision": Quote.Precision.DAY,
        "source": make_source().pk,
        **fields,
    }
    response = add(client, "quote", **fields)
    assert response.redirect_chain, response.context["adminform"].form.errors
    # The editor is told at once that it stays a draft.
    assertContains(response, "proposed and not yet confirmed by a chief editor")
    return Quote.objects.get(text=fields["text"])


def test_editor_proposes_a_nation_a_chief_editor_confirms(client, editor, chief_editor):
    client.force_login(editor)
    denmark = propose_denmark(client)
    assert not denmark.is_confirmed
    (pending,) = PendingChange.objects.waiting()
    assert pending.record == denmark and pending.proposed_by == editor
    queue = client.get(REVIEW_QUEUE)
    assertContains(queue, "New nation proposed: approve to show it to readers")

    # The editor files a statement against it at once, as a draft.
    frederiksen = make_speaker(name="Mette Frederiksen")
    draft = file_draft(client, speaker=frederiksen.pk, nation=denmark.pk, stance=make_stance().pk)
    assert draft.status == Quote.Status.DRAFT and draft.nation == denmark

    # A chief editor cannot publish it before confirming the nation, and is told why.
    client.force_login(chief_editor)
    response = run_action(client, "publish", [draft])
    assertContains(response, "An editor proposed the nation “Denmark”, not yet confirmed")
    draft.refresh_from_db()
    assert draft.status == Quote.Status.DRAFT

    response = approve(client, pending)
    assertContains(response, "1 change(s) approved.")
    denmark.refresh_from_db()
    assert denmark.is_confirmed
    run_action(client, "publish", [draft])
    draft.refresh_from_db()
    assert draft.status == Quote.Status.PUBLISHED

    client.logout()
    assertContains(client.get("/nations/dk/"), "Mette Frederiksen")
    assertContains(client.get("/quotes/"), 'value="dk"')


def test_a_proposed_nation_is_shown_to_no_reader(client, editor):
    client.force_login(editor)
    denmark = propose_denmark(client)
    # Even if a published quote's speaker is said to belong to it.
    make_quote(speaker=make_speaker(name="Lars Løkke Rasmussen", nation=denmark))
    client.logout()
    assert client.get("/nations/dk/").status_code == 404
    assert client.get("/nations/dk/feed.atom").status_code == 404
    assert client.get("/api/nations/dk/").status_code == 404
    assertNotContains(client.get("/quotes/"), 'value="dk"')
    assertNotContains(client.get("/nations/"), "Denmark")
    assertNotContains(client.get("/sitemap-nations.xml"), "/nations/dk/")


def test_editor_proposes_a_question_readers_see_once_confirmed(client, editor, chief_editor):
    make_quote()  # a confirmed question with a published quote
    methodology = client.get("/methodology/")  # cached, for an anonymous visitor
    assertNotContains(methodology, "Greenland")

    client.force_login(editor)
    response = add(
        client,
        "topic",
        inline_rows=1,
        name="Greenland",
        slug="greenland",
        question="Should Greenland's future be decided by Greenlanders alone?",
        **{"stances-0-value": "yes", "stances-0-label": "Yes", "stances-0-position": 1},
    )
    assertContains(response, "The topic “Greenland” waits for a chief editor to confirm it")
    greenland = Topic.objects.get(slug="greenland")
    assert not greenland.is_confirmed
    assert [s.value for s in greenland.stances.all()] == ["yes"]
    draft = file_draft(
        client,
        text="Greenland is not for sale.",
        speaker=make_speaker(name="Múte Egede").pk,
        stance=greenland.stances.get().pk,
    )

    client.logout()
    assert client.get("/topics/greenland/").status_code == 404
    assert client.get("/topics/greenland/feed.atom").status_code == 404
    assert client.get("/api/topics/greenland/").status_code == 404
    assertNotContains(client.get("/quotes/"), 'value="greenland"')
    assertNotContains(client.get("/methodology/"), "Greenland")

    client.force_login(chief_editor)
    response = run_action(client, "publish", [draft])
    assertContains(response, "An editor proposed the topic “Greenland”, not yet confirmed")
    approve(client, PendingChange.objects.waiting().get())
    run_action(client, "publish", [draft])
    draft.refresh_from_db()
    assert draft.status == Quote.Status.PUBLISHED

    client.logout()
    assertContains(client.get("/methodology/"), "Greenland")  # the cached page is stale
    assertContains(client.get("/topics/greenland/"), "Greenland is not for sale.")
    assertContains(client.get("/quotes/"), 'value="greenland"')


def test_a_chief_editors_nation_and_topic_are_confirmed_at_once(client, chief_editor):
    client.force_login(chief_editor)
    response = add(client, "nation", code="dk", name="Denmark")
    assertNotContains(response, "waits for a chief editor")
    add(client, "topic", name="Greenland", slug="greenland", question="Whose is Greenland?")
    assert Nation.objects.get(code="dk").is_confirmed
    assert Topic.objects.get(slug="greenland").is_confirmed
    assert not PendingChange.objects.exists()


def test_an_editor_cannot_confirm_or_change_a_proposal(client, editor):
    client.force_login(editor)
    denmark = propose_denmark(client)
    pending = PendingChange.objects.get()
    response = approve(client, pending)
    assertNotContains(response, "approved.")
    denmark.refresh_from_db()
    assert not denmark.is_confirmed
    change_page = client.get(reverse("admin:tracker_nation_change", args=[denmark.pk]))
    assert change_page.status_code == 200  # to read, not to change
    assertNotContains(change_page, 'name="name"')


def test_editor_adds_speakers_outlets_sources_and_events_without_waiting(client, editor):
    client.force_login(editor)
    add(client, "speaker", name="Mette Frederiksen", slug="mette-frederiksen")
    add(client, "outlet", name="Politiken", slug="politiken", home_url="https://politiken.dk/")
    outlet = Outlet.objects.get(slug="politiken")
    add(client, "source", outlet=outlet.pk, title="Frederiksen on Ukraine")
    add(
        client,
        "event",
        name="Paris meeting",
        slug="paris-meeting",
        happened_on="2025-02-17",
    )
    assert Speaker.objects.filter(slug="mette-frederiksen").exists()
    assert Source.objects.filter(title="Frederiksen on Ukraine", outlet=outlet).exists()
    assert Event.objects.get(slug="paris-meeting").happened_on == datetime.date(2025, 2, 17)
    assert not PendingChange.objects.exists()
    assert client.get(QUOTE_LIST).status_code == 200


def test_a_confirmed_topic_stays_the_home_pages_question(client, editor):
    featured = make_topic()
    make_quote()
    client.force_login(editor)
    add(client, "topic", name="Greenland", slug="greenland", question="Whose is Greenland?")
    assert Topic.objects.featured() == featured

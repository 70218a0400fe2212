"""An editor's change to what a published quote shows waits for a chief editor; a chief's change
to a source's URL is told on the source's page."""

import pytest
from django.core.exceptions import PermissionDenied
from django.test import Client
from django.urls import reverse
from pytest_django.asserts import assertContains, assertNotContains

from tests.admin.pages import posted_back, source_page
from tests.helpers import make_quote, make_role, make_source, make_speaker
from tracker.models import PendingChange, Quote

pytestmark = pytest.mark.django_db

PENDING_LIST = reverse("admin:tracker_pendingchange_changelist")


def speaker_page(speaker):
    return reverse("admin:tracker_speaker_change", args=[speaker.pk])


def decide(client, action):
    pending = PendingChange.objects.waiting()
    data = {"action": action, "_selected_action": [change.pk for change in pending]}
    return client.post(PENDING_LIST, data, follow=True)


def test_editor_renames_a_speaker_and_readers_see_it_only_once_a_chief_approves(
    client, editor, chief_editor
):
    quote = make_quote(speaker=make_speaker(name="Olaf Schulz"))
    reader = Client()
    assertContains(reader.get(quote.get_absolute_url()), "Olaf Schulz")  # now cached

    client.force_login(editor)
    page = client.get(speaker_page(quote.speaker))
    saved = client.post(
        speaker_page(quote.speaker), posted_back(page, name="Olaf Scholz"), follow=True
    )
    assertContains(saved, "waits for a chief editor")
    permalink = reader.get(quote.get_absolute_url())
    assertContains(permalink, "Olaf Schulz")
    assertNotContains(permalink, "Olaf Scholz")

    # Another editor cannot approve it.
    assertNotContains(client.get(PENDING_LIST), "Approve: readers see the change")
    with pytest.raises(PermissionDenied):
        PendingChange.objects.get().approve(by=editor)

    client.force_login(chief_editor)
    listed = client.get(PENDING_LIST)
    assertContains(listed, "“Olaf Schulz” → “Olaf Scholz”")
    assertContains(decide(client, "approve"), "1 change(s) approved.")
    permalink = reader.get(quote.get_absolute_url())
    assertContains(permalink, "Olaf Scholz")
    assertNotContains(permalink, "Olaf Schulz")
    change = PendingChange.objects.get()
    assert (change.status, change.decided_by) == (PendingChange.Status.APPROVED, chief_editor)


def test_editor_changes_a_source_url_and_the_page_tells_readers_once_approved(
    client, editor, chief_editor
):
    quote = make_quote(source=make_source(url="https://news.example/report"))
    source, reader = quote.source, Client()
    assertContains(reader.get(source.get_absolute_url()), "https://news.example/report")

    client.force_login(editor)
    page = client.get(source_page(source))
    client.post(source_page(source), posted_back(page, url="https://phish.example/login"))
    public = reader.get(source.get_absolute_url())
    assertNotContains(public, "phish.example")
    assertNotContains(public, "Address changed")

    client.force_login(chief_editor)
    decide(client, "approve")
    public = reader.get(source.get_absolute_url())
    assertContains(public, '<a href="https://phish.example/login">')
    assertContains(public, "Address changed")
    assertContains(public, "it was https://news.example/report")


def test_a_rejected_change_never_shows(client, editor, chief_editor):
    quote = make_quote(speaker=make_speaker(name="Olaf Schulz"))
    client.force_login(editor)
    page = client.get(speaker_page(quote.speaker))
    client.post(speaker_page(quote.speaker), posted_back(page, name="Someone Else"))
    client.force_login(chief_editor)
    assertContains(decide(client, "reject"), "1 change(s) rejected.")
    assertContains(Client().get(quote.get_absolute_url()), "Olaf Schulz")
    quote.speaker.refresh_from_db()
    assert quote.speaker.name == "Olaf Schulz"


def test_a_role_title_changed_on_its_speakers_page_waits_too(client, editor):
    role = make_role(title="Chancellor")
    quote = make_quote(speaker=role.speaker, role=role)
    client.force_login(editor)
    page = client.get(speaker_page(role.speaker))
    client.post(
        speaker_page(role.speaker),
        posted_back(page, **{"roles-0-title": "Former chancellor", "description": "Checked."}),
    )
    role.refresh_from_db()
    role.speaker.refresh_from_db()
    assert role.title == "Chancellor"
    assert role.speaker.description == "Checked."  # what readers do not see beside a quote
    assert PendingChange.objects.get().changes == {"title": "Former chancellor"}
    assertContains(Client().get(quote.get_absolute_url()), "Chancellor")


def test_records_no_published_quote_shows_stay_freely_editable(client, editor):
    draft = make_quote(status=Quote.Status.DRAFT, speaker=make_speaker(name="Draft Name"))
    client.force_login(editor)
    page = client.get(speaker_page(draft.speaker))
    client.post(speaker_page(draft.speaker), posted_back(page, name="Right Name"))
    draft.speaker.refresh_from_db()
    assert draft.speaker.name == "Right Name"
    assert not PendingChange.objects.exists()


def test_a_chief_editors_rename_shows_at_once(client, chief_editor):
    quote = make_quote(speaker=make_speaker(name="Olaf Schulz"))
    client.force_login(chief_editor)
    page = client.get(speaker_page(quote.speaker))
    client.post(speaker_page(quote.speaker), posted_back(page, name="Olaf Scholz"))
    assertContains(Client().get(quote.get_absolute_url()), "Olaf Scholz")
    assert not PendingChange.objects.exists()


def test_a_change_overtaken_by_a_chiefs_edit_is_not_approved(client, editor, chief_editor):
    quote = make_quote(speaker=make_speaker(name="Olaf Schulz"))
    client.force_login(editor)
    page = client.get(speaker_page(quote.speaker))
    client.post(speaker_page(quote.speaker), posted_back(page, name="Olaf Scholtz"))
    speaker = quote.speaker
    speaker.refresh_from_db()
    speaker.name = "Olaf Scholz"
    speaker.save()
    client.force_login(chief_editor)
    assertContains(decide(client, "approve"), "changed since this was proposed")
    speaker.refresh_from_db()
    assert speaker.name == "Olaf Scholz"
    assert PendingChange.objects.get().status == PendingChange.Status.WAITING

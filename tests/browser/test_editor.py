"""An editor's story in the admin, in a real browser: the quote page's choices of a record
(Django's autocomplete and its links) work with Django's scripts."""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from tests.helpers import make_quote, make_speaker, make_user
from tracker.models import Quote

# serialized_rollback: flushing would otherwise take the editorial groups the migrations made.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def test_editor_chooses_another_speaker_for_a_draft_and_saves_it(live_server, page):
    # A superuser: the editorial groups, made by a migration, are gone after another browser
    # test's flush, and this story is about the page's scripts, not who may use it.
    make_user(username="chief", password="correct horse battery staple", is_superuser=True)
    scholz = make_speaker(name="Olaf Scholz")
    tusk = make_speaker(name="Donald Tusk")
    draft = make_quote(speaker=scholz, status=Quote.Status.DRAFT, text="Words as said.")

    page.goto(f"{live_server.url}{reverse('admin:tracker_quote_change', args=[draft.pk])}")
    page.get_by_label("Username").fill("chief")
    page.get_by_label("Password").fill("correct horse battery staple")
    page.get_by_role("button", name="Log in").click()

    # The chosen speaker, named from the quote as it was read, in Django's autocomplete.
    chosen = page.locator("#select2-id_speaker-container")
    expect(chosen).to_have_text("Olaf Scholz")
    change_link = page.locator("#change_id_speaker")
    expect(change_link).to_have_attribute(
        "href",
        f"/admin/tracker/speaker/{scholz.pk}/change/?_to_field=id&_popup=1&_source_model=tracker.quote",
    )

    chosen.click()
    page.locator(".select2-search__field").fill("Tusk")
    page.get_by_role("option", name="Donald Tusk").click()
    expect(chosen).to_have_text("Donald Tusk")
    # Django's script points the related links at the newly chosen record.
    expect(change_link).to_have_attribute(
        "href",
        f"/admin/tracker/speaker/{tusk.pk}/change/?_to_field=id&_popup=1&_source_model=tracker.quote",
    )

    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.locator(".messagelist")).to_contain_text("was changed successfully")
    draft.refresh_from_db()
    assert draft.speaker == tusk
    assert draft.text == "Words as said."

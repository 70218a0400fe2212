"""The quote change form: what it shows for each status, what it offers to choose from, what
it refuses, and what it costs."""

import pytest
from django.contrib.admin.widgets import AutocompleteSelect
from pytest_django.asserts import (
    assertContains,
    assertNotContains,
)

from tests.admin.pages import (
    posted_back,
    quote_page,
)
from tests.helpers import (
    make_nation,
    make_outlet,
    make_quote,
    make_role,
    make_source,
    make_speaker,
    make_stance,
)
from tracker.admin.forms import ChosenAutocompleteSelect
from tracker.models import Quote

pytestmark = pytest.mark.django_db


def test_a_quote_page_shows_the_status_fields_its_status_has(client, chief_editor):
    client.force_login(chief_editor)
    draft = make_quote(status=Quote.Status.DRAFT)
    published = make_quote()
    retracted = make_quote()
    retracted.retract(reason="The minister never said this.", by=chief_editor)

    draft_page = client.get(quote_page(draft))
    assertContains(draft_page, "field-status")
    assertNotContains(draft_page, "field-published_at")
    assertNotContains(draft_page, "field-retraction_reason")

    published_page = client.get(quote_page(published))
    assertContains(published_page, "field-published_at")
    assertNotContains(published_page, "field-retracted_at")
    assertNotContains(published_page, "field-retraction_reason")
    assertNotContains(published_page, "field-replaced_by")

    retracted_page = client.get(quote_page(retracted))
    assertContains(retracted_page, "field-published_at")
    assertContains(retracted_page, "field-retracted_at")
    assertContains(retracted_page, "The minister never said this.")
    assertContains(retracted_page, "field-replaced_by")


def test_figures_of_a_published_quote_are_read_only(client, chief_editor):
    client.force_login(chief_editor)
    quote = make_quote()
    quote.figures.create(amount=10000, unit="troops")
    response = client.get(quote_page(quote))
    assertContains(response, "troops")
    assertNotContains(response, 'name="figures-0-amount"')


def test_figures_are_offered_on_a_draft_and_not_shown_empty_on_a_published_quote(
    client, chief_editor
):
    client.force_login(chief_editor)
    assertContains(
        client.get(quote_page(make_quote(status=Quote.Status.DRAFT))), "figures-TOTAL_FORMS"
    )
    published = client.get(quote_page(make_quote()))
    assert published.status_code == 200
    assertNotContains(published, "figures-TOTAL_FORMS")


def test_editing_a_draft_asks_no_correction_reason(client, chief_editor):
    client.force_login(chief_editor)
    draft = make_quote(status=Quote.Status.DRAFT)
    page = client.get(quote_page(draft))
    assertNotContains(page, "Reason for the correction")
    assert client.post(quote_page(draft), posted_back(page, text="New words.")).status_code == 302


def test_the_nations_and_stances_offered_follow_every_change_to_them(client, chief_editor):
    client.force_login(chief_editor)
    quote = make_quote(nation=make_nation(), stance=make_stance())
    first = client.get(quote_page(quote))
    assertContains(first, f'<option value="{quote.nation_id}" selected>Germany</option>', html=True)
    assertNotContains(first, "Moldova")

    moldova = make_nation(code="md", name="Moldova", is_eu_member=False, is_nato_member=False)
    make_stance(value="undecided", label="Undecided", position=2)
    again = client.get(quote_page(quote))
    assertContains(again, f'<option value="{moldova.pk}">Moldova</option>', html=True)
    assertContains(again, "Troops for Ukraine: Undecided")

    moldova.name = "Republic of Moldova"
    moldova.save()
    assertContains(client.get(quote_page(quote)), "Republic of Moldova")

    # Another quote's page: its own nation chosen, not the first one's.
    other = make_quote(nation=moldova, stance=quote.stance)
    assertContains(
        client.get(quote_page(other)),
        f'<option value="{moldova.pk}" selected>Republic of Moldova</option>',
        html=True,
    )


def test_quote_page_makes_a_fixed_number_of_queries(
    client, chief_editor, django_assert_num_queries
):
    client.force_login(chief_editor)
    quote = make_quote(role=make_role(), first_reported_in=make_source())
    quote.figures.create(amount=10000, unit="troops")
    client.get(quote_page(quote))
    # Session, user, its permissions (2); the quote with every record it points to and what
    # names each (its speaker, a role's speaker, a source's outlet) and whether it has
    # figures; its translations; its figures, its attribution chain (with what each link names)
    # and its edits; the nations and the stances (with their questions) to choose from. The
    # speaker, role, sources and links' records are named as they were read (ChosenRecordsForm).
    with django_assert_num_queries(11):
        client.get(quote_page(quote))


def test_quote_page_names_the_chosen_records_as_django_would(client, chief_editor):
    client.force_login(chief_editor)
    role = make_role(speaker=make_speaker(name="Kaja Kallas"))
    quote = make_quote(
        speaker=role.speaker,
        role=role,
        source=make_source(title="Europe weighs a force", outlet=make_outlet(name="The Post")),
    )
    page = client.get(quote_page(quote))
    form = page.context["adminform"].form
    for name in ["speaker", "role", "source", "event"]:
        chosen = form[name].field.widget.widget
        assert isinstance(chosen, ChosenAutocompleteSelect)
        # Django's own widget reads the chosen record from the database.
        stock = AutocompleteSelect(chosen.field, chosen.admin_site, choices=chosen.choices)
        stock.is_required = chosen.is_required
        value = form[name].value()
        assert chosen.render(name, value) == stock.render(name, value), name
    assert f'<option value="{role.pk}" selected>{role}</option>' in page.text
    assert "Kaja Kallas" in str(role)
    assert "The Post: Europe weighs a force</option>" in page.text


def test_a_refused_edit_shows_the_speaker_the_editor_chose_not_the_saved_one(client, chief_editor):
    client.force_login(chief_editor)
    draft = make_quote(status=Quote.Status.DRAFT, speaker=make_speaker(name="Saved Speaker"))
    chosen = make_speaker(name="Newly Chosen")
    page = client.get(quote_page(draft))
    refused = client.post(quote_page(draft), posted_back(page, speaker=chosen.pk, text=""))
    assert refused.status_code == 200
    assert "This field is required" in refused.text
    assert f'<option value="{chosen.pk}" selected>Newly Chosen</option>' in refused.text
    assert "Saved Speaker</option>" not in refused.text


def test_an_edit_posted_without_the_revision_its_page_showed_is_refused(client, chief_editor):
    client.force_login(chief_editor)
    draft = make_quote(status=Quote.Status.DRAFT, text="First words.")
    data = posted_back(client.get(quote_page(draft)), text="Other words.")
    del data["loaded_revision"]
    refused = client.post(quote_page(draft), data)
    assertContains(refused, "This page is out of date: open it again, then make your changes.")
    draft.refresh_from_db()
    assert draft.text == "First words."

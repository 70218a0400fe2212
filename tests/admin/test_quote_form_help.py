"""What the quote form tells an editor before saving: the chosen speaker's roles with their
dates, words the archive already holds for that speaker, and no key until the quote has one."""

import datetime

import pytest
from django.urls import reverse
from pytest_django.asserts import assertContains, assertNotContains

from tests.admin.pages import posted_back, quote_page
from tests.helpers import make_quote, make_role, make_source, make_speaker, make_stance
from tracker.models import Quote

pytestmark = pytest.mark.django_db

QUOTE_ADD = reverse("admin:tracker_quote_add")


def role_choices(client, **forwarded):
    response = client.get(
        reverse("admin:autocomplete"),
        {"term": "", "app_label": "tracker", "model_name": "quote", "field_name": "role"}
        | forwarded,
    )
    assert response.status_code == 200
    return [result["text"] for result in response.json()["results"]]


def test_role_autocomplete_offers_only_the_chosen_speakers_roles_with_dates(client, editor):
    client.force_login(editor)
    scholz = make_speaker(name="Olaf Scholz")
    make_role(
        speaker=scholz,
        title="Chancellor of Germany",
        started_on=datetime.date(2021, 12, 8),
        ended_on=datetime.date(2025, 5, 6),
    )
    make_role(speaker=scholz, title="Finance minister", started_on=datetime.date(2018, 3, 14))
    make_role(speaker=make_speaker(name="Friedrich Merz"), title="Chancellor of Germany")

    assert sorted(role_choices(client, speaker=scholz.pk)) == [
        "Chancellor of Germany (Olaf Scholz, 8 Dec 2021 to 6 May 2025)",
        "Finance minister (Olaf Scholz, since 14 Mar 2018)",
    ]
    # No speaker chosen yet: no role to choose.
    assert role_choices(client, speaker="") == []
    assert role_choices(client, speaker="not a number") == []
    # Typed words narrow the chosen speaker's roles, never reach another's.
    assert role_choices(client, speaker=scholz.pk, term="chancellor") == [
        "Chancellor of Germany (Olaf Scholz, 8 Dec 2021 to 6 May 2025)"
    ]


def test_quote_form_loads_the_role_autocomplete_script(client, editor):
    client.force_login(editor)
    # The source page's rows of new quotes have no role: it is filled from the speaker's roles.
    assertContains(client.get(QUOTE_ADD), "tracker/js/role_autocomplete.js")


def test_add_form_shows_no_key_until_the_quote_is_saved(client, editor):
    client.force_login(editor)
    response = client.get(QUOTE_ADD)
    assertNotContains(response, "field-key")
    assertNotContains(response, "Key:")
    quote = make_quote(status=Quote.Status.DRAFT)
    assertContains(client.get(quote_page(quote)), quote.key)


def enter(client, speaker, text, **fields):
    page = client.get(QUOTE_ADD)
    data = posted_back(
        page,
        text=text,
        kind=Quote.Kind.DIRECT,
        language="en",
        speaker=speaker.pk,
        said_on="2025-03-02",
        said_on_precision=Quote.Precision.DAY,
        source=make_source().pk,
        stance=make_stance().pk,
        **fields,
    )
    return client.post(QUOTE_ADD, data)


@pytest.mark.parametrize(
    "typed",
    [
        "We will not send troops to Ukraine.",  # exactly
        "We will not send troops to Ukraine",  # nearly: the full stop left out
        "we will not send our troops to Ukraine.",  # nearly: a word more, another case
    ],
)
def test_words_already_archived_for_the_speaker_warn_and_link_the_quote(client, editor, typed):
    client.force_login(editor)
    scholz = make_speaker(name="Olaf Scholz")
    archived = make_quote(speaker=scholz, text="We will not send troops to Ukraine.")

    response = enter(client, scholz, typed)

    assert response.status_code == 200  # the form again, nothing saved
    assertContains(response, "These words are already in the archive for Olaf Scholz")
    assertContains(response, f'<a href="{quote_page(archived)}">{archived.key}')
    assert Quote.objects.count() == 1

    # The speaker said it again: the editor says so, and it is saved.
    response = enter(client, scholz, typed, save_anyway="on")
    assert response.status_code == 302
    assert Quote.objects.count() == 2
    assert Quote.objects.exclude(pk=archived.pk).get().text == typed


def test_other_words_or_another_speakers_words_save_without_a_warning(client, editor):
    client.force_login(editor)
    scholz = make_speaker(name="Olaf Scholz")
    make_quote(speaker=scholz, text="We will not send troops to Ukraine.")
    response = enter(client, scholz, "Germany will double its support for air defence.")
    assert response.status_code == 302
    response = enter(client, make_speaker(), "We will not send troops to Ukraine.")
    assert response.status_code == 302


def test_editing_an_archived_quotes_other_fields_does_not_warn_of_itself(client, editor):
    client.force_login(editor)
    scholz = make_speaker(name="Olaf Scholz")
    make_quote(speaker=scholz, text="We will not send troops to Ukraine.")
    twice = make_quote(
        speaker=scholz, text="We will not send troops to Ukraine.", status=Quote.Status.DRAFT
    )
    page = client.get(quote_page(twice))
    response = client.post(quote_page(twice), posted_back(page, context="At a press conference."))
    assert response.status_code == 302
    twice.refresh_from_db()
    assert twice.context == "At a press conference."


def test_words_already_archived_warn_on_the_source_page_too(client, editor):
    client.force_login(editor)
    scholz = make_speaker(name="Olaf Scholz")
    archived = make_quote(speaker=scholz, text="We will not send troops to Ukraine.")
    url = reverse("admin:tracker_source_add")
    page = client.get(url)
    [drafts] = page.context["inline_admin_formsets"]
    prefix = drafts.formset.prefix
    data = posted_back(
        page,
        outlet=archived.source.outlet.pk,
        title="Scholz in Munich",
        **{
            f"{prefix}-TOTAL_FORMS": 1,
            f"{prefix}-0-text": "We will not send troops to Ukraine",
            f"{prefix}-0-kind": Quote.Kind.DIRECT,
            f"{prefix}-0-language": "en",
            f"{prefix}-0-speaker": scholz.pk,
            f"{prefix}-0-said_on": "2025-02-16",
            f"{prefix}-0-said_on_precision": Quote.Precision.DAY,
            f"{prefix}-0-stance": archived.stance.pk,
        },
    )
    response = client.post(url, data)
    assertContains(response, "These words are already in the archive for Olaf Scholz")
    assertContains(response, quote_page(archived))
    assert Quote.objects.count() == 1
    data[f"{prefix}-0-save_anyway"] = "on"
    assert client.post(url, data).status_code == 302
    assert Quote.objects.count() == 2

"""An editor links a statement to the one it answers, chosen by autocomplete; the admin refuses
a link readers could not follow and warns of one worth a second look."""

import datetime

import pytest
from django.urls import reverse
from pytest_django.asserts import assertContains

from tests.admin.pages import posted_back, quote_page
from tests.helpers import make_quote, make_speaker
from tracker.models import Quote

pytestmark = pytest.mark.django_db


@pytest.fixture
def proposal():
    return make_quote(
        speaker=make_speaker(name="Emmanuel Macron"),
        text="Europe must be ready to send troops.",
        said_on=datetime.date(2025, 2, 17),
    )


def link(client, quote, answered, **changes):
    page = client.get(quote_page(quote))
    return client.post(
        quote_page(quote),
        posted_back(page, responds_to=answered.pk if answered else "", **changes),
        follow=True,
    )


def test_an_editor_finds_the_answered_statement_by_autocomplete_and_links_it(
    client, editor, proposal
):
    client.force_login(editor)
    reply = make_quote(status=Quote.Status.DRAFT, said_on=datetime.date(2025, 2, 18))
    page = client.get(quote_page(reply))
    assertContains(page, "The exchange")
    assert "admin-autocomplete" in str(page.context["adminform"].form["responds_to"])
    found = client.get(
        reverse("admin:autocomplete"),
        {
            "app_label": "tracker",
            "model_name": "quote",
            "field_name": "responds_to",
            "term": "troops",
        },
    ).json()["results"]
    assert [result["id"] for result in found] == [str(proposal.pk)]

    response = link(client, reply, proposal)
    assert response.status_code == 200
    reply.refresh_from_db()
    assert reply.responds_to == proposal
    assert not [m for m in response.context["messages"] if m.level_tag == "warning"]


def test_a_statement_cannot_answer_itself_or_a_retracted_one(client, chief_editor, proposal):
    client.force_login(chief_editor)
    draft = make_quote(status=Quote.Status.DRAFT)
    refused = link(client, draft, draft)
    assertContains(refused, "A statement cannot answer itself.")

    proposal.retract(reason="Misattributed.", by=chief_editor)
    refused = link(client, draft, proposal)
    assertContains(refused, "This statement was retracted: a response cannot answer it.")
    draft.refresh_from_db()
    assert draft.responds_to is None


def test_a_reply_dated_before_what_it_answers_is_saved_with_a_warning(client, editor, proposal):
    client.force_login(editor)
    reply = make_quote(status=Quote.Status.DRAFT, said_on=datetime.date(2025, 2, 1))
    response = link(client, reply, proposal)
    reply.refresh_from_db()
    assert reply.responds_to == proposal
    (warning,) = [str(m) for m in response.context["messages"] if m.level_tag == "warning"]
    assert warning == (
        f"{reply.key} is dated 1 Feb 2025, before the statement it answers (17 Feb 2025): "
        "check both dates."
    )


def test_linking_a_published_statement_is_a_public_correction(client, chief_editor, proposal):
    client.force_login(chief_editor)
    reply = make_quote(said_on=datetime.date(2025, 2, 18))
    refused = link(client, reply, proposal)
    assertContains(refused, "Say why the published quote is corrected.")
    reply.refresh_from_db()
    assert reply.responds_to is None

    link(client, reply, proposal, correction_reason="It answered Macron's proposal.")
    reply.refresh_from_db()
    assert reply.responds_to == proposal
    (correction,) = reply.corrections.all()
    assert (correction.changed, correction.note) == (
        "statement it answers",
        "It answered Macron's proposal.",
    )

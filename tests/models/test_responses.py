"""What a response may answer: another statement, never itself, never a retracted one."""

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from tests.helpers import make_quote
from tracker.models import Quote

pytestmark = pytest.mark.django_db


def test_the_database_refuses_a_statement_answering_itself():
    quote = make_quote()
    with pytest.raises(IntegrityError), transaction.atomic():
        Quote.objects.filter(pk=quote.pk).update(responds_to=quote)


def test_a_response_cannot_answer_a_retracted_statement():
    retracted = make_quote(status=Quote.Status.RETRACTED)
    reply = make_quote(status=Quote.Status.DRAFT)
    reply.responds_to = retracted
    with pytest.raises(ValidationError) as error:
        reply.full_clean()
    assert error.value.message_dict["responds_to"] == [
        "This statement was retracted: a response cannot answer it."
    ]


def test_a_response_made_before_its_statement_was_retracted_can_still_be_edited(chief_editor):
    proposal = make_quote()
    reply = make_quote(status=Quote.Status.DRAFT, responds_to=proposal)
    proposal.retract(reason="Misattributed.", by=chief_editor)
    reply.refresh_from_db()
    reply.text = "Corrected words."
    reply.full_clean()  # the link stands; no new link to a retracted statement is made

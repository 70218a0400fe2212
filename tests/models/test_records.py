"""The records themselves: a speaker's role on the day, a nation taken from it, a date shown as
precisely as it is known, and the rules the database enforces."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from tests.helpers import (
    make_intermediary,
    make_nation,
    make_outlet,
    make_quote,
    make_role,
    make_source,
    make_speaker,
    make_stance,
)
from tracker.models import AttributionLink, Quote

pytestmark = pytest.mark.django_db


def test_role_at_the_time_of_a_quote_is_the_one_held_that_day():
    scholz = make_speaker(name="Olaf Scholz", slug="olaf-scholz")
    make_role(
        speaker=scholz,
        title="Minister of Finance",
        started_on=datetime.date(2018, 3, 14),
        ended_on=datetime.date(2021, 12, 8),
    )
    chancellor = make_role(
        speaker=scholz,
        title="Chancellor of Germany",
        started_on=datetime.date(2021, 12, 8),
        ended_on=datetime.date(2025, 5, 6),
    )
    make_role(speaker=scholz, title="Member of the Bundestag", started_on=datetime.date(2025, 5, 6))
    quote = make_quote(speaker=scholz, said_on=datetime.date(2025, 2, 17))
    assert quote.role == chancellor
    assert scholz.role_on(datetime.date(2019, 1, 1)).title == "Minister of Finance"
    assert scholz.role_on(datetime.date(2025, 6, 1)).title == "Member of the Bundestag"


def test_quote_with_a_role_the_speaker_did_not_hold_that_day_is_invalid():
    role = make_role(started_on=datetime.date(2024, 1, 1), ended_on=datetime.date(2024, 12, 31))
    quote = make_quote(speaker=role.speaker, said_on=datetime.date(2025, 2, 17))
    quote.role = role
    with pytest.raises(ValidationError) as error:
        quote.full_clean()
    assert "role" in error.value.message_dict


def test_role_of_another_speaker_is_invalid():
    quote = make_quote()
    quote.role = make_role()
    with pytest.raises(ValidationError) as error:
        quote.full_clean()
    assert "another speaker" in str(error.value)


def test_nation_is_taken_from_the_role_when_left_empty():
    france = make_nation(code="fr", name="France")
    role = make_role(nation=france)
    quote = make_quote(speaker=role.speaker)
    assert quote.nation == france


@pytest.mark.parametrize(
    ("precision", "said_on", "shown"),
    [
        (Quote.Precision.DAY, datetime.date(2025, 2, 17), "17 Feb 2025"),
        (Quote.Precision.MONTH, datetime.date(2025, 2, 1), "February 2025"),
        (Quote.Precision.APPROXIMATE, datetime.date(2025, 2, 12), "about mid-February 2025"),
        (Quote.Precision.APPROXIMATE, datetime.date(2025, 2, 3), "about early-February 2025"),
    ],
)
def test_the_date_is_shown_as_precisely_as_it_is_known(precision, said_on, shown):
    quote = make_quote(said_on=said_on, said_on_precision=precision)
    assert quote.said_on_display == shown


def test_the_database_refuses_a_blank_quote():
    with pytest.raises(IntegrityError), transaction.atomic():
        make_quote(text="")


def test_the_database_refuses_a_retraction_without_a_reason():
    with pytest.raises(IntegrityError), transaction.atomic():
        make_quote(status=Quote.Status.RETRACTED, retraction_reason="")


def test_the_database_refuses_a_read_in_link_the_quotes_source_is_where_we_read_it():
    with pytest.raises(IntegrityError), transaction.atomic():
        make_quote(chain=[("read_in", {"source": make_source()})])


@pytest.mark.parametrize("targets", [{}, {"outlet": True, "intermediary": True}])
def test_the_database_refuses_a_chain_link_naming_no_or_two_things(targets):
    made = {"outlet": make_outlet, "intermediary": make_intermediary}
    with pytest.raises(IntegrityError), transaction.atomic():
        make_quote(chain=[("citing", {name: made[name]() for name in targets})])


def test_a_link_to_the_quotes_own_source_is_refused():
    quote = make_quote()
    link = AttributionLink(quote=quote, relation="reported_by", source=quote.source)
    with pytest.raises(ValidationError, match="where we read it"):
        link.full_clean()


def test_quotes_created_in_bulk_get_their_latest_possible_day():
    speaker, source, stance = make_speaker(), make_source(), make_stance()
    fields = {"speaker": speaker, "source": source, "stance": stance}
    Quote.objects.bulk_create(
        [
            Quote(text="A day.", said_on=datetime.date(2025, 2, 17), **fields),
            Quote(
                text="A month.",
                said_on=datetime.date(2025, 2, 1),
                said_on_precision=Quote.Precision.MONTH,
                **fields,
            ),
        ]
    )
    latest = dict(Quote.objects.values_list("text", "said_on_latest"))
    assert latest == {
        "A day.": datetime.date(2025, 2, 17),
        "A month.": datetime.date(2025, 2, 28),
    }

"""Which changes to a published quote are public corrections follows from one rule: every field
is, unless it is named as the record's own workings. A new field cannot slip past it."""

import pytest
from django.db import models
from django.test.utils import isolate_apps

from tests.helpers import make_quote
from tracker.models import Quote

pytestmark = pytest.mark.django_db


def test_every_field_is_either_corrected_or_named_as_the_records_workings():
    names = {field.name for field in Quote._meta.concrete_fields}
    correctable = Quote.correctable_fields()
    corrected = {f.name for f in Quote._meta.concrete_fields if f.attname in correctable}
    assert names >= Quote.NOT_CORRECTED, "a name in NOT_CORRECTED is no field of Quote"
    assert corrected | Quote.NOT_CORRECTED == names
    assert {"text", "speaker", "said_on", "source", "stance"} <= corrected


@isolate_apps("tracker")
def test_a_field_added_to_quotes_needs_a_correction_unless_named():
    class QuoteWithPledge(Quote):
        pledge = models.CharField(max_length=100, blank=True)

        class Meta:
            app_label = "tracker"

    assert QuoteWithPledge.correctable_fields()["pledge"] == "pledge"


@pytest.mark.parametrize(
    ("field", "value", "label"),
    [
        ("text", "Other words.", "words"),
        ("context", "Said at a press conference.", "context"),
        ("spoken_language", "de", "language spoken"),
        ("kind", Quote.Kind.PARAPHRASE, "kind"),
    ],
)
def test_changing_a_published_quote_is_a_public_correction_naming_the_change(
    chief_editor, field, value, label
):
    quote = make_quote(text="We stand ready.")
    setattr(quote, field, value)
    correction = quote.correct(note="Checked against the recording.", by=chief_editor)
    assert correction.changed == label

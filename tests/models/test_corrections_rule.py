"""Which changes to a published quote are public corrections follows from one rule: every field
is, unless it is named as the record's own workings. A new field cannot slip past it."""

import pytest
from django.core.exceptions import ValidationError
from django.db import models
from django.test.utils import isolate_apps

from tests.helpers import make_outlet, make_quote
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
        ("said_on_note", "Inferred from the article's “on Sunday”.", "note on the date"),
        ("said_on_precision", Quote.Precision.APPROXIMATE, "date precision"),
    ],
)
def test_changing_a_published_quote_is_a_public_correction_naming_the_change(
    chief_editor, field, value, label
):
    quote = make_quote(text="We stand ready.")
    setattr(quote, field, value)
    correction = quote.correct(note="Checked against the recording.", by=chief_editor)
    assert correction.changed == label


def test_linking_a_published_quote_to_the_one_it_answers_is_a_public_correction(chief_editor):
    proposal = make_quote(text="Europe must be ready.")
    reply = make_quote(text="Premature.")
    reply.responds_to = proposal
    correction = reply.correct(note="It answered the proposal.", by=chief_editor)
    assert correction.changed == "statement it answers"


def test_a_published_quotes_chain_and_edits_change_only_as_a_named_correction(chief_editor):
    quote = make_quote(text="We stand ready.")
    quote.attribution_links.create(relation="reported_by", outlet=make_outlet(name="AFP"))
    quote.word_edits.create(kind="omitted", explanation="Words left out by AFP.")
    changed = [Quote.CORRECTED_RECORDS[name] for name in ("attribution_links", "word_edits")]
    correction = quote.correct(note="AFP's report added.", by=chief_editor, changed_records=changed)
    assert correction.changed == "attribution chain, edits to the words"
    # Nothing changed at all is still no correction.
    with pytest.raises(ValidationError, match="Nothing was changed"):
        quote.correct(note="Again.", by=chief_editor)

"""The stance grid, timelines, speaker lists and months are rebuilt when an editor publishes,
corrects or retracts, so that the next reader finds them ready; other aggregates stay cached."""

import datetime

import pytest

from tests.helpers import make_nation, make_quote, make_speaker, make_stance, make_topic
from tracker.models import Quote

pytestmark = pytest.mark.django_db


@pytest.fixture
def germany():
    return make_nation(code="de", name="Germany")


@pytest.fixture
def france():
    return make_nation(code="fr", name="France")


def publish(quote, by, callbacks):
    with callbacks(execute=True):
        quote.publish(by=by)


def test_publishing_rebuilds_what_the_quote_changes_before_a_reader_asks(
    germany, chief_editor, django_capture_on_commit_callbacks, django_assert_num_queries
):
    speaker = make_speaker(name="Olaf Scholz", nation=germany)
    open_, opposed = make_stance(value="open", label="Open"), make_stance(value="opposed")
    make_quote(nation=germany, speaker=speaker, stance=open_, said_on=datetime.date(2025, 1, 1))
    topic = make_topic()
    assert [row["label"] for row in germany.stance_changes()] == ["Open"]
    draft = make_quote(
        nation=germany,
        speaker=speaker,
        stance=opposed,
        said_on=datetime.date(2025, 2, 1),
        status=Quote.Status.REVIEW,
    )
    publish(draft, chief_editor, django_capture_on_commit_callbacks)
    with django_assert_num_queries(0):  # computed when the editor published
        assert [row["label"] for row in germany.stance_changes()] == ["Open", "Opposed"]
        assert [row["label"] for row in speaker.stance_changes()] == ["Open", "Opposed"]
        assert germany.speakers_heard() == [speaker]
        (row,) = topic.stance_grid()["rows"]
        assert [cell["count"] for cell in row["cells"]] == [1, 1]
        assert sum(month["count"] for month in Quote.objects.published().by_month()) == 2


def test_a_quote_from_france_leaves_germanys_timeline_cached(
    germany, france, chief_editor, django_capture_on_commit_callbacks, django_assert_num_queries
):
    make_quote(nation=germany, stance=make_stance(value="open", label="Open"))
    germany.stance_changes()
    germany.speakers_heard()
    publish(
        make_quote(nation=france, status=Quote.Status.REVIEW),
        chief_editor,
        django_capture_on_commit_callbacks,
    )
    with django_assert_num_queries(0):
        germany.stance_changes()
        germany.speakers_heard()


def test_a_corrected_word_leaves_the_aggregates_alone_a_new_date_does_not(
    germany, chief_editor, django_assert_num_queries
):
    quote = make_quote(nation=germany, said_on=datetime.date(2025, 1, 1))
    assert Quote.objects.published().by_month()[0]["month"] == datetime.date(2025, 1, 1)
    quote.text = "Corrected words."
    quote.correct(note="A typo.", by=chief_editor)
    with django_assert_num_queries(0):
        Quote.objects.published().by_month()
    quote.said_on = datetime.date(2025, 3, 4)
    quote.correct(note="The date was wrong.", by=chief_editor)
    assert Quote.objects.published().by_month()[0]["month"] == datetime.date(2025, 3, 1)


def test_retracting_takes_the_quote_out_of_every_aggregate(germany, chief_editor):
    speaker = make_speaker(nation=germany)
    quote = make_quote(nation=germany, speaker=speaker)
    assert germany.speakers_heard() == [speaker]
    assert len(make_topic().stance_grid()["rows"]) == 1
    quote.retract(reason="Misattributed.", by=chief_editor)
    assert germany.speakers_heard() == []
    assert make_topic().stance_grid()["rows"] == []
    assert Quote.objects.published().by_month() == []


def test_a_renamed_stance_shows_everywhere_at_once(germany):
    stance = make_stance(value="open", label="Open")
    make_quote(nation=germany, stance=stance)
    assert germany.stance_changes()[0]["label"] == "Open"
    stance.label = "Open to it"
    stance.save()
    assert germany.stance_changes()[0]["label"] == "Open to it"
    assert make_topic().stance_grid()["stances"][0].label == "Open to it"

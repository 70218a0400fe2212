"""The stance grid, timelines, speaker lists and months show every publication, correction and
retraction at once; what a change does not touch (another nation's timeline) stays cached."""

import datetime
import re

import pytest
from pytest_django.asserts import assertContains

from tests.helpers import make_quote, make_speaker, make_stance, make_topic
from tracker import aggregates
from tracker.models import Quote

pytestmark = pytest.mark.django_db


@pytest.fixture
def scholz(germany):
    """Olaf Scholz, open to it in January; his opposed statement of February is in review."""
    speaker = make_speaker(name="Olaf Scholz", nation=germany)
    open_, opposed = make_stance(value="open", label="Open"), make_stance(value="opposed")
    make_quote(nation=germany, speaker=speaker, stance=open_, said_on=datetime.date(2025, 1, 1))
    speaker.in_review = make_quote(
        nation=germany,
        speaker=speaker,
        stance=opposed,
        said_on=datetime.date(2025, 2, 1),
        status=Quote.Status.REVIEW,
    )
    return speaker


def publish(quote, by, callbacks):
    with callbacks(execute=True):
        quote.publish(by=by)


def test_publishing_shows_in_every_aggregate_the_quote_counts_in(
    germany, scholz, chief_editor, django_capture_on_commit_callbacks
):
    speaker, draft = scholz, scholz.in_review
    topic = make_topic()
    assert [row["label"] for row in aggregates.stance_changes(germany)] == ["Open"]
    publish(draft, chief_editor, django_capture_on_commit_callbacks)
    assert [row["label"] for row in aggregates.stance_changes(germany)] == ["Open", "Opposed"]
    assert [row["label"] for row in aggregates.stance_changes(speaker)] == ["Open", "Opposed"]
    assert aggregates.speakers_heard(germany, shown=40) == {"count": 1, "most_quoted": [speaker]}
    ((row,),) = [group["rows"] for group in aggregates.stance_grid(topic)["groups"]]
    assert [cell["count"] for cell in row["stances"]] == [1, 1]
    assert row["latest"] == draft
    assert sum(month["count"] for month in aggregates.quotes_by_month()) == 2


def test_a_quote_from_france_leaves_germanys_timeline_cached(
    germany, france, chief_editor, django_capture_on_commit_callbacks, django_assert_num_queries
):
    make_quote(nation=germany, stance=make_stance(value="open", label="Open"))
    in_review = make_quote(nation=france, status=Quote.Status.REVIEW)
    aggregates.stance_changes(germany)
    aggregates.speakers_heard(germany, shown=40)
    publish(in_review, chief_editor, django_capture_on_commit_callbacks)
    with django_assert_num_queries(0):
        aggregates.stance_changes(germany)
        aggregates.speakers_heard(germany, shown=40)


def test_a_corrected_word_leaves_the_aggregates_alone_a_new_date_does_not(
    germany, chief_editor, django_assert_num_queries
):
    quote = make_quote(nation=germany, said_on=datetime.date(2025, 1, 1))
    assert aggregates.quotes_by_month()[0]["month"] == datetime.date(2025, 1, 1)
    quote.text = "Corrected words."
    quote.correct(note="A typo.", by=chief_editor)
    with django_assert_num_queries(0):
        aggregates.quotes_by_month()
    quote.said_on = datetime.date(2025, 3, 4)
    quote.correct(note="The date was wrong.", by=chief_editor)
    assert aggregates.quotes_by_month()[0]["month"] == datetime.date(2025, 3, 1)


def test_retracting_takes_the_quote_out_of_every_aggregate(germany, chief_editor):
    speaker = make_speaker(nation=germany)
    quote = make_quote(nation=germany, speaker=speaker)
    assert aggregates.speakers_heard(germany, shown=40) == {"count": 1, "most_quoted": [speaker]}
    assert len(aggregates.stance_grid(make_topic())["groups"][0]["rows"]) == 1
    quote.retract(reason="Misattributed.", by=chief_editor)
    assert aggregates.speakers_heard(germany, shown=40) == {"count": 0, "most_quoted": []}
    assert aggregates.stance_grid(make_topic())["groups"] == []
    assert aggregates.quotes_by_month() == []


def test_a_renamed_stance_shows_everywhere_at_once(germany):
    stance = make_stance(value="open", label="Open")
    make_quote(nation=germany, stance=stance)
    assert aggregates.stance_changes(germany)[0]["label"] == "Open"
    stance.label = "Open to it"
    stance.save()
    assert aggregates.stance_changes(germany)[0]["label"] == "Open to it"
    assert aggregates.stance_grid(make_topic())["stances"][0].label == "Open to it"


# The pages render them: cached as rendered, rendered again when they change ----------------------------


def test_pages_render_again_the_aggregates_a_publication_changes(
    client, germany, scholz, chief_editor, django_capture_on_commit_callbacks
):
    speaker, draft = scholz, scholz.in_review
    topic = make_topic()
    grids = ["/", topic.get_absolute_url()]
    # The nation's page renders its timeline's table; the person's, a list.
    timelines = {
        germany.get_absolute_url(): "<td>Troops for Ukraine</td>",
        speaker.get_absolute_url(): "(Troops for Ukraine)",
    }
    for page in grids:
        assert latest_stances_in_grid(client.get(page)) == ["Open"]
    for page, change in timelines.items():
        assertContains(client.get(page), change, count=1)
    assertContains(client.get(germany.get_absolute_url()), "Olaf Scholz</a> (1)")

    publish(draft, chief_editor, django_capture_on_commit_callbacks)
    for page in grids:
        assert latest_stances_in_grid(client.get(page)) == ["Opposed"]
    for page, change in timelines.items():
        assertContains(client.get(page), change, count=2)
    assertContains(client.get(germany.get_absolute_url()), "Olaf Scholz</a> (2)")

    draft.retract(reason="Misattributed.", by=chief_editor)
    assert latest_stances_in_grid(client.get("/")) == ["Open"]
    assertContains(client.get(speaker.get_absolute_url()), "(Troops for Ukraine)", count=1)


def latest_stances_in_grid(response):
    """The latest stance of each row of the stance grid, in words, as a reader sees them."""
    grid = response.content.decode().partition('<table class="stance-grid">')[2]
    return re.findall(r'<td class="latest">\s*<span class="stance-badge[^"]*">([^<]+)<', grid)


def test_a_rendered_timeline_stays_cached_while_another_nation_publishes(
    client, germany, france, chief_editor, django_capture_on_commit_callbacks, monkeypatch
):
    # Made, and committed, before the page is rendered: a new speaker or stance changes the names
    # every aggregate shows.
    with django_capture_on_commit_callbacks(execute=True):
        stance, speaker = make_stance(value="open", label="Open"), make_speaker()
        make_quote(nation=germany, stance=stance, speaker=speaker)
        in_review = make_quote(
            nation=france, stance=stance, speaker=speaker, status=Quote.Status.REVIEW
        )
    client.get(germany.get_absolute_url())  # rendered, and cached
    publish(in_review, chief_editor, django_capture_on_commit_callbacks)

    def not_read(nation, **options):
        raise AssertionError("the cached fragment needs no aggregates")

    with monkeypatch.context() as patched:
        patched.setattr(aggregates, "stance_changes", not_read)
        patched.setattr(aggregates, "speakers_heard", not_read)
        # The archive changed: the page is rendered again, but not its timeline or speakers.
        assertContains(
            client.get(germany.get_absolute_url()), "<td>Troops for Ukraine</td>", count=1
        )

    publish(
        make_quote(
            nation=germany,
            stance=make_stance(value="opposed"),
            speaker=speaker,
            status=Quote.Status.REVIEW,
            said_on=datetime.date(2025, 3, 1),
        ),
        chief_editor,
        django_capture_on_commit_callbacks,
    )
    page = client.get(germany.get_absolute_url())
    assertContains(page, "<td>Troops for Ukraine</td>", count=2)

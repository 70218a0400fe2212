"""Migration 0021 moves today's quotes into attribution chains without loss, and gives each the
verification level its record supports."""

import datetime

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [("tracker", "0019_pending_changes")]
AFTER = [("tracker", "0025_attribution_chains_edits_verification")]


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.migrate(targets)
    return MigrationExecutor(connection).loader.project_state(targets).apps


# serialized_rollback: flushing would otherwise take the editorial groups the migrations made.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_first_reports_become_reported_by_links_and_levels_follow_the_data():
    old = migrate(BEFORE)
    try:
        outlet = old.get_model("tracker", "Outlet").objects.create(name="The Post", slug="post")
        Source = old.get_model("tracker", "Source")
        article = Source.objects.create(key="aaaaaaaa", outlet=outlet, title="Read here")
        first = Source.objects.create(key="bbbbbbbb", outlet=outlet, title="First here")
        transcript = Source.objects.create(
            key="cccccccc", outlet=outlet, title="Transcript", kind="transcript"
        )
        speaker = old.get_model("tracker", "Speaker").objects.create(name="S", slug="s")
        topic = old.get_model("tracker", "Topic").objects.create(name="T", slug="t", question="?")
        stance = old.get_model("tracker", "Stance").objects.create(
            topic=topic, value="open", label="Open", position=1
        )
        Quote = old.get_model("tracker", "Quote")
        common = {"speaker": speaker, "stance": stance, "said_on": datetime.date(2025, 2, 17)}
        Quote.objects.create(
            key="q0000001", text="Relayed.", source=article, first_reported_in=first, **common
        )
        Quote.objects.create(key="q0000002", text="Recorded.", source=transcript, **common)
        Quote.objects.create(key="q0000003", text="Reported.", source=article, **common)

        new = migrate(AFTER)
        Quote = new.get_model("tracker", "Quote")
        relayed = Quote.objects.get(key="q0000001")
        (link,) = relayed.attribution_links.all()
        assert (link.relation, link.source_id, link.outlet_id) == ("reported_by", first.pk, None)
        assert relayed.source_id == article.pk
        assert relayed.verification == "second_hand"
        assert Quote.objects.get(key="q0000002").verification == "recording"
        reported = Quote.objects.get(key="q0000003")
        assert reported.verification == "first_hand"
        assert not reported.attribution_links.exists()

        # And back: the link is the first report again.
        old = migrate(BEFORE)
        assert (
            old.get_model("tracker", "Quote").objects.get(key="q0000001").first_reported_in_id
            == first.pk
        )
    finally:
        migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())

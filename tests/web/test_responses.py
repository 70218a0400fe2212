"""Responses: a statement that answers another. Both permalinks show the exchange, the API and
the CSV link the answered statement's permalink, and only published statements take part."""

import datetime
import json
import shutil
import subprocess

import pytest
from lxml import html as lxml_html

from tests.api.helpers import get
from tests.helpers import make_quote, make_speaker
from tests.web.test_exports import read_csv
from tests.web.test_html_validity import VNU
from tracker.models import Quote

pytestmark = pytest.mark.django_db


@pytest.fixture
def exchange():
    """Macron proposes; Scholz answers him, later."""
    macron = make_speaker(name="Emmanuel Macron")
    scholz = make_speaker(name="Olaf Scholz")
    proposal = make_quote(
        speaker=macron,
        text="Europe must be ready to send troops.",
        said_on=datetime.date(2025, 2, 17),
    )
    answer = make_quote(
        speaker=scholz,
        text="That debate is completely premature.",
        said_on=datetime.date(2025, 2, 18),
        responds_to=proposal,
    )
    return proposal, answer


def exchange_on(client, quote):
    """What the permalink's exchange section says: {heading: [the lines under it]}."""
    response = client.get(quote.get_absolute_url())
    assert response.status_code == 200
    sections = lxml_html.fromstring(response.content).xpath(
        '//section[@aria-labelledby="exchange"]'
    )
    if not sections:
        return {}
    shown = {}
    for heading in sections[0].xpath("h3"):
        lines = heading.xpath("following-sibling::*[1]")[0]
        items = lines.xpath("li") or [lines]
        shown[heading.text_content()] = [" ".join(item.text_content().split()) for item in items]
    return shown


def test_a_reader_sees_the_exchange_on_both_permalinks(client, exchange):
    proposal, answer = exchange
    assert exchange_on(client, answer) == {
        "In response to": ["Emmanuel Macron, 17 Feb 2025: “Europe must be ready to send troops.”"]
    }
    assert exchange_on(client, proposal) == {
        "Responses": ["Olaf Scholz, 18 Feb 2025: “That debate is completely premature.”"]
    }
    html = client.get(proposal.get_absolute_url()).content.decode()
    assert f'href="{answer.get_absolute_url()}"' in html


def test_a_statement_nobody_answered_shows_no_exchange(client):
    assert exchange_on(client, make_quote()) == {}


def test_only_published_statements_take_part_in_the_exchange(client, chief_editor, exchange):
    proposal, answer = exchange
    make_quote(text="A draft reply.", responds_to=proposal, status=Quote.Status.DRAFT)
    assert exchange_on(client, proposal)["Responses"] == [
        "Olaf Scholz, 18 Feb 2025: “That debate is completely premature.”"
    ]
    assert "A draft reply" not in client.get(proposal.get_absolute_url()).content.decode()

    # A retracted statement leaves the exchange, on both sides.
    answer.retract(reason="Misquoted.", by=chief_editor)
    assert exchange_on(client, proposal) == {}
    proposal.retract(reason="Misattributed.", by=chief_editor)
    other_answer = make_quote(text="Another reply.", responds_to=proposal)
    assert exchange_on(client, other_answer) == {}


def test_a_cached_permalink_shows_a_response_once_it_is_published(client, chief_editor):
    proposal = make_quote(text="Europe must be ready to send troops.")
    assert exchange_on(client, proposal) == {}  # now cached
    reply = make_quote(
        text="That debate is premature.", responds_to=proposal, status=Quote.Status.DRAFT
    )
    assert exchange_on(client, proposal) == {}  # a draft changes nothing readers see
    reply.publish(by=chief_editor)
    assert list(exchange_on(client, proposal)) == ["Responses"]


def test_the_api_and_the_csv_link_the_answered_statements_permalink(client, exchange):
    proposal, answer = exchange
    permalink = f"http://testserver{proposal.get_absolute_url()}"
    assert get(client, f"/api/quotes/{answer.key}/")["responds_to"] == permalink
    assert get(client, f"/api/quotes/{proposal.key}/")["responds_to"] is None
    listed = {
        quote["key"]: quote["responds_to"] for quote in get(client, "/api/quotes/")["results"]
    }
    assert listed == {answer.key: permalink, proposal.key: None}
    rows = {row["key"]: row["responds_to"] for row in read_csv(client, "/quotes.csv")}
    assert rows == {answer.key: permalink, proposal.key: ""}


def test_cached_api_answers_follow_the_answered_statement_as_it_is_published_and_retracted(
    client, chief_editor
):
    proposal = make_quote(text="Europe must be ready.", status=Quote.Status.DRAFT)
    reply = make_quote(text="Premature.", responds_to=proposal)
    url = "/api/quotes/"

    def linked():
        return {quote["key"]: quote["responds_to"] for quote in get(client, url)["results"]}

    assert linked() == {reply.key: None}  # a draft's key is no reader's business; cached now
    proposal.publish(by=chief_editor)
    permalink = f"http://testserver{proposal.get_absolute_url()}"
    assert linked()[reply.key] == permalink
    proposal.retract(reason="Misattributed.", by=chief_editor)
    assert linked() == {reply.key: None}
    rows = read_csv(client, "/quotes.csv")
    assert [row["responds_to"] for row in rows] == [""]


def test_both_sides_of_an_exchange_are_valid_html(client, exchange, tmp_path):
    files = []
    for n, quote in enumerate(exchange):
        path = tmp_path / f"permalink{n}.html"
        path.write_bytes(client.get(quote.get_absolute_url()).content)
        files.append(str(path))
    result = subprocess.run(
        [shutil.which("java"), "-jar", str(VNU), "--format", "json", "--stdout", *files],
        capture_output=True,
        text=True,
        timeout=180,
    )
    messages = json.loads(result.stdout)["messages"]
    assert [m["message"] for m in messages if m["type"] == "error"] == []

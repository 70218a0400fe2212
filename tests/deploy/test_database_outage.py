"""PostgreSQL stopped under traffic, and started again: visitors get a branded 503 that says
when to come back, editors learn that their save did not happen, a CSV download that cannot
finish says so, and the site serves again by itself once the database is back.

On a PostgreSQL cluster of the tests' own, served by gunicorn (tests/deploy/conftest.py).
"""

import csv
import io
import threading
import time

import lxml.html

from bench.faults import Download
from tests.deploy.servers import Visitor, wait_for

# What a visitor may wait for an answer while the database is down.
BUDGET = 1.0


def uncached(n):
    """Public URLs no one has asked for yet: the page cache cannot answer them."""
    return [
        f"/quotes/?page={n % 50 + 2}&sort=oldest&said_after=2000-01-{n % 28 + 1:02}",
        f"/api/quotes/?said_after=2000-02-{n % 28 + 1:02}&kind=direct&lang=en&n={n}",
    ]


class Traffic:
    """Readers asking for pages one after another until stopped: what each got, and when."""

    def __init__(self, base_url):
        self.base_url, self.answers, self.stopped = base_url, [], threading.Event()
        self.thread = threading.Thread(target=self.run, daemon=True)

    def run(self):
        visitor, n = Visitor(), 0
        while not self.stopped.is_set():
            n += 1
            for path in uncached(n):
                started = time.monotonic()
                answer = visitor.get(self.base_url + path, timeout=10)
                self.answers.append((path, answer, time.monotonic() - started))

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc_info):
        self.stopped.set()
        self.thread.join(timeout=20)


def signed_in_editor(server, password):
    editor = Visitor()
    page = editor.get(server.url + "/admin/login/")
    form = lxml.html.fromstring(page.text).get_element_by_id("login-form").form_values()
    signed_in = editor.post(
        server.url + "/admin/login/?next=/admin/",
        [*form, ("username", "editor"), ("password", password)],
    )
    assert signed_in.status == 302, signed_in.text[:2000]
    return editor


def test_visitors_get_a_branded_503_while_the_database_is_down_and_pages_again_after(
    served_archive,
):
    cluster, server = served_archive.cluster, served_archive.server
    editor = signed_in_editor(server, served_archive.editor_password)
    change_page = editor.get(server.url + "/admin/tracker/speaker/1/change/")
    assert change_page.status == 200
    with Traffic(server.url) as traffic:
        time.sleep(1)
        cluster.stop()
        down_at = len(traffic.answers)
        time.sleep(2)
        assert Visitor().get(server.url + "/health/live").status == 200
        ready = Visitor().get(server.url + "/health/ready")
        assert (ready.status, '"database default": "failing"' in ready.text) == (503, True)
        # An editor saves while it is down: told the change was not saved.
        form = lxml.html.fromstring(change_page.text).get_element_by_id("speaker_form")
        saved = editor.post(
            server.url + "/admin/tracker/speaker/1/change/",
            [*form.form_values(), ("_save", "Save")],
        )
        assert saved.status == 503
        assert "Your change was not saved" in saved.text
        cluster.start()
        up_at = len(traffic.answers)
        wait_for(
            lambda: traffic.answers[-1][1].status == 200, within=10, what="the site to recover"
        )
        time.sleep(0.5)

    statuses = {answer.status for _, answer, _ in traffic.answers}
    assert 500 not in statuses
    assert statuses <= {200, 503}, statuses
    while_down = [(path, answer) for path, answer, _ in traffic.answers[down_at + 1 : up_at]]
    slow = [(path, took) for path, _, took in traffic.answers[down_at:up_at] if took > BUDGET]
    assert slow == []
    # Before and after, pages are rendered on a busy test machine: none waits for long.
    assert max(took for _, _, took in traffic.answers) < 5
    # While it is down, a visitor gets a 503, or a page the cache holds (or that was being
    # answered as it stopped, with the workers' several threads): never anything else.
    refused = [(path, answer) for path, answer in while_down if answer.status == 503]
    assert refused and all(answer.status in (200, 503) for _, answer in while_down), while_down
    for path, answer in refused:
        assert answer.headers["Retry-After"] == "30"
        if path.startswith("/api/"):
            assert answer.headers["Content-Type"] == "application/json"
            assert "cannot be read just now" in answer.text
        else:
            assert "<h1>Back in a moment</h1>" in answer.text
            assert 'class="site-header"' in answer.text  # the site's own page
    assert traffic.answers[-1][1].status == 200
    assert "Traceback" in server.log_text()  # each failure is still logged


def csv_and_last_line(body):
    """The rows of a downloaded CSV (the header first), and its last line, which is no row."""
    text = body.decode()  # whole characters only, or this fails
    assert text.endswith("\r\n")
    rest, _, last_line = text[:-2].rpartition("\r\n")
    return list(csv.reader(io.StringIO(rest + "\r\n"))), last_line


def test_a_csv_download_the_database_breaks_off_says_it_is_incomplete(served_archive):
    cluster, server = served_archive.cluster, served_archive.server
    whole = Download(server.port, "/quotes.csv")
    whole.run()
    assert whole.complete
    (header, *rows), last_line = csv_and_last_line(whole.body)
    assert last_line == f"# complete: {len(rows)} quotes"
    assert all(len(row) == len(header) for row in rows)

    broken = Download(server.port, "/quotes.csv", rate=2_000_000)
    reading = threading.Thread(target=broken.run)
    reading.start()
    wait_for(lambda: len(broken.body) > 100_000, within=10, what="the download to start")
    cluster.stop()
    reading.join(timeout=30)
    cluster.start()

    assert broken.status == 200
    assert not broken.complete  # the transfer itself is cut, as HTTP can tell
    (header, *received), last_line = csv_and_last_line(broken.body)
    assert last_line == (
        f"# incomplete: the export broke off after {len(received)} quotes; download it again"
    )
    assert 0 < len(received) < len(rows)
    assert received == rows[: len(received)]  # every row before it whole

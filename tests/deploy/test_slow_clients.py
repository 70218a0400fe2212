"""Slow readers cannot keep the others waiting: gunicorn's threaded workers (gunicorn.conf.py)
serve other readers while a few download a CSV slowly.

On the archive served by gunicorn for the deployment tests (tests/deploy/conftest.py): two
workers, as the issue found two sync workers held by two slow downloads.
"""

import threading
import time

from bench.faults import Download
from tests.deploy.servers import Visitor, wait_for

SLOW_RATE = 50_000  # bytes a second
# A reader kept waiting behind a download waits until it ends: minutes at this rate. On a busy
# test machine a page rendered afresh may take a second.
QUICKLY = 3


def test_slow_csv_readers_do_not_keep_other_readers_waiting(served_archive):
    server = served_archive.server
    slow = [Download(server.port, "/quotes.csv", rate=SLOW_RATE) for _ in range(3)]
    threads = [threading.Thread(target=download.run) for download in slow]
    for thread in threads:
        thread.start()
    try:
        wait_for(
            lambda: all(len(download.body) > 0 for download in slow),
            within=10,
            what="the slow downloads to start",
        )
        reader = Visitor()
        for n in range(6):
            started = time.monotonic()
            page = reader.get(f"{server.url}/quotes/?said_after=2001-01-{n + 1:02}", timeout=5)
            took = time.monotonic() - started
            assert page.status == 200
            assert took < QUICKLY, f"a reader waited {took:.1f} s behind slow downloads"
        # Still downloading, slowly: they held their connections all along.
        assert not any(download.complete for download in slow)
    finally:
        for download in slow:
            download.stopped.set()
        for thread in threads:
            thread.join(timeout=10)

"""Lighthouse, on an emulated phone, scores the pages most readers land on: the question (the home
page), the list of statements, a person and a permalink. They are served as in production
(DEBUG off, gunicorn, WhiteNoise's hashed and compressed static files) from the test database.
"""

import json
import os
import subprocess
import tempfile
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection

from tests.deploy.servers import AppServer, manage, production_env
from tests.public_pages import make_every_page

# serialized_rollback: flushing would otherwise take the editorial groups the migrations made.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

CHROMIUM = "/usr/bin/chromium"
LIGHTHOUSE = Path(settings.BASE_DIR) / "node_modules" / ".bin" / "lighthouse"
# The least score of each category, out of 100.
LEAST = {"performance": 95, "accessibility": 100, "best-practices": 100, "seo": 100}
PAGES = ["home", "list", "person", "permalink"]


def database_url():
    """The test database, as the app server's DATABASE_URL."""
    database = connection.settings_dict
    if connection.vendor == "sqlite":
        return f"sqlite:///{database['NAME']}"
    password = f":{database['PASSWORD']}" if database["PASSWORD"] else ""
    return (
        f"postgres://{database['USER']}{password}@{database['HOST'] or '127.0.0.1'}:"
        f"{database['PORT'] or 5432}/{database['NAME']}"
    )


@pytest.fixture
def app_server():
    """gunicorn with production settings, serving the test database."""
    env = production_env(database_url())
    if os.environ.get("REDIS_URL"):  # the tests' own cache, which each test empties
        env["REDIS_URL"] = os.environ["REDIS_URL"]
    with tempfile.TemporaryDirectory(prefix="otr-lighthouse-") as directory:
        # Its own static files: another test run in this checkout may be collecting them too.
        env["STATIC_ROOT"] = str(Path(directory) / "static")
        manage(env, "collectstatic", "--no-input")
        server = AppServer("app", env, Path(directory))
        server.env["SITE_URL"] = server.url
        server.start()
        try:
            server.wait_until_ready()
            yield server
        finally:
            server.stop()


def lighthouse(url):
    """Lighthouse's report of one page, as a phone on a slow 4G connection loads it. A run that
    failed to record the page load (a runtime error, on a busy machine: in the report, or as
    the exit status with "Runtime error encountered") is run again, up to three times in all."""
    for _attempt in range(3):
        result = subprocess.run(
            [
                LIGHTHOUSE,
                url,
                "--quiet",
                "--chrome-flags=--headless=new --no-sandbox --disable-gpu",
                "--form-factor=mobile",
                f"--only-categories={','.join(LEAST)}",
                "--output=json",
                "--output-path=stdout",
            ],
            env={**os.environ, "CHROME_PATH": CHROMIUM},
            capture_output=True,
            text=True,
            timeout=180,
        )
        if result.returncode != 0 and "Runtime error encountered" in result.stderr:
            failure = result.stderr[-2000:]
            continue
        assert result.returncode == 0, f"lighthouse {url}:\n{result.stderr[-2000:]}"
        report = json.loads(result.stdout)
        if "runtimeError" not in report:
            return report
        failure = report["runtimeError"]
    raise AssertionError(f"lighthouse {url}, three runs failed to record the page: {failure}")


def shortfalls(report):
    """What cost points: each category below its least score, with its failing audits."""
    found = {}
    for name, least in LEAST.items():
        category = report["categories"][name]
        score = round(category["score"] * 100)
        if score < least:
            failing = [
                (ref["id"], what_failed(report["audits"][ref["id"]]))
                for ref in category["auditRefs"]
                if ref["weight"] and (report["audits"][ref["id"]]["score"] or 0) < 1
            ]
            found[name] = (score, failing)
    return found


def what_failed(audit):
    """An audit's value, or the first few of the items it found wrong."""
    items = audit.get("details", {}).get("items", [])[:3]
    return audit.get("displayValue") or [
        {key: str(value)[:160] for key, value in item.items() if isinstance(value, str)}
        for item in items
    ]


def test_the_pages_readers_land_on_score_well_in_lighthouse_on_a_phone(app_server):
    pages = make_every_page()
    scores, missed = {}, {}
    for page_type in PAGES:
        try:
            report = lighthouse(app_server.url + pages[page_type])
        except AssertionError as error:
            raise AssertionError(
                f"{error}\nThe server's log:\n{app_server.log_text()[-3000:]}"
            ) from error
        assert report["finalDisplayedUrl"] == app_server.url + pages[page_type]
        if "performance" in shortfalls(report):
            # Performance varies from run to run, the more so on a busy machine: as Lighthouse's
            # own guidance on variability says, a page is then scored by the median of 3 runs.
            runs = [report, *(lighthouse(app_server.url + pages[page_type]) for _ in range(2))]
            report = sorted(runs, key=lambda run: run["categories"]["performance"]["score"])[1]
        scores[page_type] = {
            name: round(category["score"] * 100) for name, category in report["categories"].items()
        }
        if found := shortfalls(report):
            # Lighthouse's measure of this machine's speed: a busy machine's is low (a few
            # hundred, where an idle one scores over a thousand), and its pages slow with it.
            missed[page_type] = {"benchmarkIndex": report["environment"]["benchmarkIndex"], **found}
    print(json.dumps(scores))  # the measurement, for whoever runs this with -s
    assert missed == {}

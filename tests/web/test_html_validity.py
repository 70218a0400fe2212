"""The Nu Html Checker finds no error on any public page type, nor on the error pages."""

import json
import shutil
import subprocess
from pathlib import Path

import pytest
from django.test import RequestFactory
from django.views import defaults

from tests.public_pages import STATUS, in_every_language, make_every_page

pytestmark = pytest.mark.django_db

VNU = (
    Path(__file__).resolve().parents[2] / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
)


def test_every_public_page_type_is_valid_html(client, tmp_path):
    assert VNU.exists(), "make checkers installs the Nu Html Checker"
    files = []
    for n, (page_type, url) in enumerate(in_every_language(make_every_page()).items()):
        response = client.get(url)
        assert response.status_code == STATUS.get(page_type.split(" (")[0], 200), page_type
        path = tmp_path / f"page{n}.html"
        path.write_bytes(response.content)
        files.append((str(path), page_type))
    # The error pages no address reaches on purpose, as Django renders them.
    request = RequestFactory().get("/")
    for page_type, response in [
        ("bad request", defaults.bad_request(request, exception=None)),
        ("server error", defaults.server_error(request)),
    ]:
        path = tmp_path / f"{page_type.replace(' ', '-')}.html"
        path.write_bytes(response.content)
        files.append((str(path), page_type))
    # One JVM for every page: it takes a second to start.
    result = subprocess.run(
        [
            shutil.which("java"),
            "-jar",
            str(VNU),
            "--format",
            "json",
            "--stdout",
            *[f for f, _ in files],
        ],
        capture_output=True,
        text=True,
        timeout=180,
    )
    messages = json.loads(result.stdout)["messages"]
    page_type_of = {f"file:{path}": page_type for path, page_type in files}
    errors = [
        f"{page_type_of.get(m.get('url'), m.get('url'))} line {m.get('lastLine')}: {m['message']}"
        for m in messages
        if m["type"] == "error"
    ]
    assert errors == []
    assert result.returncode == 0

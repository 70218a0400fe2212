"""The data release names the version of its format and carries the format's changelog; the
API announces the same version, so a reader of either knows which fields to expect."""

import json
import re

import pytest
from django.core.management import call_command

from tests.helpers import make_nation, make_quote
from tracker.exports import FORMAT_CHANGELOG, FORMAT_VERSION

pytestmark = pytest.mark.django_db


def test_release_names_its_format_version_and_carries_the_changelog(tmp_path):
    make_quote(text="Published words")
    call_command("export_release", str(tmp_path))
    manifest = json.loads((tmp_path / "manifest.json").read_text())
    assert manifest["format_version"] == FORMAT_VERSION
    changelog = (tmp_path / "CHANGELOG.md").read_text()
    assert changelog == FORMAT_CHANGELOG.read_text()
    assert manifest["files"]["CHANGELOG.md"]["count"] == 1
    # The newest entry is the version released.
    assert re.search(r"^## (\S+)", changelog, re.MULTILINE)[1] == FORMAT_VERSION


def test_changelog_describes_every_field_of_the_release(tmp_path):
    make_quote(text="Published words", nation=make_nation())
    call_command("export_release", str(tmp_path))
    changelog = (tmp_path / "CHANGELOG.md").read_text()
    described = set(re.findall(r"`([a-z_]+)`", changelog))
    for name in ["quotes", "nations", "speakers", "outlets", "sources", "topics", "stances"]:
        (row, *_) = json.loads((tmp_path / f"{name}.json").read_text())
        assert set(row) <= described, (name, set(row) - described)
    manifest = json.loads((tmp_path / "manifest.json").read_text())
    assert set(manifest) <= described


@pytest.mark.parametrize("url", ["/api/", "/api/quotes/", "/api/nations/xx/"])
def test_api_announces_the_same_format_version(client, url):
    make_quote()
    response = client.get(url)
    assert response["Archive-Format-Version"] == FORMAT_VERSION


def test_api_index_names_the_format_version(client):
    assert client.get("/api/")["Content-Type"] == "application/json"
    assert client.get("/api/").json()["format_version"] == FORMAT_VERSION

"""The data release names the version of its format and carries the format's changelog; the
API announces the same version, so a reader of either knows which fields to expect."""

import json
import re

import pytest
from django.core.management import call_command

from tests.helpers import (
    make_event,
    make_nation,
    make_outlet,
    make_quote,
    make_speaker,
    make_translation,
)
from tracker.exports import FORMAT_CHANGELOG, FORMAT_VERSION
from tracker.models import Nation

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
    # A quote with every part of the record filled, so that every file has a row to check.
    netherlands = make_nation(code="nl", name="Netherlands")
    nato = make_nation(code="nato", name="NATO", kind=Nation.Kind.ORGANISATION)
    speaker = make_speaker(
        name="Mark Rutte", given_name="Mark", family_name="Rutte", nation=nato,
        nationality=netherlands, aliases="Marc Rutte", public_note="Secretary General.",
    )  # fmt: skip
    answered = make_quote(text="An earlier statement")
    quote = make_quote(
        text="Published words",
        speaker=speaker,
        event=make_event(),
        responds_to=answered,
        chain=[("reported_by", {"outlet": make_outlet(name="AFP")})],
        edits=[{"kind": "omitted", "explanation": "The outlet left out a sentence."}],
        translation="In English.",
    )
    make_translation(quote, language="fr", text="En français.", translated_by="outlet")
    call_command("export_release", str(tmp_path))
    changelog = (tmp_path / "CHANGELOG.md").read_text()
    # The newest entry describes the whole format: a field named only in an older one is gone.
    newest = re.split(r"^## ", changelog, flags=re.MULTILINE)[1]
    described = set(re.findall(r"`([a-z_]+)`", newest))
    files = ["quotes", "nations", "speakers", "outlets", "sources", "events", "topics", "stances"]
    for name in files:
        (row, *_) = json.loads((tmp_path / f"{name}.json").read_text())
        assert set(row) <= described, (name, set(row) - described)
        assert f"`{name}.json`" in newest
    manifest = json.loads((tmp_path / "manifest.json").read_text())
    assert set(manifest) <= described
    assert set(manifest["files"]) == {f"{name}.json" for name in files} | {
        "quotes.csv",
        "CHANGELOG.md",
    }


def test_changelog_says_what_the_major_version_removed(tmp_path):
    make_quote()
    call_command("export_release", str(tmp_path))
    (quote,) = json.loads((tmp_path / "quotes.json").read_text())
    newest = re.split(r"^## ", FORMAT_CHANGELOG.read_text(), flags=re.MULTILINE)[1]
    removed = newest.split("Removed", 1)[1].split("- Changed", 1)[0]
    for gone in ["translation", "first_reported_in_outlet", "first_reported_in_key"]:
        assert f"`{gone}`" in removed
        assert gone not in quote
    assert "Reading a 1.x release" in newest


@pytest.mark.parametrize("url", ["/api/", "/api/quotes/", "/api/nations/xx/"])
def test_api_announces_the_same_format_version(client, url):
    make_quote()
    response = client.get(url)
    assert response["Archive-Format-Version"] == FORMAT_VERSION


def test_api_index_names_the_format_version(client):
    assert client.get("/api/")["Content-Type"] == "application/json"
    assert client.get("/api/").json()["format_version"] == FORMAT_VERSION

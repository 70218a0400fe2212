"""The pages the background work adds, or adds to, are valid HTML."""

import json
import shutil
import subprocess

import pytest
from django.urls import reverse

from tests.helpers import make_quote, make_source
from tests.web.test_html_validity import VNU
from tracker import alerts, tasks
from tracker.models import LinkCheck, Snapshot

pytestmark = pytest.mark.django_db


def test_copies_gone_links_and_alert_pages_are_valid_html(client, outside_site, tmp_path):
    outside_site.pages["/a"] = "<html><body><h1>Minister</h1><p>Words<table><td>1</table>"
    kept = make_quote(source=make_source(url=outside_site.url("/a")))
    gone = make_quote(source=make_source(url=outside_site.url("/b")))
    outside_site.pages["/b"] = "<p>Soon gone</p>"
    for quote in (kept, gone):
        tasks.snapshot_source.call(quote.source.pk)
    outside_site.pages.pop("/b")
    outside_site.gone["/b"] = 410
    assert tasks.check_link(gone.source, robots_cache={}).state == LinkCheck.State.GONE
    subscription = alerts.subscribe(email="reader@example.org", query="", frequency="daily")
    pages = [
        kept.get_absolute_url(),
        kept.source.get_absolute_url(),
        gone.get_absolute_url(),
        gone.source.get_absolute_url(),
        Snapshot.objects.get(source=kept.source).get_absolute_url(),
        reverse("subscription_new"),
        reverse("subscription_confirm", args=[subscription.token]),
        reverse("subscription_unsubscribe", args=[subscription.token]),
    ]
    files = []
    for n, url in enumerate(pages):
        response = client.get(url)
        assert response.status_code == 200, url
        path = tmp_path / f"page{n}.html"
        path.write_bytes(response.content)
        files.append(str(path))
    result = subprocess.run(
        [shutil.which("java"), "-jar", str(VNU), "--format", "json", "--stdout", *files],
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
    )
    errors = [
        f"{pages[files.index(m['url'].removeprefix('file:'))]} line {m.get('lastLine')}: "
        f"{m['message']}"
        for m in json.loads(result.stdout)["messages"]
        if m["type"] == "error"
    ]
    assert errors == []

"""A source's page kept in the archive: read by a task when the source is saved, stored as a WARC
file with the time it was read and a hash, shown as Robust Links, and served back with nothing
of the outlet's that runs."""

import gzip
import hashlib
import io

import pytest
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult
from pytest_django.asserts import assertContains, assertNotContains
from warcio.archiveiterator import ArchiveIterator

from tests.helpers import make_quote, make_source
from tracker import tasks
from tracker.models import Quote, Snapshot

pytestmark = pytest.mark.django_db

ARTICLE = """<html><head><title>Minister speaks</title>
<script>document.write('tracking')</script><style>body{display:none}</style></head>
<body><h1>Minister speaks</h1><p onclick="steal()">We will send troops.</p>
<img src="https://tracker.example/pixel.gif"><iframe src="https://ads.example/"></iframe>
<form action="https://evil.example/"><input name="q"></form>
<a href="javascript:alert(1)">Click</a> <a href="https://news.example/more">More</a></body></html>"""


def enqueued(task):
    return DBTaskResult.objects.filter(task_path=task.module_path)


def test_saving_a_source_with_a_url_enqueues_its_snapshot(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        source = make_source(url="https://news.example/minister")
    waiting = enqueued(tasks.snapshot_source).get()
    assert waiting.args_kwargs["args"] == [source.pk]

    with django_capture_on_commit_callbacks(execute=True):
        source.title = "A better title"
        source.save()  # the same URL: not read again
    assert enqueued(tasks.snapshot_source).count() == 1

    with django_capture_on_commit_callbacks(execute=True):
        source.url = "https://news.example/minister-2"
        source.save()
    assert enqueued(tasks.snapshot_source).count() == 2


def test_a_source_without_a_url_enqueues_nothing(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        make_source(url="")
    assert not enqueued(tasks.snapshot_source).exists()


def test_the_snapshot_is_a_warc_file_with_time_and_hash(outside_site):
    outside_site.pages["/minister"] = ARTICLE
    source = make_source(url=outside_site.url("/minister"))
    before = timezone.now()
    tasks.snapshot_source.call(source.pk)

    snapshot = Snapshot.objects.get(source=source)
    assert before <= snapshot.fetched_at <= timezone.now()
    assert snapshot.sha256 == hashlib.sha256(ARTICLE.encode()).hexdigest()
    assert (snapshot.status_code, snapshot.content_type) == (200, "text/html")
    with snapshot.warc.open("rb") as file:
        records = list(ArchiveIterator(io.BytesIO(file.read())))
    response = next(r for r in records if r.rec_type == "response")
    assert response.rec_headers.get_header("WARC-Target-URI") == source.url
    assert response.http_headers.get_statuscode() == "200"


def test_a_page_that_cannot_be_read_is_retried_later_and_the_failure_recorded(outside_site):
    source = make_source(url=outside_site.url("/slow"))
    with pytest.raises(Exception, match="took longer"):
        tasks.snapshot_source.call(source.pk)
    retry = enqueued(tasks.snapshot_source).get()
    assert retry.args_kwargs["kwargs"] == {"attempt": 2}
    assert retry.run_after > timezone.now()
    assert not Snapshot.objects.exists()


def test_a_private_address_is_never_retried(outside_site):
    source = make_source(url="http://10.0.0.1/intranet")
    with pytest.raises(Exception, match="private"):
        tasks.snapshot_source.call(source.pk)
    assert not enqueued(tasks.snapshot_source).exists()


def snapshot_of(outside_site, **quote_fields):
    outside_site.pages["/minister"] = ARTICLE
    quote = make_quote(source=make_source(url=outside_site.url("/minister")), **quote_fields)
    tasks.snapshot_source.call(quote.source.pk)
    return quote, Snapshot.objects.get(source=quote.source)


def test_source_page_and_permalink_show_robust_links(client, outside_site):
    quote = make_quote(source=make_source(url=outside_site.url("/minister")))
    # Cached before the copy exists: the copy makes both pages stale.
    assertNotContains(client.get(quote.get_absolute_url()), "our copy")
    assertNotContains(client.get(quote.source.get_absolute_url()), "our copy")
    outside_site.pages["/minister"] = ARTICLE
    tasks.snapshot_source.call(quote.source.pk)
    snapshot = Snapshot.objects.get()
    day = f"{snapshot.fetched_at:%Y-%m-%d}"
    for page in (quote.get_absolute_url(), quote.source.get_absolute_url()):
        response = client.get(page)
        assertContains(
            response,
            f'<a href="{quote.source.url}" data-versionurl="http://testserver'
            f'{snapshot.get_absolute_url()}" data-versiondate="{day}">Original</a>',
            html=True,
        )
        assertContains(
            response,
            f'<a href="{snapshot.get_absolute_url()}" data-originalurl="{quote.source.url}" '
            f'data-versiondate="{day}">our copy</a>',
            html=True,
        )


def test_our_copy_runs_nothing_of_the_outlets(client, outside_site):
    _quote, snapshot = snapshot_of(outside_site)
    for _ in range(2):  # rendered, then from the page cache: the same policy both times
        response = client.get(snapshot.get_absolute_url())
        assert response.status_code == 200
        policy = response["Content-Security-Policy"]
        assert policy.startswith("default-src 'none'")
        assert "sandbox" in policy
        assert "script-src" not in policy
        assertContains(response, "We will send troops.")
        assertContains(response, '<a href="https://news.example/more"', count=1)
        body = response.content.decode()
        for outlets in (
            "<script",
            "document.write",
            "onclick",
            "<iframe",
            "<img",
            "<form",
            "javascript:",
            "<style",
            "<link",
        ):
            assert outlets not in body


def test_our_copy_names_what_it_is(client, outside_site):
    quote, snapshot = snapshot_of(outside_site)
    response = client.get(snapshot.get_absolute_url())
    assertContains(response, snapshot.sha256)
    assertContains(response, f'data-versiondate="{snapshot.fetched_at:%Y-%m-%d}"')
    warc = client.get(reverse("snapshot_warc", args=[quote.source.key, snapshot.pk]))
    assert warc["Content-Type"] == "application/warc"
    assert b"WARC/1" in gzip.decompress(b"".join(warc.streaming_content))


def test_a_copy_of_a_source_no_reader_may_see_is_404(client, outside_site):
    _quote, snapshot = snapshot_of(outside_site, status=Quote.Status.DRAFT)
    assert client.get(snapshot.get_absolute_url()).status_code == 404
    other = make_source()
    wrong = reverse("snapshot_detail", args=[other.key, snapshot.pk])
    assert client.get(wrong).status_code == 404


def test_the_internet_archive_is_never_asked_unless_allowed(outside_site):
    _quote, _ = snapshot_of(outside_site)
    assert not enqueued(tasks.ask_internet_archive).exists()


def test_the_internet_archive_is_asked_when_allowed(outside_site, settings):
    settings.SNAPSHOT_INTERNET_ARCHIVE = True
    settings.INTERNET_ARCHIVE_SAVE_URL = outside_site.url("/save/")  # played by our own server
    quote, _ = snapshot_of(outside_site)
    asked = enqueued(tasks.ask_internet_archive).get()
    assert asked.args_kwargs["args"] == [quote.source.url]
    assert tasks.ask_internet_archive.call(quote.source.url) == 200
    assert outside_site.paths_asked()[-1] == f"/save/{quote.source.url}"

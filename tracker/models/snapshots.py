"""What became of a source's link: our copies of its page (WARC files), and the link checker's
findings over time. Both are filled by tasks (tracker/tasks.py), never by a save."""

import io

import nh3
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from warcio.archiveiterator import ArchiveIterator
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from tracker.models.base import ArchiveRecord
from tracker.models.sources import Source

# Headers that describe the bytes on the wire, not the decoded page we keep.
WIRE_HEADERS = {"content-encoding", "transfer-encoding", "content-length", "connection"}


def snapshot_path(snapshot, filename):
    return f"snapshots/{snapshot.source.key}/{filename}"


def visible_text(html_bytes):
    """The words a reader sees on a page, without its markup, scripts or styles: what the link
    checker compares, so that a new advertisement's markup is not a changed page."""
    text = nh3.clean(html_bytes.decode("utf-8", "replace"), tags=set())
    return " ".join(text.split())


class SnapshotQuerySet(models.QuerySet):
    def latest_copy(self):
        return self.order_by("-fetched_at", "-pk").first()


class Snapshot(ArchiveRecord):
    """Our copy of a source's page as we read it, kept as a WARC file (ISO 28500)."""

    source = models.ForeignKey(Source, on_delete=models.CASCADE, related_name="snapshots")
    url = models.URLField("URL asked for", max_length=600)
    final_url = models.URLField("URL read, after redirects", max_length=2000)
    fetched_at = models.DateTimeField("read at")
    status_code = models.PositiveSmallIntegerField()
    content_type = models.CharField(max_length=200, blank=True)
    sha256 = models.CharField("SHA-256 of the page", max_length=64)
    size = models.PositiveIntegerField("bytes")
    warc = models.FileField("WARC file", upload_to=snapshot_path, max_length=300)

    objects = SnapshotQuerySet.as_manager()

    class Meta:
        ordering = ["-fetched_at", "-pk"]
        get_latest_by = "fetched_at"

    def __str__(self):
        return f"{self.url} as read on {self.fetched_at:%Y-%m-%d %H:%M}"

    def get_absolute_url(self):
        return reverse("snapshot_detail", args=[self.source.key, self.pk])

    @property
    def is_html(self):
        return self.content_type in ("text/html", "application/xhtml+xml")

    @staticmethod
    def warc_bytes(page):
        """A gzipped WARC file holding the response `page` (tracker.fetching.Page)."""
        buffer = io.BytesIO()
        writer = WARCWriter(buffer, gzip=True)
        headers = [(k, v) for k, v in page.raw_headers if k.lower() not in WIRE_HEADERS]
        headers.append(("Content-Length", str(len(page.body))))
        http_headers = StatusAndHeaders(
            str(page.status), headers, protocol=page.http_version, is_http_request=False
        )
        date = timezone.datetime.fromtimestamp(page.fetched_at, tz=timezone.UTC)
        record = writer.create_warc_record(
            page.final_url,
            "response",
            payload=io.BytesIO(page.body),
            http_headers=http_headers,
            warc_headers_dict={"WARC-Date": date.strftime("%Y-%m-%dT%H:%M:%SZ")},
        )
        writer.write_record(record)
        return buffer.getvalue()

    def payload(self):
        """The page's bytes and its HTTP headers, read back from the WARC file."""
        with self.warc.open("rb") as file:
            data = file.read()
        for record in ArchiveIterator(io.BytesIO(data)):
            if record.rec_type == "response":
                return record.content_stream().read(), record.http_headers
        raise ValueError(f"{self.warc.name} holds no response.")

    def safe_html(self):
        """The page as a static rendering: its text, headings, lists, tables and links, with
        no script, style, form, frame or event handler of the outlet's left in it."""
        body, headers = self.payload()
        charset = "utf-8"
        for part in (headers.get_header("Content-Type") or "").split(";"):
            name, _, value = part.strip().partition("=")
            if name.lower() == "charset" and value:
                charset = value.strip("\"'")
        try:
            text = body.decode(charset, "replace")
        except LookupError:
            text = body.decode("utf-8", "replace")
        return nh3.clean(
            text,
            tags=nh3.ALLOWED_TAGS - {"img", "area", "map"},
            url_schemes={"http", "https"},
            link_rel="nofollow noopener noreferrer",
        )


class LinkCheck(models.Model):
    """One visit of the link checker to a source's URL: what it answered."""

    class State(models.TextChoices):
        OK = "ok", _("Answers as before")
        CHANGED = "changed", _("Answers, but its words changed")
        MOVED = "moved", _("Redirects to another page")
        BROKEN = "broken", _("Answers with an error")
        GONE = "gone", _("Gone (404 or 410)")
        UNREACHABLE = "unreachable", _("Cannot be reached")
        REFUSED = "refused", _("Not checked (robots.txt or a private address)")

    source = models.ForeignKey(Source, on_delete=models.CASCADE, related_name="link_checks")
    checked_at = models.DateTimeField(default=timezone.now)
    url = models.URLField(max_length=600)
    state = models.CharField(max_length=12, choices=State)
    status_code = models.PositiveSmallIntegerField(null=True, blank=True)
    final_url = models.URLField(max_length=2000, blank=True)
    redirects = models.JSONField(default=list, blank=True)
    text_sha256 = models.CharField("SHA-256 of its words", max_length=64, blank=True)
    detail = models.TextField(blank=True)

    class Meta:
        ordering = ["-checked_at", "-pk"]
        indexes = [models.Index(fields=["source", "-checked_at"], name="linkcheck_by_source")]

    def __str__(self):
        return f"{self.url}: {self.get_state_display()} on {self.checked_at:%Y-%m-%d}"


class LinkStatus(ArchiveRecord):
    """Where a source's link stands now, and since when: saved only when that changes, as the
    source page and its quotes' permalinks show it (a gone original)."""

    PROBLEMS = [
        LinkCheck.State.CHANGED,
        LinkCheck.State.MOVED,
        LinkCheck.State.BROKEN,
        LinkCheck.State.GONE,
        LinkCheck.State.UNREACHABLE,
    ]

    source = models.OneToOneField(
        Source, on_delete=models.CASCADE, primary_key=True, related_name="link_status"
    )
    url = models.URLField(max_length=600)
    state = models.CharField(max_length=12, choices=LinkCheck.State)
    since = models.DateTimeField("first seen", help_text="When the checker first found this.")
    checked_at = models.DateTimeField("last checked")
    text_sha256 = models.CharField(max_length=64, blank=True)

    class Meta:
        verbose_name = "link status"
        verbose_name_plural = "link statuses"
        ordering = ["-since"]

    def __str__(self):
        return f"{self.url}: {self.get_state_display()}"

    @property
    def is_gone(self):
        return self.state == LinkCheck.State.GONE

    def record(self, check):
        """Take in a new check. Saved, and pages made stale, only when the state changes; a
        check that finds what the last one found only moves `checked_at`. A page whose words
        differ from those first read (or last accepted by an editor) stays "changed"."""
        if check.state == LinkCheck.State.OK and check.text_sha256:
            if not self.text_sha256:
                self.text_sha256 = check.text_sha256
            elif check.text_sha256 != self.text_sha256:
                check.state = LinkCheck.State.CHANGED
        check.save()
        if self.checked_at and self.state == check.state and self.url == check.url:
            LinkStatus.objects.filter(pk=self.pk).update(checked_at=check.checked_at)
            return False
        self.state, self.url = check.state, check.url
        self.since = self.checked_at = check.checked_at
        self.save()
        return True

    def accept_page(self):
        """An editor read the changed page: its words now are the ones to compare with."""
        latest = self.source.link_checks.exclude(text_sha256="").first()
        if latest is not None:
            self.text_sha256 = latest.text_sha256
        self.state, self.since = LinkCheck.State.OK, timezone.now()
        self.save()

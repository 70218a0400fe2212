"""Our copies of sources' pages: a static rendering, and the WARC file itself."""

from django.http import FileResponse
from django.shortcuts import get_object_or_404, redirect, render

from tracker.models import Snapshot, Source, normalize_key, with_published_quotes

# Nothing of the outlet's page may run, load or submit: no script, style, image, frame or form.
COPY_CSP = (
    "default-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'; sandbox"
)


def _snapshot(key, pk):
    public_sources = with_published_quotes(Source.objects.all())
    return get_object_or_404(
        Snapshot.objects.select_related("source__outlet").filter(source__in=public_sources),
        pk=pk,
        source__key=normalize_key(key),
    )


def snapshot_detail(request, key, pk):
    """Our copy of a source's page, as a static rendering: its words and links, nothing that
    runs. A copy of anything but a web page is the WARC file itself."""
    snapshot = _snapshot(key, pk)
    if not snapshot.is_html:
        return redirect("snapshot_warc", key=snapshot.source.key, pk=snapshot.pk)
    response = render(
        request,
        "tracker/snapshot_detail.html",
        {"snapshot": snapshot, "source": snapshot.source, "copy": snapshot.safe_html()},
    )
    # A header of the view's own: kept with the page in the page cache, and left alone by the
    # CSP middleware (a csp_override attribute would not survive the cache).
    response["Content-Security-Policy"] = COPY_CSP
    response["X-Robots-Tag"] = "noindex"
    return response


def snapshot_warc(request, key, pk):
    """The WARC file as we wrote it, for other archives and for replay tools."""
    snapshot = _snapshot(key, pk)
    return FileResponse(
        snapshot.warc.open("rb"),
        as_attachment=True,
        filename=f"{snapshot.source.key}-{snapshot.fetched_at:%Y%m%dT%H%M%S}.warc.gz",
        content_type="application/warc",
    )

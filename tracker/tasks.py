"""Work outside the request, on Django's task framework (django.tasks): keeping a copy of each
source's page, checking links, mailing readers' alerts.

A task that fails for a reason that may pass (a site down, a mail server busy) is enqueued again,
later, up to len(RETRY_DELAYS) times; each failure stays recorded by the backend, which chief
editors read in the admin (Tasks, with django-tasks-db). What a failure costs readers: nothing
they can see, beyond an older copy, a link status a day old, or a later alert.
"""

import functools
import hashlib
import logging
from datetime import timedelta

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import F
from django.tasks import task
from django.utils import timezone
from django.utils.module_loading import import_string

from tracker import fetching
from tracker.models import LinkCheck, LinkStatus, Snapshot, Source, Subscription
from tracker.models.alerts import CONFIRMATION_DAYS
from tracker.models.snapshots import visible_text

logger = logging.getLogger(__name__)

RETRY_DELAYS = [timedelta(minutes=1), timedelta(minutes=15), timedelta(hours=2)]
CHECK_EVERY = timedelta(days=1)
DAILY = timedelta(days=1)


class GiveUp(Exception):
    """A failure that trying again would not cure."""


def retried(function):
    """Run `function`; if it raises anything but GiveUp or FetchRefused, enqueue the same task
    again after the next of RETRY_DELAYS, then let the failure be recorded."""

    @functools.wraps(function)
    def run(*args, attempt=1, **kwargs):
        try:
            return function(*args, **kwargs)
        except (GiveUp, fetching.FetchRefused):
            raise
        except Exception:
            if attempt <= len(RETRY_DELAYS):
                again = import_string(f"{function.__module__}.{function.__name__}")
                run_after = timezone.now() + RETRY_DELAYS[attempt - 1]
                again.using(run_after=run_after).enqueue(*args, attempt=attempt + 1, **kwargs)
            raise

    return run


def after_commit(a_task, *args, **kwargs):
    """Enqueue when the transaction commits, so the worker finds what the task is about."""
    transaction.on_commit(lambda: a_task.enqueue(*args, **kwargs))


# Snapshots.


@task()
@retried
def snapshot_source(source_pk):
    """Read the source's page and keep it as a WARC file, with when we read it and a hash."""
    source = Source.objects.filter(pk=source_pk).first()
    if source is None or not source.url:
        return "nothing to read"
    page = fetching.fetch(source.url)
    if not 200 <= page.status < 300:
        raise GiveUp(f"{source.url} answered {page.status}: no copy kept.")
    snapshot = Snapshot(
        source=source,
        url=source.url,
        final_url=page.final_url,
        fetched_at=timezone.datetime.fromtimestamp(page.fetched_at, tz=timezone.UTC),
        status_code=page.status,
        content_type=page.content_type[:200],
        sha256=page.sha256,
        size=len(page.body),
    )
    stamp = snapshot.fetched_at.strftime("%Y%m%dT%H%M%S")
    snapshot.warc.save(
        f"{stamp}-{page.sha256[:12]}.warc.gz", ContentFile(Snapshot.warc_bytes(page)), save=False
    )
    snapshot.save()
    if settings.SNAPSHOT_INTERNET_ARCHIVE:
        ask_internet_archive.enqueue(source.url)
    return snapshot.sha256


@task()
@retried
def ask_internet_archive(url):
    """Ask the Internet Archive's Wayback Machine to save `url` too (SNAPSHOT_INTERNET_ARCHIVE)."""
    page = fetching.fetch(settings.INTERNET_ARCHIVE_SAVE_URL + url, max_bytes=2 * 1024 * 1024)
    if page.status >= 500 or page.status == 429:
        raise fetching.FetchError(f"The Internet Archive answered {page.status}.")
    return page.status


# The link checker.


def check_link(source, *, robots_cache):
    """Visit `source.url` once and record what it answered; a newly changed page is copied."""
    check = LinkCheck(source=source, url=source.url)
    if not fetching.allowed_by_robots(source.url, robots_cache=robots_cache):
        check.state, check.detail = LinkCheck.State.REFUSED, "robots.txt asks us not to."
    else:
        try:
            page = fetching.fetch(source.url)
        except fetching.FetchRefused as refused:
            check.state, check.detail = LinkCheck.State.REFUSED, str(refused)
        except fetching.FetchError as error:
            check.state, check.detail = LinkCheck.State.UNREACHABLE, str(error)
        else:
            check.status_code, check.final_url = page.status, page.final_url
            check.redirects = [list(hop) for hop in page.redirects]
            if page.status in (404, 410):
                check.state = LinkCheck.State.GONE
            elif page.status >= 400:
                check.state = LinkCheck.State.BROKEN
            elif page.redirects and page.final_url != source.url:
                check.state = LinkCheck.State.MOVED
            else:
                check.state = LinkCheck.State.OK
                check.text_sha256 = hashlib.sha256(visible_text(page.body).encode()).hexdigest()
    status = LinkStatus.objects.filter(source=source).first() or LinkStatus(source=source)
    changed = status.record(check)
    if changed and status.state == LinkCheck.State.CHANGED:
        snapshot_source.enqueue(source.pk)
    return status


def sources_to_check(*, older_than):
    """Sources with a URL whose link was not checked since `older_than`, longest unchecked first."""
    return (
        Source.objects.exclude(url="")
        .exclude(link_status__checked_at__gte=older_than, link_status__url=F("url"))
        .order_by("link_status__checked_at", "pk")
    )


def check_links(*, older_than=None, limit=None):
    """Check every source link not checked since `older_than` (all of them by default)."""
    sources = Source.objects.exclude(url="").order_by("pk")
    if older_than is not None:
        sources = sources_to_check(older_than=older_than)
    robots_cache, checked = {}, []
    for source in sources[:limit] if limit else sources.iterator():
        checked.append(check_link(source, robots_cache=robots_cache))
    return checked


@task()
def check_links_periodically():
    """Check the links not checked for a day, then come back in an hour: a link is checked about
    once a day, and a stopped worker catches up when it starts again."""
    checked = check_links(older_than=timezone.now() - CHECK_EVERY, limit=500)
    check_links_periodically.using(run_after=timezone.now() + timedelta(hours=1)).enqueue()
    return len(checked)


# Alerts.


@task()
@retried
def send_confirmation(subscription_pk):
    from tracker import alerts

    subscription = Subscription.objects.filter(pk=subscription_pk).first()
    if subscription is None or subscription.confirmed_at:
        return "nothing to send"
    alerts.confirmation_mail(subscription).send()
    return subscription.email


@task()
@retried
def send_alerts(frequency):
    """Mail each confirmed subscription of `frequency` the quotes published since its last mail."""
    from tracker import alerts

    return alerts.send_alerts(frequency)


@task()
def send_daily_alerts():
    """Once a day: the daily alerts, and unconfirmed addresses forgotten."""
    Subscription.objects.unconfirmed_since(
        timezone.now() - timedelta(days=CONFIRMATION_DAYS)
    ).delete()
    send_alerts.enqueue(Subscription.Frequency.DAILY)
    send_daily_alerts.using(run_after=timezone.now() + DAILY).enqueue()


PERIODIC = [check_links_periodically, send_daily_alerts]

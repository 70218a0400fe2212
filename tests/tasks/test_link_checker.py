"""The link checker: each source URL's answer recorded over time; broken or changed links shown
to editors with the date first seen; a gone original marked for readers, with our copy."""

import datetime

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from django.utils.dateformat import format as date_format
from django_tasks_db.models import DBTaskResult
from pytest_django.asserts import assertContains, assertNotContains

from tests.helpers import make_quote, make_source
from tracker import tasks
from tracker.models import LinkCheck, LinkStatus, Snapshot

pytestmark = pytest.mark.django_db

State = LinkCheck.State


def check(source):
    return tasks.check_link(source, robots_cache={})


def test_each_check_is_recorded_and_the_status_keeps_its_first_date(outside_site):
    outside_site.pages["/a"] = "<p>Troops</p>"
    source = make_source(url=outside_site.url("/a"))
    first = check(source)
    assert (first.state, source.link_checks.count()) == (State.OK, 1)
    since = first.since
    again = check(source)
    assert (again.state, again.since) == (State.OK, since)
    assert LinkStatus.objects.get().checked_at > since
    assert source.link_checks.count() == 2


def test_a_page_whose_words_change_is_changed_not_a_new_advertisement(
    outside_site, django_capture_on_commit_callbacks
):
    outside_site.pages["/a"] = "<p>Troops</p><script>ad(1)</script>"
    source = make_source(url=outside_site.url("/a"))
    check(source)
    outside_site.pages["/a"] = "<p>Troops</p><script>ad(2)</script>"
    assert check(source).state == State.OK
    outside_site.pages["/a"] = "<p>No troops</p>"
    status = check(source)
    assert status.state == State.CHANGED
    # the page as it now reads is copied too
    assert DBTaskResult.objects.filter(task_path=tasks.snapshot_source.module_path).exists()
    outside_site.pages["/a"] = "<p>No troops</p>"
    assert check(source).state == State.CHANGED  # until an editor looks


@pytest.mark.parametrize(
    ("path", "status", "state"),
    [("/gone", 410, State.GONE), ("/missing", 404, State.GONE), ("/error", 500, State.BROKEN)],
)
def test_errors_are_recorded_with_their_answer(outside_site, path, status, state):
    outside_site.gone[path] = status
    source = make_source(url=outside_site.url(path))
    result = check(source)
    assert result.state == state
    assert source.link_checks.get().status_code == status


def test_a_redirect_is_a_moved_link_with_its_hops(outside_site):
    outside_site.redirects["/old"] = "/new"
    outside_site.pages["/new"] = "<p>Here now</p>"
    source = make_source(url=outside_site.url("/old"))
    assert check(source).state == State.MOVED
    assert source.link_checks.get().redirects == [
        [301, outside_site.url("/old"), outside_site.url("/new")]
    ]


def test_a_slow_site_is_unreachable_not_gone(outside_site):
    source = make_source(url=outside_site.url("/slow"))
    assert check(source).state == State.UNREACHABLE


def test_robots_txt_keeps_the_checker_out(outside_site):
    outside_site.robots = "User-agent: *\nDisallow: /private/\n"
    outside_site.pages["/private/a"] = "<p>Hidden</p>"
    source = make_source(url=outside_site.url("/private/a"))
    assert check(source).state == State.REFUSED
    assert "/private/a" not in outside_site.paths_asked()


def test_check_links_command_reports_problems(outside_site, capsys):
    outside_site.pages["/fine"] = "<p>Fine</p>"
    outside_site.gone["/gone"] = 404
    make_source(url=outside_site.url("/fine"))
    make_source(url=outside_site.url("/gone"))
    make_source(url="")
    call_command("check_links")
    out = capsys.readouterr().out
    assert f"Gone (404 or 410): {outside_site.url('/gone')}" in out
    assert "2 links checked, 1 with a problem." in out
    # Checked a moment ago: not checked again when only older checks are asked for.
    call_command("check_links", "--older-than", "24")
    assert "0 links checked" in capsys.readouterr().out


def test_the_periodic_check_comes_back_by_itself(outside_site):
    outside_site.pages["/fine"] = "<p>Fine</p>"
    make_source(url=outside_site.url("/fine"))
    assert tasks.check_links_periodically.call() == 1
    next_run = DBTaskResult.objects.get(task_path=tasks.check_links_periodically.module_path)
    assert next_run.run_after > timezone.now() + datetime.timedelta(minutes=50)


def test_a_gone_original_is_marked_for_readers_with_our_copy(client, outside_site):
    outside_site.pages["/a"] = "<p>We will send troops.</p>"
    quote = make_quote(source=make_source(url=outside_site.url("/a")))
    tasks.snapshot_source.call(quote.source.pk)
    check(quote.source)
    assertNotContains(client.get(quote.get_absolute_url()), "The original is gone")  # cached
    del outside_site.pages["/a"]
    outside_site.gone["/a"] = 410
    status = check(quote.source)
    copy = Snapshot.objects.get().get_absolute_url()
    for page in (quote.get_absolute_url(), quote.source.get_absolute_url()):
        response = client.get(page)
        assertContains(response, "The original is gone")
        assertContains(response, f"{status.since:%-d %B %Y}")
        assertContains(response, f'<a href="{copy}" data-originalurl="{quote.source.url}"')
        assertNotContains(response, f'<a href="{quote.source.url}" data-versionurl')


def test_editors_see_broken_and_changed_links_with_the_date_first_seen(
    client, editor, outside_site
):
    outside_site.pages["/fine"] = "<p>Fine</p>"
    outside_site.gone["/gone"] = 404
    fine = make_source(url=outside_site.url("/fine"), title="A fine report")
    gone = make_source(url=outside_site.url("/gone"), title="A vanished report")
    check(fine)
    status = check(gone)
    client.force_login(editor)
    response = client.get(reverse("admin:tracker_linkstatus_changelist"))
    assertContains(response, "A vanished report")
    assertNotContains(response, "A fine report")
    assertContains(response, "Gone (404 or 410)")
    assertContains(response, date_format(timezone.localtime(status.since), "N j, Y"))


def test_an_editor_accepts_a_changed_page(client, editor, outside_site):
    outside_site.pages["/a"] = "<p>Troops</p>"
    source = make_source(url=outside_site.url("/a"))
    check(source)
    outside_site.pages["/a"] = "<p>Fewer troops</p>"
    check(source)
    client.force_login(editor)
    client.post(
        reverse("admin:tracker_linkstatus_changelist"),
        {"action": "accept_page", "_selected_action": [source.pk]},
    )
    assert LinkStatus.objects.get().state == State.OK
    assert check(source).state == State.OK

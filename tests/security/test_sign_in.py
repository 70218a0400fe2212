"""Signing in: repeated failures lock that user name out from that address for a while, and
sessions end with the browser and, on the server, after SESSION_COOKIE_AGE."""

import datetime

import pytest
from axes.models import AccessAttempt
from django.conf import settings
from django.contrib.sessions.models import Session
from django.urls import reverse
from django.utils import timezone
from pytest_django.asserts import assertContains, assertRedirects

from tests.helpers import make_editor

pytestmark = pytest.mark.django_db

LOGIN = reverse("admin:login")
ADMIN = reverse("admin:index")
PASSWORD = "correct horse battery staple"  # tests.helpers.make_user's


def sign_in(client, username, password, address="203.0.113.7"):
    data = {"username": username, "password": password, "next": ADMIN}
    return client.post(LOGIN, data, REMOTE_ADDR=address)


def test_sixth_sign_in_is_refused_even_with_the_right_password(client, editor):
    for _ in range(4):
        assertContains(sign_in(client, "editor", "wrong"), "Please enter the correct username")
    locked = sign_in(client, "editor", "wrong")
    assert locked.status_code == 429
    refused = sign_in(client, "editor", PASSWORD)
    assert refused.status_code == 429
    assertContains(
        refused,
        "Too many failed sign-ins: this account is locked from your address for 15 minutes.",
        status_code=429,
    )
    assertRedirects(client.get(ADMIN), f"{LOGIN}?next={ADMIN}")


def test_lockout_is_for_that_user_name_from_that_address(client, editor):
    make_editor(username="colleague")
    for _ in range(5):
        sign_in(client, "editor", "wrong")
    # A stranger's guesses do not lock the editor out everywhere, nor the office's colleagues.
    assertRedirects(sign_in(client, "editor", PASSWORD, address="198.51.100.4"), ADMIN)
    client.logout()
    assertRedirects(sign_in(client, "colleague", PASSWORD), ADMIN)


def test_lockout_ends_after_fifteen_minutes(client, editor):
    for _ in range(5):
        sign_in(client, "editor", "wrong")
    assert sign_in(client, "editor", PASSWORD).status_code == 429
    # The same 15 minutes later: move the recorded failures back in time.
    AccessAttempt.objects.update(attempt_time=timezone.now() - datetime.timedelta(minutes=16))
    assertRedirects(sign_in(client, "editor", PASSWORD), ADMIN)


def test_a_successful_sign_in_starts_the_count_again(client, editor):
    for _ in range(4):
        sign_in(client, "editor", "wrong")
    assertRedirects(sign_in(client, "editor", PASSWORD), ADMIN)
    client.logout()
    for _ in range(4):
        sign_in(client, "editor", "wrong")
    assertRedirects(sign_in(client, "editor", PASSWORD), ADMIN)


# Sessions expire: with the browser, and on the server after SESSION_COOKIE_AGE.


def test_session_cookie_ends_with_the_browser(client, editor):
    response = sign_in(client, "editor", PASSWORD)
    cookie = response.cookies[settings.SESSION_COOKIE_NAME]
    assert (cookie["expires"], cookie["max-age"]) == ("", "")
    assert cookie["httponly"]


def test_an_old_session_is_refused(client, editor):
    sign_in(client, "editor", PASSWORD)
    assert client.get(ADMIN).status_code == 200
    session = Session.objects.get(session_key=client.session.session_key)
    age = session.expire_date - timezone.now()
    assert datetime.timedelta(hours=7, minutes=59) < age <= datetime.timedelta(hours=8)
    # The same session eight hours on, the browser still open: its cookie no longer works.
    session.expire_date = timezone.now() - datetime.timedelta(seconds=1)
    session.save()
    assertRedirects(client.get(ADMIN), f"{LOGIN}?next={ADMIN}")


# Over-long input is refused by the form, before anything records it.


@pytest.mark.parametrize("length", [151, 256, 10_000])
def test_an_over_long_user_name_is_refused_with_a_message(client, editor, length):
    response = sign_in(client, "e" * length, "wrong")
    assert response.status_code == 200
    assertContains(response, "Ensure this value has at most 150 characters")
    assertRedirects(client.get(ADMIN), f"{LOGIN}?next={ADMIN}")


def test_over_long_user_names_never_lock_anyone_out(client, editor):
    for _ in range(6):
        sign_in(client, "editor" + "x" * 300, "wrong")
    assertRedirects(sign_in(client, "editor", PASSWORD), ADMIN)


def test_an_over_long_password_is_refused_with_a_message(client, editor):
    response = sign_in(client, "editor", "p" * 5000)
    assertContains(response, "Ensure this value has at most 4096 characters")
    assertRedirects(client.get(ADMIN), f"{LOGIN}?next={ADMIN}")

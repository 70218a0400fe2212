"""A reader follows a filtered view by e-mail: confirms by a link, gets new statements daily or
at once through a real SMTP server, and leaves in one click, after which the address is gone."""

import datetime
import re

import pytest
from django.http import QueryDict
from django.urls import reverse
from django.utils import timezone
from pytest_django.asserts import assertContains

from tests.helpers import make_chief_editor, make_nation, make_quote
from tracker import alerts, tasks
from tracker.models import Quote, Subscription

pytestmark = pytest.mark.django_db

READER = "reader@example.org"


@pytest.fixture(autouse=True)
def france():
    """A nation readers can choose on /quotes/: one with a published statement."""
    nation = make_nation(code="fr", name="France")
    make_quote(nation=nation, text="Said before subscribing.")
    return nation


def subscribe(client, query="nation=fr", frequency="daily"):
    return client.post(
        f"{reverse('subscription_new')}?{query}", {"email": READER, "frequency": frequency}
    )


def link_in(message, name):
    path = reverse(name, args=["TOKEN"]).replace("TOKEN/", "")
    return re.search(
        rf"https://ontherecord\.example({re.escape(path)}[\w-]+/)", message.get_content()
    )[1]


def confirmed(client, smtp_server, django_capture_on_commit_callbacks, **options):
    with django_capture_on_commit_callbacks(execute=True):
        subscribe(client, **options)
    subscription = Subscription.objects.get()
    tasks.send_confirmation.call(subscription.pk)
    _, message = smtp_server.messages[-1]
    client.post(link_in(message, "subscription_confirm"))
    subscription.refresh_from_db()
    return subscription


def test_subscribing_sends_a_confirmation_and_nothing_else(
    client, france, smtp_server, django_capture_on_commit_callbacks
):
    response = client.get(f"{reverse('quote_list')}?nation=fr&sort=oldest")
    assertContains(response, f'href="{reverse("subscription_new")}?nation=fr&amp;sort=oldest"')
    page = client.get(f"{reverse('subscription_new')}?nation=fr")
    assertContains(page, "France")
    with django_capture_on_commit_callbacks(execute=True):
        response = subscribe(client)
    assertContains(response, "we sent a link to <strong>reader@example.org</strong>")
    subscription = Subscription.objects.get()
    assert (subscription.query, subscription.confirmed_at) == ("nation=fr", None)

    tasks.send_confirmation.call(subscription.pk)
    recipients, message = smtp_server.messages[-1]
    assert recipients == [READER]
    assert "Confirm" in message["Subject"]
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"

    # Not confirmed: a new French statement is not sent.
    make_quote(nation=france)
    tasks.send_alerts.call("daily")
    assert len(smtp_server.messages) == 1


def test_a_mail_scanner_following_the_link_confirms_nothing(
    client, smtp_server, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        subscribe(client)
    tasks.send_confirmation.call(Subscription.objects.get().pk)
    _, message = smtp_server.messages[-1]
    url = link_in(message, "subscription_confirm")
    assertContains(client.get(url), "Confirm</button>")
    assert Subscription.objects.get().confirmed_at is None
    client.post(url)
    assert Subscription.objects.get().confirmed_at is not None


def test_daily_alert_sends_new_matching_statements_only(
    client, france, smtp_server, django_capture_on_commit_callbacks
):
    germany = make_nation(code="de")
    subscription = confirmed(client, smtp_server, django_capture_on_commit_callbacks)
    french = make_quote(nation=france, text="Nous enverrons des troupes.")
    make_quote(nation=germany, text="Wir schicken keine Truppen.")
    make_quote(nation=france, text="A draft.", status=Quote.Status.DRAFT)

    assert tasks.send_alerts.call("daily") == 1
    recipients, message = smtp_server.messages[-1]
    body = message.get_content()
    assert recipients == [READER]
    assert "Nous enverrons des troupes." in body
    assert f"https://ontherecord.example{french.get_absolute_url()}" in body
    for not_sent in ("Wir schicken", "A draft.", "Said before subscribing."):
        assert not_sent not in body
    unsubscribe = f"https://ontherecord.example/alerts/unsubscribe/{subscription.token}/"
    assert message["List-Unsubscribe"] == f"<{unsubscribe}>"
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"

    # Nothing new: no mail.
    assert tasks.send_alerts.call("daily") == 0
    assert len(smtp_server.messages) == 2


def test_immediate_alert_goes_out_when_a_chief_editor_publishes(
    client, france, smtp_server, django_capture_on_commit_callbacks
):
    confirmed(client, smtp_server, django_capture_on_commit_callbacks, frequency="immediate")
    draft = make_quote(nation=france, text="Fresh words.", status=Quote.Status.DRAFT)
    with django_capture_on_commit_callbacks(execute=True):
        draft.publish(by=make_chief_editor())
    from django_tasks_db.models import DBTaskResult

    waiting = DBTaskResult.objects.filter(task_path=tasks.send_alerts.module_path).get()
    assert waiting.args_kwargs["args"] == ["immediate"]
    tasks.send_alerts.call("immediate")
    assert "Fresh words." in smtp_server.messages[-1][1].get_content()
    # The daily ones are not sent at once.
    assert tasks.send_alerts.call("daily") == 0


def test_one_click_unsubscribe_forgets_the_address(
    client, smtp_server, django_capture_on_commit_callbacks
):
    subscription = confirmed(client, smtp_server, django_capture_on_commit_callbacks)
    client.handler.enforce_csrf_checks = True  # a mail program posts with no token
    url = reverse("subscription_unsubscribe", args=[subscription.token])
    response = client.post(url, {"List-Unsubscribe": "One-Click"})
    assert response.status_code == 200
    assert not Subscription.objects.filter(email=READER).exists()
    assert client.get(url).status_code == 404


def test_an_unconfirmed_address_is_forgotten_after_a_week(
    client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        subscribe(client)
    Subscription.objects.update(created_at=timezone.now() - datetime.timedelta(days=8))
    tasks.send_daily_alerts.call()
    assert not Subscription.objects.exists()


def test_bad_filters_or_address_are_the_readers_to_fix(client):
    assert client.get(f"{reverse('subscription_new')}?said_after=yesterday").status_code == 400
    response = client.post(reverse("subscription_new"), {"email": "not an address"})
    assert response.status_code == 400
    assertContains(response, "Enter a valid email address", status_code=400)
    assert not Subscription.objects.exists()


def test_the_subscription_pages_are_never_cached(client):
    response = client.get(reverse("subscription_new"))
    assert "no-store" in response["Cache-Control"]


def test_following_the_same_view_again_changes_only_how_often(
    client, smtp_server, django_capture_on_commit_callbacks
):
    subscription = confirmed(client, smtp_server, django_capture_on_commit_callbacks)
    sent = len(smtp_server.messages)
    with django_capture_on_commit_callbacks(execute=True):
        subscribe(client, frequency="immediate")
    again = Subscription.objects.get()
    assert (again.pk, again.frequency) == (subscription.pk, "immediate")
    assert len(smtp_server.messages) == sent
    view = QueryDict("page=3&nation=fr&sort=oldest")
    assert alerts.followed_filters(view).urlencode() == "nation=fr"

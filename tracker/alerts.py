"""Readers' alerts: a reader follows any view of /quotes/ by e-mail, with no account.

Subscribing asks for the address and how often; a mail with a link confirms it (double opt-in),
and only then does anything else go to that address. Every mail carries a one-click unsubscribe
(RFC 8058: List-Unsubscribe and List-Unsubscribe-Post), which forgets the address at once.
The views below are thin; the mails are sent by tasks (tracker/tasks.py).
"""

from django import forms
from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import IntegrityError, transaction
from django.http import HttpResponseBadRequest, QueryDict
from django.shortcuts import get_object_or_404, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from tracker.filters import QuoteFilter
from tracker.models import Quote, Subscription

# A mail lists at most this many statements, then links to the rest.
QUOTES_PER_MAIL = 50
# Parameters of /quotes/ that choose how a page looks, not which statements it holds.
NOT_FILTERS = {"page", "sort"}


class SubscriptionForm(forms.Form):
    email = forms.EmailField(label=_("Your e-mail address"), max_length=254)
    frequency = forms.ChoiceField(
        label=_("How often"),
        choices=Subscription.Frequency.choices,
        initial=Subscription.Frequency.DAILY,
        widget=forms.RadioSelect,
    )


def followed_filters(query_dict):
    """The filters of a view, without its page and order, in a stable order."""
    kept = QueryDict(mutable=True)
    for name in sorted(query_dict):
        if name not in NOT_FILTERS:
            kept.setlist(name, sorted(v for v in query_dict.getlist(name) if v.strip()))
    return kept


def absolute(path):
    return f"{settings.SITE_URL}{path}"


def unsubscribe_headers(subscription):
    url = absolute(reverse("subscription_unsubscribe", args=[subscription.token]))
    return {"List-Unsubscribe": f"<{url}>", "List-Unsubscribe-Post": "List-Unsubscribe=One-Click"}


def mail(subscription, template, subject, context):
    context = {
        "subscription": subscription,
        "quotes_url": absolute(subscription.quotes_url()),
        "unsubscribe_url": absolute(reverse("subscription_unsubscribe", args=[subscription.token])),
        "site_url": settings.SITE_URL,
        **context,
    }
    return EmailMultiAlternatives(
        subject=subject,
        body=render_to_string(f"tracker/mail/{template}.txt", context),
        to=[subscription.email],
        headers=unsubscribe_headers(subscription),
    )


def confirmation_mail(subscription):
    confirm_url = absolute(reverse("subscription_confirm", args=[subscription.token]))
    return mail(
        subscription,
        "confirm",
        "Confirm your alert from On the Record",
        {"confirm_url": confirm_url},
    )


def new_quotes(subscription, *, until):
    """Published statements matching the subscription's view, published since its last mail."""
    quote_filter = QuoteFilter(
        subscription.filters,
        queryset=Quote.objects.published()
        .filter(published_at__gt=subscription.sent_up_to, published_at__lte=until)
        .for_listing(),
    )
    if not quote_filter.is_valid():  # a nation or speaker that no longer exists, say
        return Quote.objects.none()
    return quote_filter.qs.order_by("published_at", "pk")


def send_alerts(frequency):
    """Mail each confirmed subscription of `frequency` its new statements, if any. Each one in
    its own transaction: a mail that fails leaves its subscription to be tried again, and the
    others sent."""
    sent = 0
    for pk in (
        Subscription.objects.confirmed().filter(frequency=frequency).values_list("pk", flat=True)
    ):
        with transaction.atomic():
            subscription = Subscription.objects.select_for_update().filter(pk=pk).first()
            if subscription is None:
                continue
            until = timezone.now()
            quotes = list(new_quotes(subscription, until=until)[: QUOTES_PER_MAIL + 1])
            if quotes:
                shown = quotes[:QUOTES_PER_MAIL]
                mail(
                    subscription,
                    "alert",
                    f"{len(shown)}{'+' if len(quotes) > len(shown) else ''} new statement"
                    f"{'s' if len(quotes) > 1 else ''} on On the Record",
                    {
                        "quotes": [(q, absolute(q.get_absolute_url())) for q in shown],
                        "more": len(quotes) > len(shown),
                    },
                ).send()
                sent += 1
            subscription.sent_up_to = until
            subscription.save(update_fields=["sent_up_to"])
    return sent


def quote_published():
    """A statement was published: those who asked to hear at once are mailed now."""
    from tracker import tasks

    tasks.after_commit(tasks.send_alerts, Subscription.Frequency.IMMEDIATE)


# Views.


@never_cache
@require_http_methods(["GET", "POST"])
def subscription_new(request):
    # The view followed is in the URL, as on /quotes/; the form posts back to the same URL.
    filters = followed_filters(request.GET)
    quote_filter = QuoteFilter(filters, queryset=Quote.objects.none())
    if not quote_filter.is_valid():
        return HttpResponseBadRequest(
            "These filters could not be read: "
            + "; ".join(f"{name}: {' '.join(e)}" for name, e in quote_filter.errors.items())
        )
    form = SubscriptionForm(request.POST if request.method == "POST" else None)
    context = {"form": form, "filter": quote_filter, "query": filters.urlencode()}
    if request.method == "POST" and form.is_valid():
        subscription = subscribe(
            email=form.cleaned_data["email"],
            query=filters.urlencode(),
            frequency=form.cleaned_data["frequency"],
        )
        context["subscription"] = subscription
        return render(request, "tracker/subscription_new.html", context)
    status = 400 if request.method == "POST" else 200
    return render(request, "tracker/subscription_new.html", context, status=status)


def subscribe(*, email, query, frequency):
    """A subscription for `email` to the view `query`, unconfirmed until its owner says so; a
    confirmation mail is on its way. Asking again for a view already followed changes only
    how often, and sends no second confirmation to a confirmed address."""
    from tracker import tasks

    email = email.strip()
    try:
        with transaction.atomic():
            subscription, created = Subscription.objects.get_or_create(
                email__iexact=email,
                query=query,
                defaults={"email": email, "frequency": frequency},
            )
    except IntegrityError:  # the same address, asking twice at once
        subscription, created = Subscription.objects.get(email=email, query=query), False
    if not created and subscription.frequency != frequency:
        subscription.frequency = frequency
        subscription.save(update_fields=["frequency"])
    if subscription.confirmed_at is None:
        tasks.after_commit(tasks.send_confirmation, subscription.pk)
    return subscription


@never_cache
@require_http_methods(["GET", "POST"])
def subscription_confirm(request, token):
    # A GET only shows the button: mail scanners follow links, and must not subscribe anyone.
    subscription = get_object_or_404(Subscription, token=token)
    if request.method == "POST":
        subscription.confirm()
    return render(request, "tracker/subscription_confirm.html", {"subscription": subscription})


@csrf_exempt  # the token is the authority; mail programs post here with no page of ours open
@never_cache
@require_http_methods(["GET", "POST"])
def subscription_unsubscribe(request, token):
    subscription = Subscription.objects.filter(token=token).first()
    if request.method == "POST" and subscription is not None:
        subscription.delete()  # the address is forgotten, not kept as "unsubscribed"
        subscription = None
        return render(request, "tracker/subscription_unsubscribe.html", {"done": True})
    if subscription is None:
        return render(request, "tracker/subscription_unsubscribe.html", {"done": True}, status=404)
    context = {"subscription": subscription, "done": False}
    return render(request, "tracker/subscription_unsubscribe.html", context)

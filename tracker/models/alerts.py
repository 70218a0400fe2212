"""Readers' alerts: an e-mail address following a filtered view of the quotes. No account: the
address is kept only while it is subscribed, and the token in every mail is its key."""

import secrets

from django.db import models
from django.http import QueryDict
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

# An unconfirmed address is forgotten after this long.
CONFIRMATION_DAYS = 7


def new_token():
    return secrets.token_urlsafe(32)


class SubscriptionQuerySet(models.QuerySet):
    def confirmed(self):
        return self.filter(confirmed_at__isnull=False)

    def unconfirmed_since(self, moment):
        return self.filter(confirmed_at__isnull=True, created_at__lt=moment)


class Subscription(models.Model):
    class Frequency(models.TextChoices):
        IMMEDIATE = "immediate", _("As soon as they are published")
        DAILY = "daily", _("Once a day")

    email = models.EmailField("e-mail address")
    query = models.CharField(
        max_length=2000, blank=True, help_text="The filters of /quotes/, as a query string."
    )
    frequency = models.CharField(max_length=10, choices=Frequency, default=Frequency.DAILY)
    token = models.CharField(max_length=64, unique=True, default=new_token, editable=False)
    created_at = models.DateTimeField(default=timezone.now)
    confirmed_at = models.DateTimeField(null=True, blank=True)
    sent_up_to = models.DateTimeField(
        null=True, blank=True, help_text="Quotes published up to this moment were sent."
    )

    objects = SubscriptionQuerySet.as_manager()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["email", "query"], name="subscription_one_per_view")
        ]

    def __str__(self):
        return f"{self.email}: /quotes/?{self.query}"

    @property
    def filters(self):
        return QueryDict(self.query)

    def quotes_url(self):
        return reverse("quote_list") + (f"?{self.query}" if self.query else "")

    def confirm(self):
        if self.confirmed_at is None:
            self.confirmed_at = self.sent_up_to = timezone.now()
            self.save(update_fields=["confirmed_at", "sent_up_to"])

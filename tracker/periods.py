"""A month or a day of statements, as /dates/<yyyy>/<mm>/ and /dates/<yyyy>/<mm>/<dd>/ name
them: read from the URL (None for a date that does not exist), with its first and last day,
its name and its URL. Which periods hold statements is the archive's to say
(tracker/aggregates.py)."""

import calendar
import dataclasses
import datetime

from django.urls import reverse
from django.utils import dateformat
from django.utils.translation import gettext

from tracker.models.dates import month_display


@dataclasses.dataclass(frozen=True)
class Month:
    first_day: datetime.date

    @classmethod
    def from_url(cls, year, month):
        """The month of these URL parts ("2025", "02"), or None when there is no such month."""
        try:
            return cls(datetime.date(int(year), int(month), 1))
        except ValueError:
            return None

    @property
    def last_day(self):
        days = calendar.monthrange(self.first_day.year, self.first_day.month)[1]
        return self.first_day.replace(day=days)

    def __str__(self):
        return month_display(self.first_day)

    def get_absolute_url(self):
        day = self.first_day
        return reverse("date_month", args=[f"{day.year:04d}", f"{day.month:02d}"])


@dataclasses.dataclass(frozen=True)
class Day:
    day: datetime.date

    @classmethod
    def from_url(cls, year, month, day):
        """The day of these URL parts ("2025", "02", "17"), or None when there is no such day."""
        try:
            return cls(datetime.date(int(year), int(month), int(day)))
        except ValueError:
            return None

    @property
    def month(self):
        return Month(self.day.replace(day=1))

    def __str__(self):
        # Translators: a day in full, as Django's date filter writes it: "17 February 2025".
        return dateformat.format(self.day, gettext("j F Y"))

    def get_absolute_url(self):
        day = self.day
        return reverse("date_day", args=[f"{day.year:04d}", f"{day.month:02d}", f"{day.day:02d}"])

"""Working days in the Netherlands: weekdays that are not a public holiday (``holidays``)."""

from __future__ import annotations

import datetime
from functools import cache

import holidays


@cache
def _dutch_holidays(year: int) -> frozenset[datetime.date]:
    return frozenset(holidays.country_holidays("NL", years=year))


def is_working_day(day: datetime.date) -> bool:
    return day.weekday() < 5 and day not in _dutch_holidays(day.year)


def working_days_before(day: datetime.date, count: int) -> datetime.date:
    """The working day ``count`` working days before ``day`` (Monday's 2 is the Thursday)."""
    found = 0
    while found < count:
        day -= datetime.timedelta(days=1)
        if is_working_day(day):
            found += 1
    return day

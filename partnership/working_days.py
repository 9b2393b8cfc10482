"""Working days in England: Monday to Friday, except bank holidays (the
`holidays` package, England subdivision). The one place the service decides
whether a day is a working day: statutory clocks, action deadlines, reminders."""

import datetime
from functools import lru_cache

import holidays

ONE_DAY = datetime.timedelta(days=1)


@lru_cache(maxsize=64)
def _bank_holidays(year):
    return frozenset(holidays.country_holidays("GB", subdiv="ENG", years=year))


def is_bank_holiday(day: datetime.date) -> bool:
    return day in _bank_holidays(day.year)


def is_working_day(day: datetime.date) -> bool:
    return day.weekday() < 5 and not is_bank_holiday(day)


def next_working_day(day: datetime.date) -> datetime.date:
    """`day` itself if it is a working day, otherwise the next one."""
    while not is_working_day(day):
        day += ONE_DAY
    return day


def previous_working_day(day: datetime.date) -> datetime.date:
    """The last working day strictly before `day`."""
    day -= ONE_DAY
    while not is_working_day(day):
        day -= ONE_DAY
    return day


def add_working_days(day: datetime.date, count: int) -> datetime.date:
    """The date `count` working days after `day` (before it, if negative)."""
    step = ONE_DAY if count >= 0 else -ONE_DAY
    remaining = abs(count)
    while remaining:
        day += step
        if is_working_day(day):
            remaining -= 1
    return day

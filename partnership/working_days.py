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


def working_days_after(start: datetime.date, end: datetime.date) -> int:
    """How many working days fall after `start`, up to and including `end` (0
    if `end` is not after `start`). Counted by whole weeks, not day by day: a
    clock a year overdue costs what one due tomorrow does."""
    if end <= start:
        return 0
    weeks, extra = divmod((end - start).days, 7)
    first = start.weekday()
    weekdays = weeks * 5 + sum((first + n) % 7 < 5 for n in range(1, extra + 1))
    holidays_on_weekdays = sum(
        start < holiday <= end and holiday.weekday() < 5
        for year in range(start.year, end.year + 1)
        for holiday in _bank_holidays(year)
    )
    return weekdays - holidays_on_weekdays

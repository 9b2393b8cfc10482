"""Dates and times as the GOV.UK style guide writes them, in one place for
pages, PDFs, emails and messages: "23 February 2022", "1:00pm", "12 midday"."""

import datetime

from django.utils import timezone


def day(value) -> str:
    """23 February 2022 (a datetime is taken in UK time)."""
    if not value:
        return ""
    return f"{_local(value):%-d %B %Y}"


def day_short(value) -> str:
    """23 Feb 2022: for the narrow columns of printed tables only."""
    if not value:
        return ""
    return f"{_local(value):%-d %b %Y}"


def weekday_day(value) -> str:
    """Wednesday 23 February 2022."""
    if not value:
        return ""
    return f"{_local(value):%A %-d %B %Y}"


def clock(value) -> str:
    """1:00pm, 9:30am, 12 midday, 12 midnight (a datetime is taken in UK time)."""
    if value is None or value == "":
        return ""
    if isinstance(value, datetime.datetime):
        value = timezone.localtime(value) if timezone.is_aware(value) else value
    if value.minute == 0 and value.hour in (0, 12):
        return "12 midday" if value.hour == 12 else "12 midnight"
    return value.strftime("%-I:%M%p").lower()


def moment(value) -> str:
    """23 February 2022, 1:00pm."""
    if not value:
        return ""
    return f"{day(value)}, {clock(value)}"


def _local(value):
    if isinstance(value, datetime.datetime) and timezone.is_aware(value):
        return timezone.localtime(value)
    return value

"""Fields and choices the meetings forms share: times as minutes write them, people to
choose from."""

import datetime
import re

from django import forms

from partnership.models import Person

from ..models import (
    Purpose,
)

PURPOSE_CHOICES = [("", "Not stated"), *Purpose.choices]

_TIME = re.compile(r"^(\d{1,2})(?:[:.](\d{2}))?\s*(am|pm)?$")


class GovukTimeField(forms.Field):
    """A time typed the way people write it: 1pm, 1:30pm, 1.30pm or 13:30."""

    widget = forms.TextInput(attrs={"class": "govuk-input--width-5", "autocomplete": "off"})

    def __init__(self, *, name="time", **kwargs):
        kwargs.setdefault("help_text", "For example, 1:30pm or 13:30")
        super().__init__(**kwargs)
        self.name = name
        self.error_messages["required"] = f"Enter the {name}"

    def prepare_value(self, value):
        if isinstance(value, datetime.time):
            return value.strftime("%-I:%M%p").lower()
        return value

    def to_python(self, value):
        value = (value or "").strip().lower().replace(" ", "")
        if not value:
            return None
        if value in {"midday", "noon", "12noon"}:
            return datetime.time(12, 0)
        match = _TIME.match(value)
        message = f"Enter the {self.name} as a time, like 1:30pm or 13:30"
        if not match:
            raise forms.ValidationError(message, code="invalid")
        hour, minute, half = int(match[1]), int(match[2] or 0), match[3]
        if half:
            if not 1 <= hour <= 12:
                raise forms.ValidationError(message, code="invalid")
            hour = hour % 12 + (12 if half == "pm" else 0)
        if hour > 23 or minute > 59:
            raise forms.ValidationError(message, code="invalid")
        return datetime.time(hour, minute)


def active_people(partnership):
    return (
        Person.objects.for_partnership(partnership)
        .filter(is_active=True)
        .select_related("organisation")
    )

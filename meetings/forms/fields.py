"""Choices the meetings forms share: purposes, and people to choose from. (Times are
govuk.forms.GovukTimeField.)"""

from partnership.models import Person

from ..models import (
    Purpose,
)

PURPOSE_CHOICES = [("", "Not stated"), *Purpose.choices]


def active_people(partnership):
    return (
        Person.objects.for_partnership(partnership)
        .filter(is_active=True)
        .select_related("organisation")
    )

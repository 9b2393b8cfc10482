"""The forward plan and a board's meeting settings and standing items."""

import datetime

from django import forms
from django.core.validators import MaxLengthValidator
from django.utils import timezone

from govuk.dates import day
from govuk.forms import GovukForm
from partnership.forms import TenantModelForm

from ..limits import NOTE_LIMIT, too_long
from ..models import (
    AgendaItem,
    ForwardPlanItem,
    MeetingSettings,
    StandingItem,
)
from .fields import PURPOSE_CHOICES, active_people

# Forward plan and board settings ------------------------------------------------


def month_choices(today=None):
    """Months for planning ahead: ("", "Not yet known"), then the next 18 months."""
    months = _months(today or timezone.localdate())
    return [("", "Not yet known")] + [(m.isoformat(), f"{m:%B %Y}") for m in months]


def _months(start, count=18):
    months, month = [], start.replace(day=1)
    for _ in range(count):
        months.append(month)
        month = (month + datetime.timedelta(days=32)).replace(day=1)
    return months


class ForwardPlanItemForm(TenantModelForm):
    month = forms.TypedChoiceField(
        label="Or a month",
        required=False,
        coerce=datetime.date.fromisoformat,
        empty_value=None,
    )

    class Meta:
        model = ForwardPlanItem
        fields = [
            "title",
            "purpose",
            "presenter",
            "meeting",
            "month",
            "notes",
            "is_confidential",
            "is_withdrawn",
        ]
        widgets = {
            "purpose": forms.RadioSelect(choices=PURPOSE_CHOICES),
            "notes": forms.Textarea(attrs={"rows": 3}),
        }
        labels = {"meeting": "Planned for a meeting", "notes": "Notes (optional)"}

    def __init__(self, *args, board, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.board = board
        today = timezone.localdate()
        self.fields["title"].error_messages["required"] = "Enter what is planned"
        notes = self.fields["notes"]
        notes.max_length = NOTE_LIMIT
        notes.validators.append(MaxLengthValidator(NOTE_LIMIT))
        notes.error_messages["max_length"] = too_long("The notes", NOTE_LIMIT)
        self.fields["purpose"].choices = PURPOSE_CHOICES
        self.fields["presenter"].queryset = active_people(self.partnership)
        self.fields["presenter"].empty_label = "No one named yet"
        self.fields["meeting"].queryset = self.fields["meeting"].queryset.filter(
            board=board, date__gte=today
        )
        self.fields["meeting"].empty_label = "Not yet known"
        self.fields["meeting"].label_from_instance = lambda m: f"{day(m.date)}"
        choices = month_choices(today)
        current = self.instance.month
        if current and current.isoformat() not in dict(choices):
            choices.insert(1, (current.isoformat(), f"{current:%B %Y}"))
        self.fields["month"].choices = choices
        self.fields["month"].help_text = "Used when the meeting is not yet known"
        if not self.instance.pk:
            del self.fields["is_withdrawn"]

    def clean(self):
        data = super().clean()
        if data.get("meeting") and data.get("month"):
            data["month"] = None
        return data


class MeetingSettingsForm(TenantModelForm):
    class Meta:
        model = MeetingSettings
        fields = [
            "quorum_statutory_partners",
            "quorum_minimum",
            "default_venue",
            "owner_names",
            "agenda_numbering",
        ]
        widgets = {
            "quorum_minimum": forms.NumberInput(attrs={"class": "govuk-input--width-3"}),
            "owner_names": forms.RadioSelect,
            "agenda_numbering": forms.RadioSelect,
        }
        help_texts = {
            "agenda_numbering": "New agendas number the welcome, introductions and apologies "
            "this way; agendas already made keep their numbers",
        }
        labels = {
            "agenda_numbering": "How agendas are numbered",
            "owner_names": "How the minutes (PDF) name action owners",
            "quorum_statutory_partners": "Quorum: each statutory partner must be present",
            "quorum_minimum": "Quorum: minimum number of members present (optional)",
            "default_venue": "Usual venue (optional)",
        }


class StandingItemForm(TenantModelForm):
    previous_minutes = forms.BooleanField(
        label="This item agrees the previous minutes and reviews the action log",
        required=False,
    )

    class Meta:
        model = StandingItem
        fields = ["title", "numbering", "purpose", "minutes_allowed", "is_confidential"]
        widgets = {
            "numbering": forms.RadioSelect,
            "purpose": forms.RadioSelect(choices=PURPOSE_CHOICES),
            "minutes_allowed": forms.NumberInput(attrs={"class": "govuk-input--width-3"}),
        }
        labels = {"minutes_allowed": "Minutes allowed (optional)"}

    def __init__(self, *args, board, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.board = board
        self.fields["title"].error_messages["required"] = "Enter the title of the standing item"
        self.fields["purpose"].choices = PURPOSE_CHOICES
        self.fields["previous_minutes"].initial = (
            self.instance.kind == AgendaItem.Kind.PREVIOUS_MINUTES
        )
        if self.instance.is_welcome:
            # Numbered as the board numbers its agenda (its meeting settings).
            del self.fields["numbering"]
            del self.fields["previous_minutes"]


class StandingItemRenameForm(GovukForm):
    """A standing item's new title, typed in place on the board's settings page."""

    title = forms.CharField(
        label="Title",
        max_length=StandingItem._meta.get_field("title").max_length,
        error_messages={
            "required": "Enter the title of the standing item",
            "max_length": "The title must be 300 characters or fewer",
        },
    )

    def __init__(self, *args, standing, **kwargs):
        # Ids made from the item: several rows can be open at once with htmx.
        kwargs.setdefault("auto_id", f"rename-{standing.ref}-%s")
        kwargs.setdefault("initial", {"title": standing.title})
        super().__init__(*args, **kwargs)
        self.standing = standing

"""Planning a meeting and the attendance-by-agency report."""

from django import forms

from govuk.forms import GovukDateField, GovukForm, GovukTimeField
from partnership.forms import TenantModelForm
from partnership.models import Board

from ..models import (
    Meeting,
)

# Meetings -----------------------------------------------------------------------


class MeetingForm(TenantModelForm):
    start_time = GovukTimeField(label="Start time", name="start time", required=False)
    end_time = GovukTimeField(label="End time", name="end time", required=False)
    online_link = forms.URLField(
        label="Online meeting link (optional)",
        required=False,
        max_length=500,
        assume_scheme="https",
        widget=forms.URLInput(attrs={"spellcheck": "false"}),
        error_messages={"invalid": "Enter the online meeting link as a web address"},
    )

    class Meta:
        model = Meeting
        fields = [
            "board",
            "kind",
            "subject",
            "date",
            "start_time",
            "end_time",
            "venue_kind",
            "venue",
            "online_link",
        ]
        widgets = {"kind": forms.RadioSelect, "venue_kind": forms.RadioSelect}
        labels = {
            "board": "Board or group",
            "kind": "Kind of meeting",
            "date": "Date",
            "venue_kind": "Where is it held?",
            "venue": "Venue (if in person)",
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["board"].queryset = Board.objects.for_partnership(self.partnership).filter(
            is_active=True
        )
        self.fields["board"].empty_label = "Choose a board or group"
        self.fields["board"].error_messages["required"] = "Choose the board or group"
        self.fields["date"].help_text = "For example, 18 12 2025"
        self.fields[
            "venue_kind"
        ].help_text = "Choose \u201cNot recorded\u201d for a past meeting whose venue nobody knows"
        self.fields["venue_kind"].error_messages["required"] = "Choose where the meeting is held"
        self.fields["venue"].help_text = "For example, Mordiford Room, Plough Lane, Hereford"
        if self.instance.pk:
            del self.fields["board"]

    def clean(self):
        data = super().clean()
        start, end = data.get("start_time"), data.get("end_time")
        if start and end and end <= start:
            self.add_error("end_time", "The end time must be after the start time")
        if end and not start and "start_time" not in self.errors:
            self.add_error("start_time", "Enter the start time")
        if data.get("kind") == Meeting.Kind.EXTRAORDINARY and not data.get("subject", "").strip():
            self.add_error("subject", "Enter what the extraordinary meeting is about")
        kind = data.get("venue_kind")
        if kind == Meeting.VenueKind.IN_PERSON and not data.get("venue", "").strip():
            self.add_error("venue", "Enter the venue, or choose online or not recorded")
        if kind != Meeting.VenueKind.IN_PERSON:
            data["venue"] = ""
        return data


class AttendanceReportForm(GovukForm):
    start = GovukDateField(label="From")
    end = GovukDateField(label="To")

    def clean(self):
        data = super().clean()
        if data.get("start") and data.get("end") and data["end"] < data["start"]:
            self.add_error("end", "The end date must be the same as or after the start date")
        return data

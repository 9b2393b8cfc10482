"""Forms for meetings, agendas, papers, attendance, minutes and the forward plan.
Each validates in GOV.UK words and keeps what was typed."""

import datetime
import re

from django import forms
from django.utils import timezone
from django_scopes.forms import SafeModelChoiceField

from govuk.forms import GovukDateField, GovukForm
from partnership.forms import TenantModelForm
from partnership.models import Board, Person

from . import action_log, papers
from .models import (
    AgendaItem,
    Attendance,
    ForwardPlanItem,
    Meeting,
    MeetingSettings,
    Purpose,
    StandingItem,
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


def _people(partnership):
    return (
        Person.objects.for_partnership(partnership)
        .filter(is_active=True)
        .select_related("organisation")
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
            "venue",
            "online_link",
        ]
        widgets = {"kind": forms.RadioSelect}
        labels = {"board": "Board or group", "kind": "Kind of meeting", "date": "Date"}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["board"].queryset = Board.objects.for_partnership(self.partnership).filter(
            is_active=True
        )
        self.fields["board"].empty_label = "Choose a board or group"
        self.fields["board"].error_messages["required"] = "Choose the board or group"
        self.fields["date"].help_text = "For example, 18 12 2025"
        self.fields["venue"].help_text = "Leave blank for an online meeting"
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
        if not data.get("venue") and not data.get("online_link") and not self.errors:
            self.add_error("venue", "Enter a venue or an online meeting link")
        return data


# Agenda -------------------------------------------------------------------------


class AgendaItemForm(TenantModelForm):
    after = forms.ChoiceField(label="Where on the agenda", required=False)
    number = forms.CharField(
        label="Number (optional)",
        required=False,
        max_length=10,
        help_text="Leave blank to number it automatically. Type one (like 2a) to set it.",
        widget=forms.TextInput(attrs={"class": "govuk-input--width-4", "spellcheck": "false"}),
    )
    previous_minutes = forms.BooleanField(
        label="This item agrees the previous minutes and reviews the action log",
        required=False,
    )

    class Meta:
        model = AgendaItem
        fields = [
            "title",
            "numbering",
            "number",
            "purpose",
            "presenter",
            "minutes_allowed",
            "is_confidential",
        ]
        widgets = {
            "numbering": forms.RadioSelect,
            "purpose": forms.RadioSelect(choices=PURPOSE_CHOICES),
            "minutes_allowed": forms.NumberInput(attrs={"class": "govuk-input--width-3"}),
        }
        labels = {
            "numbering": "Numbering",
            "minutes_allowed": "Minutes allowed (optional)",
            "is_confidential": "Confidential (OFFICIAL-SENSITIVE): left out of public versions",
        }

    field_order = ["title", "after", "numbering", "number"]

    def __init__(self, *args, meeting, **kwargs):
        super().__init__(*args, **kwargs)
        self.meeting = meeting
        self.fields["title"].error_messages["required"] = "Enter the item's title"
        self.fields["purpose"].choices = PURPOSE_CHOICES
        self.fields["presenter"].queryset = _people(self.partnership)
        self.fields["presenter"].empty_label = "No one named"
        self.fields["presenter"].help_text = "They are asked for the item's paper"
        self.fields["previous_minutes"].initial = self.instance.is_previous_minutes
        if not self.instance.number_is_manual:
            self.initial["number"] = ""
        others = [i for i in meeting.items.order_by("position") if i.pk != self.instance.pk]
        if self.instance.pk:
            del self.fields["after"]
        else:
            self.fields["after"].choices = [("", "At the end")] + [
                (str(i.uuid), f"After {i}") for i in others
            ]
        self._others = others

    def clean_number(self):
        number = self.cleaned_data["number"].strip()
        if number and any(other.number == number for other in self._others):
            raise forms.ValidationError(f"Another item is already numbered {number}")
        return number

    def clean_after(self):
        chosen = self.cleaned_data.get("after")
        if not chosen:
            return None
        return next((i for i in self._others if str(i.uuid) == chosen), None)

    def service_fields(self):
        """The cleaned values, as the agenda services take them."""
        data = self.cleaned_data
        fields = {name: data[name] for name in self._meta.fields}
        fields["number_is_manual"] = bool(data["number"])
        fields["kind"] = (
            AgendaItem.Kind.PREVIOUS_MINUTES if data["previous_minutes"] else AgendaItem.Kind.ITEM
        )
        return fields


# Papers -------------------------------------------------------------------------


class PaperForm(GovukForm):
    title = forms.CharField(
        max_length=300, error_messages={"required": "Enter the paper's title"}, label="Title"
    )
    file = forms.FileField(
        label="File",
        help_text=f"A {papers.ACCEPTED} file, smaller than {papers.max_size_label()}",
        error_messages={"required": "Select a file", "empty": "The selected file is empty"},
    )
    # The content checks are the upload service's (documents.uploads.inspect); the view
    # shows what it refuses as an error on this field.


class LatePaperForm(GovukForm):
    reason = forms.CharField(
        label="Why is the late paper accepted?",
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Enter why the late paper is accepted"},
        help_text="Recorded with the paper, for example: urgent decision needed before March",
    )


# Attendance ---------------------------------------------------------------------

MEMBER_STATUSES = [
    (Attendance.Status.PRESENT, "Present"),
    (Attendance.Status.APOLOGIES, "Apologies"),
    (Attendance.Status.ABSENT, "Absent"),
    (Attendance.Status.EXPECTED, "Not recorded"),
]
OTHER_STATUSES = [
    (Attendance.Status.IN_ATTENDANCE, "In attendance"),
    (Attendance.Status.APOLOGIES, "Apologies"),
    (Attendance.Status.ABSENT, "Absent"),
    (Attendance.Status.EXPECTED, "Not recorded"),
]


class AttendanceForm(GovukForm):
    """One status (and note) per person listed, named by the person's uuid."""

    def __init__(self, *args, rows, **kwargs):
        super().__init__(*args, **kwargs)
        self.rows = []
        for row in rows:
            person, is_member = row["person"], row["is_member"]
            key = str(person.uuid)
            self.fields[f"status-{key}"] = forms.ChoiceField(
                label=person.full_name,
                choices=MEMBER_STATUSES if is_member else OTHER_STATUSES,
                widget=forms.RadioSelect,
                initial=row["status"],
            )
            self.fields[f"note-{key}"] = forms.CharField(
                label=f"Note for {person.full_name}",
                required=False,
                max_length=200,
                initial=row["note"],
            )
            self.rows.append({**row, "status_field": self[f"status-{key}"]})
            self.rows[-1]["note_field"] = self[f"note-{key}"]

    def statuses(self):
        return {
            row["person"].pk: self.cleaned_data[f"status-{row['person'].uuid}"] for row in self.rows
        }

    def notes(self):
        return {
            row["person"].pk: self.cleaned_data[f"note-{row['person'].uuid}"].strip()
            for row in self.rows
        }


class AttendeeAddForm(GovukForm):
    name = forms.CharField(
        label="Name",
        max_length=200,
        help_text="Someone already known, or a new name (a guest)",
        error_messages={"required": "Enter the name of the person attending"},
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
    )
    job_title = forms.CharField(
        label="Job title and organisation (for someone new)", required=False, max_length=200
    )
    status = forms.ChoiceField(
        label="Attending as",
        widget=forms.RadioSelect,
        choices=[
            (Attendance.Status.PRESENT, "A deputy for a member (present)"),
            (Attendance.Status.IN_ATTENDANCE, "In attendance (officer, minute taker or guest)"),
        ],
        error_messages={"required": "Choose how they are attending"},
    )
    on_behalf_of = SafeModelChoiceField(
        label="On behalf of (for a deputy)", queryset=Person.objects.none(), required=False
    )
    note = forms.CharField(
        label="Note (optional)",
        required=False,
        max_length=200,
        help_text="For example: minutes, or attended for item 4",
    )

    def __init__(self, *args, meeting, **kwargs):
        super().__init__(*args, **kwargs)
        self.meeting = meeting
        members = meeting.attendance.filter(is_member=True, on_behalf_of__isnull=True)
        self.fields["on_behalf_of"].queryset = Person.objects.for_partnership(
            meeting.partnership_id
        ).filter(pk__in=members.values("person_id"))
        self.fields["on_behalf_of"].empty_label = "No one: not a deputy"
        self.fields["name"].widget.attrs["list"] = f"people-{meeting.uuid}"
        self.known = list(_people(meeting.partnership_id))

    def clean(self):
        data = super().clean()
        name = " ".join(data.get("name", "").split())
        if data.get("status") == Attendance.Status.PRESENT and not data.get("on_behalf_of"):
            self.add_error("on_behalf_of", "Choose the member they deputise for")
        matches = [p for p in self.known if p.full_name.lower() == name.lower()]
        data["person"] = matches[0] if len(matches) == 1 else None
        if len(matches) > 1:
            self.add_error("name", f"More than one person is called {name}: ask the business unit")
        data["name"] = name
        return data


# Minutes ------------------------------------------------------------------------


class ItemMinutesForm(GovukForm):
    discussion = forms.CharField(
        label="Discussion",
        required=False,
        widget=forms.Textarea(attrs={"rows": 8, "data-rich-text": "", "spellcheck": "true"}),
        help_text="Leave a blank line between paragraphs; start a line with - for a bullet",
    )
    decisions = forms.CharField(
        label="Decisions",
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="One per line",
    )
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)

    def __init__(self, *args, item, **kwargs):
        super().__init__(*args, prefix=f"m-{item.uuid}", **kwargs)


class RaiseActionForm(GovukForm):
    description = forms.CharField(
        label="Action",
        max_length=2000,
        error_messages={"required": "Enter the action"},
        widget=forms.Textarea(attrs={"rows": 2, "data-action-description": ""}),
    )
    owners = forms.CharField(
        label="Owner",
        max_length=300,
        help_text="Names or initials, separated by / (for example EF/KW), a team, or All",
        error_messages={"required": "Enter who owns the action"},
        widget=forms.TextInput(
            attrs={
                "autocomplete": "off",
                "spellcheck": "false",
                "list": "owner-choices",
                "data-owner-typeahead": "",
            }
        ),
    )
    due_date = GovukDateField(
        label="Due date (optional)", required=False, help_text="For example, 31 1 2026"
    )

    def __init__(self, *args, item, **kwargs):
        super().__init__(*args, prefix=f"a-{item.uuid}", **kwargs)
        self.item = item

    def clean_owners(self):
        return action_log.owners_from_text(self.item.meeting.board, self.cleaned_data["owners"])


class AddMinuteForm(GovukForm):
    title = forms.CharField(
        label="Title of the new minute",
        max_length=300,
        help_text="For example: LADO, or Action – MASH governance",
        error_messages={"required": "Enter a title for the new minute"},
    )


class ApprovalForm(GovukForm):
    AS_IS, AMENDED = "as_is", "amended"
    outcome = forms.ChoiceField(
        label="The minutes were approved",
        widget=forms.RadioSelect,
        choices=[
            (AS_IS, "As a true and accurate record"),
            (AMENDED, "As a true and accurate record, with the following amendment"),
        ],
        error_messages={"required": "Choose how the minutes were approved"},
    )
    amendment = forms.CharField(
        label="The amendment",
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text="Only if approved with an amendment: what should be changed, as agreed",
    )

    def clean(self):
        data = super().clean()
        if data.get("outcome") == self.AMENDED and not data.get("amendment", "").strip():
            self.add_error("amendment", "Enter the amendment agreed")
        if data.get("outcome") == self.AS_IS:
            data["amendment"] = ""
        return data


class AmendmentForm(GovukForm):
    item = forms.ChoiceField(label="Which part of the minutes", required=False)
    text = forms.CharField(
        label="The correction",
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={"required": "Enter the correction"},
    )

    def __init__(self, *args, items, **kwargs):
        super().__init__(*args, **kwargs)
        self.items = list(items)
        self.fields["item"].choices = [("", "The minutes as a whole")] + [
            (str(i.uuid), str(i)) for i in self.items
        ]

    def clean_item(self):
        chosen = self.cleaned_data.get("item")
        return next((i for i in self.items if str(i.uuid) == chosen), None)


class ReviewActionForm(GovukForm):
    text = forms.CharField(
        label="Update", required=False, widget=forms.Textarea(attrs={"rows": 2}), max_length=4000
    )
    status = forms.ChoiceField(label="Status", required=False)
    rag = forms.ChoiceField(label="RAG", required=False)

    def __init__(self, *args, action, status_choices, rag_choices, **kwargs):
        super().__init__(*args, prefix=f"r-{action.uuid}", **kwargs)
        self.fields["status"].choices = [("", "No change")] + list(status_choices)
        self.fields["rag"].choices = [("", "No change")] + list(rag_choices)
        self.fields["text"].label = f"Update on action {action.number}"

    def clean(self):
        data = super().clean()
        if not (data.get("text", "").strip() or data.get("status") or data.get("rag")):
            self.add_error("text", "Enter an update, or change the status or RAG")
        if data.get("rag") in {"red", "amber", "green"} and not data.get("text", "").strip():
            self.add_error("text", "Enter why the RAG changes")
        return data


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
        self.fields["purpose"].choices = PURPOSE_CHOICES
        self.fields["presenter"].queryset = _people(self.partnership)
        self.fields["presenter"].empty_label = "No one named yet"
        self.fields["meeting"].queryset = self.fields["meeting"].queryset.filter(
            board=board, date__gte=today
        )
        self.fields["meeting"].empty_label = "Not yet known"
        self.fields["meeting"].label_from_instance = lambda m: f"{m.date:%-d %B %Y}"
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
        fields = ["quorum_statutory_partners", "quorum_minimum", "default_venue"]
        widgets = {"quorum_minimum": forms.NumberInput(attrs={"class": "govuk-input--width-3"})}
        labels = {
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

    def save(self, commit=True):
        item = super().save(commit=False)
        item.kind = (
            AgendaItem.Kind.PREVIOUS_MINUTES
            if self.cleaned_data["previous_minutes"]
            else AgendaItem.Kind.ITEM
        )
        if commit:
            item.save()
        return item


class AttendanceReportForm(GovukForm):
    start = GovukDateField(label="From")
    end = GovukDateField(label="To")

    def clean(self):
        data = super().clean()
        if data.get("start") and data.get("end") and data["end"] < data["start"]:
            self.add_error("end", "The end date must be the same as or after the start date")
        return data

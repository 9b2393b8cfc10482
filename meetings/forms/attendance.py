"""Recording attendance: members, deputies and guests."""

from django import forms
from django_scopes.forms import SafeModelChoiceField

from govuk.forms import GovukForm
from partnership.models import Person
from partnership.pickers import typeahead_attrs

from ..models import (
    Attendance,
)
from .fields import active_people

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


# Above this many people the statuses are drop-down lists, not rows of radios:
# four radios a person is 1.5 KB of HTML each, and a 100-member board's page
# would pass 250 KB. A board's usual 15 to 30 members keep their radios.
COMPACT_FROM = 40


class AttendanceForm(GovukForm):
    """One status (and note) per person listed, named by the person's uuid."""

    def __init__(self, *args, rows, **kwargs):
        super().__init__(*args, **kwargs)
        rows = list(rows)
        self.compact = len(rows) >= COMPACT_FROM
        self.rows = []
        for index, row in enumerate(rows, start=1):
            person, is_member = row["person"], row["is_member"]
            key = str(person.uuid)
            # Compact rows have short ids (the page repeats each id twice a row).
            short = {"attrs": {"id": f"s{index}"}} if self.compact else {}
            self.fields[f"status-{key}"] = forms.ChoiceField(
                label=person.full_name,
                choices=MEMBER_STATUSES if is_member else OTHER_STATUSES,
                widget=forms.Select(**short) if self.compact else forms.RadioSelect,
                initial=row["status"],
            )
            self.fields[f"note-{key}"] = forms.CharField(
                label=f"Note for {person.full_name}",
                required=False,
                max_length=200,
                initial=row["note"],
                widget=forms.TextInput(attrs={"id": f"n{index}"} if self.compact else {}),
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


class InitialsForm(GovukForm):
    """The initials these minutes print for each attendee; blank for their own
    (or, when they clash, the disambiguated ones shown as the hint)."""

    def __init__(self, *args, attendance, **kwargs):
        super().__init__(*args, **kwargs)
        self.attendance = list(attendance)
        for row in self.attendance:
            self.fields[f"initials-{row.uuid}"] = forms.CharField(
                label=f"{row.person.full_name}",
                required=False,
                max_length=10,
                initial=row.initials,
                help_text=f"Printed as {row.initials_shown}",
                widget=forms.TextInput(
                    attrs={"class": "govuk-input--width-5", "autocomplete": "off"}
                ),
                error_messages={"max_length": "Initials must be 10 characters or fewer"},
            )

    def initials(self):
        return [(row, self.cleaned_data[f"initials-{row.uuid}"]) for row in self.attendance]


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
        # Names only: the select lists a whole board (100 members at bench size).
        self.fields["on_behalf_of"].queryset = (
            Person.objects.for_partnership(meeting.partnership_id)
            .filter(pk__in=members.values("person_id"))
            .only("pk", "full_name")
        )
        self.fields["on_behalf_of"].empty_label = "No one: not a deputy"
        # A type-ahead of the partnership's people from the server: never the
        # whole list in the page (2,000 people in a large partnership).
        self.fields["name"].widget.attrs.update(typeahead_attrs(meeting.partnership, ("person",)))

    def clean(self):
        data = super().clean()
        name = " ".join(data.get("name", "").split())
        if data.get("status") == Attendance.Status.PRESENT and not data.get("on_behalf_of"):
            self.add_error("on_behalf_of", "Choose the member they deputise for")
        matches = list(
            active_people(self.meeting.partnership_id).filter(full_name__iexact=name)[:2]
        )
        data["person"] = matches[0] if len(matches) == 1 else None
        if len(matches) > 1:
            self.add_error("name", f"More than one person is called {name}: ask the business unit")
        data["name"] = name
        return data

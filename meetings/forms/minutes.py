"""The minuting screen's forms: item minutes, actions raised, numbered minutes, approval,
amendments and the review of open actions."""

from django import forms
from django.utils import timezone

from govuk.dates import day
from govuk.forms import GovukDateField, GovukForm, GovukTimeField
from partnership.pickers import typeahead_attrs

from .. import action_log
from ..limits import DECISIONS_LIMIT, NOTE_LIMIT, discussion_too_long, too_long

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
        max_length=DECISIONS_LIMIT,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="One per line",
        error_messages={"max_length": too_long("The decisions", DECISIONS_LIMIT)},
    )
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)

    def __init__(self, *args, item, **kwargs):
        super().__init__(*args, prefix=f"m-{item.uuid}", **kwargs)

    def clean_discussion(self):
        value = self.cleaned_data["discussion"]
        error = discussion_too_long(value)
        if error:
            raise forms.ValidationError(error, code="too_long")
        return value


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
            }
        ),
    )
    due_date = GovukDateField(
        label="Due date (optional)", required=False, help_text="For example, 31 1 2026"
    )

    def __init__(self, *args, item, **kwargs):
        super().__init__(*args, prefix=f"a-{item.uuid}", **kwargs)
        self.item = item
        # Owners from the server's type-ahead (people, teams, groups, agencies,
        # All), never the whole people list in the page.
        self.fields["owners"].widget.attrs.update(
            typeahead_attrs(
                item.meeting.partnership,
                ("all", "person", "team", "board", "agency"),
                multiple=True,
                create_team=True,
            )
        )

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
    OUTSIDE = "outside"
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
        max_length=NOTE_LIMIT,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text="Only if approved with an amendment: what should be changed, as agreed. "
        "It is printed with the minutes.",
        error_messages={"max_length": too_long("The amendment", NOTE_LIMIT)},
    )
    where = forms.ChoiceField(
        label="Where were they approved?",
        widget=forms.RadioSelect,
        error_messages={"required": "Choose where the minutes were approved"},
    )
    approved_on = GovukDateField(
        label="Date approved (outside a meeting)",
        required=False,
        help_text="Leave blank for today. For minutes being recorded after the event, "
        "the date they were approved, for example 3 3 2025",
    )

    def __init__(self, *args, meetings, **kwargs):
        super().__init__(*args, **kwargs)
        self.meetings = list(meetings)
        self.fields["where"].choices = [
            (str(m.uuid), f"At the meeting on {day(m.date)}") for m in self.meetings
        ] + [(self.OUTSIDE, "Outside a meeting (for example, by the chair by email)")]
        if not self.is_bound:
            self.initial.setdefault(
                "where", str(self.meetings[0].uuid) if self.meetings else self.OUTSIDE
            )

    def clean(self):
        data = super().clean()
        if data.get("outcome") == self.AMENDED and not data.get("amendment", "").strip():
            self.add_error("amendment", "Enter the amendment agreed")
        if data.get("outcome") == self.AS_IS:
            data["amendment"] = ""
        where = data.get("where")
        data["at_meeting"] = next((m for m in self.meetings if str(m.uuid) == where), None)
        if data["at_meeting"] is not None:
            data["approved_on"] = None
        elif data.get("approved_on") and data["approved_on"] > timezone.localdate():
            self.add_error("approved_on", "The date approved must be today or in the past")
        return data


class ReturnMinutesForm(GovukForm):
    comments = forms.CharField(
        label="What needs to change",
        max_length=NOTE_LIMIT,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text="The minute taker sees this on the minuting screen and the meeting page",
        error_messages={
            "required": "Enter what needs to change",
            "max_length": too_long("The comments", NOTE_LIMIT),
        },
    )


class NextMeetingForm(GovukForm):
    next_meeting_date = GovukDateField(
        label="Date", required=False, help_text="For example, 28 1 2026"
    )
    next_meeting_start_time = GovukTimeField(label="Time (optional)", name="time", required=False)
    next_meeting_venue = forms.CharField(
        label="Venue (optional)",
        required=False,
        max_length=300,
        help_text="Where it will be held, or Online",
    )

    def clean(self):
        data = super().clean()
        if not data.get("next_meeting_date") and (
            data.get("next_meeting_start_time") or data.get("next_meeting_venue")
        ):
            self.add_error("next_meeting_date", "Enter the date of the next meeting")
        return data


class AmendmentForm(GovukForm):
    item = forms.ChoiceField(label="Which part of the minutes", required=False)
    text = forms.CharField(
        label="The correction",
        max_length=NOTE_LIMIT,
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={
            "required": "Enter the correction",
            "max_length": too_long("The correction", NOTE_LIMIT),
        },
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

"""Raising and changing an action: its owners (people, groups, agencies, "All") typed as
minutes write them."""

import datetime

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone

from govuk.dates import day
from govuk.forms import GovukDateField, GovukForm
from partnership.permissions import visible_boards
from partnership.pickers import typeahead_attrs

from ..models import ACTION_TEXT_MAX, Action
from ..owners import ALL, OwnerDirectory, owner_label
from .filters import MAX_OWNERS

# Raising and changing actions --------------------------------------------------------


class OwnerInputs(forms.Widget):
    """Several text inputs named "owners", each a type-ahead of people, teams,
    groups, agencies and "All" from the server (static/js/typeahead.mjs); a
    plain text box without JavaScript, read by OwnerDirectory.parse."""

    template_name = "actions/widgets/owners.html"

    def __init__(self, attrs=None, *, count=3):
        super().__init__(attrs)
        self.count = count
        self.typeahead = {}

    def value_from_datadict(self, data, files, name):
        return data.getlist(name) if hasattr(data, "getlist") else data.get(name)

    def value_omitted_from_data(self, data, files, name):
        return name not in data

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        values = [v for v in (value or []) if v]
        values += [""] * max(self.count - len(values), 1)
        context["widget"]["inputs"] = [
            {"id": attrs["id"] if i == 0 else f"{attrs['id']}_{i + 1}", "value": v, "n": i + 1}
            for i, v in enumerate(values[:MAX_OWNERS])
        ]
        context["widget"]["typeahead"] = self.typeahead
        return context


class OwnersField(forms.Field):
    widget = OwnerInputs

    def __init__(self, *args, **kwargs):
        self.directory = None
        super().__init__(*args, **kwargs)

    def prepare_value(self, value):
        if isinstance(value, list):
            return [v if isinstance(v, str) else self._text(v) for v in value]
        return value

    @staticmethod
    def _text(owner):
        return "All" if owner == ALL else owner_label(owner)

    def to_python(self, value):
        owners, problems = [], []
        for text in value or []:
            try:
                for owner in self.directory.parse(text):
                    if owner not in owners:
                        owners.append(owner)
            except ValidationError as error:
                problems.extend(error.messages)
        if problems:
            raise ValidationError(problems)
        return owners

    def validate(self, value):
        if self.required and not value:
            raise ValidationError("Enter who owns the action", code="required")


class ActionForm(GovukForm):
    """Raise an action (with its board) or change one (not its board: the number
    belongs to the log)."""

    board = forms.ChoiceField(
        label="Board or group",
        help_text="Whose action log it goes on",
        error_messages={"required": "Choose the board or group whose log it goes on"},
    )
    description = forms.CharField(
        label="Action",
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=ACTION_TEXT_MAX,
        error_messages={
            "required": "Enter the action",
            "max_length": f"The action must be {ACTION_TEXT_MAX:,} characters or fewer",
        },
    )
    owners = OwnersField(
        label="Owners",
        help_text="A name, initials, a team, a group, an agency, or All for every member of the "
        "board. "
        "Several in one box are fine too, separated by / as in EF/KW/PG.",
    )
    due_date = GovukDateField(
        label="Due date", required=False, help_text="For example, 31 3 2026. Leave blank if none."
    )
    origin_item = forms.ChoiceField(
        label="Raised at (agenda item)", required=False, help_text="Optional"
    )
    origin_reference = forms.CharField(
        label="Or where it came from, as the old tracker wrote it",
        required=False,
        max_length=60,
        help_text="For example, 23.10.19 ref 4.1",
        widget=forms.TextInput(attrs={"class": "govuk-input--width-10"}),
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, membership, action=None, board=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.membership = membership
        self.action = action
        partnership = membership.partnership
        current_owners = [o.owner for o in action.owner_list] if action else []
        self.fields["owners"].directory = OwnerDirectory(
            action.board if action else board, partnership=partnership.pk, keep=current_owners
        )
        self.fields["owners"].widget.typeahead = typeahead_attrs(
            partnership,
            ("all", "person", "team", "board", "agency"),
            multiple=True,
            create_team=True,  # offered by the search only to those who may
        )
        if action is not None:
            del self.fields["board"]
            self.fields["owners"].widget.count = max(3, len(current_owners) + 1)
            self.initial.update(
                description=action.description,
                owners=current_owners,
                due_date=action.due_date,
                origin_item=str(action.origin_item.uuid) if action.origin_item_id else "",
                origin_reference=action.origin_reference,
                version=action.version,
            )
        else:
            self.boards = {
                str(b.uuid): b for b in visible_boards(membership).filter(is_active=True)
            }
            self.fields["board"].choices = [("", "Choose a board or group")] + [
                (k, b.name) for k, b in sorted(self.boards.items(), key=lambda kv: kv[1].name)
            ]
            if board is not None:
                self.initial["board"] = str(board.uuid)
        self.items = self._agenda_items(partnership, action)
        groups = {}
        for item in self.items.values():
            meeting = item.meeting
            key = f"{meeting.board.label}, {day(meeting.date)}"
            groups.setdefault(key, []).append((str(item.uuid), f"{item.number}. {item.title}"))
        self.fields["origin_item"].choices = [
            ("", "Not raised at a meeting recorded here"),
            *groups.items(),
        ]

    @staticmethod
    def _agenda_items(partnership, action):
        since = timezone.localdate() - datetime.timedelta(days=548)
        # The agenda items of the meetings app, reached through the action's own
        # (lazy) foreign key: the action log imports nothing from meetings.
        agenda_items = Action._meta.get_field("origin_item").related_model.objects
        items = (
            agenda_items.for_partnership(partnership)
            .filter(meeting__date__gte=since)
            .select_related("meeting__board")
            .order_by("-meeting__date", "meeting_id", "position")
        )
        found = {str(i.uuid): i for i in items}
        if action is not None and action.origin_item_id:
            found.setdefault(str(action.origin_item.uuid), action.origin_item)
        return found

    def clean_board(self):
        return self.boards.get(self.cleaned_data["board"])

    def clean_origin_item(self):
        key = self.cleaned_data.get("origin_item")
        return self.items.get(key) if key else None

    def clean(self):
        data = super().clean()
        if data.get("origin_item") and data.get("origin_reference"):
            self.add_error(
                "origin_reference",
                "Choose the agenda item it was raised at, or write where it came from, not both",
            )
        return data

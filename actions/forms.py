"""Forms for the action log: filters, raising and changing actions, updates,
completion and the partnership's settings. (Import forms: imports.py.)"""

import datetime
from urllib.parse import urlencode

from django import forms
from django.core.exceptions import ValidationError
from django.forms.utils import flatatt
from django.http import QueryDict
from django.utils import timezone
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from govuk.dates import day
from govuk.forms import GovukDateField, GovukForm
from partnership.forms import TenantModelForm
from partnership.permissions import visible_boards

from .models import Action, ActionLogSettings
from .owners import ALL, OwnerDirectory, owner_filter_choices, owner_from_token, owner_label
from .selectors import SORTS, LogFilters, origin_meetings

RAG_FILTERS = [("red", "Red"), ("amber", "Amber"), ("green", "Green")]


class LongSelect(forms.Select):
    """A select of many plain options (every person in a partnership), written in
    one pass: Django renders each option through a template, which takes a
    quarter of a second for two thousand people."""

    def render(self, name, value, attrs=None, renderer=None):
        attrs = self.build_attrs(self.attrs, attrs)
        chosen = str(value) if value not in (None, "") else ""
        options = "".join(
            format_html(
                '<option value="{}"{}>{}</option>',
                key,
                mark_safe(" selected") if str(key) == chosen else "",  # noqa: S308 - a constant
                label,
            )
            for key, label in self.choices
        )
        return format_html(
            '<select name="{}"{}>{}</select>',
            name,
            flatatt(attrs),
            mark_safe(options),  # noqa: S308 - escaped above
        )


MAX_OWNERS = 8


# Filters ---------------------------------------------------------------------------


class ActionFilterForm(GovukForm):
    """The log's filters, read from the query string (GET). A first visit, with
    nothing chosen, shows open actions; any filter applied replaces that."""

    q = forms.CharField(
        label="Search",
        required=False,
        max_length=200,
        help_text="Words in the action or its updates, an owner, or an action number",
    )
    board = forms.ChoiceField(label="Board or group", required=False)
    mine = forms.BooleanField(label="Only actions I own", required=False)
    owner = forms.ChoiceField(label="Owner", required=False, widget=LongSelect)
    status = forms.MultipleChoiceField(
        label="Status",
        required=False,
        choices=Action.Status.choices,
        widget=forms.CheckboxSelectMultiple,
    )
    rag = forms.MultipleChoiceField(
        label="RAG", required=False, choices=RAG_FILTERS, widget=forms.CheckboxSelectMultiple
    )
    overdue = forms.BooleanField(label="Only overdue actions", required=False)
    due_within = forms.IntegerField(
        label="Due within (days)",
        required=False,
        min_value=0,
        max_value=366,
        help_text="For example, 14 for the next two weeks",
        widget=forms.NumberInput(attrs={"class": "govuk-input--width-3"}),
        error_messages={
            "invalid": "Due within must be a number of days, like 14",
            "min_value": "Due within must be 0 days or more",
            "max_value": "Due within must be 366 days or fewer",
        },
    )
    origin_meeting = forms.ChoiceField(label="Raised at meeting", required=False)
    sort = forms.ChoiceField(label="Sort by", required=False, choices=list(SORTS.items()))

    DEFAULTS = {"status": list(Action.OPEN_STATUSES), "sort": "number"}

    def __init__(self, query, *, membership, board=None):
        applied = any(key != "page" for key in query)
        if not applied:
            query = QueryDict(mutable=True)
            for key, value in self.DEFAULTS.items():
                query.setlist(key, value if isinstance(value, list) else [value])
        super().__init__(query)
        self.membership = membership
        self.fixed_board = board
        self.boards = {str(b.uuid): b for b in visible_boards(membership).order_by("name")}
        if board is None:
            self.fields["board"].choices = [("", "All boards and groups")] + [
                (key, b.name) for key, b in self.boards.items()
            ]
        else:
            del self.fields["board"]
        if membership.person is None:
            del self.fields["mine"]
        self.fields["owner"].choices = [
            ("", "Anyone"),
            *owner_filter_choices(membership.partnership_id),
        ]
        meetings = origin_meetings(membership, board=board)
        self.meetings = {str(uuid): uuid for uuid, _, _ in meetings}
        self.fields["origin_meeting"].choices = [("", "Any meeting")] + [
            (str(uuid), f"{label}, {day(date)}") for uuid, label, date in meetings
        ]

    def filters(self):
        """The valid filters as LogFilters (an invalid one is left out, and shown
        as an error on the page)."""
        data = self.cleaned_data if self.is_bound else {}
        valid = {name: value for name, value in data.items() if name not in self.errors}
        return LogFilters(
            board=self.fixed_board or self.boards.get(valid.get("board") or ""),
            owner=owner_from_token(self.membership.partnership_id, valid.get("owner")),
            mine=bool(valid.get("mine")),
            statuses=valid.get("status") or [],
            rags=valid.get("rag") or [],
            overdue=bool(valid.get("overdue")),
            due_within=valid.get("due_within"),
            origin_meeting=self.meetings.get(valid.get("origin_meeting") or ""),
            query=(valid.get("q") or "").strip(),
            sort=valid.get("sort") or "number",
        )

    def _pairs(self, skip=None):
        """The applied filters as (name, value) pairs for a query string."""
        self.is_valid()
        pairs = []
        for name in self.fields:
            if name in self.errors:
                continue
            value = self.cleaned_data.get(name)
            values = value if isinstance(value, list) else [value]
            for one in values:
                if one in (None, "", False) or (name, "1" if one is True else str(one)) == skip:
                    continue
                pairs.append((name, "1" if one is True else str(one)))
        if self.fixed_board is not None:
            pairs.append(("board", str(self.fixed_board.uuid)))
        return pairs

    def querystring(self):
        """The filters applied, for export links (so a download matches the page)."""
        return urlencode(self._pairs())

    def selected(self):
        """The applied filters as MoJ filter tags: [(heading, [(label, link)])]."""
        self.is_valid()
        categories = []
        for name, field in self.fields.items():
            if name in ("sort",) or name in self.errors:
                continue
            value = self.cleaned_data.get(name)
            values = value if isinstance(value, list) else [value]
            tags = []
            for one in values:
                if one in (None, "", False):
                    continue
                label = self._label(name, field, one)
                skip = (name, "1" if one is True else str(one))
                rest = [p for p in self._pairs(skip) if not (p[0] == "board" and self.fixed_board)]
                # Nothing left still counts as filtered (by nothing): every action.
                tags.append((label, "?" + urlencode(rest or [("q", "")])))
            if tags:
                categories.append((field.label, tags))
        return categories

    @staticmethod
    def _label(name, field, value):
        if value is True:
            return field.label
        if name == "due_within":
            return f"{value} day{'s' if value != 1 else ''}"
        if name == "q":
            return f"‘{value}’"
        return dict(field.choices).get(value, value)


# Raising and changing actions --------------------------------------------------------


class OwnerInputs(forms.Widget):
    """Several text inputs named "owners", each with a list of suggestions (a
    native type-ahead, no script needed): people, groups, agencies and "All"."""

    template_name = "actions/widgets/owners.html"

    def __init__(self, attrs=None, *, count=3):
        super().__init__(attrs)
        self.count = count
        self.options = []

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
        context["widget"]["options"] = self.options
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
        error_messages={"required": "Enter the action"},
    )
    owners = OwnersField(
        label="Owners",
        help_text="A name, initials, a group, an agency, or All for every member of the board. "
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
        current_owners = [o.owner for o in action.owners.all()] if action else []
        self.fields["owners"].directory = OwnerDirectory(
            action.board if action else board, partnership=partnership.pk, keep=current_owners
        )
        self.fields["owners"].widget.options = [
            owner_label(o) if o != ALL else "All"
            for o in self.fields["owners"].directory.all_owners()
        ]
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


# Updates and completion ----------------------------------------------------------------


class ActionUpdateForm(GovukForm):
    RAG_CHOICES = [
        ("computed", "Worked out by the rule"),
        ("red", "Red"),
        ("amber", "Amber"),
        ("green", "Green"),
    ]

    text = forms.CharField(
        label="Update",
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="What has happened since the last update",
    )
    status = forms.ChoiceField(
        label="Status", choices=Action.Status.choices, widget=forms.RadioSelect
    )
    due_date = GovukDateField(
        label="Due date",
        required=False,
        help_text="Change it to move the deadline. For example, 31 3 2026.",
    )
    rag = forms.ChoiceField(label="RAG", choices=RAG_CHOICES, widget=forms.RadioSelect)
    rag_reason = forms.CharField(
        label="Reason for setting the RAG by hand",
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="Needed when you choose red, amber or green yourself",
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, action, **kwargs):
        super().__init__(*args, **kwargs)
        self.action = action
        self.initial.update(
            status=action.status,
            due_date=action.due_date,
            rag=action.rag_override or "computed",
            rag_reason=action.rag_reason,
            version=action.version,
        )

    def clean(self):
        data = super().clean()
        rag = data.get("rag")
        if rag in ("red", "amber", "green") and not (data.get("rag_reason") or "").strip():
            self.add_error("rag_reason", "Give a reason for setting the RAG by hand")
        if self.errors:
            return data
        if not (data.get("text") or "").strip() and not self.changes():
            self.add_error("text", "Enter an update, or change the status, due date or RAG")
        return data

    def changes(self):
        """Keyword arguments for action_update_add: only what differs from now."""
        data, action = self.cleaned_data, self.action
        changed = {}
        if data.get("status") and data["status"] != action.status:
            changed["status"] = data["status"]
        if data.get("due_date") and data["due_date"] != action.due_date:
            changed["due_date"] = data["due_date"]
        rag, reason = data.get("rag"), (data.get("rag_reason") or "").strip()
        if rag == "computed" and action.rag_override:
            changed["rag"] = "computed"
        elif rag in ("red", "amber", "green") and (
            rag != action.rag_override or reason != action.rag_reason
        ):
            changed.update(rag=rag, rag_reason=reason)
        return changed


class ActionCompleteForm(GovukForm):
    text = forms.CharField(
        label="What was done",
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="It goes on the action's timeline, for the next meeting's review",
        error_messages={"required": "Enter what was done to complete the action"},
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)


class ActionLogSettingsForm(TenantModelForm):
    class Meta:
        model = ActionLogSettings
        fields = ["warning_days", "reminders_enabled"]
        widgets = {"warning_days": forms.NumberInput(attrs={"class": "govuk-input--width-3"})}
        error_messages = {
            "warning_days": {
                "required": "Enter the warning window in days",
                "invalid": "The warning window must be a whole number of days, like 7",
                "min_value": "The warning window must be at least 1 day",
                "max_value": "The warning window must be 60 days or fewer",
            }
        }


def read_filters(query, *, membership, board=None):
    """(form, LogFilters) from a query string: the log page, its exports and a
    PDF rendered in the background all read filters the same way."""
    form = ActionFilterForm(query, membership=membership, board=board)
    form.is_valid()
    return form, form.filters()


def describe_filters(form):
    """The applied filters in words, for a PDF's heading."""
    parts = [
        f"{heading}: {', '.join(label for label, _ in tags)}" for heading, tags in form.selected()
    ]
    return "; ".join(parts) or "All actions"


# Importing a spreadsheet ---------------------------------------------------------------


class ImportUploadForm(GovukForm):
    board = forms.ChoiceField(
        label="Board or group",
        help_text="Whose action log the actions go on",
        error_messages={"required": "Choose the board or group whose log the actions go on"},
    )
    file = forms.FileField(
        label="Spreadsheet",
        help_text="A CSV or Excel (.xlsx) file smaller than 10 MB, with a row of column "
        "headings (such as Action, Owner, Due date) above the actions",
        required=False,
        widget=forms.FileInput(attrs={"accept": ".csv,.xlsx"}),
        error_messages={
            "empty": "The selected file is empty",
            "invalid": "Select a CSV or Excel file",
            "missing": "Select a CSV or Excel file",
        },
    )

    def __init__(self, *args, membership, board=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.boards = {str(b.uuid): b for b in visible_boards(membership).filter(is_active=True)}
        self.fields["board"].choices = [("", "Choose a board or group")] + [
            (k, b.name) for k, b in sorted(self.boards.items(), key=lambda kv: kv[1].name)
        ]
        if board is not None:
            self.initial["board"] = str(board.uuid)

    def clean_board(self):
        return self.boards.get(self.cleaned_data["board"])

    def clean_file(self):
        from .imports import check_upload

        upload = self.cleaned_data.get("file")
        self.file_type, self.data, self.table = check_upload(upload)
        return upload


class ImportColumnsForm(GovukForm):
    """Which column of the file holds each part of an action."""

    def __init__(self, *args, table, **kwargs):
        from .imports import FIELDS

        super().__init__(*args, **kwargs)
        columns = table.column_choices()
        for key, label, required, _ in FIELDS:
            self.fields[key] = forms.ChoiceField(
                label=label,
                required=required,
                choices=[("", "Not in the file")] + columns,
                error_messages={"required": f"Choose the column that holds the {label.lower()}"},
            )

    def clean(self):
        data = super().clean()
        seen = {}
        for key, column in data.items():
            if not column:
                continue
            if column in seen:
                self.add_error(
                    key,
                    f"{self.fields[key].label} and {self.fields[seen[column]].label} cannot be "
                    "the same column",
                )
            seen.setdefault(column, key)
        return data

    def mapping(self):
        return {key: value for key, value in self.cleaned_data.items() if value}


class ImportConfirmForm(GovukForm):
    fingerprint = forms.CharField(
        widget=forms.HiddenInput,
        error_messages={
            "required": "Check the actions below before importing them: open this page again"
        },
    )

"""The action log's filter panel, read from a query string by the log, its exports and
background PDFs."""

from urllib.parse import urlencode

from django import forms
from django.forms.utils import flatatt
from django.http import QueryDict
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from govuk.dates import day
from govuk.forms import GovukForm
from partnership import search
from partnership.models import Board
from partnership.pickers import typeahead_attrs

from ..models import Action
from ..selectors import SORTS, LogFilters, filter_choices

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
    owner = forms.CharField(
        label="Owner",
        required=False,
        max_length=200,
        help_text="A name, initials, a team, a group or an agency",
    )
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
        choices = filter_choices(membership, board=board)
        self.boards = {str(uuid): pk for pk, uuid, _ in choices.boards}
        if board is None:
            self.fields["board"].choices = [("", "All boards and groups")] + [
                (str(uuid), name) for _, uuid, name in choices.boards
            ]
        else:
            del self.fields["board"]
        if membership.person_pk is None:
            del self.fields["mine"]
        # A type-ahead, never a list of every person (2,000 in a large partnership).
        self.fields["owner"].widget.attrs.update(
            typeahead_attrs(membership.partnership, ("all", "person", "team", "board", "agency"))
        )
        self._owners = None
        self.meetings = {str(uuid): uuid for uuid, _, _ in choices.meetings}
        self.fields["origin_meeting"].choices = [("", "Any meeting")] + [
            (str(uuid), f"{label}, {day(date)}") for uuid, label, date in choices.meetings
        ]

    def filters(self):
        """The valid filters as LogFilters (an invalid one is left out, and shown
        as an error on the page)."""
        data = self.cleaned_data if self.is_bound else {}
        valid = {name: value for name, value in data.items() if name not in self.errors}
        return LogFilters(
            board=self.fixed_board or self._board(valid.get("board")),
            owner=self.owners(valid.get("owner")),
            mine=bool(valid.get("mine")),
            statuses=valid.get("status") or [],
            rags=valid.get("rag") or [],
            overdue=bool(valid.get("overdue")),
            due_within=valid.get("due_within"),
            origin_meeting=self.meetings.get(valid.get("origin_meeting") or ""),
            query=(valid.get("q") or "").strip(),
            sort=valid.get("sort") or "number",
        )

    def _board(self, key):
        """The board chosen in the filter, if the member may open it: read only
        when one is chosen (the choices are ids and names)."""
        pk = self.boards.get(key or "")
        if pk is None:
            return None
        return Board.objects.for_partnership(self.membership.partnership_id).get(pk=pk)

    def owners(self, text):
        """Who the owner filter names: a picked owner's token, or everyone whose
        name contains what was typed (a list: several may match; none, no one)."""
        if not text:
            return None
        if self._owners is None:
            self._owners = search.owners_named(self.membership.partnership_id, text)
        return self._owners

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

    def _label(self, name, field, value):
        if value is True:
            return field.label
        if name == "due_within":
            return f"{value} day{'s' if value != 1 else ''}"
        if name == "q":
            return f"‘{value}’"
        if name == "owner":
            return owner_words(value, self.owners(value))
        return dict(field.choices).get(value, value)


def owner_words(text, owners):
    """A picked owner (a token from a link) by name; anything typed as typed."""
    if ":" in text and owners and len(owners) == 1:
        return search.text_for(owners[0])
    return f"‘{text}’"


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

"""The RAG rule, written once and shown to users.

An action is green once completed (or no longer required); red when its due
date has passed; amber when it is due within the partnership's warning window
(7 days unless the business unit changes it); green otherwise, including when it
has no due date. An action due on a weekend or bank holiday counts as due on the
next working day, so it is not overdue until that day has passed. Anyone who may
update an action may set its RAG by hand, giving a reason; the reason is kept,
and the RAG stays as set until someone returns it to the rule.

The same rule runs in Python (one action) and in SQL (`RagRule.case()`, for
filters, counts and sorting over a whole log), and the two are tested together.
"""

import datetime
from dataclasses import dataclass

from django.db.models import Case, CharField, F, Q, Value, When
from django.utils import timezone

from partnership.working_days import previous_working_day

RED, AMBER, GREEN = "red", "amber", "green"
COLOURS = (RED, AMBER, GREEN)
CLOSED = ("completed", "no_longer_required")

# GOV.UK tag modifiers (the word is always in the tag too).
TAG_CLASS = {RED: "govuk-tag--red", AMBER: "govuk-tag--orange", GREEN: "govuk-tag--green"}


def rule_text(warning_days):
    """The rule in words, for the log, the action page and the settings page."""
    days = f"{warning_days} day" if warning_days == 1 else f"{warning_days} days"
    return " ".join(
        [
            "Green when completed or no longer required.",
            "Red when the due date has passed.",
            f"Amber when it is due in the next {days}.",
            "Green otherwise, including when there is no due date.",
            "An action due on a weekend or bank holiday counts as due on the next working day.",
            "Anyone who may change an action can set its RAG by hand, giving a reason;",
            "it then stays as set until someone returns it to this rule.",
        ]
    )


@dataclass(frozen=True)
class RagStatus:
    """An action's RAG as colour and words: ('amber', 'Amber — due soon')."""

    colour: str
    why: str
    set_by_hand: bool = False
    reason: str = ""

    @property
    def label(self):
        return f"{self.colour.capitalize()} — {self.why}"

    @property
    def tag_class(self):
        return TAG_CLASS[self.colour]

    @property
    def print_class(self):
        return f"rag rag--{self.colour}"

    def __iter__(self):
        # `colour, label = action.rag` for templates and documents that want a pair.
        return iter((self.colour, self.label))

    def __str__(self):
        return self.label


@dataclass(frozen=True)
class RagRule:
    """The rule on a given day for a given warning window."""

    today: datetime.date
    warning_days: int = 7

    @classmethod
    def for_today(cls, warning_days=7):
        return cls.on(warning_days=warning_days)

    @classmethod
    def on(cls, today=None, *, warning_days):
        """The rule on `today` (today if None) for a partnership's window."""
        return cls(today=today or timezone.localdate(), warning_days=warning_days)

    @property
    def overdue_if_due_on_or_before(self):
        # Overdue once the working day an action is due on has passed: its due
        # date is no later than the last working day before today.
        return previous_working_day(self.today)

    @property
    def amber_until(self):
        return self.today + datetime.timedelta(days=self.warning_days)

    def is_overdue(self, *, status, due_date):
        return (
            status not in CLOSED
            and due_date is not None
            and due_date <= self.overdue_if_due_on_or_before
        )

    def computed_colour(self, *, status, due_date):
        if status in CLOSED:
            return GREEN
        if due_date is None:
            return GREEN
        if due_date <= self.overdue_if_due_on_or_before:
            return RED
        if due_date <= self.amber_until:
            return AMBER
        return GREEN

    def status_of(self, *, status, due_date, override="", reason=""):
        if override:
            return RagStatus(override, "set by hand", set_by_hand=True, reason=reason)
        return self.explain(self.computed_colour(status=status, due_date=due_date), status)

    @staticmethod
    def explain(colour, status, override="", reason=""):
        """The words for a colour already worked out (in SQL, say)."""
        if override:
            return RagStatus(override, "set by hand", set_by_hand=True, reason=reason)
        if status == "completed":
            return RagStatus(GREEN, "completed")
        if status == "no_longer_required":
            return RagStatus(GREEN, "no longer required")
        return RagStatus(colour, {RED: "overdue", AMBER: "due soon", GREEN: "on track"}[colour])

    def case(self):
        """The rule as a SQL expression over Action rows: 'red', 'amber' or 'green'."""
        return Case(
            When(~Q(rag_override=""), then=F("rag_override")),
            When(status__in=CLOSED, then=Value(GREEN)),
            When(due_date__isnull=True, then=Value(GREEN)),
            When(due_date__lte=self.overdue_if_due_on_or_before, then=Value(RED)),
            When(due_date__lte=self.amber_until, then=Value(AMBER)),
            default=Value(GREEN),
            output_field=CharField(),
        )

    def overdue_q(self):
        """Open actions whose due date has passed (whatever RAG was set by hand)."""
        return Q(due_date__lte=self.overdue_if_due_on_or_before) & ~Q(status__in=CLOSED)

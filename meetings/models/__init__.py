"""Meetings of a board: agendas, papers, attendance, minutes, approval and the
forward plan.

Meeting and AgendaItem are also what the action log points at (an action's
origin is a meeting and an agenda item, shown as "23.10.19 ref 4.1"). Minutes
are recorded per agenda item (ItemMinutes, with a version number for optimistic
locking); once approved they are frozen and later corrections are recorded as
MinutesAmendments. Writes go through services (meetings/services.py,
meetings/minutes.py, meetings/papers.py)."""

from .attendance import Attendance
from .calendar import CalendarFeedToken
from .meetings import AgendaItem, ItemKind, Meeting, Purpose
from .minutes import ItemMinutes, MinutesAmendment, MinutesApproval, MinutesTransition
from .papers import Paper
from .plans import ForwardPlanItem, MeetingSettings, StandingItem, StandingKind

__all__ = [
    "AgendaItem",
    "Attendance",
    "CalendarFeedToken",
    "ForwardPlanItem",
    "ItemKind",
    "ItemMinutes",
    "Meeting",
    "MeetingSettings",
    "MinutesAmendment",
    "MinutesApproval",
    "MinutesTransition",
    "Paper",
    "Purpose",
    "StandingItem",
    "StandingKind",
]

"""Forms for meetings, agendas, papers, attendance, minutes and the forward plan.
Each validates in GOV.UK words and keeps what was typed."""

from .agenda import AgendaItemForm, LatePaperForm, PaperForm
from .attendance import (
    MEMBER_STATUSES,
    OTHER_STATUSES,
    AttendanceForm,
    AttendeeAddForm,
    InitialsForm,
)
from .fields import PURPOSE_CHOICES, active_people
from .meetings import AttendanceReportForm, MeetingForm
from .minutes import (
    AddMinuteForm,
    AmendmentForm,
    ApprovalForm,
    ItemMinutesForm,
    NextMeetingForm,
    RaiseActionForm,
    ReturnMinutesForm,
    ReviewActionForm,
)
from .plans import (
    ForwardPlanItemForm,
    MeetingSettingsForm,
    StandingItemForm,
    StandingItemRenameForm,
    month_choices,
)

__all__ = [
    "AddMinuteForm",
    "AgendaItemForm",
    "AmendmentForm",
    "ApprovalForm",
    "AttendanceForm",
    "AttendanceReportForm",
    "AttendeeAddForm",
    "ForwardPlanItemForm",
    "InitialsForm",
    "ItemMinutesForm",
    "NextMeetingForm",
    "ReturnMinutesForm",
    "LatePaperForm",
    "MEMBER_STATUSES",
    "MeetingForm",
    "MeetingSettingsForm",
    "OTHER_STATUSES",
    "PURPOSE_CHOICES",
    "PaperForm",
    "RaiseActionForm",
    "ReviewActionForm",
    "StandingItemForm",
    "StandingItemRenameForm",
    "active_people",
    "month_choices",
]

"""Sample meetings objects for the isolation probe (tests/tenancy): a meeting of
the tenant's executive board that has been held, with its minutes in draft, an
agenda (one item each of the usual kinds), a paper, a forward plan item and a
standing item."""

import datetime

from meetings.models import AgendaItem, Attendance, Meeting
from tests.samples import sample

from .factories import (
    AgendaItemFactory,
    AttendanceFactory,
    ForwardPlanItemFactory,
    ItemMinutesFactory,
    MeetingFactory,
    PaperFactory,
    StandingItemFactory,
)


@sample("meeting")
def _meeting(tenant):
    meeting = MeetingFactory(
        board=tenant.board,
        partnership=tenant.partnership,
        date=datetime.date(2025, 12, 18),
        status=Meeting.Status.MINUTES_DRAFT,
    )
    AttendanceFactory(meeting=meeting, person=tenant.person, status=Attendance.Status.PRESENT)
    return meeting


@sample("agenda_item")
def _agenda_item(tenant):
    item = AgendaItemFactory(
        meeting=tenant.sample("meeting"),
        position=1,
        number="1",
        title="Minutes of the previous meeting, action log and matters arising",
        kind=AgendaItem.Kind.PREVIOUS_MINUTES,
    )
    ItemMinutesFactory(item=item)
    return item


@sample("paper")
def _paper(tenant):
    return PaperFactory(item=tenant.sample("agenda_item"))


@sample("forward_plan_item")
def _forward_plan_item(tenant):
    return ForwardPlanItemFactory(board=tenant.board)


@sample("standing_item")
def _standing_item(tenant):
    return StandingItemFactory(board=tenant.board)

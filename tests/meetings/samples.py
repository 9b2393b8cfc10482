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


# Records someone may not know exist (the probe's variants) ---------------------


@sample("subgroup_meeting")
def _subgroup_meeting(tenant):
    """A meeting of the subgroup, where the board member does not sit."""
    return MeetingFactory(
        board=tenant.subgroup,
        partnership=tenant.partnership,
        date=datetime.date(2025, 12, 11),
        status=Meeting.Status.MINUTES_DRAFT,
    )


@sample("subgroup_item")
def _subgroup_item(tenant):
    item = AgendaItemFactory(meeting=tenant.sample("subgroup_meeting"), position=1, number="1")
    ItemMinutesFactory(item=item)
    return item


@sample("subgroup_paper")
def _subgroup_paper(tenant):
    return PaperFactory(item=tenant.sample("subgroup_item"))


@sample("subgroup_plan")
def _subgroup_plan(tenant):
    return ForwardPlanItemFactory(board=tenant.subgroup)


@sample("subgroup_standing")
def _subgroup_standing(tenant):
    return StandingItemFactory(board=tenant.subgroup)


@sample("confidential_item")
def _confidential_item(tenant):
    """An OFFICIAL-SENSITIVE item of the sample meeting: observers may not know it."""
    item = AgendaItemFactory(
        meeting=tenant.sample("meeting"),
        position=5,
        number="5",
        title="Case review: Family M (confidential)",
        is_confidential=True,
    )
    ItemMinutesFactory(item=item)
    return item


@sample("confidential_paper")
def _confidential_paper(tenant):
    return PaperFactory(item=tenant.sample("confidential_item"))


@sample("confidential_plan")
def _confidential_plan(tenant):
    return ForwardPlanItemFactory(board=tenant.board, is_confidential=True)

""" "My meetings" on the home page, across every partnership the user belongs
to: upcoming meetings, papers due from them, minutes awaiting their approval.
Each partnership is read in its own scope, with that membership's permissions."""

import datetime
from dataclasses import dataclass, field

from django.utils import timezone

from partnership.models import BoardMembership, Role
from partnership.permissions import visible_boards
from partnership.tenancy import in_partnership

from .models import AgendaItem, Meeting
from .permissions import can_view_confidential

UPCOMING_DAYS = 60
UPCOMING_LIMIT = 5


@dataclass
class PartnershipMeetings:
    membership: object
    upcoming: list = field(default_factory=list)
    papers_due: list = field(default_factory=list)
    to_approve: list = field(default_factory=list)

    @property
    def partnership(self):
        return self.membership.partnership

    @property
    def empty(self):
        return not (self.upcoming or self.papers_due or self.to_approve)


def panel(request, memberships):
    if not memberships:
        return None
    today = timezone.localdate()
    found = []
    for membership in memberships:
        with in_partnership(membership.partnership):
            found.append(_for(membership, today))
    return (
        "meetings/_home_panel.html",
        {"by_partnership": found, "nothing": all(p.empty for p in found)},
    )


def _for(membership, today):
    boards = visible_boards(membership)
    until = today + datetime.timedelta(days=UPCOMING_DAYS)
    upcoming = list(
        Meeting.objects.for_partnership(membership.partnership_id)
        .filter(board__in=boards, date__range=(today, until))
        .select_related("board", "partnership")
        .order_by("date", "start_time")[:UPCOMING_LIMIT]
    )
    person = membership.person
    papers_due = []
    if person is not None:
        items = (
            AgendaItem.objects.for_partnership(membership.partnership_id)
            .filter(
                presenter=person,
                meeting__board__in=boards,
                meeting__date__gte=today,
                papers__isnull=True,
            )
            .select_related("meeting", "meeting__board", "meeting__partnership")
            .order_by("meeting__date", "position")
        )
        if not can_view_confidential(membership):
            items = items.filter(is_confidential=False)
        papers_due = list(items)
        for item in papers_due:
            item.deadline = item.meeting.paper_deadline
            item.overdue = item.deadline < today
    drafts = Meeting.objects.for_partnership(membership.partnership_id).filter(
        status=Meeting.Status.MINUTES_DRAFT
    )
    if membership.role != Role.INDEPENDENT_CHAIR or not membership.is_active:
        chaired = BoardMembership.objects.current().filter(
            person=person, role=BoardMembership.Role.CHAIR
        )
        drafts = drafts.filter(board__in=chaired.values("board")) if person else drafts.none()
    to_approve = list(drafts.select_related("board", "partnership").order_by("date"))
    return PartnershipMeetings(
        membership=membership, upcoming=upcoming, papers_due=papers_due, to_approve=to_approve
    )

""" "My meetings" on the home page, across every partnership the user belongs
to: upcoming meetings, papers due from them, minutes awaiting their approval.
Each partnership is read in its own scope, with that membership's permissions."""

import datetime
from dataclasses import dataclass, field

from django.utils import timezone

from partnership.permissions import on_visible_boards
from partnership.tenancy import in_partnership

from .models import Meeting
from .selectors import minutes_awaiting_approval, papers_due_from

UPCOMING_DAYS = 60
UPCOMING_LIMIT = 5
# What the panel shows of a meeting (templates/meetings/_home_panel.html): its
# link, board, date and time, and the paper deadline worked out from them.
MEETING_SHOWN = (
    "uuid",
    "date",
    "start_time",
    "board__name",
    "board__short_name",
    "board__late_paper_days",
)


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
    until = today + datetime.timedelta(days=UPCOMING_DAYS)
    upcoming = on_visible_boards(
        Meeting.objects.for_partnership(membership.partnership_id), membership
    ).filter(date__range=(today, until))
    upcoming = list(
        upcoming.select_related("board")
        .only(*MEETING_SHOWN)
        .order_by("date", "start_time")[:UPCOMING_LIMIT]
    )
    papers_due = list(
        papers_due_from(membership, today=today).only(
            "uuid", "title", *(f"meeting__{name}" for name in MEETING_SHOWN)
        )
    )
    for item in papers_due:
        item.deadline = item.meeting.paper_deadline
        item.overdue = item.deadline < today
    to_approve = list(minutes_awaiting_approval(membership).only(*MEETING_SHOWN))
    # Every meeting is in the member's partnership: set on each, not joined to
    # each row (the links name its slug).
    for meeting in [*upcoming, *to_approve, *(item.meeting for item in papers_due)]:
        meeting.partnership = membership.partnership
    return PartnershipMeetings(
        membership=membership, upcoming=upcoming, papers_due=papers_due, to_approve=to_approve
    )

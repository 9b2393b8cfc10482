""" "My meetings" on the home page, across every partnership the user belongs
to: upcoming meetings, papers due from them, minutes awaiting their approval.
Each partnership is read in its own scope, with that membership's permissions."""

import datetime
from dataclasses import dataclass, field

from django.db import connection
from django.utils import timezone

from partnership.models import BoardMembership, Role
from partnership.permissions import active_role, can_view_sensitive, visible_board_ids
from partnership.tenancy import in_partnership

from .models import Meeting

UPCOMING_DAYS = 60
UPCOMING_LIMIT = 5

# The panel's three reads in one statement: through the ORM they were three
# queries that cost twice their running to build. The rules are the querysets'
# (`on_visible_boards` as `visible_board_ids`, `papers_due_from`,
# `minutes_awaiting_approval` through `boards_chaired_by`), restated here;
# tests/meetings/test_home.py proves the panel lists what those querysets give,
# for every role. Each part's own order is put back in Python.
MY_MEETINGS_SQL = """
(SELECT 'upcoming', m.uuid, NULL::uuid, '', m.date, m.start_time, b.name, b.short_name,
        b.late_paper_days, 0
   FROM meetings_meeting m
   JOIN partnership_board b ON b.id = m.board_id AND b.partnership_id = %(partnership)s
  WHERE m.partnership_id = %(partnership)s AND m.date BETWEEN %(today)s AND %(until)s
    AND (%(boards)s::bigint[] IS NULL OR m.board_id = ANY(%(boards)s::bigint[]))
  ORDER BY m.date, m.start_time LIMIT %(limit)s)
UNION ALL
(SELECT 'paper', m.uuid, i.uuid, i.title, m.date, m.start_time, b.name, b.short_name,
        b.late_paper_days, i.position
   FROM meetings_agendaitem i
   JOIN meetings_meeting m ON m.id = i.meeting_id AND m.partnership_id = %(partnership)s
   JOIN partnership_board b ON b.id = m.board_id AND b.partnership_id = %(partnership)s
  WHERE i.partnership_id = %(partnership)s AND i.presenter_id = %(person)s
    AND m.date >= %(today)s
    AND NOT EXISTS (SELECT 1 FROM meetings_paper p WHERE p.item_id = i.id)
    AND (%(boards)s::bigint[] IS NULL OR m.board_id = ANY(%(boards)s::bigint[]))
    AND (%(sensitive)s OR NOT i.is_confidential))
UNION ALL
(SELECT 'approve', m.uuid, NULL::uuid, '', m.date, m.start_time, b.name, b.short_name,
        b.late_paper_days, 0
   FROM meetings_meeting m
   JOIN partnership_board b ON b.id = m.board_id AND b.partnership_id = %(partnership)s
  WHERE m.partnership_id = %(partnership)s AND m.status = %(submitted)s
    AND (%(chairs_every_board)s OR m.board_id IN (
      SELECT s.board_id FROM partnership_boardmembership s
       WHERE s.partnership_id = %(partnership)s AND s.person_id = %(person)s
         AND s.role = %(chair)s
         AND (s.start_date IS NULL OR s.start_date <= %(today)s)
         AND (s.end_date IS NULL OR s.end_date >= %(today)s))))
"""


@dataclass(frozen=True, slots=True)
class MyMeeting:
    """A meeting as the panel shows it."""

    uuid: object
    date: datetime.date
    start_time: object
    board_name: str
    board_label: str
    paper_deadline: datetime.date
    partnership: object


@dataclass(frozen=True, slots=True)
class PaperDue:
    """An agenda item the member presents and has sent no paper for."""

    uuid: object
    title: str
    meeting: MyMeeting
    position: int
    overdue: bool

    @property
    def deadline(self):
        return self.meeting.paper_deadline


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
    found = PartnershipMeetings(membership=membership)
    role = active_role(membership)
    if role is None:
        return found
    with connection.cursor() as cursor:
        cursor.execute(
            MY_MEETINGS_SQL,
            {
                "partnership": membership.partnership_id,
                "person": membership.person_pk,
                "boards": visible_board_ids(membership),  # None: every board
                "sensitive": can_view_sensitive(membership),
                "chairs_every_board": role == Role.INDEPENDENT_CHAIR,
                "chair": BoardMembership.Role.CHAIR.value,
                "submitted": Meeting.Status.MINUTES_SUBMITTED.value,
                "today": today,
                "until": today + datetime.timedelta(days=UPCOMING_DAYS),
                "limit": UPCOMING_LIMIT,
            },
        )
        rows = cursor.fetchall()
    for kind, uuid, item_uuid, title, date, start, name, short, late_days, position in rows:
        meeting = MyMeeting(
            uuid=uuid,
            date=date,
            start_time=start,
            board_name=name,
            board_label=short or name,
            paper_deadline=date - datetime.timedelta(days=late_days),
            partnership=membership.partnership,
        )
        if kind == "upcoming":
            found.upcoming.append(meeting)
        elif kind == "paper":
            found.papers_due.append(
                PaperDue(
                    uuid=item_uuid,
                    title=title,
                    meeting=meeting,
                    position=position,
                    overdue=meeting.paper_deadline < today,
                )
            )
        else:
            found.to_approve.append(meeting)
    found.upcoming.sort(key=lambda m: (m.date, m.start_time is None, m.start_time or 0))
    found.papers_due.sort(key=lambda item: (item.meeting.date, item.position))
    found.to_approve.sort(key=lambda m: m.date)
    return found

"""Who may do what with meetings, decided here from the partnership role and
board seats (built on partnership.permissions). Views refuse with these
functions and templates ask the same ones (through `MeetingCapabilities`), so a
hidden button and a refused URL never disagree.

Decisions:
- Anyone who may see a board (partnership.permissions.can_view_board: the
  business unit, minute taker, independent chair and observers see every board;
  board members the boards they sit on) sees its meetings, agendas, attendance,
  minutes and papers.
- Confidential (OFFICIAL-SENSITIVE) items are hidden from observers: not listed,
  not in their PDFs or packs, and their papers give 404 (a confidential record's
  existence is not revealed). Everyone else who sees the board sees them.
- The business unit creates and edits meetings, agendas, papers, board settings
  and the forward plan, and publishes agendas and minutes.
- The minute taker (and the business unit) records attendance and minutes,
  raises actions in them and adds items to the forward plan while minuting.
- The board's chair (a current chair seat) or the partnership's independent
  chair approves minutes and accepts late papers. Approved minutes are frozen
  for everyone; corrections are amendments, recorded by the business unit or an
  approver.
- A paper may be uploaded by the business unit, or by the item's presenter
  (papers due from me).
"""

from dataclasses import dataclass
from functools import cached_property

from partnership.models import BoardMembership, Role
from partnership.permissions import active_role as _role
from partnership.permissions import can_view_board, is_business_unit

MINUTE_TAKERS = frozenset({Role.BUSINESS_MANAGER, Role.BUSINESS_OFFICER, Role.MINUTE_TAKER})


def can_manage_meetings(membership) -> bool:
    """Plan meetings, build agendas, manage papers and board meeting settings."""
    return is_business_unit(membership)


def can_view_meeting(membership, meeting) -> bool:
    return can_view_board(membership, meeting.board)


def can_view_confidential(membership) -> bool:
    """Observers read, but never OFFICIAL-SENSITIVE items."""
    role = _role(membership)
    return role is not None and role != Role.OBSERVER


def can_view_item(membership, item) -> bool:
    return can_view_meeting(membership, item.meeting) and (
        not item.is_confidential or can_view_confidential(membership)
    )


def can_record_minutes(membership) -> bool:
    """Record attendance and minutes, raise actions in them."""
    return _role(membership) in MINUTE_TAKERS


def is_board_chair(membership, board) -> bool:
    person = membership.person if _role(membership) else None
    return (
        person is not None
        and BoardMembership.objects.current()
        .filter(board=board, person=person, role=BoardMembership.Role.CHAIR)
        .exists()
    )


def can_chair(membership, board) -> bool:
    """Approve minutes and accept late papers: the board's chair or the
    independent chair."""
    role = _role(membership)
    if role is None or board.partnership_id != membership.partnership_id:
        return False
    return role == Role.INDEPENDENT_CHAIR or is_board_chair(membership, board)


def can_record_amendment(membership, board) -> bool:
    return is_business_unit(membership) or can_chair(membership, board)


def can_upload_paper(membership, item) -> bool:
    if not can_view_item(membership, item):
        return False
    if is_business_unit(membership):
        return True
    person = membership.person
    return person is not None and item.presenter_id == person.pk


def can_plan_forward(membership) -> bool:
    """Add items to a board's forward plan (the business unit, and the minute
    taker while minuting)."""
    return _role(membership) in MINUTE_TAKERS


@dataclass
class MeetingCapabilities:
    """What the member may do with one meeting, for templates: `may.record_minutes`."""

    membership: object
    meeting: object

    @cached_property
    def manage(self):
        return can_manage_meetings(self.membership)

    @cached_property
    def record_minutes(self):
        return can_record_minutes(self.membership)

    @cached_property
    def edit_minutes(self):
        return self.record_minutes and not self.meeting.minutes_frozen

    @cached_property
    def chair(self):
        return can_chair(self.membership, self.meeting.board)

    @cached_property
    def see_confidential(self):
        return can_view_confidential(self.membership)

    @cached_property
    def record_amendment(self):
        return can_record_amendment(self.membership, self.meeting.board)

    @cached_property
    def plan_forward(self):
        return can_plan_forward(self.membership)

"""Who may do what with meetings, decided here from the partnership role and
board seats (built on partnership.permissions). Views refuse with these
functions and templates ask the same ones (`may = request.can.on(meeting)`, then
`may.record_minutes`), so a hidden button and a refused URL never disagree.

Decisions:
- Anyone who may see a board (partnership.permissions.can_view_board: the
  business unit, minute taker, independent chair and observers see every board;
  board members the boards they sit on) sees its meetings, agendas, attendance,
  minutes and papers.
- Confidential (OFFICIAL-SENSITIVE) items are hidden from those who may not see
  sensitive material (partnership.permissions.can_view_sensitive: observers): not
  listed, not in their PDFs or packs, their papers and the actions raised at them
  give 404 (a confidential record's existence is not revealed).
- The business unit creates and edits meetings, agendas, papers, board settings
  and the forward plan, and publishes agendas and minutes. Planning meetings
  and building agendas may be opened to minute takers too, by a partnership
  setting (Partnership.meeting_planners; default: the business unit only).
- The minute taker (and the business unit) records attendance and minutes,
  raises actions in them and adds items to the forward plan while minuting.
- The minute taker (or the business unit) submits draft minutes for approval.
- The board's chair (a current chair seat) or the partnership's independent
  chair approves submitted minutes (or returns them with comments) and accepts
  late papers. Approved minutes are frozen
  for everyone; corrections are amendments, recorded by the business unit or an
  approver.
- A paper may be uploaded by the business unit, or by the item's presenter
  (papers due from me).
"""

from partnership.models import Board, BoardMembership, Partnership, Role
from partnership.permissions import (
    active_role,
    can_view_board,
    can_view_sensitive,
    is_business_unit,
    rule,
)

MINUTE_TAKERS = frozenset({Role.BUSINESS_MANAGER, Role.BUSINESS_OFFICER, Role.MINUTE_TAKER})


@rule()
def can_manage_meetings(membership) -> bool:
    """Manage papers, board meeting settings, publish minutes."""
    return is_business_unit(membership)


@rule()
def can_plan_meetings(membership) -> bool:
    """Plan meetings (and change them), build and publish agendas: the business
    unit, and minute takers where the partnership says so."""
    if is_business_unit(membership):
        return True
    return (
        active_role(membership) == Role.MINUTE_TAKER
        and membership.partnership.meeting_planners
        == Partnership.MeetingPlanners.WITH_MINUTE_TAKERS
    )


@rule("view", on="meetings.Meeting")
def can_view_meeting(membership, meeting) -> bool:
    return can_view_board(membership, meeting.board)


@rule("view", on="meetings.AgendaItem")
def can_view_item(membership, item) -> bool:
    return can_view_meeting(membership, item.meeting) and (
        not item.is_confidential or can_view_sensitive(membership)
    )


@rule()
def can_record_minutes(membership) -> bool:
    """Record attendance and minutes, raise actions in them."""
    return active_role(membership) in MINUTE_TAKERS


def is_board_chair(membership, board) -> bool:
    person = membership.person_pk if active_role(membership) else None
    return (
        person is not None
        and BoardMembership.objects.current()
        .filter(board=board, person=person, role=BoardMembership.Role.CHAIR)
        .exists()
    )


def can_chair(membership, board) -> bool:
    """Approve minutes and accept late papers: the board's chair or the
    independent chair. `boards_chaired_by` is the same rule as a queryset."""
    role = active_role(membership)
    if role is None or board.partnership_id != membership.partnership_id:
        return False
    return role == Role.INDEPENDENT_CHAIR or is_board_chair(membership, board)


def boards_chaired_by(membership):
    """The boards whose minutes this member approves, as a queryset: the twin of
    `can_chair` (tests/meetings/test_permissions.py proves they agree)."""
    role = active_role(membership)
    if role is None:
        return Board.objects.none()
    boards = Board.objects.for_partnership(membership.partnership_id)
    if role == Role.INDEPENDENT_CHAIR:
        return boards
    person = membership.person_pk
    if person is None:
        return boards.none()
    chaired = BoardMembership.objects.current().filter(
        person=person, role=BoardMembership.Role.CHAIR
    )
    return boards.filter(pk__in=chaired.values("board_id"))


def can_record_amendment(membership, board) -> bool:
    return is_business_unit(membership) or can_chair(membership, board)


@rule("upload_paper", on="meetings.AgendaItem")
def can_upload_paper(membership, item) -> bool:
    """The business unit, or the item's presenter (papers due from me):
    `papers_due_from` is the presenter half as a queryset."""
    if not can_view_item(membership, item):
        return False
    if is_business_unit(membership):
        return True
    person = membership.person_pk
    return person is not None and item.presenter_id == person


@rule()
def can_plan_forward(membership) -> bool:
    """Add items to a board's forward plan (the business unit, and the minute
    taker while minuting)."""
    return active_role(membership) in MINUTE_TAKERS


# What templates ask about one meeting: `may = request.can.on(meeting)`.


@rule("manage", on="meetings.Meeting")
def _manage(membership, meeting):
    return can_manage_meetings(membership)


@rule("plan", on="meetings.Meeting")
def _plan(membership, meeting):
    return can_plan_meetings(membership)


@rule("submit_minutes", on="meetings.Meeting")
def can_submit_minutes(membership, meeting):
    """Send draft minutes to the chair (the minute taker or the business unit)."""
    return can_record_minutes(membership) and meeting.status in (
        meeting.Status.HELD,
        meeting.Status.MINUTES_DRAFT,
    )


@rule("record_minutes", on="meetings.Meeting")
def _record_minutes(membership, meeting):
    return can_record_minutes(membership)


@rule("edit_minutes", on="meetings.Meeting")
def can_edit_minutes(membership, meeting):
    return can_record_minutes(membership) and not meeting.minutes_frozen


@rule("chair", on="meetings.Meeting")
def can_chair_meeting(membership, meeting):
    return can_chair(membership, meeting.board)


@rule("see_confidential", on="meetings.Meeting")
def _see_confidential(membership, meeting):
    return can_view_sensitive(membership)


@rule("record_amendment", on="meetings.Meeting")
def _record_amendment(membership, meeting):
    return can_record_amendment(membership, meeting.board)


@rule("plan_forward", on="meetings.Meeting")
def _plan_forward(membership, meeting):
    return can_plan_forward(membership)

"""Who may do what, decided in one place from the membership role and board seats.

Views refuse with these functions and templates hide buttons with the same ones
(through `request.can` and the `can_view_board` filter), so a hidden button and
a refused URL never disagree. Every function takes the request's Membership
(None for someone who is not a member: they may do nothing).
"""

from functools import wraps

from django.core.exceptions import PermissionDenied

from .models import Board, BoardMembership, Role

BUSINESS_UNIT = frozenset({Role.BUSINESS_MANAGER, Role.BUSINESS_OFFICER})
# Roles that work across every board of the partnership; board members see only
# the boards they sit on.
SEES_EVERY_BOARD = BUSINESS_UNIT | {Role.MINUTE_TAKER, Role.INDEPENDENT_CHAIR, Role.OBSERVER}


def active_role(membership):
    """The member's role, or None for no membership or an inactive one."""
    return membership.role if membership is not None and membership.is_active else None


def is_business_unit(membership) -> bool:
    return active_role(membership) in BUSINESS_UNIT


def can_manage_structure(membership) -> bool:
    """Partner agencies, people, boards and who sits on them."""
    return is_business_unit(membership)


def can_manage_memberships(membership) -> bool:
    """Who may sign in to the partnership, and with which role."""
    return is_business_unit(membership)


def can_view_people(membership) -> bool:
    """The people directory holds contact details: the business unit and the
    minute taker (who records attendance) need it; others see names in minutes."""
    return active_role(membership) in BUSINESS_UNIT | {Role.MINUTE_TAKER}


def can_view_board(membership, board) -> bool:
    role = active_role(membership)
    if role is None or board.partnership_id != membership.partnership_id:
        return False
    if role in SEES_EVERY_BOARD:
        return True
    person = membership.person
    return (
        person is not None
        and BoardMembership.objects.current().filter(board=board, person=person).exists()
    )


def visible_boards(membership):
    """The boards this member may open, as a queryset."""
    role = active_role(membership)
    if role is None:
        return Board.objects.none()
    boards = Board.objects.for_partnership(membership.partnership_id)
    if role in SEES_EVERY_BOARD:
        return boards
    person = membership.person
    if person is None:
        return boards.none()
    seats = BoardMembership.objects.current().filter(person=person).values("board_id")
    return boards.filter(pk__in=seats)


class Capabilities:
    """What the current member may do, for templates: `{% if can.manage_structure %}`."""

    def __init__(self, membership):
        self.membership = membership

    @property
    def business_unit(self):
        return is_business_unit(self.membership)

    @property
    def manage_structure(self):
        return can_manage_structure(self.membership)

    @property
    def manage_memberships(self):
        return can_manage_memberships(self.membership)

    @property
    def view_people(self):
        return can_view_people(self.membership)


def require(check):
    """View decorator: refuse (403) unless `check(request.membership)` holds.

    Membership itself is settled earlier by TenancyMiddleware (non-members get
    404), so this only ever separates roles within a partnership.
    """

    def decorator(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            if not check(request.membership):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        return wrapped

    return decorator

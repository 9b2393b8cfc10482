"""Who may do what on the action log, built on partnership.permissions.

The business unit may do anything. Board members may add updates to, and
complete, actions they own (named themselves, "All" on a board they sit on, a
group they chair or an agency they lead for) on boards they may view. The minute
taker may add updates to any action (they record action log reviews in
meetings). Observers and the independent chair read. Views refuse with these
functions and templates hide buttons with the same answers.
"""

from partnership.models import Role
from partnership.permissions import active_role as _role
from partnership.permissions import can_view_board, is_business_unit

from .models import ActionOwner
from .owners import people_owning_q


def can_view_action(membership, action) -> bool:
    return can_view_board(membership, action.board)


def can_manage_actions(membership) -> bool:
    """Raise actions on the log, change their details, import a tracker."""
    return is_business_unit(membership)


def can_manage_action_settings(membership) -> bool:
    return is_business_unit(membership)


def owns_action(membership, action) -> bool:
    person = membership.person if membership is not None else None
    if person is None:
        return False
    return (
        ActionOwner.objects.for_partnership(action.partnership_id)
        .filter(action=action)
        .filter(people_owning_q(person))
        .exists()
    )


def can_update_action(membership, action) -> bool:
    """Add an update (with a change of status, due date or RAG) or complete it."""
    if not can_view_action(membership, action):
        return False
    if is_business_unit(membership) or _role(membership) == Role.MINUTE_TAKER:
        return True
    return _role(membership) == Role.MEMBER and owns_action(membership, action)


def can_complete_action(membership, action) -> bool:
    return can_update_action(membership, action)

"""Who may do what on the action log, built on partnership.permissions.

- An action is seen by whoever sees its board, except that an action raised at
  a confidential (OFFICIAL-SENSITIVE) agenda item follows the item: observers
  never see it, anywhere (its page, the log, counts, My actions, exports, PDFs,
  reminders). `visible_actions` is the same rule as a queryset, for every
  selector; a test proves the two agree.
- The business unit may do anything. Board members may add updates to, and
  complete, actions they own (named themselves, "All" on a board they sit on, a
  group they chair or an agency they lead for). The minute taker may add
  updates to any action (they record action log reviews in meetings).
  Observers and the independent chair read.
"""

from partnership.models import Role
from partnership.permissions import (
    active_role,
    can_view_board,
    can_view_sensitive,
    is_business_unit,
    on_visible_boards,
    rule,
)

from .models import Action, ActionOwner
from .owners import people_owning_q


@rule("view", on="actions.Action")
def can_view_action(membership, action) -> bool:
    if not can_view_board(membership, action.board):
        return False
    return not _sensitive(action) or can_view_sensitive(membership)


def _sensitive(action):
    return action.origin_item_id is not None and action.origin_item.is_confidential


def visible_actions(membership):
    """The actions this member may see, as a queryset: the twin of
    `can_view_action`, which every selector starts from."""
    if active_role(membership) is None:
        return Action.objects.none()
    actions = Action.objects.for_partnership(membership.partnership_id)
    actions = on_visible_boards(actions, membership)
    if not can_view_sensitive(membership):
        actions = actions.exclude(origin_item__is_confidential=True)
    return actions


@rule()
def can_manage_actions(membership) -> bool:
    """Raise actions on the log, change their details, import a tracker."""
    return is_business_unit(membership)


@rule()
def can_manage_action_settings(membership) -> bool:
    return is_business_unit(membership)


@rule("edit", on="actions.Action")
def can_edit_action(membership, action) -> bool:
    return can_manage_actions(membership) and can_view_action(membership, action)


def owns_action(membership, action) -> bool:
    person = membership.person_pk if membership is not None else None
    if person is None:
        return False
    return (
        ActionOwner.objects.for_partnership(action.partnership_id)
        .filter(action=action)
        .filter(people_owning_q(person))
        .exists()
    )


@rule("update", on="actions.Action")
def can_update_action(membership, action) -> bool:
    """Add an update (with a change of status, due date or RAG)."""
    if not can_view_action(membership, action):
        return False
    role = active_role(membership)
    if is_business_unit(membership) or role == Role.MINUTE_TAKER:
        return True
    return role == Role.MEMBER and owns_action(membership, action)


@rule("complete", on="actions.Action")
def can_complete_action(membership, action) -> bool:
    return can_update_action(membership, action)

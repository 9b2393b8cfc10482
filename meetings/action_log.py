"""The action log, as meetings use it: actions raised in minutes, the review of
the board's open actions, and owners typed the way minutes write them
("EF/KW/PG", "All").

Everything goes through the actions app's own services, selectors and owner
directory. If that app is not installed, `available()` is False and minutes
simply have no actions."""

import importlib
import importlib.util

from django.apps import apps
from django.core.exceptions import ValidationError

# A quick update's RAG change, as actions.services.action_update_add takes it.
RAG_CHANGES = [
    ("red", "Red (set by hand)"),
    ("amber", "Amber (set by hand)"),
    ("green", "Green (set by hand)"),
    ("computed", "Back to the rule"),
]


def available():
    return apps.is_installed("actions") and importlib.util.find_spec("actions.services") is not None


def _actions(module):
    return importlib.import_module(f"actions.{module}")


def raised_in(meeting):
    """{agenda item id: [actions raised at it]} for one meeting, each with its
    owners and RAG."""
    if not available():
        return {}
    selectors = _actions("selectors")
    rule = selectors.rag_rule_for(meeting.partnership_id)
    raised = {}
    for action in (
        selectors.actions_for_list(meeting.partnership_id, rule)
        .filter(origin_meeting=meeting)
        .order_by("number")
    ):
        raised.setdefault(action.origin_item_id, []).append(action)
    return raised


def were_raised_at(item):
    """Whether any action names this agenda item as its origin."""
    if not available():
        return False
    Action = apps.get_model("actions", "Action")  # noqa: N806 - a model class
    return Action.objects.for_partnership(item.partnership_id).filter(origin_item=item).exists()


def open_actions(board, *, before=None):
    """The board's open actions in number order, for the review of the log;
    with `before` (a meeting), without those raised at that meeting."""
    if not available():
        return []
    actions = _actions("selectors").open_actions_for_board(board)
    if before is not None:
        actions = actions.exclude(origin_meeting=before)
    return list(actions)


def update_choices():
    """(status choices, RAG changes) for a quick update to an action."""
    if not available():
        return [], []
    return apps.get_model("actions", "Action").Status.choices, RAG_CHANGES


def owner_choices(board):
    """[(token, label)] for the owner type-ahead."""
    if not available():
        return []
    return _actions("owners").owner_choices(board)


def owners_from_text(board, text):
    """Owners from what a minute taker types: names, initials, a group, an
    agency or "All", separated by / , ; or "and". ValidationError says what
    matched no one (or more than one)."""
    owners = _actions("owners").OwnerDirectory(board).parse(text)
    if not owners:
        raise ValidationError("Enter who owns the action")
    return owners


def raise_action(*, item, description, owners, due_date, acting_user):
    return _actions("services").action_create(
        board=item.meeting.board,
        description=description,
        owners=owners,
        due_date=due_date,
        origin_meeting=item.meeting,
        origin_item=item,
        acting_user=acting_user,
    )


def add_update(*, action, acting_user, text="", status=None, rag=None, rag_reason=""):
    return _actions("services").action_update_add(
        action=action,
        acting_user=acting_user,
        text=text,
        status=status,
        rag=rag,
        rag_reason=rag_reason,
    )


def action_for_board(board, action_uuid):
    """One action on the board's log (open or not), with owners and RAG, or None."""
    if not available():
        return None
    selectors = _actions("selectors")
    rule = selectors.rag_rule_for(board.partnership_id)
    return (
        selectors.actions_for_list(board.partnership_id, rule)
        .filter(board=board, uuid=action_uuid)
        .first()
    )

"""The action log, as meetings use it: actions raised in minutes, the review of
the board's open actions, and owners typed the way minutes write them
("EF/KW/PG", "All").

Everything goes through the actions app's own services, selectors and owner
directory."""

from django.core.exceptions import ValidationError

from actions import owners as action_owners
from actions import selectors as action_selectors
from actions import services as action_services
from actions.models import Action
from actions.permissions import visible_actions

# A quick update's RAG change, as actions.services.action_update_add takes it.
RAG_CHANGES = [
    ("red", "Red (set by hand)"),
    ("amber", "Amber (set by hand)"),
    ("green", "Green (set by hand)"),
    ("computed", "Back to the rule"),
]


def raised_in(meeting):
    """{agenda item id: [actions raised at it]} for one meeting, each with its
    owners: what minutes print of an action (number, text, owners, due date).
    Shown only beside items the reader may see (an action follows its item),
    so this reads every action the meeting raised. The meeting is the one
    given, its partnership too: nothing is read twice."""
    raised = {}
    actions = action_selectors.with_owners(
        Action.objects.for_partnership(meeting.partnership_id).filter(origin_meeting=meeting)
    )
    for action in actions.order_by("number"):
        action.partnership, action.origin_meeting = meeting.partnership, meeting
        raised.setdefault(action.origin_item_id, []).append(action)
    return raised


def were_raised_at(item):
    """Whether any action names this agenda item as its origin."""
    return Action.objects.for_partnership(item.partnership_id).filter(origin_item=item).exists()


def open_actions(board, *, membership, before=None):
    """The board's open actions the member may see, in number order, for the
    review of the log; with `before` (a meeting), without those raised at it."""
    actions = action_selectors.open_actions_for_board(board, membership=membership)
    if before is not None:
        actions = actions.exclude(origin_meeting=before)
    return list(actions)


def update_choices():
    """(status choices, RAG changes) for a quick update to an action."""
    return Action.Status.choices, RAG_CHANGES


def owner_choices(board):
    """[(token, label)] for the owner type-ahead."""
    return action_owners.owner_choices(board)


def owners_from_text(board, text):
    """Owners from what a minute taker types: names, initials, a group, an
    agency or "All", separated by / , ; or "and". ValidationError says what
    matched no one (or more than one)."""
    owners = action_owners.OwnerDirectory(board).parse(text)
    if not owners:
        raise ValidationError("Enter who owns the action")
    return owners


def raise_action(*, item, description, owners, due_date, acting_user):
    return action_services.action_create(
        board=item.meeting.board,
        description=description,
        owners=owners,
        due_date=due_date,
        origin_meeting=item.meeting,
        origin_item=item,
        acting_user=acting_user,
    )


def add_update(*, action, acting_user, text="", status=None, rag=None, rag_reason=""):
    return action_services.action_update_add(
        action=action,
        acting_user=acting_user,
        text=text,
        status=status,
        rag=rag,
        rag_reason=rag_reason,
    )


def action_for_board(board, action_uuid, *, membership):
    """One action on the board's log (open or not) that the member may see, with
    owners and RAG, or None."""
    rule = action_selectors.rag_rule_for(board.partnership_id)
    return (
        action_selectors.actions_for_list(visible_actions(membership), rule)
        .filter(board=board, uuid=action_uuid)
        .first()
    )

"""Loading actions for a request: only those the member may see (their board,
and not raised at a confidential item they may not see); anything else is 404."""

from partnership.loaders import load

from .selectors import actions_with_timeline, rag_rule_for


def load_action(request, action_uuid):
    """The action with its log row's data and timeline, or 404."""
    rule = rag_rule_for(request.partnership)
    action = load(request, actions_with_timeline(request.membership, rule), uuid=action_uuid)
    action._rag_rule = rule
    return action

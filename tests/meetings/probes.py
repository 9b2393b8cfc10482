"""Who may open each meetings URL (see tests/tenancy/probes.py). The samples are
on the tenant's executive board, where the board member sits, so everyone may
see them; the independent chair approves (the board's own chair has no login)."""

from tests.tenancy.probes import BUSINESS_UNIT, Probe

MINUTE_TAKERS = BUSINESS_UNIT | {"minute_taker"}
CHAIRS = frozenset({"independent_chair"})
AMENDERS = BUSINESS_UNIT | CHAIRS


def _meeting(t):
    return {"meeting_uuid": t.sample("meeting").uuid}


def _item(t):
    return {**_meeting(t), "item_uuid": t.sample("agenda_item").uuid}


def _paper(t):
    return {**_meeting(t), "paper_uuid": t.sample("paper").uuid}


def _board(t):
    return {"board_uuid": t.board.uuid}


def _action(t):
    return {**_meeting(t), "action_uuid": t.sample("action").uuid}


# The same URLs naming records on the subgroup (the member does not sit on it)...
def _off_meeting(t):
    return {"meeting_uuid": t.sample("subgroup_meeting").uuid}


def _off_item(t):
    return {**_off_meeting(t), "item_uuid": t.sample("subgroup_item").uuid}


def _off_paper(t):
    return {**_off_meeting(t), "paper_uuid": t.sample("subgroup_paper").uuid}


def _off_board(t):
    return {"board_uuid": t.subgroup.uuid}


def _off_action(t):
    return {**_off_meeting(t), "action_uuid": t.sample("subgroup_action").uuid}


def _standing(t):
    return {**_board(t), "ref": str(t.sample("standing_item").uuid)}


def _off_standing(t):
    return {**_off_board(t), "ref": str(t.sample("subgroup_standing").uuid)}


# ...and records of a confidential item (observers may not know them).
def _secret_item(t):
    return {**_meeting(t), "item_uuid": t.sample("confidential_item").uuid}


def _secret_paper(t):
    return {**_meeting(t), "paper_uuid": t.sample("confidential_paper").uuid}


def _secret_action(t):
    return {**_meeting(t), "action_uuid": t.sample("confidential_action").uuid}


def _on_meeting(**kw):
    return {"off_board": _off_meeting, **kw}


def _on_item(**kw):
    return {"off_board": _off_item, "confidential": _secret_item, **kw}


def _on_paper(**kw):
    return {"off_board": _off_paper, "confidential": _secret_paper, **kw}


def _on_board(**kw):
    return {"off_board": _off_board, **kw}


PROBES = {
    "meetings:meeting-list": Probe(),
    "meetings:meeting-create": Probe(allowed=BUSINESS_UNIT, posts=True),
    "meetings:attendance-report": Probe(),
    "meetings:meeting-detail": Probe(_meeting, **_on_meeting()),
    "meetings:meeting-edit": Probe(_meeting, allowed=BUSINESS_UNIT, posts=True, **_on_meeting()),
    "meetings:meeting-ics": Probe(_meeting, **_on_meeting()),
    "meetings:agenda": Probe(_meeting, allowed=BUSINESS_UNIT, **_on_meeting()),
    "meetings:agenda-publish": Probe(_meeting, allowed=BUSINESS_UNIT, **_on_meeting()),
    "meetings:item-create": Probe(_meeting, allowed=BUSINESS_UNIT, posts=True, **_on_meeting()),
    "meetings:item-edit": Probe(_item, allowed=BUSINESS_UNIT, posts=True, **_on_item()),
    "meetings:paper-upload": Probe(_item, allowed=BUSINESS_UNIT, posts=True, **_on_item()),
    "meetings:paper-download": Probe(_paper, **_on_paper()),
    "meetings:paper-accept": Probe(_paper, allowed=CHAIRS, posts=True, **_on_paper()),
    "meetings:paper-remove": Probe(_paper, allowed=BUSINESS_UNIT, **_on_paper()),
    "meetings:agenda-pdf": Probe(_meeting, **_on_meeting()),
    "meetings:meeting-pack": Probe(_meeting, **_on_meeting()),
    "meetings:attendance": Probe(_meeting, allowed=MINUTE_TAKERS, **_on_meeting()),
    "meetings:attendee-add": Probe(_meeting, allowed=MINUTE_TAKERS, posts=True, **_on_meeting()),
    "meetings:minutes": Probe(_meeting, allowed=MINUTE_TAKERS, **_on_meeting()),
    "meetings:minutes-item": Probe(_item, allowed=MINUTE_TAKERS, posts=True, **_on_item()),
    "meetings:minutes-action": Probe(_item, allowed=MINUTE_TAKERS, posts=True, **_on_item()),
    "meetings:minutes-add": Probe(_item, allowed=MINUTE_TAKERS, posts=True, **_on_item()),
    "meetings:minutes-forward-plan": Probe(_item, allowed=MINUTE_TAKERS, posts=True, **_on_item()),
    "meetings:minutes-review": Probe(
        _action,
        allowed=MINUTE_TAKERS,
        posts=True,
        off_board=_off_action,
        confidential=_secret_action,
    ),
    # Confirmation pages and forms whose every field is optional: an allowed
    # role's empty POST would act, so only refused roles post to them.
    "meetings:minutes-submit": Probe(_meeting, allowed=MINUTE_TAKERS, **_on_meeting()),
    "meetings:minutes-return": Probe(_meeting, allowed=CHAIRS, posts=True, **_on_meeting()),
    "meetings:next-meeting": Probe(_meeting, allowed=MINUTE_TAKERS, **_on_meeting()),
    "meetings:next-meeting-plan": Probe(_meeting, allowed=BUSINESS_UNIT, **_on_meeting()),
    "meetings:attendance-initials": Probe(_meeting, allowed=MINUTE_TAKERS, **_on_meeting()),
    "meetings:minutes-approve": Probe(_meeting, allowed=CHAIRS, posts=True, **_on_meeting()),
    "meetings:minutes-amend": Probe(_meeting, allowed=AMENDERS, posts=True, **_on_meeting()),
    "meetings:minutes-publish": Probe(_meeting, allowed=BUSINESS_UNIT, **_on_meeting()),
    "meetings:minutes-pdf": Probe(_meeting, **_on_meeting()),
    "meetings:minutes-public-pdf": Probe(_meeting, **_on_meeting()),
    "meetings:board-calendar": Probe(_board, **_on_board()),
    "meetings:calendar-subscribe": Probe(_board, **_on_board()),
    "meetings:forward-plan": Probe(_board, **_on_board()),
    "meetings:forward-plan-create": Probe(_board, allowed=MINUTE_TAKERS, posts=True, **_on_board()),
    "meetings:forward-plan-edit": Probe(
        lambda t: {**_board(t), "plan_uuid": t.sample("forward_plan_item").uuid},
        allowed=MINUTE_TAKERS,
        posts=True,
        off_board=lambda t: {**_off_board(t), "plan_uuid": t.sample("subgroup_plan").uuid},
        confidential=lambda t: {**_board(t), "plan_uuid": t.sample("confidential_plan").uuid},
    ),
    "meetings:board-settings": Probe(_board, allowed=BUSINESS_UNIT, **_on_board()),
    "meetings:standing-item-create": Probe(
        _board, allowed=BUSINESS_UNIT, posts=True, **_on_board()
    ),
    "meetings:standing-item-edit": Probe(
        _standing, allowed=BUSINESS_UNIT, posts=True, off_board=_off_standing
    ),
    "meetings:standing-item-rename": Probe(
        _standing, allowed=BUSINESS_UNIT, posts=True, off_board=_off_standing
    ),
}

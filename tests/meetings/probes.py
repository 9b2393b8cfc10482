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


PROBES = {
    "meetings:meeting-list": Probe(),
    "meetings:meeting-create": Probe(allowed=BUSINESS_UNIT, posts=True),
    "meetings:attendance-report": Probe(),
    "meetings:meeting-detail": Probe(_meeting),
    "meetings:meeting-edit": Probe(_meeting, allowed=BUSINESS_UNIT, posts=True),
    "meetings:meeting-ics": Probe(_meeting),
    "meetings:agenda": Probe(_meeting, allowed=BUSINESS_UNIT),
    "meetings:agenda-publish": Probe(_meeting, allowed=BUSINESS_UNIT),
    "meetings:item-create": Probe(_meeting, allowed=BUSINESS_UNIT, posts=True),
    "meetings:item-edit": Probe(_item, allowed=BUSINESS_UNIT, posts=True),
    "meetings:paper-upload": Probe(_item, allowed=BUSINESS_UNIT, posts=True),
    "meetings:paper-download": Probe(_paper),
    "meetings:paper-accept": Probe(_paper, allowed=CHAIRS, posts=True),
    "meetings:paper-remove": Probe(_paper, allowed=BUSINESS_UNIT),
    "meetings:agenda-pdf": Probe(_meeting),
    "meetings:meeting-pack": Probe(_meeting),
    "meetings:attendance": Probe(_meeting, allowed=MINUTE_TAKERS),
    "meetings:attendee-add": Probe(_meeting, allowed=MINUTE_TAKERS, posts=True),
    "meetings:minutes": Probe(_meeting, allowed=MINUTE_TAKERS),
    "meetings:minutes-item": Probe(_item, allowed=MINUTE_TAKERS, posts=True),
    "meetings:minutes-action": Probe(_item, allowed=MINUTE_TAKERS, posts=True),
    "meetings:minutes-add": Probe(_item, allowed=MINUTE_TAKERS, posts=True),
    "meetings:minutes-forward-plan": Probe(_item, allowed=MINUTE_TAKERS, posts=True),
    "meetings:minutes-review": Probe(_action, allowed=MINUTE_TAKERS, posts=True),
    "meetings:minutes-approve": Probe(_meeting, allowed=CHAIRS, posts=True),
    "meetings:minutes-amend": Probe(_meeting, allowed=AMENDERS, posts=True),
    "meetings:minutes-publish": Probe(_meeting, allowed=BUSINESS_UNIT),
    "meetings:minutes-pdf": Probe(_meeting),
    "meetings:minutes-public-pdf": Probe(_meeting),
    "meetings:board-calendar": Probe(_board),
    "meetings:calendar-subscribe": Probe(_board),
    "meetings:forward-plan": Probe(_board),
    "meetings:forward-plan-create": Probe(_board, allowed=MINUTE_TAKERS, posts=True),
    "meetings:forward-plan-edit": Probe(
        lambda t: {**_board(t), "plan_uuid": t.sample("forward_plan_item").uuid},
        allowed=MINUTE_TAKERS,
        posts=True,
    ),
    "meetings:board-settings": Probe(_board, allowed=BUSINESS_UNIT),
    "meetings:standing-item-create": Probe(_board, allowed=BUSINESS_UNIT, posts=True),
    "meetings:standing-item-edit": Probe(
        lambda t: {**_board(t), "standing_uuid": t.sample("standing_item").uuid},
        allowed=BUSINESS_UNIT,
        posts=True,
    ),
}

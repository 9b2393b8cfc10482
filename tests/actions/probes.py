"""Every action-log URL for the isolation probe (tests/tenancy)."""

from tests.tenancy.probes import BUSINESS_UNIT, Probe

# The sample action is owned by the board member; the minute taker records
# action log reviews; the independent chair and observers read.
UPDATERS = BUSINESS_UNIT | {"minute_taker", "member"}


def _action(t):
    return {"action_uuid": t.sample("action").uuid}


def _off_action(t):
    return {"action_uuid": t.sample("subgroup_action").uuid}


def _secret_action(t):
    return {"action_uuid": t.sample("confidential_action").uuid}


ON_ACTION = {"off_board": _off_action, "confidential": _secret_action}


def _import(t):
    return {"import_uuid": t.sample("action_import").uuid}


PROBES = {
    "actions:log": Probe(),
    "actions:board-log": Probe(
        lambda t: {"board_uuid": t.board.uuid},
        off_board=lambda t: {"board_uuid": t.subgroup.uuid},
    ),
    "actions:export-csv": Probe(),
    "actions:export-xlsx": Probe(),
    "actions:export-pdf": Probe(),
    "actions:action-create": Probe(allowed=BUSINESS_UNIT, posts=True),
    "actions:action-detail": Probe(_action, **ON_ACTION),
    "actions:action-edit": Probe(_action, allowed=BUSINESS_UNIT, posts=True, **ON_ACTION),
    "actions:action-update": Probe(_action, allowed=UPDATERS, posts=True, **ON_ACTION),
    "actions:action-complete": Probe(_action, allowed=UPDATERS, posts=True, **ON_ACTION),
    "actions:settings": Probe(allowed=BUSINESS_UNIT, posts=True),
    "actions:import-upload": Probe(allowed=BUSINESS_UNIT, posts=True),
    "actions:import-columns": Probe(_import, allowed=BUSINESS_UNIT, posts=True),
    "actions:import-preview": Probe(_import, allowed=BUSINESS_UNIT, posts=True),
}

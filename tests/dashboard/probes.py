from partnership.models import Role

from ..tenancy.probes import Probe

MANAGER = frozenset({Role.BUSINESS_MANAGER.value})

PROBES = {
    "dashboard:overview": Probe(),
    "dashboard:board-detail": Probe(
        lambda t: {"board_uuid": t.board.uuid},
        off_board=lambda t: {"board_uuid": t.subgroup.uuid},
    ),
    "dashboard:audit-log": Probe(allowed=MANAGER),
    "dashboard:audit-export": Probe(allowed=MANAGER),
}

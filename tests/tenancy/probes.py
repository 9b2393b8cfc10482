"""The isolation probe's registry: every tenant URL, with sample arguments and
who may open it. A tenant URL missing here fails test_every_tenant_url_is_probed.

Each app keeps its own probes in `tests/<app>/probes.py` (a dict named PROBES,
built with `Probe` from here); they are merged into PROBES below. Sample objects
an app's URLs need are made on demand with `tenant.sample("name")`, from makers
registered in `tests/<app>/samples.py` (see tests/samples.py).

`kwargs(tenant)` builds the URL's arguments (except the partnership slug) from a
Tenant's sample objects (tests/conftest.py); `allowed` lists the roles that get
200; every other role gets `denied` (403, or 404 for confidential records),
except the `hidden` roles, who get 404.

Two variants name records someone may not know exist, and must give them 404
where the plain probe gives 200 (and never 200):
- `off_board(tenant)`: the same kind of record on the subgroup, where the board
  member does not sit;
- `confidential(tenant)`: a record of a confidential (OFFICIAL-SENSITIVE) agenda
  item, hidden from observers.
"""

from collections.abc import Callable
from dataclasses import dataclass, field

from partnership.models import Role

EVERYONE = frozenset(r.value for r in Role)
BUSINESS_UNIT = frozenset({Role.BUSINESS_MANAGER.value, Role.BUSINESS_OFFICER.value})
PEOPLE_READERS = BUSINESS_UNIT | {Role.MINUTE_TAKER.value}


@dataclass(frozen=True)
class Probe:
    kwargs: Callable = field(default=lambda t: {})
    allowed: frozenset = EVERYONE
    denied: int = 403
    # Form pages: an allowed role posting nothing gets the form back with errors.
    # (Every URL, form page or not, is posted to by every refused role.)
    posts: bool = False
    # Roles that may not know the object exists (not on a confidential case's
    # panel): 404 for them, `denied` for the other refused roles.
    hidden: frozenset = frozenset()
    off_board: Callable | None = None
    confidential: Callable | None = None

    def expected(self, role):
        if role in self.allowed:
            return 200
        return 404 if role in self.hidden else self.denied

    def variants(self):
        """(label, kwargs maker, the role it hides the record from)."""
        found = [("plain", self.kwargs, None)]
        if self.off_board is not None:
            found.append(("off_board", self.off_board, "member"))
        if self.confidential is not None:
            found.append(("confidential", self.confidential, "observer"))
        return found


PROBES = {
    "partnership:partnership-edit": Probe(allowed=BUSINESS_UNIT, posts=True),
    "partnership:board-create": Probe(allowed=BUSINESS_UNIT, posts=True),
    "partnership:board-edit": Probe(
        lambda t: {"board_uuid": t.board.uuid}, allowed=BUSINESS_UNIT, posts=True
    ),
    "partnership:board-member-add": Probe(
        lambda t: {"board_uuid": t.board.uuid}, allowed=BUSINESS_UNIT, posts=True
    ),
    "partnership:board-member-edit": Probe(
        lambda t: {"board_uuid": t.board.uuid, "seat_uuid": t.seat.uuid},
        allowed=BUSINESS_UNIT,
        posts=True,
    ),
    "partnership:agency-list": Probe(),
    "partnership:agency-create": Probe(allowed=BUSINESS_UNIT, posts=True),
    "partnership:agency-edit": Probe(
        lambda t: {"agency_uuid": t.agency.uuid}, allowed=BUSINESS_UNIT, posts=True
    ),
    "partnership:person-list": Probe(allowed=PEOPLE_READERS),
    "partnership:person-detail": Probe(
        lambda t: {"person_uuid": t.person.uuid}, allowed=PEOPLE_READERS
    ),
    "partnership:person-create": Probe(allowed=BUSINESS_UNIT, posts=True),
    "partnership:person-edit": Probe(
        lambda t: {"person_uuid": t.person.uuid}, allowed=BUSINESS_UNIT, posts=True
    ),
    "partnership:search": Probe(),
    "partnership:team-list": Probe(allowed=PEOPLE_READERS),
    "partnership:team-create": Probe(allowed=BUSINESS_UNIT, posts=True),
    "partnership:team-edit": Probe(
        lambda t: {"team_uuid": t.sample("team").uuid}, allowed=BUSINESS_UNIT, posts=True
    ),
    "partnership:membership-list": Probe(allowed=BUSINESS_UNIT),
    "partnership:membership-create": Probe(allowed=BUSINESS_UNIT, posts=True),
    "partnership:membership-edit": Probe(
        lambda t: {"membership_uuid": t.memberships["observer"].uuid},
        allowed=BUSINESS_UNIT,
        posts=True,
    ),
    "partnership:membership-two-factor-reset": Probe(
        lambda t: {"membership_uuid": t.memberships["observer"].uuid},
        allowed=frozenset({Role.BUSINESS_MANAGER.value}),
        posts=True,
    ),
}

# URLs outside any partnership, and what an anonymous visitor gets from each.
NON_TENANT = {
    "home": "login",
    "accessibility": 200,
    "healthz": 200,
    "login": 200,
    "logout": 405,  # sign out is a POST
    "signed-in-again": "login",
    "password_reset": 200,
    "password_reset_done": 200,
    "password_reset_confirm": 200,  # an invalid link says so, on a 200 page
    "password_reset_complete": 200,
    "password_change": "login",
    "password_change_done": "login",
    "calendar-feed": 404,  # a token that is no one's
    "two-factor": "login",
    "two-factor-sign-in": "login",
    "two-factor-set-up": "login",
    "two-factor-backup-codes": "login",
    # Passkeys are the signed-in user's own: tests/partnership/test_passkeys.py
    # proves one user cannot see, use or remove another's.
    "passkey-add": "login",
    "passkey-add-begin": "login",
    "passkey-add-complete": "login",
    "passkey-remove": "login",
    "passkey-sign-in-begin": "login",
    "passkey-sign-in-complete": "login",
}
NON_TENANT_KWARGS = {
    "passkey-remove": {"passkey_id": "0" * 64},
    "password_reset_confirm": {"uidb64": "MQ", "token": "not-a-token"},
    "calendar-feed": {
        "token": "no-ones-token",
        "board_uuid": "00000000-0000-4000-8000-000000000000",
    },
}


def _merge_app_probes():
    import importlib
    import pkgutil

    import tests

    for module in pkgutil.iter_modules(tests.__path__):
        if not module.ispkg or module.name in {"tenancy", "e2e"}:
            continue
        try:
            app_probes = importlib.import_module(f"tests.{module.name}.probes")
        except ModuleNotFoundError as error:
            if error.name != f"tests.{module.name}.probes":
                raise
            continue
        clash = PROBES.keys() & app_probes.PROBES.keys()
        assert not clash, f"Probes defined twice: {clash}"
        PROBES.update(app_probes.PROBES)


_merge_app_probes()

"""Who may do what: the kernel's building blocks and the one way to ask and refuse.

Every capability is one function in its app's `permissions.py`, taking the
request's Membership (None for someone who is not a member: they may do nothing)
and, for a rule about one object, that object. Registering it with `@rule`
makes the same function answer three callers:

- views refuse with `require(check)` (a decorator, for a partnership-wide rule)
  or `refuse_unless(check(membership, obj))` (403: the user knows the thing is
  there but may not do this), while loaders hide what the user may not know
  exists with `hide_unless(...)` (404, as for another partnership's objects);
- templates ask `can.<rule>` (partnership-wide) and `may.<rule>` where a view
  passes `may = request.can.on(obj)` (object rules of obj's model);
- selectors behind pages and panels filter with the queryset twin of a rule
  (`visible_boards`), and a test proves the two agree.

So a hidden button and a refused URL never disagree.
"""

from functools import wraps

from django.core.exceptions import PermissionDenied
from django.http import Http404

from .models import Board, BoardMembership, Role

BUSINESS_UNIT = frozenset({Role.BUSINESS_MANAGER, Role.BUSINESS_OFFICER})
# Roles that work across every board of the partnership; board members see only
# the boards they sit on.
SEES_EVERY_BOARD = BUSINESS_UNIT | {Role.MINUTE_TAKER, Role.INDEPENDENT_CHAIR, Role.OBSERVER}

# name -> function(membership), and (model label, name) -> function(membership, obj)
PARTNERSHIP_RULES = {}
OBJECT_RULES = {}


def rule(name=None, *, on=None):
    """Registers a capability for templates: `@rule()` on `can_manage_meetings`
    answers `can.manage_meetings`; `@rule("update", on="actions.Action")` answers
    `may.update` for an action. The function itself is returned unchanged."""

    def register(fn):
        key = name or fn.__name__.removeprefix("can_")
        table, full_key = (
            (PARTNERSHIP_RULES, key) if on is None else (OBJECT_RULES, (on.lower(), key))
        )
        assert full_key not in table or table[full_key] is fn, f"rule {full_key} defined twice"
        table[full_key] = fn
        return fn

    return register


def active_role(membership):
    """The member's role, or None for no membership or an inactive one."""
    return membership.role if membership is not None and membership.is_active else None


@rule()
def is_business_unit(membership) -> bool:
    return active_role(membership) in BUSINESS_UNIT


@rule()
def can_manage_structure(membership) -> bool:
    """Partner agencies, people, boards and who sits on them."""
    return is_business_unit(membership)


@rule()
def can_manage_memberships(membership) -> bool:
    """Who may sign in to the partnership, and with which role."""
    return is_business_unit(membership)


@rule()
def can_reset_two_factor(membership) -> bool:
    """Recovery for a user who lost their authenticator and backup codes: the
    business manager, who answers for who may sign in."""
    return active_role(membership) == Role.BUSINESS_MANAGER


@rule()
def can_manage_teams(membership) -> bool:
    """Add teams (from the owner field too) and change who is in them: those
    who manage people and raise actions."""
    return is_business_unit(membership)


@rule()
def can_search_people(membership) -> bool:
    """The type-ahead of people, teams, groups and agencies: every member sees
    owners' names in the action log and filters by them."""
    return active_role(membership) is not None


@rule()
def can_view_people(membership) -> bool:
    """The people directory holds contact details: the business unit and the
    minute taker (who records attendance) need it; others see names in minutes."""
    return active_role(membership) in BUSINESS_UNIT | {Role.MINUTE_TAKER}


@rule()
def can_read_audit_log(membership) -> bool:
    """Who saw and did what: the business manager answers for the partnership's
    information governance."""
    return active_role(membership) == Role.BUSINESS_MANAGER


@rule()
def can_view_sensitive(membership) -> bool:
    """OFFICIAL-SENSITIVE material (confidential agenda items, their papers and
    the actions raised at them): every member but observers, who read only what
    could be shared outside the board."""
    role = active_role(membership)
    return role is not None and role != Role.OBSERVER


@rule("view", on="partnership.Board")
def can_view_board(membership, board) -> bool:
    role = active_role(membership)
    if role is None or board.partnership_id != membership.partnership_id:
        return False
    if role in SEES_EVERY_BOARD:
        return True
    person = membership.person_pk
    return (
        person is not None
        and BoardMembership.objects.current().filter(board=board, person=person).exists()
    )


def visible_boards(membership):
    """The boards this member may open, as a queryset: the twin of
    `can_view_board`, for selectors (tests/partnership/test_permissions.py
    proves they agree)."""
    role = active_role(membership)
    if role is None:
        return Board.objects.none()
    boards = Board.objects.for_partnership(membership.partnership_id)
    if role in SEES_EVERY_BOARD:
        return boards
    person = membership.person_pk
    if person is None:
        return boards.none()
    seats = BoardMembership.objects.current().filter(person=person).values("board_id")
    return boards.filter(pk__in=seats)


def sees_every_board(membership) -> bool:
    """Whether `visible_boards` is every board of the partnership: a read
    already held to the partnership then needs no filter by board."""
    return active_role(membership) in SEES_EVERY_BOARD


def on_visible_boards(queryset, membership, *, through="board"):
    """`queryset` held to the boards this member may open, `through` the field
    that names a row's board: `visible_boards` as a subquery, or nothing for the
    roles that see every board (the queryset is held to the partnership)."""
    if sees_every_board(membership):
        return queryset
    return queryset.filter(**{f"{through}__in": visible_boards(membership)})


def visible_board_ids(membership):
    """The ids of the boards this member may open (`visible_boards`), or None
    for every board of the partnership (`sees_every_board`), when none are read."""
    if sees_every_board(membership):
        return None
    return list(visible_boards(membership).values_list("pk", flat=True))


class Capabilities:
    """`request.can`, and `can` in templates: `can.manage_structure` answers the
    partnership-wide rule; `can.on(meeting)` binds the object rules of the
    meeting's model (`may.record_minutes`). Answers are cached per request."""

    def __init__(self, membership):
        self.membership = membership
        self._cache = {}

    def __getattr__(self, name):
        if name.startswith("_"):
            raise AttributeError(name)
        try:
            check = PARTNERSHIP_RULES[name]
        except KeyError:
            raise AttributeError(f"No permission rule named {name!r}") from None
        if name not in self._cache:
            self._cache[name] = check(self.membership)
        return self._cache[name]

    def on(self, obj):
        return ObjectCapabilities(self.membership, obj)


class ObjectCapabilities:
    """What the member may do with one object: `may.update`."""

    def __init__(self, membership, obj):
        self.membership = membership
        self.obj = obj
        self._label = obj._meta.label_lower
        self._cache = {}

    def __getattr__(self, name):
        if name.startswith("_"):
            raise AttributeError(name)
        try:
            check = OBJECT_RULES[(self._label, name)]
        except KeyError:
            raise AttributeError(f"No permission rule {name!r} on {self._label}") from None
        if name not in self._cache:
            self._cache[name] = check(self.membership, self.obj)
        return self._cache[name]


def refuse_unless(allowed):
    """403 unless `allowed`: the member may see the thing but not do this. (Loaders
    answer 404 for what they may not see at all: `hide_unless`.)"""
    if not allowed:
        raise PermissionDenied


class Hidden(Http404):
    """A 404 that hides something the member may not see (as opposed to
    something that is not there): the audit log records it as a refusal."""


def hide_unless(visible, what="Not found"):
    """404 unless `visible`: the member may not know the thing exists."""
    if not visible:
        raise Hidden(what)


def require(check):
    """View decorator: 403 unless `check(request.membership)` holds.

    Membership itself is settled earlier by TenancyMiddleware (non-members get
    404), so this only ever separates roles within a partnership.
    """

    def decorator(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            refuse_unless(check(request.membership))
            return view(request, *args, **kwargs)

        return wrapped

    return decorator

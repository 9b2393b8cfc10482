"""Reads for partnership pages. Each returns a queryset or plain data, with the
related rows a page needs fetched up front, so a page's query count does not
grow with its rows."""

from collections import defaultdict
from dataclasses import dataclass, field

from django.db import connection
from django.db.models import Count, OuterRef, Q, Subquery
from django.utils import timezone

from .models import Board, BoardMembership, Membership, PartnerAgency, Partnership, Person
from .tenancy import signed_in_as


def memberships_within(user, partnership):
    """(the user's active membership of `partnership` or None, every active
    membership of theirs), each with its partnership, in one query. Read inside
    the partnership with the user named (TenancyMiddleware), where row-level
    security lets a user read their own memberships elsewhere too: the page's
    membership and the partnership switcher's list (`request.memberships`).
    The page's membership carries the person who is this user here
    (`Membership.person_pk`), read in the same statement."""
    memberships = _memberships(user, person_in=partnership)
    mine = next((m for m in memberships if m.partnership_id == partnership.pk), None)
    if mine is not None:
        mine.partnership = partnership
    return mine, memberships


def memberships_for_user(user):
    """Every active membership of this user, each with its partnership, as a
    list: the user's own rows of every partnership (where they belong), for the
    home page, sign-in and the partnership switcher. Row-level security lets a
    user read these and no other partnership's rows (partnership.rls)."""
    with signed_in_as(user):
        return _memberships(user)


def _columns(model, alias):
    return ", ".join(f'{alias}."{f.column}"' for f in model._meta.concrete_fields)


_MEMBERSHIP_FIELDS = [f.attname for f in Membership._meta.concrete_fields]
_PARTNERSHIP_FIELDS = [f.attname for f in Partnership._meta.concrete_fields]
# Every request under /p/<slug>/ reads these (TenancyMiddleware): as a
# statement, with the model instances made as the ORM makes them (`from_db`),
# because building and compiling the query through the ORM cost more than
# running it. tests/partnership/test_memberships.py proves the rows are the
# ORM's.
MEMBERSHIPS_SQL = f"""
SELECT {_columns(Membership, "m")}, {_columns(Partnership, "p")},
       (SELECT pe.id FROM partnership_person pe
         WHERE pe.partnership_id = %(person_in)s AND pe.user_id = m.user_id)
  FROM partnership_membership m
  JOIN partnership_partnership p ON p.id = m.partnership_id
 WHERE m.user_id = %(user)s AND m.is_active
 ORDER BY p.name, m.id
"""  # noqa: S608 - column names from the models


def _memberships(user, *, person_in=None):
    """The user's active memberships, each with its partnership, by the
    partnership's name. With `person_in` (a partnership the reader is in), that
    partnership's membership carries its person's primary key (`person_pk`)."""
    person_in = getattr(person_in, "pk", person_in)
    with connection.cursor() as cursor:
        cursor.execute(MEMBERSHIPS_SQL, {"user": user.pk, "person_in": person_in or 0})
        rows = cursor.fetchall()
    found = []
    split = len(_MEMBERSHIP_FIELDS)
    for row in rows:
        membership = Membership.from_db(connection.alias, _MEMBERSHIP_FIELDS, row[:split])
        membership.partnership = Partnership.from_db(
            connection.alias, _PARTNERSHIP_FIELDS, row[split:-1]
        )
        if person_in is not None and membership.partnership_id == person_in:
            membership.person_pk = row[-1]
        found.append(membership)
    return found


@dataclass
class BoardNode:
    board: Board
    chair: Person | None = None
    vice_chair: Person | None = None
    member_count: int = 0
    children: list["BoardNode"] = field(default_factory=list)


def board_tree(partnership, *, include_inactive=False):
    """The partnership's boards as a forest following reporting lines, each node
    with its current chair, vice chair and number of current members."""
    today = timezone.localdate()
    current_seat = (
        Q(memberships__start_date__isnull=True) | Q(memberships__start_date__lte=today)
    ) & (Q(memberships__end_date__isnull=True) | Q(memberships__end_date__gte=today))
    boards = (
        Board.objects.for_partnership(partnership)
        .select_related("partnership")
        .annotate(member_count=Count("memberships", filter=current_seat))
    )
    if not include_inactive:
        boards = boards.filter(is_active=True)
    nodes = {b.pk: BoardNode(board=b, member_count=b.member_count) for b in boards}
    chairs = (
        BoardMembership.objects.for_partnership(partnership)
        .current()
        .filter(role__in=[BoardMembership.Role.CHAIR, BoardMembership.Role.VICE_CHAIR])
        .select_related("person")
    )
    for seat in chairs:
        node = nodes.get(seat.board_id)
        if node is not None:
            setattr(node, seat.role, seat.person)
    roots = []
    by_parent = defaultdict(list)
    for node in nodes.values():
        parent = node.board.reports_to_id
        if parent in nodes:
            by_parent[parent].append(node)
        else:
            roots.append(node)
    for node in nodes.values():
        node.children = sorted(by_parent[node.board.pk], key=_tree_order)
    return sorted(roots, key=_tree_order)


def _tree_order(node):
    kinds = [k for k, _ in Board.Kind.choices]
    return (kinds.index(node.board.kind), node.board.name)


def agency_name_here(partnership, organisation_ref="representing_id"):
    """A subquery: the name this partnership gives the organisation (an agency's
    display name), or null where it uses the organisation's own."""
    return Subquery(
        PartnerAgency.objects.for_partnership(partnership)
        .filter(organisation_id=OuterRef(organisation_ref))
        .exclude(display_name="")
        .values("display_name")[:1]
    )


def board_seats(board):
    """The board's seats, current first, each with person and organisation (and
    `representing_name`: the partnership's name for it, if it gives one)."""
    return (
        BoardMembership.objects.for_partnership(board.partnership_id)
        .filter(board=board)
        .select_related("person", "person__organisation", "representing")
        .annotate(representing_name=agency_name_here(board.partnership_id))
    )


def agencies(partnership):
    return PartnerAgency.objects.for_partnership(partnership).select_related(
        "organisation", "lead_representative"
    )


def people(partnership, *, query="", include_inactive=False):
    """People, each with `organisation_here` (the partnership's name for their
    organisation, if it gives one), found by any of their names."""
    people = (
        Person.objects.for_partnership(partnership)
        .select_related("partnership", "organisation", "user")
        .annotate(organisation_here=agency_name_here(partnership, "organisation_id"))
    )
    if not include_inactive:
        people = people.filter(is_active=True)
    if query:
        people = people.filter(
            Q(full_name__icontains=query)
            | Q(initials__iexact=query)
            | Q(job_title__icontains=query)
            | Q(organisation__name__icontains=query)
            | Q(organisation__short_name__icontains=query)
            | Q(organisation_here__icontains=query)
            | Q(email__icontains=query)
        )
    return people


def memberships(partnership):
    return Membership.objects.for_partnership(partnership).select_related("user")

"""Scoping fails closed, and a child row can never belong to another partnership
than the rows it points at."""

import pytest
from django.db import connection
from django_scopes import ScopeError, scope, scopes_disabled

from partnership.models import Board, BoardMembership, PartnerAgency, Person
from partnership.tenancy import PartnershipMismatch, partnership_mismatches, tenant_models

from ..factories import BoardFactory, BoardMembershipFactory, PersonFactory


def test_a_tenant_query_outside_any_scope_raises(tenant_a):
    with pytest.raises(ScopeError):
        list(Person.objects.all())
    with pytest.raises(ScopeError):
        Person.objects.for_partnership(tenant_a.partnership)
    with pytest.raises(ScopeError):
        Board.objects.filter(name="x").exists()


def test_a_scope_shows_only_its_partnerships_rows(tenant_a, tenant_b):
    with scope(partnership=tenant_a.partnership):
        names = set(Board.objects.values_list("name", flat=True))
        assert tenant_a.board.name in names
        assert tenant_b.board.name not in names
        # Related managers are scoped too.
        assert set(tenant_a.board.memberships.all()) == set(
            BoardMembership.objects.filter(board=tenant_a.board)
        )


def test_every_tenant_model_is_scoped_and_has_history():
    for model in tenant_models():
        assert hasattr(model, "history"), model
        with pytest.raises(ScopeError):
            model.objects.count()


def test_a_child_takes_its_partnership_from_its_parent(tenant_a):
    person = PersonFactory(partnership=tenant_a.partnership)
    with scopes_disabled():
        seat = BoardMembership.objects.create(board=tenant_a.subgroup, person=person)
    assert seat.partnership_id == tenant_a.board.partnership_id


@pytest.mark.parametrize(
    "build",
    [
        lambda a, b: BoardMembership(board=a.board, person=b.person),
        lambda a, b: BoardMembership(partnership=a.partnership, board=a.board, person=b.person),
        lambda a, b: PartnerAgency(
            partnership=a.partnership,
            organisation=a.agency.organisation,
            lead_representative=b.person,
        ),
        lambda a, b: Board(partnership=a.partnership, name="Rogue", reports_to=b.board),
    ],
    ids=["seat-person", "seat-explicit", "agency-lead", "board-reports-to"],
)
def test_a_row_pointing_into_another_partnership_is_refused(build, tenant_a, tenant_b):
    with scopes_disabled():
        row = build(tenant_a, tenant_b)
        with pytest.raises(PartnershipMismatch):
            row.save()


def test_no_row_anywhere_disagrees_with_its_parent(tenant_a, tenant_b):
    BoardMembershipFactory(board=BoardFactory(partnership=tenant_b.partnership))
    assert partnership_mismatches() == []


def test_the_database_check_finds_a_disagreeing_row(tenant_a, tenant_b):
    """The check above can fail: a row forced past save() is caught."""
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE partnership_boardmembership SET partnership_id = %s WHERE id = %s",
            [tenant_b.partnership.pk, tenant_a.seat.pk],
        )
    assert ("partnership_boardmembership", "board_id", 1) in partnership_mismatches()


def test_the_fingerprint_sees_any_write(tenant_a):
    """The probe's proof that a refused request changed nothing would be empty if
    the fingerprint missed a write: an update, a new row, a history row."""
    from django_scopes import scopes_disabled

    from tests.tenancy.fingerprint import changes, tenant_fingerprint

    before = tenant_fingerprint(tenant_a.partnership)
    with scopes_disabled():
        tenant_a.person.job_title = "Changed"
        tenant_a.person.save()
    after = tenant_fingerprint(tenant_a.partnership)
    changed = changes(before, after)
    assert "partnership_person" in changed and "partnership_historicalperson" in changed

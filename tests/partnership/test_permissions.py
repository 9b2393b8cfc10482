import pytest
from django.urls import reverse
from django_scopes import scope, scopes_disabled

from partnership import permissions
from partnership.models import Board, Role

from ..factories import BoardMembershipFactory


@pytest.mark.parametrize(
    ("role", "structure", "people", "memberships"),
    [
        (Role.BUSINESS_MANAGER, True, True, True),
        (Role.BUSINESS_OFFICER, True, True, True),
        (Role.MINUTE_TAKER, False, True, False),
        (Role.INDEPENDENT_CHAIR, False, False, False),
        (Role.MEMBER, False, False, False),
        (Role.OBSERVER, False, False, False),
    ],
)
def test_capabilities_by_role(role, structure, people, memberships, tenant_a):
    membership = tenant_a.memberships[role]
    assert permissions.can_manage_structure(membership) is structure
    assert permissions.can_view_people(membership) is people
    assert permissions.can_manage_memberships(membership) is memberships


def test_an_inactive_or_missing_membership_may_do_nothing(tenant_a):
    membership = tenant_a.memberships[Role.BUSINESS_MANAGER]
    membership.is_active = False
    assert not permissions.can_manage_structure(membership)
    assert not permissions.can_manage_structure(None)
    with scope(partnership=tenant_a.partnership):
        assert not permissions.can_view_board(None, tenant_a.board)
        assert list(permissions.visible_boards(None)) == []


def test_a_board_member_sees_only_the_boards_they_sit_on(tenant_a):
    member = tenant_a.memberships[Role.MEMBER]
    with scope(partnership=tenant_a.partnership):
        assert permissions.can_view_board(member, tenant_a.board)
        assert not permissions.can_view_board(member, tenant_a.subgroup)
        assert list(permissions.visible_boards(member)) == [tenant_a.board]


def test_a_board_members_ended_seat_no_longer_shows_the_board(tenant_a):
    import datetime

    with scopes_disabled():
        tenant_a.seat.end_date = datetime.date(2020, 1, 1)
        tenant_a.seat.start_date = datetime.date(2019, 1, 1)
        tenant_a.seat.save()
    member = tenant_a.memberships[Role.MEMBER]
    with scope(partnership=tenant_a.partnership):
        assert not permissions.can_view_board(member, tenant_a.board)


def test_roles_that_work_across_boards_see_every_board(tenant_a):
    for role in (Role.MINUTE_TAKER, Role.INDEPENDENT_CHAIR, Role.OBSERVER, Role.BUSINESS_OFFICER):
        membership = tenant_a.memberships[role]
        with scope(partnership=tenant_a.partnership):
            assert permissions.can_view_board(membership, tenant_a.subgroup), role


def test_a_member_opening_a_board_they_do_not_sit_on_gets_404(tenant_a, member_client):
    url = reverse(
        "dashboard:board-detail",
        kwargs={"partnership_slug": tenant_a.slug, "board_uuid": tenant_a.subgroup.uuid},
    )
    assert member_client.get(url).status_code == 404


def test_the_overview_links_only_the_boards_a_member_may_open(tenant_a, member_client):
    html = member_client.get(f"/p/{tenant_a.slug}/").content.decode()
    assert f'href="/p/{tenant_a.slug}/boards/{tenant_a.board.uuid}/"' in html
    assert f"/boards/{tenant_a.subgroup.uuid}/" not in html
    assert tenant_a.subgroup.name in html  # the structure is still shown


def test_hidden_buttons_and_refused_urls_agree(tenant_a, observer_client, business_manager_client):
    add_board = reverse("partnership:board-create", kwargs={"partnership_slug": tenant_a.slug})
    overview = f"/p/{tenant_a.slug}/"
    assert add_board not in observer_client.get(overview).content.decode()
    assert observer_client.get(add_board).status_code == 403
    assert add_board in business_manager_client.get(overview).content.decode()
    assert business_manager_client.get(add_board).status_code == 200


def test_menu_shows_only_what_the_role_may_open(tenant_a, observer_client, business_manager_client):
    people = reverse("partnership:person-list", kwargs={"partnership_slug": tenant_a.slug})
    users = reverse("partnership:membership-list", kwargs={"partnership_slug": tenant_a.slug})
    observer_page = observer_client.get(f"/p/{tenant_a.slug}/").content.decode()
    manager_page = business_manager_client.get(f"/p/{tenant_a.slug}/").content.decode()
    assert people not in observer_page and users not in observer_page
    assert people in manager_page and users in manager_page


def test_a_board_member_on_a_subgroup_too_sees_both(tenant_a):
    BoardMembershipFactory(board=tenant_a.subgroup, person=tenant_a.person)
    member = tenant_a.memberships[Role.MEMBER]
    with scope(partnership=tenant_a.partnership):
        assert set(permissions.visible_boards(member)) == {tenant_a.board, tenant_a.subgroup}


def test_visible_boards_agrees_with_can_view_board_for_every_role(tenant_a):
    """The queryset twin every selector uses, checked row by row against the rule."""
    from django_scopes import scope

    with scope(partnership=tenant_a.partnership):
        boards = [tenant_a.board, tenant_a.subgroup]
        for role, membership in tenant_a.memberships.items():
            listed = set(permissions.visible_boards(membership))
            assert listed == {b for b in boards if permissions.can_view_board(membership, b)}, role


def test_visible_board_ids_agree_with_visible_boards_for_every_role(tenant_a):
    """None means every board of the partnership, for the roles that see them all."""
    from django_scopes import scope

    with scope(partnership=tenant_a.partnership):
        every = {tenant_a.board.pk, tenant_a.subgroup.pk}
        for role, membership in tenant_a.memberships.items():
            ids = permissions.visible_board_ids(membership)
            listed = {b.pk for b in permissions.visible_boards(membership)}
            assert (every if ids is None else set(ids)) == listed, role
            assert (ids is None) == permissions.sees_every_board(membership), role
            held = permissions.on_visible_boards(
                Board.objects.for_partnership(tenant_a.partnership), membership, through="pk"
            )
            assert set(held) == set(permissions.visible_boards(membership)), role
        assert permissions.visible_board_ids(None) == []

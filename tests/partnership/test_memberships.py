import re

import pytest
from django.core import mail
from django.urls import reverse
from django_scopes import scopes_disabled

from partnership.models import Membership, Person, Role, User

from ..factories import PersonFactory


def _url(name, tenant, **kwargs):
    return reverse(f"partnership:{name}", kwargs={"partnership_slug": tenant.slug, **kwargs})


def _invite(client, tenant, **data):
    defaults = {
        "email": "new.person@example.org",
        "first_name": "New",
        "last_name": "Person",
        "role": "member",
    }
    return client.post(_url("membership-create", tenant), {**defaults, **data})


def test_inviting_a_new_user_emails_a_link_to_choose_a_password(
    tenant_a, business_manager_client, client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = _invite(business_manager_client, tenant_a, email="Ed.Hughes@Example.org")
    assert response.status_code == 302
    user = User.objects.get(email="ed.hughes@example.org")
    assert not user.has_usable_password()
    with scopes_disabled():
        person = Person.objects.get(partnership=tenant_a.partnership, user=user)
        assert person.full_name == "New Person"
    [email] = mail.outbox
    assert email.to == ["ed.hughes@example.org"]
    link = re.search(r"http://testserver(/accounts/password/reset/\S+)", email.body).group(1)
    response = client.get(link, follow=True)
    assert b"Choose a new password" in response.content


def test_inviting_links_the_person_already_recorded_with_that_email(
    tenant_a, business_manager_client
):
    recorded = PersonFactory(
        partnership=tenant_a.partnership, full_name="Ellen Footman", email="ellen@example.org"
    )
    _invite(
        business_manager_client,
        tenant_a,
        email="ellen@example.org",
        first_name="Ellen",
        last_name="Footman",
    )
    with scopes_disabled():
        recorded.refresh_from_db()
    assert recorded.user.email == "ellen@example.org"


def test_inviting_someone_who_uses_another_partnership_adds_them(
    tenant_a, tenant_b, business_manager_client, django_capture_on_commit_callbacks
):
    regional = tenant_b.users["member"]
    with django_capture_on_commit_callbacks(execute=True):
        _invite(business_manager_client, tenant_a, email=regional.email.upper(), role="observer")
    with scopes_disabled():
        assert Membership.objects.filter(user=regional).count() == 2
    assert f"/p/{tenant_a.slug}/" in mail.outbox[0].body
    assert "Choose a password" not in mail.outbox[0].body


def test_inviting_an_existing_member_is_refused_with_a_message(tenant_a, business_manager_client):
    response = _invite(business_manager_client, tenant_a, email=tenant_a.users["observer"].email)
    assert "is already a user of this partnership" in response.content.decode()


def test_changing_a_role(tenant_a, business_manager_client):
    membership = tenant_a.memberships["observer"]
    response = business_manager_client.post(
        _url("membership-edit", tenant_a, membership_uuid=membership.uuid),
        {"role": "minute_taker", "is_active": "on"},
    )
    assert response.status_code == 302
    with scopes_disabled():
        membership.refresh_from_db()
    assert membership.role == Role.MINUTE_TAKER


def test_removing_access_keeps_the_membership_but_stops_sign_in(
    tenant_a, business_manager_client, client_for
):
    membership = tenant_a.memberships["observer"]
    business_manager_client.post(
        _url("membership-edit", tenant_a, membership_uuid=membership.uuid), {"role": "observer"}
    )
    with scopes_disabled():
        membership.refresh_from_db()
        assert membership.is_active is False
    assert client_for(tenant_a.users["observer"]).get(f"/p/{tenant_a.slug}/").status_code == 404


@pytest.mark.parametrize(
    "change", [{"role": "observer", "is_active": "on"}, {"role": "business_manager"}]
)
def test_the_last_business_manager_cannot_be_removed(change, tenant_a, business_manager_client):
    membership = tenant_a.memberships["business_manager"]
    response = business_manager_client.post(
        _url("membership-edit", tenant_a, membership_uuid=membership.uuid), change
    )
    assert "needs at least one active business manager" in response.content.decode()
    with scopes_disabled():
        membership.refresh_from_db()
    assert membership.role == Role.BUSINESS_MANAGER and membership.is_active


def test_the_header_offers_another_partnership_only_to_members_of_several(
    tenant_a, tenant_b, client_for, count_queries
):
    """The partnership switcher comes from the memberships the tenancy
    middleware read with the page's own (`request.memberships`): shown to a
    member of two partnerships, not to a member of one, and at no extra query."""
    user = tenant_a.users["member"]
    client = client_for(user)
    overview = reverse("dashboard:overview", kwargs={"partnership_slug": tenant_a.slug})
    response = client.get(overview)
    assert [m.partnership for m in response.wsgi_request.memberships] == [tenant_a.partnership]
    assert "Change partnership</a>" not in response.content.decode()
    alone = count_queries(lambda: client.get(overview))
    with scopes_disabled():
        Membership.objects.create(partnership=tenant_b.partnership, user=user, role=Role.MEMBER)
    response = client.get(overview)
    assert "Change partnership</a>" in response.content.decode()
    assert count_queries(lambda: client.get(overview)) == alone


def test_the_pages_membership_comes_with_the_members_person_in_one_query(
    tenant_a, tenant_b, django_assert_num_queries
):
    """TenancyMiddleware reads the membership and the person who is this user
    in the page's partnership together: the rules that ask who the member is
    (their boards, the actions they own) read no person of their own."""
    from partnership.permissions import visible_boards
    from partnership.selectors import memberships_within
    from partnership.tenancy import in_partnership

    from ..factories import MembershipFactory

    user = tenant_a.users["member"]  # Morgan Member in A
    MembershipFactory(partnership=tenant_b.partnership, user=user, role="member")
    with in_partnership(tenant_a.partnership, user=user):
        with django_assert_num_queries(1):
            mine, memberships = memberships_within(user, tenant_a.partnership)
            assert mine.person_pk == tenant_a.person.pk
        assert len(memberships) == 2
        with django_assert_num_queries(1):  # the member's boards, by their seats
            assert list(visible_boards(mine)) == [tenant_a.board]
    with in_partnership(tenant_b.partnership, user=user):
        mine, _ = memberships_within(user, tenant_b.partnership)
        with django_assert_num_queries(0):
            assert mine.person_pk is None  # a member of B, and no one in B's people
        someone = PersonFactory(partnership=tenant_b.partnership, user=user, full_name="M M")
        mine, _ = memberships_within(user, tenant_b.partnership)
        assert mine.person_pk == someone.pk


def test_person_pk_is_the_persons_wherever_the_membership_was_read(tenant_a, tenant_b):
    from partnership.tenancy import in_partnership

    for tenant in (tenant_a, tenant_b):
        with in_partnership(tenant.partnership):
            for membership in Membership.objects.for_partnership(tenant.partnership):
                expected = membership.person.pk if membership.person else None
                assert membership.person_pk == expected
                fresh = Membership.objects.get(pk=membership.pk)
                assert fresh.person_pk == expected
                assert "person" in fresh.__dict__  # read once, for whatever asks next


def test_the_action_log_reads_no_person_to_know_who_the_member_is(
    tenant_a, business_manager_client
):
    """ "Only actions I own" is offered to a manager who is one of the
    partnership's people, known from the person read with the membership."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    log = reverse("actions:log", kwargs={"partnership_slug": tenant_a.slug})
    assert 'name="mine"' not in business_manager_client.get(log).content.decode()
    manager = tenant_a.users["business_manager"]
    PersonFactory(partnership=tenant_a.partnership, user=manager, full_name="Bea Manager")
    with CaptureQueriesContext(connection) as queries:
        response = business_manager_client.get(log)
    assert 'name="mine"' in response.content.decode()
    people = [q["sql"] for q in queries if q["sql"].startswith('SELECT "partnership_person"')]
    assert people == []
    mine = business_manager_client.get(log, {"mine": "on"})
    assert "No actions match these filters" in mine.content.decode()


def test_memberships_are_read_as_the_orm_reads_them(tenant_a, tenant_b):
    """The memberships' statement (partnership.selectors.MEMBERSHIPS_SQL) makes
    the instances the ORM makes: every field of each membership and its
    partnership, active memberships only, by the partnership's name."""
    from django.forms.models import model_to_dict

    from partnership.selectors import memberships_for_user, memberships_within
    from partnership.tenancy import in_partnership

    from ..factories import MembershipFactory

    user = tenant_a.users["member"]
    MembershipFactory(partnership=tenant_b.partnership, user=user, role="observer")
    ended = tenant_a.users["observer"]
    MembershipFactory(partnership=tenant_b.partnership, user=ended, role="member", is_active=False)
    for who in (user, ended):
        with scopes_disabled():
            expected = list(
                Membership.objects.select_related("partnership")
                .filter(user=who, is_active=True)
                .order_by("partnership__name")
            )
        found = memberships_for_user(who)
        assert [m.pk for m in found] == [m.pk for m in expected]
        for ours, theirs in zip(found, expected, strict=True):
            assert model_to_dict(ours) == model_to_dict(theirs)
            assert ours.uuid == theirs.uuid and ours.created_at == theirs.created_at
            assert ours.partnership.__dict__.keys() >= {"name", "slug"}
            assert model_to_dict(ours.partnership) == model_to_dict(theirs.partnership)
            assert not ours._state.adding
    with in_partnership(tenant_b.partnership, user=user):
        mine, memberships = memberships_within(user, tenant_b.partnership)
    assert mine.role == "observer" and mine.partnership == tenant_b.partnership
    assert [m.partnership.slug for m in memberships] == ["northshire", "southshire"]

"""Confidential by default: the business unit, the independent chair and the
case's review panel (django-guardian object permissions) see a case; everyone
else gets 404 for every case URL and file, and counts only in the register."""

import pytest
from django.urls import reverse
from django_scopes import scope, scopes_disabled

from audit.models import AuditEvent
from partnership.models import Role
from reviews import services
from reviews.models import CaseUserObjectPermission
from reviews.permissions import can_view_case, can_view_register, visible_cases
from tests.tenancy.probes import PROBES


def _grant(tenant, case, role="member", grant=True):
    with scopes_disabled():
        return services.panel_change(
            case=case,
            membership=tenant.memberships[role],
            grant=grant,
            acting_user=tenant.users["business_manager"],
        )


def _url(name, tenant):
    with scopes_disabled():
        kwargs = PROBES[name].kwargs(tenant)
    return reverse(name, kwargs={"partnership_slug": tenant.slug, **kwargs})


@pytest.mark.parametrize("role", ["member", "observer", "minute_taker"])
def test_members_not_on_the_panel_get_404_for_every_case_url_and_file(tenant_a, client_for, role):
    client = client_for(tenant_a.users[role])
    hidden = [name for name in PROBES if name.startswith("reviews:") and PROBES[name].hidden]
    assert "reviews:version-download" in hidden and "reviews:case-detail" in hidden
    for name in hidden:
        url = _url(name, tenant_a)
        assert client.get(url).status_code == 404, name
        assert client.post(url, {}).status_code == 404, name


def test_a_stranger_gets_404_for_every_case_url(tenant_a, stranger_client):
    for name in (n for n in PROBES if n.startswith("reviews:") and PROBES[n].hidden):
        assert stranger_client.get(_url(name, tenant_a)).status_code == 404, name


def test_a_grant_lets_a_panel_member_see_the_case_and_a_revocation_takes_it_away(
    tenant_a, member_client
):
    case = tenant_a.sample("case")
    detail = _url("reviews:case-detail", tenant_a)
    download = _url("reviews:version-download", tenant_a)
    assert member_client.get(detail).status_code == 404
    assert _grant(tenant_a, case) is True
    assert _grant(tenant_a, case) is False  # once
    with scopes_disabled():
        row = CaseUserObjectPermission.objects.get(content_object=case)
    assert row.partnership_id == case.partnership_id
    assert row.permission.codename == "sit_on_panel"
    assert member_client.get(detail).status_code == 200
    assert member_client.get(download).status_code == 200
    # A panel member may see but not change the case.
    assert member_client.get(_url("reviews:case-edit", tenant_a)).status_code == 403
    assert _grant(tenant_a, case, grant=False) is True
    assert member_client.get(detail).status_code == 404
    assert member_client.get(download).status_code == 404
    kinds = list(
        AuditEvent.objects.filter(object_uuid=case.uuid, kind__startswith="case.panel")
        .order_by("pk")
        .values_list("kind", flat=True)
    )
    assert kinds == ["case.panel_granted", "case.panel_revoked"]


def test_the_panel_page_grants_and_revokes(tenant_a, business_manager_client, member_client):
    case = tenant_a.sample("case")
    panel = _url("reviews:case-panel", tenant_a)
    member = tenant_a.memberships["member"]
    response = business_manager_client.post(panel, {"member": str(member.uuid)})
    assert response.status_code == 302
    assert member_client.get(case.get_absolute_url()).status_code == 200
    revoke = _url("reviews:panel-revoke", tenant_a)
    assert "Remove" in business_manager_client.get(revoke).content.decode()
    assert business_manager_client.post(revoke).status_code == 302
    assert member_client.get(case.get_absolute_url()).status_code == 404


def test_an_unknown_member_on_the_panel_form_is_an_error_not_a_500(
    tenant_a, business_manager_client
):
    tenant_a.sample("case")
    response = business_manager_client.post(
        _url("reviews:case-panel", tenant_a), {"member": "not-a-member"}
    )
    assert response.status_code == 200
    assert "govuk-error-summary" in response.content.decode()


def test_the_register_shows_counts_only_to_members_on_no_panel(tenant_a, client_for):
    case = tenant_a.sample("case")
    url = reverse("reviews:register", args=[tenant_a.slug])
    for role in ("member", "observer", "minute_taker"):
        html = client_for(tenant_a.users[role]).get(url).content.decode()
        assert "open case" in html, role
        assert case.pseudonym not in html and case.reference not in html, role
        assert "Case reviews" not in _menu(client_for(tenant_a.users[role]), tenant_a)
    html = client_for(tenant_a.users["business_manager"]).get(url).content.decode()
    assert case.pseudonym in html and case.reference in html
    assert "Case reviews" in _menu(client_for(tenant_a.users["independent_chair"]), tenant_a)


def _menu(client, tenant):
    html = client.get(reverse("dashboard:overview", args=[tenant.slug])).content.decode()
    return html[html.index('id="navigation"') : html.index("</nav>", html.index('id="navigation"'))]


def test_a_panel_member_sees_their_case_only(tenant_a, member_client):
    case = tenant_a.sample("case")
    other = tenant_a.sample("sar_case")
    _grant(tenant_a, case)
    html = member_client.get(reverse("reviews:register", args=[tenant_a.slug])).content.decode()
    assert case.reference in html
    assert other.reference not in html and other.pseudonym not in html


def test_can_view_case_and_visible_cases_agree(tenant_a, tenant_b):
    cases = [tenant_a.sample("case"), tenant_a.sample("sar_case"), tenant_a.sample("dardr_case")]
    _grant(tenant_a, cases[0])
    _grant(tenant_a, cases[1], role="minute_taker")
    with scope(partnership=tenant_a.partnership):
        for role in Role.values:
            membership = tenant_a.memberships[role]
            listed = set(visible_cases(membership))
            for case in cases:
                assert (case in listed) == can_view_case(membership, case), (role, case)
            assert can_view_register(membership) == bool(listed)
        # Another partnership's member sees none of them.
        stranger = tenant_b.memberships["business_manager"]
        assert not any(can_view_case(stranger, case) for case in cases)


def test_a_superuser_not_on_the_panel_does_not_see_the_case(tenant_a, client_for):
    case = tenant_a.sample("case")
    user = tenant_a.users["member"]
    user.is_superuser = True
    user.save()
    assert client_for(user).get(case.get_absolute_url()).status_code == 404


def test_a_refused_post_changes_nothing(tenant_a, client_for):
    case = tenant_a.sample("sar_case")
    url = _url("reviews:quality-markers", tenant_a)
    edit = _url("reviews:case-edit", tenant_a)
    for role, status in (("member", 404), ("observer", 404), ("independent_chair", 403)):
        client = client_for(tenant_a.users[role])
        assert client.post(url, {"met_1": "on", "note_1": "Sneaky"}).status_code == status
        assert client.post(edit, {"pseudonym": "Sneaky", "kind": "notification"}).status_code in (
            403,
            404,
        )
    with scopes_disabled():
        case.refresh_from_db()
        assert case.pseudonym == "Arthur"
        assert not case.review.quality_markers.exists()


def test_reference_the_case_by_the_other_partnerships_uuid_is_404(tenant_a, tenant_b, client_for):
    foreign = tenant_b.sample("case")
    client = client_for(tenant_a.users["business_manager"])
    url = reverse("reviews:case-detail", args=[tenant_a.slug, foreign.uuid])
    assert client.get(url).status_code == 404
    assert client.get(f"/p/{tenant_a.slug}/reviews/cases/not-a-uuid/").status_code == 404

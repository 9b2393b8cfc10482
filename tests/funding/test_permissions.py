"""Everyone at a partner agency sees their own agency's figures; the business
unit and the independent chair see all. A police representative never sees
health's: not on a page, not in an export."""

import pytest
from django.urls import reverse
from django_scopes import scope, scopes_disabled

from funding.permissions import (
    can_view_agency_funding,
    can_view_funding,
    own_agency,
    visible_funding_agencies,
)
from partnership.models import Membership, PartnerAgency


def test_the_rule_and_its_queryset_twin_agree_for_every_member_and_agency(
    tenant_a, tenant_b, partners
):
    with scopes_disabled():
        memberships = list(Membership.objects.filter(partnership=tenant_a.partnership))
        agencies = list(PartnerAgency.objects.all())  # B's too: never visible from A
    assert len(memberships) >= 9
    for membership in memberships:
        with scope(partnership=tenant_a.partnership):
            twin = set(visible_funding_agencies(membership).values_list("pk", flat=True))
            for agency in agencies:
                assert can_view_agency_funding(membership, agency) == (agency.pk in twin), (
                    membership.role,
                    str(agency),
                )


def test_who_sees_which_agency(tenant_a, partners):
    police, health = partners["police"], partners["health"]
    with scope(partnership=tenant_a.partnership):
        assert own_agency(police.membership).pk == police.agency.pk
        assert can_view_agency_funding(police.membership, police.agency)
        assert not can_view_agency_funding(police.membership, health.agency)
        for role in ("business_manager", "business_officer", "independent_chair"):
            assert can_view_agency_funding(tenant_a.memberships[role], health.agency), role
        # Someone at no partner agency has no figures to see.
        assert not can_view_funding(tenant_a.memberships["member"])
        assert not can_view_funding(tenant_a.memberships["observer"])


def _url(name, tenant, **kwargs):
    return reverse(f"funding:{name}", kwargs={"partnership_slug": tenant.slug, **kwargs})


def test_the_police_representative_sees_only_the_polices_figures(
    tenant_a, partners, year, client_for
):
    client = client_for(partners["police"].user)
    page = client.get(_url("year", tenant_a, year=year.slug)).content.decode()
    assert "Northshire Police" in page
    assert "Northshire ICB" not in page
    assert "INV-HEALTH-1" not in page
    assert "20,000" not in page  # health's pledge
    listing = client.get(_url("years", tenant_a)).content.decode()
    assert "20,000" not in listing and "86,666" not in listing


@pytest.mark.parametrize("extension", ["csv", "xlsx"])
def test_the_police_representatives_export_holds_only_the_police(
    tenant_a, partners, year, client_for, extension
):
    from io import BytesIO

    from openpyxl import load_workbook

    response = client_for(partners["police"].user).get(
        _url(f"export-{extension}", tenant_a, year=year.slug)
    )
    assert response.status_code == 200
    if extension == "csv":
        text = response.content.decode("utf-8-sig")
    else:
        book = load_workbook(BytesIO(response.content))
        text = " ".join(
            str(cell) for sheet in book for row in sheet.iter_rows(values_only=True) for cell in row
        )
    assert "Northshire Police" in text
    assert "Northshire ICB" not in text and "Northshire Council" not in text
    assert "INV-HEALTH-1" not in text


def test_healths_page_is_not_found_for_the_police(tenant_a, partners, year, client_for):
    url = _url("agency", tenant_a, year=year.slug, agency_uuid=partners["health"].agency.uuid)
    assert client_for(partners["police"].user).get(url).status_code == 404
    assert client_for(partners["health"].user).get(url).status_code == 200
    assert client_for(tenant_a.users["independent_chair"]).get(url).status_code == 200


def test_the_business_unit_and_chair_see_every_partner(tenant_a, partners, year, client_for):
    for role in ("business_manager", "independent_chair"):
        page = client_for(tenant_a.users[role]).get(_url("year", tenant_a, year=year.slug))
        html = page.content.decode()
        for name in ("Northshire Police", "Northshire ICB", "Northshire Council"):
            assert name in html, (role, name)

"""Funding's cast: partnership A's three statutory partners (council, police,
health), each with a board member who works there, and a year of figures."""

import datetime
from dataclasses import dataclass
from decimal import Decimal

import pytest
from django_scopes import scopes_disabled

from funding.models import Contribution, FinancialYear

from ..factories import (
    MembershipFactory,
    OrganisationFactory,
    PartnerAgencyFactory,
    PersonFactory,
    UserFactory,
)
from .factories import ContributionFactory, FinancialYearFactory, FundingShareFactory


@dataclass
class Partner:
    agency: object
    user: object
    membership: object


@pytest.fixture
def partners(tenant_a):
    """{"council", "police", "health"}: each a statutory partner agency of A with a
    board member (a user) who works there."""
    found = {}
    for key, name, kind in (
        ("council", "Northshire Council", "local_authority"),
        ("police", "Northshire Police", "police"),
        ("health", "Northshire ICB", "icb"),
    ):
        organisation = OrganisationFactory(name=name, kind=kind)
        agency = PartnerAgencyFactory(
            partnership=tenant_a.partnership, organisation=organisation, kind="statutory"
        )
        user = UserFactory(email=f"{key}@northshire.example.org")
        membership = MembershipFactory(partnership=tenant_a.partnership, user=user, role="member")
        PersonFactory(
            partnership=tenant_a.partnership,
            user=user,
            organisation=organisation,
            full_name=f"{key.title()} Representative",
        )
        found[key] = Partner(agency=agency, user=user, membership=membership)
    return found


@pytest.fixture
def year(tenant_a, partners):
    """2025/26: £100,000 shared equally by the three partners (the council takes
    the penny); the police have paid in full, health has pledged part and the
    council gives cash and training in kind."""
    year = FinancialYearFactory(partnership=tenant_a.partnership)
    for partner in partners.values():
        FundingShareFactory(year=year, agency=partner.agency)
    ContributionFactory(
        year=year,
        agency=partners["police"].agency,
        amount=Decimal("33333.33"),
        status=Contribution.Status.RECEIVED,
        received_on=datetime.date(2025, 6, 30),
    )
    ContributionFactory(
        year=year,
        agency=partners["health"].agency,
        amount=Decimal("20000.00"),
        status=Contribution.Status.INVOICED,
        invoiced_on=datetime.date(2025, 7, 1),
        invoice_reference="INV-HEALTH-1",
    )
    ContributionFactory(year=year, agency=partners["council"].agency, amount=Decimal("33333.34"))
    ContributionFactory(
        year=year,
        agency=partners["council"].agency,
        kind="in_kind",
        description="Training venue and two trainers",
        amount=Decimal("4500.00"),
    )
    return year


@pytest.fixture
def last_year(tenant_a, partners):
    year = FinancialYearFactory(
        partnership=tenant_a.partnership,
        start_date=datetime.date(2024, 4, 1),
        target_budget=Decimal("90000.00"),
    )
    for partner in partners.values():
        ContributionFactory(
            year=year,
            agency=partner.agency,
            amount=Decimal("30000.00"),
            status="received",
            received_on=datetime.date(2024, 9, 1),
        )
    return year


def scoped_year(year):
    with scopes_disabled():
        return FinancialYear.objects.select_related("partnership").get(pk=year.pk)

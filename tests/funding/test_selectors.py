"""A year's figures per partner: required, pledged, received, shortfall, in kind
and the change on last year, checked against factory data."""

from decimal import Decimal as D

from django_scopes import scope

from funding import selectors

from .conftest import scoped_year


def _figures(tenant, year, membership=None):
    membership = membership or tenant.memberships["business_manager"]
    with scope(partnership=tenant.partnership):
        return selectors.year_funding_for(scoped_year(year), membership)


def test_each_partners_required_pledged_received_and_shortfall(tenant_a, partners, year):
    funding = _figures(tenant_a, year)
    rows = {row.agency.organisation.name: row for row in funding.partners}
    council, police = rows["Northshire Council"], rows["Northshire Police"]
    health = rows["Northshire ICB"]
    assert council.required == D("33333.34")  # first in the list: takes the penny
    assert council.extra_penny
    assert police.required == health.required == D("33333.33")
    assert police.cash_received == D("33333.33") and police.still_to_pledge == 0
    assert health.cash_pledged == D("20000.00") and health.cash_invoiced == D("20000.00")
    assert health.cash_received == 0
    assert health.still_to_pledge == D("13333.33")
    assert health.awaiting_payment == D("20000.00")
    assert council.in_kind == D("4500.00") and council.cash_pledged == D("33333.34")
    assert funding.required_total == D("100000.00")
    assert funding.cash_pledged == D("86666.67")
    assert funding.shortfall == D("13333.33")
    assert funding.cash_received == D("33333.33")
    assert funding.change is None  # no year before


def test_the_change_on_last_year(tenant_a, partners, year, last_year):
    funding = _figures(tenant_a, year)
    rows = {row.agency.organisation.name: row for row in funding.partners}
    assert rows["Northshire Police"].change == D("3333.33")
    assert rows["Northshire ICB"].change == D("-10000.00")
    assert funding.previous.pk == last_year.pk
    assert funding.change == D("86666.67") - D("90000.00")


def test_a_year_with_no_one_in_its_formula_says_so(tenant_a, partners, year):
    from django_scopes import scopes_disabled

    with scopes_disabled():
        year.shares.all().delete()
    funding = _figures(tenant_a, year)
    assert funding.formula_problem == "No partners are in the funding formula yet"
    assert all(row.required is None and row.still_to_pledge == 0 for row in funding.partners)


def test_the_query_count_does_not_grow_with_partners_or_contributions(
    tenant_a, partners, year, count_queries
):
    from ..factories import PartnerAgencyFactory
    from .factories import ContributionFactory, FundingShareFactory

    membership = tenant_a.memberships["business_manager"]

    def read():
        with scope(partnership=tenant_a.partnership):
            funding = selectors.year_funding_for(scoped_year(year), membership)
            return [(row.required, row.change, row.chases) for row in funding.partners]

    small = count_queries(read)
    for _ in range(6):
        agency = PartnerAgencyFactory(partnership=tenant_a.partnership)
        FundingShareFactory(year=year, agency=agency)
        for _ in range(3):
            ContributionFactory(year=year, agency=agency)
    assert count_queries(read) == small

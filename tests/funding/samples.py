"""Sample funding rows for the isolation probe (tests/samples.py). Each
partnership's sample year is a different year, so naming B's year on A's URL
finds nothing (404), as naming B's objects must."""

import datetime
from decimal import Decimal

from tests.samples import sample

from .factories import BudgetLineFactory, ContributionFactory, FinancialYearFactory


@sample("funding_year")
def _funding_year(tenant):
    start = 2025 if tenant.slug == "northshire" else 2023
    return FinancialYearFactory(
        partnership=tenant.partnership, start_date=datetime.date(start, 4, 1)
    )


@sample("contribution")
def _contribution(tenant):
    return ContributionFactory(
        year=tenant.sample("funding_year"), agency=tenant.agency, amount=Decimal("25000.00")
    )


@sample("budget_line")
def _budget_line(tenant):
    return BudgetLineFactory(year=tenant.sample("funding_year"))

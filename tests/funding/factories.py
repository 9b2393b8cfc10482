"""Funding rows for tests, made outside any scope like the other factories."""

import datetime
from decimal import Decimal

import factory

from funding.models import BudgetLine, Contribution, FinancialYear, FundingShare

from ..factories import PartnerAgencyFactory, PartnershipFactory, TenantFactory


class FinancialYearFactory(TenantFactory):
    class Meta:
        model = FinancialYear

    partnership = factory.SubFactory(PartnershipFactory)
    start_date = datetime.date(2025, 4, 1)
    end_date = factory.LazyAttribute(
        lambda y: (
            datetime.date(y.start_date.year + 1, y.start_date.month, 1) - datetime.timedelta(days=1)
        )
    )
    target_budget = Decimal("100000.00")


class FundingShareFactory(TenantFactory):
    class Meta:
        model = FundingShare

    year = factory.SubFactory(FinancialYearFactory)
    agency = factory.SubFactory(
        PartnerAgencyFactory, partnership=factory.SelfAttribute("..year.partnership")
    )
    percentage = None


class ContributionFactory(TenantFactory):
    class Meta:
        model = Contribution

    year = factory.SubFactory(FinancialYearFactory)
    agency = factory.SubFactory(
        PartnerAgencyFactory, partnership=factory.SelfAttribute("..year.partnership")
    )
    kind = Contribution.Kind.CASH
    amount = Decimal("10000.00")
    status = Contribution.Status.PLEDGED


class BudgetLineFactory(TenantFactory):
    class Meta:
        model = BudgetLine

    year = factory.SubFactory(FinancialYearFactory)
    category = BudgetLine.Category.STAFF
    planned = Decimal("60000.00")

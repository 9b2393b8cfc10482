"""The rules the database itself keeps, whatever the application does."""

import datetime
from decimal import Decimal as D

import pytest
from django.db import IntegrityError, connection, transaction
from django_scopes import scopes_disabled

from funding.models import Contribution, FinancialYear

from .factories import ContributionFactory, FinancialYearFactory, FundingShareFactory


def _commit_check():
    """Deferred constraints are checked at commit: ask for the check now."""
    with connection.cursor() as cursor:
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")


def test_the_database_refuses_percentages_that_do_not_add_up_to_100(tenant_a):
    year = FinancialYearFactory(partnership=tenant_a.partnership, formula="percentages")
    with pytest.raises(IntegrityError, match="add up to 90"), transaction.atomic():
        FundingShareFactory(year=year, percentage=D("60"))
        FundingShareFactory(year=year, percentage=D("30"))
        _commit_check()


def test_the_database_accepts_percentages_that_add_up_and_checks_a_change_of_formula(tenant_a):
    year = FinancialYearFactory(partnership=tenant_a.partnership)
    with transaction.atomic():
        FundingShareFactory(year=year, percentage=D("60"))
        FundingShareFactory(year=year, percentage=D("40"))
        _commit_check()
    with pytest.raises(IntegrityError), transaction.atomic(), scopes_disabled():
        year.shares.update(percentage=None)
        FinancialYear.objects.filter(pk=year.pk).update(formula="percentages")
        _commit_check()


@pytest.mark.parametrize(
    "fields",
    [
        {"amount": D("0")},
        {"kind": "in_kind", "description": ""},
        {
            "kind": "in_kind",
            "description": "Venue",
            "status": "invoiced",
            "invoiced_on": datetime.date(2025, 5, 1),
        },
        {"status": "received", "received_on": None},
        {"status": "invoiced", "invoiced_on": None},
    ],
)
def test_the_database_refuses_a_contribution_that_breaks_a_rule(tenant_a, fields):
    year = FinancialYearFactory(partnership=tenant_a.partnership)
    with pytest.raises(IntegrityError), transaction.atomic(), scopes_disabled():
        contribution = ContributionFactory.build(year=year, agency=tenant_a.agency, **fields)
        contribution.partnership = tenant_a.partnership
        contribution.save()


def test_money_is_kept_to_the_penny(tenant_a):
    contribution = ContributionFactory(
        year=FinancialYearFactory(partnership=tenant_a.partnership),
        agency=tenant_a.agency,
        amount=D("33333.33"),
    )
    with scopes_disabled():
        assert Contribution.objects.get(pk=contribution.pk).amount == D("33333.33")

"""The demo's funding and annual reports: every demo partnership has two years
of funding with a shortfall chased and a report in progress; Dudley
has last year's report published, with its PDF stored."""

import pytest
from django.core.management import call_command
from django_scopes import scope, scopes_disabled

from dashboard.annual_report import demo as report_demo
from dashboard.annual_report.models import AnnualReport
from funding import demo as funding_demo
from funding.models import Contribution, FinancialYear, FundingChase
from funding.selectors import year_funding
from partnership.demo.seed import DemoPartnership
from partnership.models import PartnerAgency, Partnership


@pytest.fixture
def seeded(db, settings):
    settings.DEBUG = True
    call_command("seed_demo")


def test_the_demo_has_funding_and_reports_in_every_partnership(seeded):
    with scopes_disabled():
        for partnership in Partnership.objects.all():
            years = FinancialYear.objects.filter(partnership=partnership).order_by("start_date")
            assert years.count() == 2, partnership
            assert Contribution.objects.filter(year=years[1], kind="in_kind").exists()
            assert FundingChase.objects.filter(year=years[1]).exists()
            with scope(partnership=partnership):
                this_year = year_funding(
                    years[1],
                    agencies=PartnerAgency.objects.filter(partnership=partnership),
                    sees_all=True,
                )
            assert this_year.shortfall > 0 and not this_year.formula_problem
            reports = AnnualReport.objects.filter(partnership=partnership)
            assert reports.filter(status="draft").count() == 1
            published = reports.filter(status="published").first()
            if partnership.slug == "dudley":
                assert published.report_pdf and published.report_sha256
                assert published.sign_offs.exists()
            else:
                assert published is None
    # The seeders add nothing the second time.
    with scopes_disabled():
        before = (
            FinancialYear.objects.count(),
            Contribution.objects.count(),
            AnnualReport.objects.count(),
        )
        for partnership in Partnership.objects.all():
            with scope(partnership=partnership):
                demo = DemoPartnership(partnership, {}, {}, {}, {})
                funding_demo.seed(demo)
                report_demo.seed(demo)
        after = (
            FinancialYear.objects.count(),
            Contribution.objects.count(),
            AnnualReport.objects.count(),
        )
    assert after == before

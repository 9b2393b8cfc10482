"""The funding pages as the business unit uses them: open a year, set the
formula, record contributions, budget lines and chases. Bad input gets the
GOV.UK error summary and keeps what was typed; nothing answers 500."""

import datetime
from decimal import Decimal as D

import pytest
from django.urls import reverse
from django_scopes import scopes_disabled

from funding.models import BudgetLine, Contribution, FinancialYear, FundingChase, FundingShare


def _url(name, tenant, **kwargs):
    return reverse(f"funding:{name}", kwargs={"partnership_slug": tenant.slug, **kwargs})


def test_opening_a_year_carries_forward_last_years_formula_and_budget(
    tenant_a, partners, year, business_manager_client
):
    with scopes_disabled():
        BudgetLine.objects.create(
            year=year, category="chair", planned=D("25000"), actual=D("26000")
        )
    response = business_manager_client.post(
        _url("year-create", tenant_a), {"starts_in": "2026", "target_budget": "£105,000"}
    )
    assert response.status_code == 302
    with scopes_disabled():
        new = FinancialYear.objects.get(partnership=tenant_a.partnership, start_date__year=2026)
        assert new.label == "2026/27" and new.slug == "2026-27"
        assert new.end_date == datetime.date(2027, 3, 31)
        assert new.target_budget == D("105000.00")
        assert new.shares.count() == 3
        line = new.budget_lines.get()
        assert line.planned == D("25000.00") and line.actual is None
    assert response.url == _url("year", tenant_a, year="2026-27")


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("lots", "must be an amount of money"),
        ("12.345", "no more than 2 digits after the point"),
        ("-5", "must be an amount of money"),
        ("99999999999999", "is too large"),
        ("", "Enter the target budget"),
    ],
)
def test_a_bad_target_budget_is_refused_in_govuk_words(
    tenant_a, business_manager_client, typed, message
):
    response = business_manager_client.post(
        _url("year-create", tenant_a), {"starts_in": "2025", "target_budget": typed}
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "govuk-error-summary" in html and message in html
    assert f'value="{typed}"' in html or not typed  # what was typed is kept


def test_a_year_that_is_not_offered_is_refused(tenant_a, business_manager_client):
    response = business_manager_client.post(
        _url("year-create", tenant_a), {"starts_in": "1066", "target_budget": "10"}
    )
    assert response.status_code == 200
    assert "govuk-error-summary" in response.content.decode()


def _formula_post(partners, formula, percentages):
    data = {"formula": formula}
    for key, pct in percentages.items():
        agency = partners[key].agency
        data[f"in_{agency.uuid}"] = "on"
        data[f"pct_{agency.uuid}"] = pct
    return data


def test_percentages_that_do_not_add_up_to_100_are_refused_with_a_govuk_error(
    tenant_a, partners, year, business_manager_client
):
    response = business_manager_client.post(
        _url("formula", tenant_a, year=year.slug),
        _formula_post(partners, "percentages", {"council": "50", "police": "30", "health": "10"}),
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "govuk-error-summary" in html
    assert "The percentages must add up to 100. They add up to 90" in html
    assert 'value="30"' in html  # kept
    with scopes_disabled():
        assert set(year.shares.values_list("percentage", flat=True)) == {None}
        assert FinancialYear.objects.get(pk=year.pk).formula == "equal"


def test_percentages_that_add_up_are_saved_and_split_to_the_penny(
    tenant_a, partners, year, business_manager_client
):
    response = business_manager_client.post(
        _url("formula", tenant_a, year=year.slug),
        _formula_post(
            partners, "percentages", {"council": "33.33", "police": "33.33", "health": "33.34"}
        ),
    )
    assert response.status_code == 302
    page = business_manager_client.get(_url("year", tenant_a, year=year.slug)).content.decode()
    assert "£33,330" in page and "£33,340" in page
    assert "The shares add up to exactly £100,000" in page


def test_the_page_says_where_the_left_over_penny_went(
    tenant_a, partners, year, business_manager_client
):
    page = business_manager_client.get(_url("year", tenant_a, year=year.slug)).content.decode()
    assert "£33,333.34" in page
    assert "The 1p left over is added to the share of Northshire Council" in page


def test_a_missing_or_silly_percentage_is_an_error_not_a_500(
    tenant_a, partners, year, business_manager_client
):
    for bad in ("", "abc", "0", "150", "33.333"):
        response = business_manager_client.post(
            _url("formula", tenant_a, year=year.slug),
            _formula_post(
                partners, "percentages", {"council": "50", "police": "50", "health": bad}
            ),
        )
        assert response.status_code == 200, bad
        assert "govuk-error-summary" in response.content.decode(), bad


def test_leaving_everyone_out_of_the_formula_is_refused(
    tenant_a, partners, year, business_manager_client
):
    response = business_manager_client.post(
        _url("formula", tenant_a, year=year.slug), {"formula": "equal"}
    )
    assert "Choose at least one partner" in response.content.decode()
    with scopes_disabled():
        assert FundingShare.objects.filter(year=year).count() == 3


def test_recording_a_contribution_through_its_stages(
    tenant_a, partners, year, business_manager_client
):
    health = partners["health"].agency
    with scopes_disabled():
        pledge = Contribution.objects.get(year=year, agency=health)
    edit = _url("contribution-edit", tenant_a, year=year.slug, contribution_uuid=pledge.uuid)
    response = business_manager_client.post(
        edit,
        {
            "kind": "cash",
            "amount": "20,000",
            "status": "received",
            "invoiced_on_day": "1",
            "invoiced_on_month": "7",
            "invoiced_on_year": "2025",
            "invoice_reference": "INV-HEALTH-1",
            "received_on_day": "",
            "received_on_month": "",
            "received_on_year": "",
        },
    )
    assert response.status_code == 302, response.context["form"].errors
    with scopes_disabled():
        pledge.refresh_from_db()
        assert pledge.status == "received"
        assert pledge.received_on is not None  # dated today when left blank


def test_an_in_kind_contribution_needs_a_description_and_is_never_invoiced(
    tenant_a, partners, year, business_manager_client
):
    response = business_manager_client.post(
        _url("contribution-create", tenant_a, year=year.slug),
        {
            "agency": partners["police"].agency.pk,
            "kind": "in_kind",
            "amount": "2500",
            "status": "invoiced",
        },
    )
    html = response.content.decode()
    assert "Describe the contribution in kind" in html
    assert "pledged or received, not invoiced" in html


def test_dates_in_the_future_or_out_of_order_are_refused(
    tenant_a, partners, year, business_manager_client
):
    future = datetime.date.today() + datetime.timedelta(days=30)
    response = business_manager_client.post(
        _url("contribution-create", tenant_a, year=year.slug),
        {
            "agency": partners["police"].agency.pk,
            "kind": "cash",
            "amount": "100",
            "status": "received",
            "pledged_on_day": "10",
            "pledged_on_month": "6",
            "pledged_on_year": "2025",
            "received_on_day": "1",
            "received_on_month": "6",
            "received_on_year": "2025",
            "invoiced_on_day": str(future.day),
            "invoiced_on_month": str(future.month),
            "invoiced_on_year": str(future.year),
        },
    )
    html = response.content.decode()
    assert "must be today or in the past" in html
    assert "on or after" in html


def test_another_partnerships_agency_cannot_be_given_a_contribution(
    tenant_a, tenant_b, year, business_manager_client
):
    response = business_manager_client.post(
        _url("contribution-create", tenant_a, year=year.slug),
        {"agency": tenant_b.agency.pk, "kind": "cash", "amount": "100", "status": "pledged"},
    )
    assert response.status_code == 200
    assert "govuk-error-summary" in response.content.decode()
    with scopes_disabled():
        assert not Contribution.objects.filter(agency=tenant_b.agency).exists()


def test_budget_lines_planned_against_actual(tenant_a, year, business_manager_client):
    response = business_manager_client.post(
        _url("line-create", tenant_a, year=year.slug),
        {
            "category": "reviewers",
            "description": "Independent reviewer, CSPR Family M",
            "planned": "12,000",
            "actual": "13,250.50",
        },
    )
    assert response.status_code == 302
    page = business_manager_client.get(_url("year", tenant_a, year=year.slug)).content.decode()
    assert "Reviewers: Independent reviewer, CSPR Family M" in page
    assert "+£1,250.50" in page
    with scopes_disabled():
        line = BudgetLine.objects.get(year=year)
    remove = _url("line-remove", tenant_a, year=year.slug, line_uuid=line.uuid)
    assert business_manager_client.get(remove).status_code == 200
    assert business_manager_client.post(remove).status_code == 302
    with scopes_disabled():
        assert not BudgetLine.objects.filter(pk=line.pk).exists()
        assert line.history.count() == 2  # created, removed: kept in the history


def test_a_refused_role_cannot_remove_a_budget_line(tenant_a, year, client_for):
    from .factories import BudgetLineFactory

    line = BudgetLineFactory(year=year)
    remove = _url("line-remove", tenant_a, year=year.slug, line_uuid=line.uuid)
    for role in ("independent_chair", "member", "observer", "minute_taker"):
        assert client_for(tenant_a.users[role]).post(remove).status_code == 403
    with scopes_disabled():
        assert BudgetLine.objects.filter(pk=line.pk).exists()


def test_recording_a_chase(tenant_a, partners, year, business_manager_client):
    health = partners["health"].agency
    url = _url("chase", tenant_a, year=year.slug, agency_uuid=health.uuid)
    today = datetime.date.today()
    response = business_manager_client.post(
        url,
        {
            "chased_on_day": today.day,
            "chased_on_month": today.month,
            "chased_on_year": today.year,
            "note": "Emailed the ICB's finance lead; invoice re-sent",
        },
    )
    assert response.status_code == 302
    page = business_manager_client.get(
        _url("agency", tenant_a, year=year.slug, agency_uuid=health.uuid)
    ).content.decode()
    assert "invoice re-sent" in page
    assert "Chased" in page and "1 time" in page
    with scopes_disabled():
        assert FundingChase.objects.get().recorded_by == tenant_a.users["business_manager"]


@pytest.mark.parametrize("slug", ["2025", "2025-27", "abcd", "20255-26", "0000-00"])
def test_a_malformed_or_unknown_year_is_not_found(tenant_a, year, business_manager_client, slug):
    assert business_manager_client.get(_url("year", tenant_a, year=slug)).status_code == 404


def test_the_year_page_does_not_make_more_queries_with_more_partners(
    tenant_a, partners, year, business_manager_client, django_assert_max_num_queries
):
    from ..factories import PartnerAgencyFactory
    from .factories import BudgetLineFactory, ContributionFactory, FundingShareFactory

    url = _url("year", tenant_a, year=year.slug)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as small:
        assert business_manager_client.get(url).status_code == 200
    for n in range(8):
        agency = PartnerAgencyFactory(partnership=tenant_a.partnership)
        FundingShareFactory(year=year, agency=agency)
        ContributionFactory(year=year, agency=agency)
        ContributionFactory(year=year, agency=agency, kind="in_kind", description=f"Venue {n}")
        BudgetLineFactory(year=year, description=f"Line {n}")
    with django_assert_max_num_queries(len(small.captured_queries)):
        assert business_manager_client.get(url).status_code == 200

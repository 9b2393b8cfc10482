"""Financial years: the list, a year's page (each partner's required, pledged
and received, the shortfall and the change on last year; the budget; the
contributions), and the forms that open a year and set its formula."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render

from partnership.permissions import require
from partnership.views.common import posted

from .. import selectors, services
from ..forms import FinancialYearCreateForm, FinancialYearForm, FundingFormulaForm, partner_agencies
from ..loaders import load_year
from ..models import FinancialYear
from ..permissions import can_manage_funding, can_view_funding, own_agency


@require(can_view_funding)
def year_list(request):
    return render(
        request,
        "funding/year_list.html",
        {
            "rows": selectors.years_overview(request.membership),
            "own_agency": own_agency(request.membership),
        },
    )


@require(can_view_funding)
def year_detail(request, year):
    year = load_year(request, year)
    funding = selectors.year_funding_for(year, request.membership)
    agencies = [row.agency for row in funding.partners]
    return render(
        request,
        "funding/year_detail.html",
        {
            "year": year,
            "funding": funding,
            "contributions": list(selectors.contributions(year, agencies=agencies)),
            "own_agency": own_agency(request.membership),
        },
    )


@require(can_manage_funding)
def year_create(request):
    taken = set(
        FinancialYear.objects.for_partnership(request.partnership).values_list(
            "start_date", flat=True
        )
    )
    form = FinancialYearCreateForm(posted(request), partnership=request.partnership, taken=taken)
    if form.is_valid():
        try:
            year = services.financial_year_create(
                partnership=request.partnership,
                starts_in=form.cleaned_data["starts_in"],
                target_budget=form.cleaned_data["target_budget"],
                notes=form.cleaned_data["notes"],
                acting_user=request.user,
            )
        except ValidationError as problem:
            form.add_error("starts_in", problem.messages[0])
        else:
            messages.success(request, f"Financial year {year.label} added")
            return redirect(year)
    return render(request, "funding/year_form.html", {"form": form})


@require(can_manage_funding)
def year_edit(request, year):
    year = load_year(request, year)
    initial = {"target_budget": year.target_budget, "notes": year.notes}
    form = FinancialYearForm(posted(request), initial=initial)
    if form.is_valid():
        services.financial_year_update(year=year, data=form.cleaned_data, acting_user=request.user)
        messages.success(request, f"Financial year {year.label} updated")
        return redirect(year)
    return render(request, "funding/year_form.html", {"form": form, "year": year})


@require(can_manage_funding)
def formula_edit(request, year):
    year = load_year(request, year)
    agencies = partner_agencies(request.partnership).filter(is_active=True)
    in_formula = {share.agency_id for share in year.shares.all()}
    # Agencies no longer active stay listed while they are still in the formula.
    agencies = list(agencies) + [
        share.agency
        for share in year.shares.select_related("agency__organisation")
        if not share.agency.is_active and share.agency_id in in_formula
    ]
    form = FundingFormulaForm(posted(request), year=year, agencies=agencies)
    if form.is_valid():
        try:
            services.funding_formula_set(
                year=year,
                formula=form.cleaned_data["formula"],
                shares=form.cleaned_data["shares"],
                acting_user=request.user,
            )
        except ValidationError as problem:
            form.add_error(None, problem.messages[0])
        else:
            messages.success(request, f"Funding formula for {year.label} saved")
            return redirect(year)
    return render(request, "funding/formula_form.html", {"form": form, "year": year})

"""Contributions (cash and in kind) and a partner agency's own figures for a
year, with the record of chasing what it still owes."""

import uuid

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils import timezone

from partnership.models import PartnerAgency
from partnership.permissions import require
from partnership.views.common import posted

from .. import selectors, services
from ..forms import ContributionForm, FundingChaseForm
from ..loaders import load_agency_funding, load_contribution, load_year
from ..permissions import can_manage_funding, can_view_funding


def _agency_from_query(request):
    """The partner agency named by ?agency=<uuid>, to preselect (never a refusal)."""
    try:
        agency_uuid = uuid.UUID(request.GET.get("agency", ""))
    except ValueError:
        return None
    return (
        PartnerAgency.objects.for_partnership(request.partnership).filter(uuid=agency_uuid).first()
    )


@require(can_manage_funding)
def contribution_create(request, year):
    year = load_year(request, year)
    form = ContributionForm(
        posted(request), partnership=request.partnership, agency=_agency_from_query(request)
    )
    if form.is_valid():
        data = dict(form.cleaned_data)
        contribution = services.contribution_create(
            year=year, agency=data.pop("agency"), data=data, acting_user=request.user
        )
        messages.success(
            request,
            f"{contribution.get_kind_display()} contribution from {contribution.agency} added",
        )
        return redirect(year.url("agency", agency_uuid=contribution.agency.uuid))
    return render(request, "funding/contribution_form.html", {"form": form, "year": year})


@require(can_manage_funding)
def contribution_edit(request, year, contribution_uuid):
    year = load_year(request, year)
    contribution = load_contribution(request, year, contribution_uuid)
    form = ContributionForm(posted(request), instance=contribution, partnership=request.partnership)
    if form.is_valid():
        services.contribution_update(
            contribution=contribution, data=form.cleaned_data, acting_user=request.user
        )
        messages.success(request, f"Contribution from {contribution.agency} updated")
        return redirect(year.url("agency", agency_uuid=contribution.agency.uuid))
    return render(
        request,
        "funding/contribution_form.html",
        {"form": form, "year": year, "contribution": contribution},
    )


@require(can_view_funding)
def agency_detail(request, year, agency_uuid):
    """One partner's figures for the year: what the formula asks, what it gave,
    what it still owes and when it was chased. 404 for a partner the member
    may not see (a police representative opening health's page)."""
    year = load_year(request, year)
    agency = load_agency_funding(request, agency_uuid)
    funding = selectors.year_funding(
        year,
        agencies=PartnerAgency.objects.filter(pk=agency.pk),
        sees_all=False,
    )
    figures = next((row for row in funding.partners if row.agency.pk == agency.pk), None)
    return render(
        request,
        "funding/agency_detail.html",
        {
            "year": year,
            "agency": agency,
            "funding": funding,
            "figures": figures,
            "contributions": list(selectors.contributions(year, agencies=[agency])),
            "chases": list(selectors.chases(year, agencies=[agency])),
        },
    )


@require(can_manage_funding)
def chase_record(request, year, agency_uuid):
    year = load_year(request, year)
    agency = load_agency_funding(request, agency_uuid)
    form = FundingChaseForm(posted(request), initial={"chased_on": timezone.localdate()})
    if form.is_valid():
        services.funding_chase_record(
            year=year,
            agency=agency,
            chased_on=form.cleaned_data["chased_on"],
            note=form.cleaned_data["note"],
            acting_user=request.user,
        )
        messages.success(request, f"Chase of {agency} recorded")
        return redirect(year.url("agency", agency_uuid=agency.uuid))
    return render(
        request, "funding/chase_form.html", {"form": form, "year": year, "agency": agency}
    )

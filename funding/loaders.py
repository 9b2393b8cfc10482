"""Loading funding records for a request: a year named in the URL ("2025-26"),
a contribution, a budget line, or a partner agency's figures, each inside the
request's partnership and only if the member may see its agency; otherwise 404."""

import re

from django.http import Http404

from partnership.loaders import load
from partnership.models import PartnerAgency

from .models import BudgetLine, Contribution, FinancialYear
from .permissions import can_view_agency_funding

_YEAR = re.compile(r"^(\d{4})(?:-\d{2})?$")


def load_year(request, year_slug):
    """The financial year whose URL label is `year_slug` (like 2025-26), or 404."""
    match = _YEAR.match(year_slug or "")
    if match is None or not 1900 <= int(match[1]) <= 2200:
        raise Http404("No such financial year")
    candidates = FinancialYear.objects.for_partnership(request.partnership).filter(
        start_date__year=int(match[1])
    )
    for year in candidates.select_related("partnership"):
        if year.slug == year_slug:
            return year
    raise Http404("No such financial year")


def load_agency_funding(request, agency_uuid):
    """A partner agency whose figures the member may see (their own, unless
    they see every partner's), or 404."""
    return load(
        request,
        PartnerAgency.objects.select_related("organisation", "lead_representative"),
        visible=can_view_agency_funding,
        uuid=agency_uuid,
    )


def load_contribution(request, year, contribution_uuid):
    contribution = load(
        request,
        Contribution.objects.filter(year=year).select_related("agency__organisation", "year"),
        uuid=contribution_uuid,
    )
    if not can_view_agency_funding(request.membership, contribution.agency):
        raise Http404("No such contribution")
    return contribution


def load_budget_line(request, year, line_uuid):
    return load(request, BudgetLine.objects.filter(year=year), uuid=line_uuid)

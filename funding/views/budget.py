"""The year's budget: lines planned and (when known) actual."""

from django.contrib import messages
from django.shortcuts import redirect, render

from partnership.permissions import require
from partnership.views.common import posted

from .. import services
from ..forms import BudgetLineForm
from ..loaders import load_budget_line, load_year
from ..permissions import can_manage_funding

LINE_FIELDS = ("category", "description", "planned", "actual")


@require(can_manage_funding)
def line_create(request, year):
    year = load_year(request, year)
    form = BudgetLineForm(posted(request), partnership=request.partnership)
    if form.is_valid():
        line = services.budget_line_create(
            year=year, data=form.cleaned_data, acting_user=request.user
        )
        messages.success(request, f"{line.label} added to the budget")
        return redirect(year.url("year") + "#budget")
    return render(request, "funding/budget_line_form.html", {"form": form, "year": year})


@require(can_manage_funding)
def line_edit(request, year, line_uuid):
    year = load_year(request, year)
    line = load_budget_line(request, year, line_uuid)
    form = BudgetLineForm(posted(request), instance=line, partnership=request.partnership)
    if form.is_valid():
        services.budget_line_update(line=line, data=form.cleaned_data, acting_user=request.user)
        messages.success(request, f"{line.label} updated")
        return redirect(year.url("year") + "#budget")
    return render(
        request, "funding/budget_line_form.html", {"form": form, "year": year, "line": line}
    )


@require(can_manage_funding)
def line_remove(request, year, line_uuid):
    """A confirmation page; the POST takes the line off the budget."""
    year = load_year(request, year)
    line = load_budget_line(request, year, line_uuid)
    if request.method == "POST":
        label = line.label
        services.budget_line_remove(line=line, acting_user=request.user)
        messages.success(request, f"{label} taken off the budget")
        return redirect(year.url("year") + "#budget")
    return render(request, "funding/budget_line_remove.html", {"year": year, "line": line})

from django.contrib import messages
from django.shortcuts import redirect, render

from govuk.pagination import paginate

from .. import services
from ..forms import PartnerAgencyForm
from ..loaders import load_agency
from ..permissions import can_manage_structure, require
from ..selectors import agencies
from .common import posted


def agency_list(request):
    return render(
        request,
        "partnership/agency_list.html",
        {"page": paginate(request, agencies(request.partnership))},
    )


@require(can_manage_structure)
def agency_create(request):
    form = PartnerAgencyForm(posted(request), partnership=request.partnership)
    if form.is_valid():
        agency = services.partner_agency_create(
            partnership=request.partnership, data=form.cleaned_data, acting_user=request.user
        )
        messages.success(request, f"{agency} added as a partner agency")
        return redirect("partnership:agency-list", partnership_slug=request.partnership.slug)
    return render(request, "partnership/agency_form.html", {"form": form})


@require(can_manage_structure)
def agency_edit(request, agency_uuid):
    agency = load_agency(request, agency_uuid)
    form = PartnerAgencyForm(posted(request), instance=agency, partnership=request.partnership)
    if form.is_valid():
        services.partner_agency_update(
            agency=agency, data=form.cleaned_data, acting_user=request.user
        )
        messages.success(request, f"{agency} updated")
        return redirect("partnership:agency-list", partnership_slug=request.partnership.slug)
    return render(request, "partnership/agency_form.html", {"form": form, "agency": agency})

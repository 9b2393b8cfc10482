from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render

from govuk.pagination import paginate

from .. import services
from ..forms import PartnerAgencyForm
from ..models import PartnerAgency
from ..permissions import can_manage_structure, require
from ..selectors import agencies


def agency_list(request):
    return render(
        request,
        "partnership/agency_list.html",
        {"page": paginate(request, agencies(request.partnership))},
    )


@require(can_manage_structure)
def agency_create(request):
    form = PartnerAgencyForm(
        request.POST if request.method == "POST" else None, partnership=request.partnership
    )
    if request.method == "POST" and form.is_valid():
        agency = services.partner_agency_create(
            partnership=request.partnership, form=form, acting_user=request.user
        )
        messages.success(request, f"{agency} added as a partner agency")
        return redirect("partnership:agency-list", partnership_slug=request.partnership.slug)
    return render(request, "partnership/agency_form.html", {"form": form})


@require(can_manage_structure)
def agency_edit(request, agency_uuid):
    agency = get_object_or_404(
        PartnerAgency.objects.for_partnership(request.partnership).select_related("organisation"),
        uuid=agency_uuid,
    )
    form = PartnerAgencyForm(
        request.POST if request.method == "POST" else None,
        instance=agency,
        partnership=request.partnership,
    )
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, f"{agency} updated")
        return redirect("partnership:agency-list", partnership_slug=request.partnership.slug)
    return render(request, "partnership/agency_form.html", {"form": form, "agency": agency})

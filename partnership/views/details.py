from django.contrib import messages
from django.shortcuts import redirect, render

from .. import services
from ..forms import PartnershipForm
from ..permissions import can_manage_structure, require
from .common import posted


@require(can_manage_structure)
def partnership_edit(request):
    partnership = request.partnership
    form = PartnershipForm(posted(request), instance=partnership)
    if form.is_valid():
        services.partnership_update(
            partnership=partnership, data=form.cleaned_data, acting_user=request.user
        )
        messages.success(request, "Partnership details updated")
        return redirect("dashboard:overview", partnership_slug=partnership.slug)
    return render(request, "partnership/partnership_form.html", {"form": form})

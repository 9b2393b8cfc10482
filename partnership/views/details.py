from django.contrib import messages
from django.shortcuts import redirect, render

from ..forms import PartnershipForm
from ..permissions import can_manage_structure, require


@require(can_manage_structure)
def partnership_edit(request):
    partnership = request.partnership
    form = PartnershipForm(request.POST if request.method == "POST" else None, instance=partnership)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, "Partnership details updated")
        return redirect(partnership)
    return render(request, "partnership/partnership_form.html", {"form": form})

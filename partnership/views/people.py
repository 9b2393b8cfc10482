from django.contrib import messages
from django.shortcuts import redirect, render

from govuk.pagination import paginate

from .. import services
from ..forms import PersonForm
from ..loaders import load_person
from ..models import BoardMembership
from ..permissions import can_manage_structure, can_view_people, require
from ..selectors import people
from .common import posted


@require(can_view_people)
def person_list(request):
    query = request.GET.get("q", "").strip()[:100]
    include_inactive = request.GET.get("include_inactive") == "1"
    found = people(request.partnership, query=query, include_inactive=include_inactive)
    return render(
        request,
        "partnership/person_list.html",
        {"page": paginate(request, found), "query": query, "include_inactive": include_inactive},
    )


@require(can_view_people)
def person_detail(request, person_uuid):
    person = load_person(request, person_uuid)
    seats = (
        BoardMembership.objects.for_partnership(request.partnership)
        .filter(person=person)
        .select_related("board", "representing")
        .order_by("end_date", "board__name")
    )
    return render(request, "partnership/person_detail.html", {"person": person, "seats": seats})


@require(can_manage_structure)
def person_create(request):
    form = PersonForm(posted(request), partnership=request.partnership)
    if form.is_valid():
        person = services.person_create(
            partnership=request.partnership, data=form.cleaned_data, acting_user=request.user
        )
        messages.success(request, f"{person} added")
        return redirect(person)
    return render(request, "partnership/person_form.html", {"form": form})


@require(can_manage_structure)
def person_edit(request, person_uuid):
    person = load_person(request, person_uuid)
    form = PersonForm(posted(request), instance=person, partnership=request.partnership)
    if form.is_valid():
        services.person_update(person=person, data=form.cleaned_data, acting_user=request.user)
        messages.success(request, f"{person} updated")
        return redirect(person)
    return render(request, "partnership/person_form.html", {"form": form, "person": person})

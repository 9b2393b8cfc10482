from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render

from govuk.pagination import paginate

from ..forms import PersonForm
from ..models import BoardMembership, Person
from ..permissions import can_manage_structure, can_view_people, require
from ..selectors import people


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


def _get_person(request, person_uuid):
    return get_object_or_404(
        Person.objects.for_partnership(request.partnership).select_related("organisation", "user"),
        uuid=person_uuid,
    )


@require(can_view_people)
def person_detail(request, person_uuid):
    person = _get_person(request, person_uuid)
    seats = (
        BoardMembership.objects.for_partnership(request.partnership)
        .filter(person=person)
        .select_related("board", "representing")
        .order_by("end_date", "board__name")
    )
    return render(request, "partnership/person_detail.html", {"person": person, "seats": seats})


@require(can_manage_structure)
def person_create(request):
    form = PersonForm(
        request.POST if request.method == "POST" else None, partnership=request.partnership
    )
    if request.method == "POST" and form.is_valid():
        person = form.save()
        messages.success(request, f"{person} added")
        return redirect(person)
    return render(request, "partnership/person_form.html", {"form": form})


@require(can_manage_structure)
def person_edit(request, person_uuid):
    person = _get_person(request, person_uuid)
    form = PersonForm(
        request.POST if request.method == "POST" else None,
        instance=person,
        partnership=request.partnership,
    )
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, f"{person} updated")
        return redirect(person)
    return render(request, "partnership/person_form.html", {"form": form, "person": person})

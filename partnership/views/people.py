from django.contrib import messages
from django.shortcuts import redirect, render

from govuk.pagination import paginate

from .. import services
from ..forms import BoardSeatsForm, PersonForm
from ..loaders import load_person
from ..models import BoardMembership
from ..permissions import can_manage_structure, can_view_people, refuse_unless, require
from ..selectors import agency_name_here, people
from .common import posted


@require(can_view_people)
def person_list(request):
    """The people, searchable; the business unit ticks people here and seats
    them on a board in one step (posted back here)."""
    seats_form = None
    if can_manage_structure(request.membership):
        seats_form = BoardSeatsForm(posted(request), partnership=request.partnership)
    elif request.method == "POST":
        refuse_unless(False)
    if seats_form is not None and seats_form.is_valid():
        board = seats_form.cleaned_data["board"]
        added = services.seats_add(
            board=board,
            people=seats_form.cleaned_data["people"],
            role=seats_form.cleaned_data["role"],
            acting_user=request.user,
        )
        already = len(seats_form.cleaned_data["people"]) - len(added)
        messages.success(
            request,
            f"{len(added)} {'person' if len(added) == 1 else 'people'} added to {board}"
            + (f" ({already} already sat on it)" if already else ""),
        )
        return redirect(request.get_full_path())
    query = request.GET.get("q", "").strip()[:100]
    include_inactive = request.GET.get("include_inactive") == "1"
    found = people(request.partnership, query=query, include_inactive=include_inactive)
    ticked = set(request.POST.getlist("people")) if request.method == "POST" else set()
    return render(
        request,
        "partnership/person_list.html",
        {
            "page": paginate(request, found),
            "query": query,
            "include_inactive": include_inactive,
            "seats_form": seats_form if seats_form and seats_form.boards else None,
            "ticked": ticked,
        },
    )


@require(can_view_people)
def person_detail(request, person_uuid):
    person = load_person(request, person_uuid)
    seats = (
        BoardMembership.objects.for_partnership(request.partnership)
        .filter(person=person)
        .select_related("board", "representing")
        .annotate(representing_name=agency_name_here(request.partnership.pk))
        .order_by("end_date", "board__name")
    )
    return render(request, "partnership/person_detail.html", {"person": person, "seats": seats})


@require(can_manage_structure)
def person_create(request):
    form = PersonForm(posted(request), partnership=request.partnership)
    if form.is_valid():
        person = services.person_add(
            partnership=request.partnership,
            data=form.cleaned_data,
            acting_user=request.user,
            site_url=request.build_absolute_uri("/"),
        )
        messages.success(request, f"{person} added")
        if request.POST.get("then") == "another":
            return redirect("partnership:person-create", partnership_slug=request.partnership.slug)
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

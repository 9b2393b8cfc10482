"""Teams that own actions ("the Safeguarding Team"): the list, a new team (also
from an owner field's "Create team" option, which asks for JSON), and a team's
name and members."""

from django.contrib import messages
from django.http import JsonResponse
from django.shortcuts import redirect, render

from .. import search, services
from ..loaders import load
from ..models import Team
from ..permissions import can_manage_teams, can_view_people, require
from ..team_forms import TeamForm
from .common import posted


def _wants_json(request):
    return "application/json" in request.headers.get("Accept", "")


@require(can_view_people)
def team_list(request):
    teams = (
        Team.objects.for_partnership(request.partnership)
        .prefetch_related("members")
        .order_by("-is_active", "name")
    )
    return render(request, "partnership/team_list.html", {"teams": teams})


@require(can_manage_teams)
def team_create(request):
    """A new team. An owner field's "Create team 'X'", once confirmed in the
    page, posts here asking for JSON and gets the team back as a type-ahead
    match (or the error in words)."""
    initial = {"name": request.GET.get("name", "")[:200]}
    form = TeamForm(posted(request), initial=initial, partnership=request.partnership)
    if form.is_valid():
        member = form.cleaned_data.get("add_member")
        team = services.team_create(
            partnership=request.partnership,
            name=form.cleaned_data["name"],
            members=[member] if member else [],
            acting_user=request.user,
        )
        if _wants_json(request):
            match = search.Match(
                search.token_for(team), search.label_for(team), search.text_for(team), "team"
            )
            return JsonResponse(match.as_json(), status=201)
        messages.success(request, f"{team} added")
        return redirect("partnership:team-list", partnership_slug=request.partnership.slug)
    if request.method == "POST" and _wants_json(request):
        errors = [message for messages_ in form.errors.values() for message in messages_]
        return JsonResponse({"error": " ".join(errors)}, status=400)
    return render(request, "partnership/team_form.html", {"form": form})


@require(can_manage_teams)
def team_edit(request, team_uuid):
    team = load(request, Team.objects.all(), uuid=team_uuid)
    form = TeamForm(posted(request), partnership=request.partnership, team=team)
    if form.is_valid():
        services.team_update(team=team, data=form.cleaned_data, acting_user=request.user)
        member = form.cleaned_data.get("add_member")
        services.team_members_change(
            team=team,
            add=[member] if member else [],
            remove=form.removed(),
            acting_user=request.user,
        )
        messages.success(request, f"{form.cleaned_data['name']} updated")
        return redirect("partnership:team-list", partnership_slug=request.partnership.slug)
    return render(request, "partnership/team_form.html", {"form": form, "team": team})

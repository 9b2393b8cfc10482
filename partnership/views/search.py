"""The one type-ahead behind every people picker: GET /p/<slug>/search/?q=...
answers JSON, at most search.LIMIT matches of the kinds asked for."""

from django.http import JsonResponse
from django.views.decorators.http import require_GET

from .. import search
from ..permissions import can_manage_teams, can_search_people, require


@require_GET
@require(can_search_people)
def search_owners(request):
    query = " ".join(request.GET.get("q", "").split())[:100]
    kinds = [k for k in request.GET.get("kinds", "").split(",") if k in search.KINDS]
    kinds = tuple(kinds) or ("person",)
    matches = search.search(request.partnership, query, kinds=kinds)
    exact = any(query.lower() in (m.text.lower(), m.label.lower()) for m in matches)
    offer_team = (
        "team" in kinds
        and len(query) >= 2
        and not exact
        and "/" not in query
        and can_manage_teams(request.membership)
    )
    response = JsonResponse(
        {
            "query": query,
            "results": [m.as_json() for m in matches],
            "create_team": query if offer_team else None,
        }
    )
    response["Cache-Control"] = "private, no-store"
    return response

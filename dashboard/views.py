"""The pages that join the apps: home ("what needs me?" across partnerships),
the partnership overview (boards by reporting line with their meetings and
actions) and a board's page. Each feature app is read through its selectors."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from actions.selectors import action_counts_by_board
from meetings.selectors import next_meetings_by_board
from partnership.loaders import load_board
from partnership.models import PartnerAgency
from partnership.permissions import visible_boards
from partnership.selectors import board_seats, board_tree, memberships_for_user
from reviews.permissions import can_manage_cases
from reviews.selectors import due_this_week

from .panels import home_panels


@login_required
def home(request):
    """What needs me, across every partnership I belong to; then my partnerships."""
    memberships = list(memberships_for_user(request.user))
    return render(
        request,
        "dashboard/home.html",
        {"memberships": memberships, "panels": home_panels(request, memberships)},
    )


def accessibility(request):
    return render(request, "pages/accessibility.html")


def overview(request):
    partnership, membership = request.partnership, request.membership
    statutory = (
        PartnerAgency.objects.for_partnership(partnership)
        .filter(kind=PartnerAgency.Kind.STATUTORY, is_active=True)
        .select_related("organisation")
    )
    return render(
        request,
        "dashboard/overview.html",
        {
            "tree": board_tree(partnership, include_inactive=False),
            "visible_board_ids": set(visible_boards(membership).values_list("pk", flat=True)),
            "statutory_partners": statutory,
            "action_counts": action_counts_by_board(membership=membership),
            "next_meetings": next_meetings_by_board(partnership),
            # The business unit sees what is due this week on case reviews.
            "review_clocks": due_this_week(membership=membership)
            if can_manage_cases(membership)
            else None,
        },
    )


def board_detail(request, board_uuid):
    board = load_board(request, board_uuid)
    seats = list(board_seats(board))
    current = [s for s in seats if s.is_current]
    return render(
        request,
        "dashboard/board_detail.html",
        {
            "board": board,
            "may": request.can.on(board),
            "current_seats": current,
            "past_seats": [s for s in seats if s not in current],
            "chair": next((s.person for s in current if s.role == "chair"), None),
            "vice_chair": next((s.person for s in current if s.role == "vice_chair"), None),
            "reporting_groups": board.reporting_groups.filter(is_active=True),
            "action_counts": action_counts_by_board(membership=request.membership).get(
                board.pk, {}
            ),
        },
    )

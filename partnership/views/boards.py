"""The partnership overview (boards as a tree) and boards with their membership."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render

from actions.selectors import action_counts_by_board
from meetings.selectors import next_meetings_by_board

from ..forms import BoardForm, BoardMembershipForm
from ..models import Board, BoardMembership, PartnerAgency
from ..permissions import can_manage_structure, can_view_board, require, visible_boards
from ..selectors import board_seats, board_tree


def overview(request):
    partnership = request.partnership
    visible = set(visible_boards(request.membership).values_list("pk", flat=True))
    statutory = (
        PartnerAgency.objects.for_partnership(partnership)
        .filter(kind=PartnerAgency.Kind.STATUTORY, is_active=True)
        .select_related("organisation")
    )
    return render(
        request,
        "partnership/overview.html",
        {
            "tree": board_tree(partnership, include_inactive=False),
            "visible_board_ids": visible,
            "statutory_partners": statutory,
            "action_counts": action_counts_by_board(partnership),
            "next_meetings": next_meetings_by_board(partnership),
        },
    )


def _get_board(request, board_uuid):
    board = get_object_or_404(
        Board.objects.for_partnership(request.partnership).select_related("reports_to"),
        uuid=board_uuid,
    )
    if not can_view_board(request.membership, board):
        raise PermissionDenied
    return board


def board_detail(request, board_uuid):
    board = _get_board(request, board_uuid)
    seats = list(board_seats(board))
    current = [s for s in seats if s.is_current]
    return render(
        request,
        "partnership/board_detail.html",
        {
            "board": board,
            "current_seats": current,
            "past_seats": [s for s in seats if s not in current],
            "chair": next((s.person for s in current if s.role == "chair"), None),
            "vice_chair": next((s.person for s in current if s.role == "vice_chair"), None),
            "reporting_groups": board.reporting_groups.filter(is_active=True),
            "action_counts": action_counts_by_board(board.partnership_id).get(board.pk, {}),
        },
    )


@require(can_manage_structure)
def board_create(request):
    form = BoardForm(
        request.POST if request.method == "POST" else None, partnership=request.partnership
    )
    if request.method == "POST" and form.is_valid():
        board = form.save()
        messages.success(request, f"{board} added")
        return redirect(board)
    return render(request, "partnership/board_form.html", {"form": form})


@require(can_manage_structure)
def board_edit(request, board_uuid):
    board = _get_board(request, board_uuid)
    form = BoardForm(
        request.POST if request.method == "POST" else None,
        instance=board,
        partnership=request.partnership,
    )
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, f"{board} updated")
        return redirect(board)
    return render(request, "partnership/board_form.html", {"form": form, "board": board})


@require(can_manage_structure)
def board_member_add(request, board_uuid):
    board = _get_board(request, board_uuid)
    form = BoardMembershipForm(
        request.POST if request.method == "POST" else None,
        partnership=request.partnership,
        board=board,
    )
    if request.method == "POST" and form.is_valid():
        seat = form.save()
        messages.success(request, f"{seat.person} added to {board}")
        return redirect(board)
    return render(request, "partnership/board_member_form.html", {"form": form, "board": board})


@require(can_manage_structure)
def board_member_edit(request, board_uuid, seat_uuid):
    board = _get_board(request, board_uuid)
    seat = get_object_or_404(
        BoardMembership.objects.for_partnership(request.partnership).filter(board=board),
        uuid=seat_uuid,
    )
    form = BoardMembershipForm(
        request.POST if request.method == "POST" else None,
        instance=seat,
        partnership=request.partnership,
        board=board,
    )
    if request.method == "POST" and form.is_valid():
        seat = form.save()
        messages.success(request, f"{seat.person}'s seat on {board} updated")
        return redirect(board)
    return render(
        request, "partnership/board_member_form.html", {"form": form, "board": board, "seat": seat}
    )

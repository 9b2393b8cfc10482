"""Setting up boards and who sits on them (the business unit). A board's own
page and the overview are in the dashboard app: they join meetings and actions."""

from django.contrib import messages
from django.shortcuts import redirect, render

from .. import services
from ..forms import BoardForm, BoardMembershipForm
from ..loaders import load_board, load_seat
from ..permissions import can_manage_structure, require
from .common import posted


@require(can_manage_structure)
def board_create(request):
    form = BoardForm(posted(request), partnership=request.partnership)
    if form.is_valid():
        board = services.board_create(
            partnership=request.partnership, data=form.cleaned_data, acting_user=request.user
        )
        messages.success(request, f"{board} added")
        return redirect(board)
    return render(request, "partnership/board_form.html", {"form": form})


@require(can_manage_structure)
def board_edit(request, board_uuid):
    board = load_board(request, board_uuid)
    form = BoardForm(posted(request), instance=board, partnership=request.partnership)
    if form.is_valid():
        services.board_update(board=board, data=form.cleaned_data, acting_user=request.user)
        messages.success(request, f"{board} updated")
        return redirect(board)
    return render(request, "partnership/board_form.html", {"form": form, "board": board})


@require(can_manage_structure)
def board_member_add(request, board_uuid):
    board = load_board(request, board_uuid)
    form = BoardMembershipForm(posted(request), partnership=request.partnership, board=board)
    if form.is_valid():
        seat = services.seat_create(board=board, data=form.cleaned_data, acting_user=request.user)
        messages.success(request, f"{seat.person} added to {board}")
        return redirect(board)
    return render(request, "partnership/board_member_form.html", {"form": form, "board": board})


@require(can_manage_structure)
def board_member_edit(request, board_uuid, seat_uuid):
    board = load_board(request, board_uuid)
    seat = load_seat(request, board, seat_uuid)
    form = BoardMembershipForm(
        posted(request), instance=seat, partnership=request.partnership, board=board
    )
    if form.is_valid():
        services.seat_update(seat=seat, data=form.cleaned_data, acting_user=request.user)
        messages.success(request, f"{seat.person}'s seat on {board} updated")
        return redirect(board)
    return render(
        request, "partnership/board_member_form.html", {"form": form, "board": board, "seat": seat}
    )

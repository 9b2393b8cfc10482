"""A board's forward plan and meeting settings (quorum rule, standing items)."""

from django.contrib import messages
from django.shortcuts import redirect, render

from partnership.loaders import load_board
from partnership.permissions import can_view_sensitive, refuse_unless
from partnership.views.common import posted

from .. import selectors, services
from ..forms import ForwardPlanItemForm, MeetingSettingsForm, StandingItemForm
from ..loaders import load_plan_item, load_standing_item, posted_move
from ..models import MeetingSettings
from ..permissions import can_manage_meetings, can_plan_forward


def _to_plan(board):
    return redirect(
        "meetings:forward-plan", partnership_slug=board.partnership.slug, board_uuid=board.uuid
    )


def _to_settings(board):
    return redirect(
        "meetings:board-settings", partnership_slug=board.partnership.slug, board_uuid=board.uuid
    )


def forward_plan(request, board_uuid):
    board = load_board(request, board_uuid)
    show_all = request.GET.get("all") == "1"
    return render(
        request,
        "meetings/forward_plan.html",
        {
            "board": board,
            "plan": selectors.forward_plan(
                board,
                include_confidential=can_view_sensitive(request.membership),
                include_done=show_all,
            ),
            "show_all": show_all,
        },
    )


def forward_plan_create(request, board_uuid):
    board = load_board(request, board_uuid)
    refuse_unless(can_plan_forward(request.membership))
    form = ForwardPlanItemForm(posted(request), partnership=request.partnership, board=board)
    if form.is_valid():
        plan = services.forward_plan_item_create(
            board=board, data=form.cleaned_data, acting_user=request.user
        )
        messages.success(request, f"{plan} added to the forward plan")
        return _to_plan(board)
    return render(request, "meetings/forward_plan_form.html", {"form": form, "board": board})


def forward_plan_edit(request, board_uuid, plan_uuid):
    board = load_board(request, board_uuid)
    refuse_unless(can_plan_forward(request.membership))
    plan = load_plan_item(request, board, plan_uuid)
    form = ForwardPlanItemForm(
        posted(request), instance=plan, partnership=request.partnership, board=board
    )
    if form.is_valid():
        services.forward_plan_item_update(
            plan=plan, data=form.cleaned_data, acting_user=request.user
        )
        messages.success(request, f"{plan} updated")
        return _to_plan(board)
    return render(
        request, "meetings/forward_plan_form.html", {"form": form, "board": board, "plan": plan}
    )


def board_settings(request, board_uuid):
    board = load_board(request, board_uuid)
    refuse_unless(can_manage_meetings(request.membership))
    standing = selectors.standing_items(board)
    if request.method == "POST" and "move" in request.POST:
        moving, direction = posted_move(request)
        item = next((s for s in standing if s.uuid == moving), None)
        if item is not None:
            services.standing_item_move(
                standing=item, direction=direction, acting_user=request.user
            )
        return _to_settings(board)
    current = selectors.meeting_settings(board) or MeetingSettings(
        partnership=board.partnership, board=board
    )
    form = MeetingSettingsForm(posted(request), instance=current, partnership=request.partnership)
    if form.is_valid():
        services.meeting_settings_save(
            board=board, data=form.cleaned_data, acting_user=request.user
        )
        messages.success(request, f"Meeting settings of {board} saved")
        return redirect(board)
    return render(
        request,
        "meetings/board_settings.html",
        {
            "form": form,
            "board": board,
            "standing": standing,
            "defaults": selectors.DEFAULT_STANDING_ITEMS + selectors.DEFAULT_CLOSING_ITEMS,
        },
    )


def standing_item_create(request, board_uuid):
    return _standing_item_form(request, board_uuid, None)


def standing_item_edit(request, board_uuid, standing_uuid):
    return _standing_item_form(request, board_uuid, standing_uuid)


def _standing_item_form(request, board_uuid, standing_uuid):
    board = load_board(request, board_uuid)
    refuse_unless(can_manage_meetings(request.membership))
    standing = None
    if standing_uuid is not None:
        standing = load_standing_item(request, board, standing_uuid)
    if standing is not None and request.method == "POST" and "remove" in request.POST:
        services.standing_item_remove(standing=standing, acting_user=request.user)
        messages.success(request, f"Standing item {standing} removed")
        return _to_settings(board)
    form = StandingItemForm(
        posted(request), instance=standing, partnership=request.partnership, board=board
    )
    if form.is_valid():
        data = form.cleaned_data
        if standing is None:
            saved = services.standing_item_create(board=board, data=data, acting_user=request.user)
        else:
            services.standing_item_update(standing=standing, data=data, acting_user=request.user)
            saved = standing
        messages.success(request, f"Standing item {saved} saved")
        return _to_settings(board)
    return render(
        request,
        "meetings/standing_item_form.html",
        {"form": form, "board": board, "standing": standing},
    )

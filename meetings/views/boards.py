"""A board's forward plan and meeting settings (quorum rule, standing items)."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render

from .. import selectors, services
from ..forms import ForwardPlanItemForm, MeetingSettingsForm, StandingItemForm
from ..models import ForwardPlanItem, StandingItem
from ..permissions import can_manage_meetings, can_plan_forward, can_view_confidential
from .common import get_board, posted, refuse_unless


def forward_plan(request, board_uuid):
    board = get_board(request, board_uuid)
    show_all = request.GET.get("all") == "1"
    return render(
        request,
        "meetings/forward_plan.html",
        {
            "board": board,
            "plan": selectors.forward_plan(
                board,
                include_confidential=can_view_confidential(request.membership),
                include_done=show_all,
            ),
            "show_all": show_all,
            "can_plan": can_plan_forward(request.membership),
        },
    )


def forward_plan_create(request, board_uuid):
    board = get_board(request, board_uuid)
    refuse_unless(can_plan_forward(request.membership))
    form = ForwardPlanItemForm(posted(request), partnership=request.partnership, board=board)
    if request.method == "POST" and form.is_valid():
        plan = services.forward_plan_item_save(form=form, acting_user=request.user)
        messages.success(request, f"{plan} added to the forward plan")
        return redirect(
            "meetings:forward-plan", partnership_slug=board.partnership.slug, board_uuid=board.uuid
        )
    return render(request, "meetings/forward_plan_form.html", {"form": form, "board": board})


def forward_plan_edit(request, board_uuid, plan_uuid):
    board = get_board(request, board_uuid)
    refuse_unless(can_plan_forward(request.membership))
    plans = ForwardPlanItem.objects.for_partnership(request.partnership).filter(board=board)
    if not can_view_confidential(request.membership):
        plans = plans.filter(is_confidential=False)
    plan = get_object_or_404(plans, uuid=plan_uuid)
    form = ForwardPlanItemForm(
        posted(request), instance=plan, partnership=request.partnership, board=board
    )
    if request.method == "POST" and form.is_valid():
        services.forward_plan_item_save(form=form, acting_user=request.user)
        messages.success(request, f"{plan} updated")
        return redirect(
            "meetings:forward-plan", partnership_slug=board.partnership.slug, board_uuid=board.uuid
        )
    return render(
        request, "meetings/forward_plan_form.html", {"form": form, "board": board, "plan": plan}
    )


def board_settings(request, board_uuid):
    board = get_board(request, board_uuid)
    refuse_unless(can_manage_meetings(request.membership))
    standing = selectors.standing_items(board)
    if request.method == "POST" and "move" in request.POST:
        uuid, _, direction = request.POST["move"].partition(":")
        item = next((s for s in standing if str(s.uuid) == uuid), None)
        if item is not None:
            services.standing_item_move(
                standing=item, direction=direction, acting_user=request.user
            )
        return redirect(
            "meetings:board-settings",
            partnership_slug=board.partnership.slug,
            board_uuid=board.uuid,
        )
    form = MeetingSettingsForm(
        posted(request), instance=services.settings_for(board), partnership=request.partnership
    )
    if request.method == "POST" and form.is_valid():
        services.meeting_settings_save(form=form, acting_user=request.user)
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
    board = get_board(request, board_uuid)
    refuse_unless(can_manage_meetings(request.membership))
    standing = None
    if standing_uuid is not None:
        standing = get_object_or_404(
            StandingItem.objects.for_partnership(request.partnership).filter(board=board),
            uuid=standing_uuid,
        )
    settings_url = redirect(
        "meetings:board-settings", partnership_slug=board.partnership.slug, board_uuid=board.uuid
    )
    if standing is not None and request.method == "POST" and "remove" in request.POST:
        services.standing_item_remove(standing=standing, acting_user=request.user)
        messages.success(request, f"Standing item {standing} removed")
        return settings_url
    form = StandingItemForm(
        posted(request), instance=standing, partnership=request.partnership, board=board
    )
    if request.method == "POST" and form.is_valid():
        saved = services.standing_item_save(form=form, acting_user=request.user)
        messages.success(request, f"Standing item {saved} saved")
        return settings_url
    return render(
        request,
        "meetings/standing_item_form.html",
        {"form": form, "board": board, "standing": standing},
    )

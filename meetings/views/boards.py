"""A board's forward plan and meeting settings (quorum rule, standing items)."""

from django.contrib import messages
from django.shortcuts import redirect, render

from partnership.loaders import load_board
from partnership.permissions import can_view_sensitive, refuse_unless
from partnership.views.common import posted

from .. import selectors, services
from ..forms import (
    ForwardPlanItemForm,
    MeetingSettingsForm,
    StandingItemForm,
    StandingItemRenameForm,
)
from ..loaders import load_plan_item, load_standing_ref, posted_move_ref
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
    if request.method == "POST" and "move" in request.POST:
        ref, direction = posted_move_ref(request)
        standing = load_standing_ref(request, board, ref)
        standing = services.standing_item_own(
            board=board, standing=standing, acting_user=request.user
        )
        services.standing_item_move(
            standing=standing, direction=direction, acting_user=request.user
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
    return _settings_page(request, board, form)


def _settings_page(request, board, form=None, *, rename_form=None, renamed=None):
    """The board's meeting settings and its standing items, one of them perhaps
    open to rename in place (`rename_form`) or just renamed."""
    settings = selectors.meeting_settings(board)
    if form is None:
        instance = settings or MeetingSettings(partnership=board.partnership, board=board)
        form = MeetingSettingsForm(instance=instance, partnership=request.partnership)
    standing = selectors.numbered_standing_items(board, settings)
    return render(
        request,
        "meetings/board_settings.html",
        {
            "form": form,
            "board": board,
            "standing": standing,
            "defaults_in_use": bool(standing) and standing[0].pk is None,
            "rename_form": rename_form,
            "renaming": rename_form.standing.ref if rename_form else None,
            "renamed": renamed,
        },
    )


def standing_item_rename(request, board_uuid, ref):
    """A standing item renamed in place on the settings page: a plain form
    without JavaScript, the standing items swapped in place with htmx. A
    default is made the board's own first (with the other defaults)."""
    board = load_board(request, board_uuid)
    refuse_unless(can_manage_meetings(request.membership))
    standing = load_standing_ref(request, board, ref)
    form = StandingItemRenameForm(posted(request), standing=standing)
    if form.is_valid():
        standing = services.standing_item_own(
            board=board, standing=standing, acting_user=request.user
        )
        old_title, title = standing.title, form.cleaned_data["title"]
        services.standing_item_rename(standing=standing, title=title, acting_user=request.user)
        if request.htmx:
            return _settings_page(request, board, renamed=(standing.ref, old_title, title))
        messages.success(request, f"‘{old_title}’ renamed ‘{title}’")
        return _to_settings(board)
    return _settings_page(request, board, rename_form=form)


def standing_item_create(request, board_uuid):
    return _standing_item_form(request, board_uuid, None)


def standing_item_edit(request, board_uuid, ref):
    return _standing_item_form(request, board_uuid, ref)


def _standing_item_form(request, board_uuid, ref):
    board = load_board(request, board_uuid)
    refuse_unless(can_manage_meetings(request.membership))
    standing = None
    if ref is not None:
        standing = load_standing_ref(request, board, ref)
    if standing is not None and request.method == "POST" and "remove" in request.POST:
        own = services.standing_item_own(board=board, standing=standing, acting_user=request.user)
        services.standing_item_remove(standing=own, acting_user=request.user)
        messages.success(request, f"Standing item {own} removed")
        return _to_settings(board)
    form = StandingItemForm(
        posted(request), instance=standing, partnership=request.partnership, board=board
    )
    if form.is_valid():
        data = form.cleaned_data
        if standing is None:
            saved = services.standing_item_create(board=board, data=data, acting_user=request.user)
        else:
            saved = services.standing_item_own(
                board=board, standing=standing, acting_user=request.user
            )
            services.standing_item_update(standing=saved, data=data, acting_user=request.user)
        messages.success(request, f"Standing item {data['title']} saved")
        return _to_settings(board)
    return render(
        request,
        "meetings/standing_item_form.html",
        {"form": form, "board": board, "standing": standing},
    )

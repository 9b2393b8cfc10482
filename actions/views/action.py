"""One action: its page and timeline, raising it, changing it, adding an update
and completing it."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render

from partnership.permissions import require

from .. import services
from ..forms import ActionCompleteForm, ActionForm, ActionUpdateForm
from ..permissions import (
    can_complete_action,
    can_manage_actions,
    can_update_action,
    can_view_action,
)
from ..rag import rule_text
from ..selectors import actions_with_timeline, rag_rule_for
from .common import board_from_query


def _get_action(request, action_uuid):
    rule = rag_rule_for(request.partnership)
    action = get_object_or_404(actions_with_timeline(request.partnership, rule), uuid=action_uuid)
    if not can_view_action(request.membership, action):
        raise PermissionDenied
    action._rag_rule = rule
    return action


def _page_context(request, action, **extra):
    membership = request.membership
    can_update = can_update_action(membership, action)
    return {
        "action": action,
        "updates": list(action.updates.all()),
        "can_update": can_update,
        "can_complete": can_update and action.is_open,
        "can_edit": can_manage_actions(membership),
        "rule_text": rule_text(action.rag_rule().warning_days),
        **extra,
    }


def action_detail(request, action_uuid):
    action = _get_action(request, action_uuid)
    context = _page_context(request, action)
    if context["can_update"]:
        context["update_form"] = ActionUpdateForm(action=action)
    return render(request, "actions/action_detail.html", context)


def action_update(request, action_uuid):
    action = _get_action(request, action_uuid)
    if not can_update_action(request.membership, action):
        raise PermissionDenied
    form = ActionUpdateForm(request.POST if request.method == "POST" else None, action=action)
    if request.method == "POST" and form.is_valid():
        try:
            services.action_update_add(
                action=action,
                acting_user=request.user,
                text=form.cleaned_data["text"],
                expected_version=form.cleaned_data.get("version"),
                **form.changes(),
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, f"Update added to action {action.number}")
            return redirect(action)
    template = "actions/action_detail.html" if request.method == "POST" else "actions/update.html"
    return render(request, template, _page_context(request, action, update_form=form, form=form))


def action_complete(request, action_uuid):
    action = _get_action(request, action_uuid)
    if not can_complete_action(request.membership, action):
        raise PermissionDenied
    form = ActionCompleteForm(
        request.POST if request.method == "POST" else None, initial={"version": action.version}
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.action_complete(
                action=action,
                acting_user=request.user,
                text=form.cleaned_data["text"],
                expected_version=form.cleaned_data.get("version"),
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, f"Action {action.number} marked as completed")
            return redirect(action)
    return render(request, "actions/complete.html", {"action": action, "form": form})


@require(can_manage_actions)
def action_create(request):
    board = board_from_query(request)
    form = ActionForm(
        request.POST if request.method == "POST" else None,
        membership=request.membership,
        board=board,
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            action = services.action_create(
                board=data["board"],
                description=data["description"],
                owners=data["owners"],
                due_date=data["due_date"],
                origin_item=data["origin_item"],
                origin_reference=data["origin_reference"],
                acting_user=request.user,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, f"Action {action.number} added to the {action.board} log")
            return redirect(action)
    return render(request, "actions/action_form.html", {"form": form, "board": board})


@require(can_manage_actions)
def action_edit(request, action_uuid):
    action = _get_action(request, action_uuid)
    form = ActionForm(
        request.POST if request.method == "POST" else None,
        membership=request.membership,
        action=action,
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            changed = services.action_edit(
                action=action,
                acting_user=request.user,
                description=data["description"],
                owners=data["owners"],
                due_date=data["due_date"],
                origin_item=data["origin_item"],
                origin_reference=data["origin_reference"],
                expected_version=data.get("version"),
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            if changed is None:
                messages.info(request, f"Nothing was changed on action {action.number}")
            else:
                messages.success(request, f"Action {action.number} updated")
            return redirect(action)
    return render(request, "actions/action_form.html", {"form": form, "action": action})

"""One action: its page and timeline, raising it, changing it, adding an update
and completing it."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render

from partnership.permissions import refuse_unless, require
from partnership.views.common import posted

from .. import services
from ..forms import ActionCompleteForm, ActionForm, ActionUpdateForm
from ..loaders import load_action
from ..permissions import (
    can_complete_action,
    can_edit_action,
    can_manage_actions,
    can_update_action,
)
from ..rag import rule_text
from .common import board_from_query


def _page_context(request, action, **extra):
    return {
        "action": action,
        "may": request.can.on(action),
        "updates": list(action.updates.all()),
        "rule_text": rule_text(action.rag_rule().warning_days),
        **extra,
    }


def action_detail(request, action_uuid):
    action = load_action(request, action_uuid)
    context = _page_context(request, action)
    if context["may"].update:
        context["update_form"] = ActionUpdateForm(action=action)
    return render(request, "actions/action_detail.html", context)


def action_update(request, action_uuid):
    action = load_action(request, action_uuid)
    refuse_unless(can_update_action(request.membership, action))
    form = ActionUpdateForm(posted(request), action=action)
    if form.is_valid():
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
    action = load_action(request, action_uuid)
    refuse_unless(can_complete_action(request.membership, action))
    form = ActionCompleteForm(posted(request), initial={"version": action.version})
    if form.is_valid():
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
    form = ActionForm(posted(request), membership=request.membership, board=board)
    if form.is_valid():
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


def action_edit(request, action_uuid):
    action = load_action(request, action_uuid)
    refuse_unless(can_edit_action(request.membership, action))
    form = ActionForm(posted(request), membership=request.membership, action=action)
    if form.is_valid():
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

"""The partnership's action log settings: the warning window and reminders."""

from django.contrib import messages
from django.shortcuts import redirect, render

from partnership.permissions import require
from partnership.views.common import posted

from .. import services
from ..forms import ActionLogSettingsForm
from ..models import ActionLogSettings
from ..permissions import can_manage_action_settings
from ..rag import rule_text


@require(can_manage_action_settings)
def settings_edit(request):
    current = ActionLogSettings.for_partnership(request.partnership)
    form = ActionLogSettingsForm(
        posted(request),
        instance=current,
        partnership=request.partnership,
    )
    if form.is_valid():
        services.action_log_settings_save(
            partnership=request.partnership,
            acting_user=request.user,
            **form.cleaned_data,
        )
        messages.success(request, "Action log settings saved")
        return redirect("actions:settings", partnership_slug=request.partnership.slug)
    return render(
        request,
        "actions/settings.html",
        {"form": form, "rule_text": rule_text(current.warning_days)},
    )

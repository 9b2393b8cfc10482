"""The agenda builder: items in order with keyboard-accessible reordering,
standing items and the forward plan on offer; adding and changing items."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render

from partnership.permissions import refuse_unless
from partnership.views.common import posted

from .. import selectors, services
from ..forms import AgendaItemForm
from ..loaders import load_item, load_meeting, posted_move
from ..models import StandingItem
from ..permissions import can_plan_meetings


def agenda(request, meeting_uuid):
    meeting = load_meeting(request, meeting_uuid)
    refuse_unless(can_plan_meetings(request.membership))
    moved = None
    if request.method == "POST" and not meeting.minutes_frozen:
        moved = _handle(request, meeting)
        if not request.htmx:
            return redirect(meeting.url("agenda"))
    items = selectors.with_meeting(selectors.agenda(meeting, include_confidential=True), meeting)
    on_agenda = {item.title for item in items}
    standing = [s for s in selectors.standing_items(meeting.board) if s.title not in on_agenda]
    return render(
        request,
        "meetings/agenda.html",
        {
            "meeting": meeting,
            "items": items,
            "standing": standing,
            "offers": selectors.forward_plan_offers(meeting),
            "moved": moved,
        },
    )


def _handle(request, meeting):
    """Applies one change from the builder's forms. Returns the moved item (and
    where it went) for the htmx response, or None."""
    if "move" in request.POST:
        moving, direction = posted_move(request)
        item = load_item(request, meeting, moving)
        services.agenda_item_move(item=item, direction=direction, acting_user=request.user)
        return {"uuid": str(item.uuid), "direction": direction}
    if "add_standing" in request.POST:
        chosen = set(request.POST.getlist("standing"))
        standing = [
            s
            for s in StandingItem.objects.for_partnership(request.partnership).filter(
                board=meeting.board
            )
            if str(s.uuid) in chosen
        ]
        services.agenda_add_standing_items(
            meeting=meeting, standing=standing, acting_user=request.user
        )
        if standing:
            messages.success(request, _added(len(standing)))
    if "add_planned" in request.POST:
        chosen = set(request.POST.getlist("planned"))
        plans = [p for p in selectors.forward_plan_offers(meeting) if str(p.uuid) in chosen]
        services.agenda_add_from_forward_plan(
            meeting=meeting, plan_items=plans, acting_user=request.user
        )
        if plans:
            messages.success(request, _added(len(plans)))
    return None


def _added(count):
    return f"{count} item{'s' if count != 1 else ''} added to the agenda"


def item_create(request, meeting_uuid):
    meeting = load_meeting(request, meeting_uuid)
    refuse_unless(can_plan_meetings(request.membership))
    form = AgendaItemForm(posted(request), partnership=request.partnership, meeting=meeting)
    if form.is_valid():
        try:
            item = services.agenda_item_create(
                meeting=meeting,
                acting_user=request.user,
                after=form.cleaned_data["after"],
                **form.service_fields(),
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, f"Item {item} added")
            return redirect(meeting.url("agenda"))
    return render(request, "meetings/item_form.html", {"form": form, "meeting": meeting})


def item_edit(request, meeting_uuid, item_uuid):
    meeting = load_meeting(request, meeting_uuid)
    refuse_unless(can_plan_meetings(request.membership))
    item = load_item(request, meeting, item_uuid)
    if request.method == "POST" and "remove" in request.POST:
        try:
            services.agenda_item_remove(item=item, acting_user=request.user)
        except ValidationError as error:
            messages.error(request, error.messages[0])
            return redirect(meeting.url("item-edit", item_uuid=item.uuid))
        messages.success(request, f"{item} removed from the agenda")
        return redirect(meeting.url("agenda"))
    form = AgendaItemForm(
        posted(request), instance=item, partnership=request.partnership, meeting=meeting
    )
    if form.is_valid():
        try:
            services.agenda_item_update(
                item=item, acting_user=request.user, **form.service_fields()
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, f"Item {item} updated")
            return redirect(meeting.url("agenda"))
    return render(
        request, "meetings/item_form.html", {"form": form, "meeting": meeting, "item": item}
    )

"""Approval of minutes by the chair or the independent chair, amendments to
approved minutes, and their publication."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render

from govuk.dates import day
from partnership.permissions import refuse_unless
from partnership.views.common import posted

from .. import minutes as services
from .. import selectors
from ..forms import AmendmentForm, ApprovalForm
from ..loaders import load_meeting, parse_uuid
from ..models import AgendaItem, Meeting
from ..permissions import can_chair, can_manage_meetings, can_record_amendment, is_board_chair
from .common import confirm


def _approval_item(request, meeting):
    """The agenda item of the board's next meeting that agrees these minutes:
    the one named in the request, or the next meeting's "previous minutes" item."""
    items = AgendaItem.objects.for_partnership(request.partnership).filter(
        meeting__board=meeting.board, meeting__date__gt=meeting.date
    )
    chosen = request.POST.get("at") or request.GET.get("at")
    if chosen:
        return items.filter(uuid=parse_uuid(chosen, "at")).select_related("meeting").first()
    return (
        items.filter(kind=AgendaItem.Kind.PREVIOUS_MINUTES)
        .select_related("meeting")
        .order_by("meeting__date")
        .first()
    )


def minutes_approve(request, meeting_uuid):
    meeting = load_meeting(request, meeting_uuid)
    refuse_unless(can_chair(request.membership, meeting.board))
    at_item = _approval_item(request, meeting)
    form = ApprovalForm(posted(request))
    if form.is_valid():
        chair = is_board_chair(request.membership, meeting.board)
        capacity = "Chair" if chair else "Independent chair"
        try:
            services.minutes_approve(
                meeting=meeting,
                acting_user=request.user,
                capacity=capacity,
                amendment=form.cleaned_data["amendment"],
                at_item=at_item,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, f"Minutes of the meeting on {day(meeting.date)} approved")
            return redirect(meeting)
    return render(
        request,
        "meetings/minutes_approve.html",
        {"meeting": meeting, "form": form, "at_item": at_item},
    )


def minutes_amend(request, meeting_uuid):
    meeting = load_meeting(request, meeting_uuid)
    refuse_unless(can_record_amendment(request.membership, meeting.board))
    items = selectors.visible_items(meeting, request.membership)
    form = AmendmentForm(posted(request), items=items)
    if form.is_valid():
        try:
            services.minutes_amend(
                meeting=meeting,
                item=form.cleaned_data["item"],
                text=form.cleaned_data["text"],
                acting_user=request.user,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, "Amendment recorded with the minutes")
            return redirect(meeting)
    return render(request, "meetings/minutes_amend.html", {"meeting": meeting, "form": form})


def minutes_publish(request, meeting_uuid):
    meeting = load_meeting(request, meeting_uuid)
    refuse_unless(can_manage_meetings(request.membership))
    return confirm(
        request,
        "meetings/minutes_publish.html",
        {"meeting": meeting, "approved": meeting.status == Meeting.Status.MINUTES_APPROVED},
        act=lambda: services.minutes_publish(meeting=meeting, acting_user=request.user),
        done="Minutes published",
    )

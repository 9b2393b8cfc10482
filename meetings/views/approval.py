"""The minutes' way to approval: submitted by the minute taker or the business
unit, approved by the chair or the independent chair (at a meeting that has
taken place, or outside one) or returned with comments; amendments to
approved minutes, and their publication."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render

from govuk.dates import day
from partnership.permissions import refuse_unless
from partnership.views.common import posted

from .. import minutes as services
from .. import selectors
from ..forms import AmendmentForm, ApprovalForm, ReturnMinutesForm
from ..loaders import load_meeting
from ..models import Meeting
from ..permissions import (
    can_chair,
    can_manage_meetings,
    can_record_amendment,
    can_record_minutes,
    is_board_chair,
)
from .common import confirm


def minutes_submit(request, meeting_uuid):
    """A confirmation, then the draft goes to the chair's list."""
    meeting = load_meeting(request, meeting_uuid)
    refuse_unless(can_record_minutes(request.membership))
    return confirm(
        request,
        "meetings/minutes_submit.html",
        {"meeting": meeting},
        act=lambda: services.minutes_submit(meeting=meeting, acting_user=request.user),
        done="Minutes submitted for approval",
    )


def minutes_return(request, meeting_uuid):
    meeting = load_meeting(request, meeting_uuid)
    refuse_unless(can_chair(request.membership, meeting.board))
    form = ReturnMinutesForm(posted(request))
    if form.is_valid():
        try:
            services.minutes_return(
                meeting=meeting, comments=form.cleaned_data["comments"], acting_user=request.user
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, "Minutes returned to the minute taker with your comments")
            return redirect(meeting)
    return render(request, "meetings/minutes_return.html", {"meeting": meeting, "form": form})


def minutes_approve(request, meeting_uuid):
    meeting = load_meeting(request, meeting_uuid)
    refuse_unless(can_chair(request.membership, meeting.board))
    form = ApprovalForm(posted(request), meetings=services.approval_meetings(meeting))
    if form.is_valid():
        chair = is_board_chair(request.membership, meeting.board)
        capacity = "Chair" if chair else "Independent chair"
        data = form.cleaned_data
        try:
            services.minutes_approve(
                meeting=meeting,
                acting_user=request.user,
                capacity=capacity,
                amendment=data["amendment"],
                at_meeting=data["at_meeting"],
                approved_on=data["approved_on"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, f"Minutes of the meeting on {day(meeting.date)} approved")
            return redirect(meeting)
    return render(
        request,
        "meetings/minutes_approve.html",
        {
            "meeting": meeting,
            "form": form,
            "submitted": meeting.status == Meeting.Status.MINUTES_SUBMITTED,
        },
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

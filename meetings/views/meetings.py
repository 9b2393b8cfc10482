"""Meetings: the list, planning one, its page and publishing its agenda."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render

from govuk.dates import day
from govuk.pagination import paginate
from partnership.permissions import refuse_unless, visible_boards
from partnership.views.common import posted

from .. import selectors, services
from ..forms import AttendanceReportForm, MeetingForm
from ..loaders import load_meeting
from ..permissions import can_plan_meetings
from .common import confirm


def meeting_list(request):
    boards = list(visible_boards(request.membership).filter(is_active=True))
    chosen = next((b for b in boards if str(b.uuid) == request.GET.get("board")), None)
    meetings = list(selectors.meetings_for(request.membership, board=chosen))
    upcoming, past = selectors.split_upcoming(meetings)
    return render(
        request,
        "meetings/meeting_list.html",
        {
            "boards": boards,
            "chosen_board": chosen,
            "upcoming": upcoming,
            "past": paginate(request, past),
        },
    )


def meeting_create(request):
    refuse_unless(can_plan_meetings(request.membership))
    initial = {}
    board_uuid = request.GET.get("board")
    if board_uuid:
        board = next(
            (b for b in visible_boards(request.membership) if str(b.uuid) == board_uuid), None
        )
        if board is not None:
            initial["board"] = board
            settings = selectors.meeting_settings(board)
            if settings and settings.default_venue:
                initial["venue"] = settings.default_venue
    form = MeetingForm(posted(request), partnership=request.partnership, initial=initial)
    if form.is_valid():
        data = dict(form.cleaned_data)
        meeting = services.meeting_create(board=data.pop("board"), acting_user=request.user, **data)
        messages.success(request, f"Meeting planned for {day(meeting.date)}")
        return redirect(meeting)
    return render(request, "meetings/meeting_form.html", {"form": form})


def meeting_detail(request, meeting_uuid):
    meeting = load_meeting(request, meeting_uuid)
    may = request.can.on(meeting)
    context = selectors.minutes_context(meeting, include_confidential=may.see_confidential)
    for item in context["items"]:
        item.may = request.can.on(item)
    attendance = context["attendance"]
    return render(
        request,
        "meetings/meeting_detail.html",
        {
            **context,
            "may": may,
            "quorum": selectors.quorum(meeting, attendance),
            "has_minutes": any(
                getattr(item, "minutes", None) and item.minutes.version for item in context["items"]
            ),
        },
    )


def meeting_edit(request, meeting_uuid):
    meeting = load_meeting(request, meeting_uuid)
    refuse_unless(can_plan_meetings(request.membership))
    form = MeetingForm(posted(request), instance=meeting, partnership=request.partnership)
    if form.is_valid():
        try:
            services.meeting_update(
                meeting=meeting, acting_user=request.user, **_fields(form.cleaned_data)
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, "Meeting details updated")
            return redirect(meeting)
    return render(request, "meetings/meeting_form.html", {"form": form, "meeting": meeting})


def _fields(data):
    return {name: data[name] for name in services.MEETING_FIELDS if name in data}


def agenda_publish(request, meeting_uuid):
    """A confirmation page, then the agenda goes out."""
    meeting = load_meeting(request, meeting_uuid)
    refuse_unless(can_plan_meetings(request.membership))
    return confirm(
        request,
        "meetings/agenda_publish.html",
        {"meeting": meeting},
        act=lambda: services.agenda_publish(meeting=meeting, acting_user=request.user),
        done="Agenda published",
    )


def attendance_report(request):
    """Attendance by agency over a period, for the annual report."""
    form = AttendanceReportForm(request.GET if "start_day" in request.GET else None)
    rows = None
    if form.is_bound and form.is_valid():
        rows = selectors.agency_attendance(
            request.partnership,
            boards=visible_boards(request.membership),
            start=form.cleaned_data["start"],
            end=form.cleaned_data["end"],
        )
    return render(request, "meetings/attendance_report.html", {"form": form, "rows": rows})

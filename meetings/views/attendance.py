"""Attendance: everyone listed for a meeting marked present, apologies, absent
or in attendance; deputies and guests added by name; the quorum checked."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils import timezone

from partnership.permissions import refuse_unless
from partnership.views.common import posted

from .. import selectors, services
from ..forms import AttendanceForm, AttendeeAddForm, InitialsForm
from ..loaders import load_attendance, load_meeting, posted_uuid
from ..models import Attendance
from ..permissions import can_record_minutes


def attendance_rows(meeting):
    """Everyone listed, then current board members not yet listed."""
    listed = selectors.attendance_list(meeting)
    rows = [
        {
            "person": row.person,
            "is_member": row.is_member,
            "status": row.status,
            "note": row.note,
            "attendance": row,
            "organisation": selectors.attendee_organisation(row),
        }
        for row in listed
    ]
    rows += [
        {
            "person": seat.person,
            "is_member": seat.role not in services.MEMBERS_IN_ATTENDANCE,
            "status": Attendance.Status.EXPECTED,
            "note": "",
            "attendance": None,
            "organisation": selectors.attendee_organisation(seat),
        }
        for seat in selectors.unlisted_seats(meeting, listed)
    ]
    return rows, listed


def attendance_panel_context(meeting, form=None):
    rows, listed = attendance_rows(meeting)
    add_form = AttendeeAddForm(meeting=meeting)
    selectors.minutes_initials(listed)
    return {
        "initials_clashes": selectors.initials_clashes(listed),
        "meeting": meeting,
        "form": form or AttendanceForm(rows=rows),
        "add_form": add_form,
        "quorum": selectors.quorum(meeting, listed),
    }


def _back(request, meeting):
    """Back to the minuting screen when the form was there, else attendance."""
    if request.POST.get("next") == "minutes":
        return redirect(meeting.url("minutes") + "#attendance")
    return redirect(meeting.url("attendance"))


def attendance(request, meeting_uuid):
    meeting = load_meeting(request, meeting_uuid)
    refuse_unless(can_record_minutes(request.membership))
    if request.method == "POST" and "remove" in request.POST:
        row = load_attendance(request, meeting, posted_uuid(request, "remove"))
        try:
            services.attendance_remove(attendance=row, acting_user=request.user)
        except ValidationError as error:
            messages.error(request, error.messages[0])
        else:
            messages.success(request, f"{row.person} taken off the list")
        return _back(request, meeting)
    rows, _ = attendance_rows(meeting)
    form = AttendanceForm(posted(request), rows=rows)
    if form.is_valid():
        try:
            services.attendance_record(
                meeting=meeting,
                statuses=form.statuses(),
                notes=form.notes(),
                acting_user=request.user,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            if not request.htmx:
                messages.success(request, "Attendance saved")
                return _back(request, meeting)
            form = None  # the panel shows the saved state
    template = "meetings/_attendance_panel.html" if request.htmx else "meetings/attendance.html"
    context = attendance_panel_context(meeting, form=form)
    context["saved"] = request.method == "POST" and form is None
    context["saved_at"] = timezone.now()
    # The minuting screen's panel (fetched by it) returns there without JavaScript.
    context["in_minutes"] = "minutes" in (request.GET.get("in"), request.POST.get("next"))
    # There its first fetch brings the form to add a deputy or guest, which
    # the attendance page shows below the panel; saving the panel leaves it be.
    context["add_in_panel"] = (
        bool(request.htmx) and context["in_minutes"] and request.method == "GET"
    )
    return render(request, template, context)


def attendance_initials(request, meeting_uuid):
    """The initials these minutes print for each attendee: disambiguated by
    themselves when two clash, changed here by the minute taker."""
    meeting = load_meeting(request, meeting_uuid)
    refuse_unless(can_record_minutes(request.membership))
    listed = selectors.attendance_list(meeting)
    selectors.minutes_initials(listed)
    form = InitialsForm(posted(request), attendance=listed)
    if form.is_valid():
        try:
            for row, initials in form.initials():
                services.attendance_initials(
                    attendance=row, initials=initials, acting_user=request.user
                )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, "Initials saved")
            return _back(request, meeting)
    return render(
        request,
        "meetings/attendance_initials.html",
        {
            "meeting": meeting,
            "form": form,
            "initials_clashes": selectors.initials_clashes(listed),
        },
    )


def attendee_add(request, meeting_uuid):
    meeting = load_meeting(request, meeting_uuid)
    refuse_unless(can_record_minutes(request.membership))
    form = AttendeeAddForm(posted(request), meeting=meeting)
    if form.is_valid():
        data = form.cleaned_data
        try:
            row = services.attendance_add(
                meeting=meeting,
                person=data["person"],
                new_name=data["name"],
                new_job_title=data["job_title"],
                status=data["status"],
                on_behalf_of=data["on_behalf_of"],
                note=data["note"],
                acting_user=request.user,
            )
        except ValidationError as error:
            form.add_error("name", error)
        else:
            messages.success(request, f"{row.person} added to the attendance")
            return _back(request, meeting)
    return render(
        request,
        "meetings/attendee_form.html",
        {"form": form, "meeting": meeting},
    )

"""PDFs and calendar files of a meeting. Each shows only what the member may
see: observers' documents leave confidential items out."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone

from audit.log import record
from documents.render import file_response, pdf_response
from documents.services import document_request
from govuk.dates import day
from partnership.loaders import load_board
from partnership.permissions import can_view_sensitive

from .. import calendar, documents, selectors, services
from ..loaders import load_meeting


def _filename(meeting, what):
    return f"{meeting.board.label} {what} {meeting.date:%Y-%m-%d}.pdf"


def _in_background(request, meeting, kind, title, filename, *, public=False):
    """Queues the document and sends the member to its page, which shows its
    progress and then the download."""
    job = document_request(
        partnership=request.partnership,
        kind=kind,
        title=title,
        params={"meeting": str(meeting.uuid), "public": public, "filename": filename},
        acting_user=request.user,
    )
    return redirect(job)


def minutes_pdf(request, meeting_uuid):
    meeting = load_meeting(request, meeting_uuid)
    full = can_view_sensitive(request.membership)
    filename = _filename(meeting, "minutes" if full else "minutes (public)")
    if documents.minutes_in_background(meeting):
        title = f"Minutes of the {meeting.board.name}, {day(meeting.date)}"
        return _in_background(request, meeting, "meetings.minutes_pdf", title, filename)
    pdf = documents.minutes_pdf(meeting, include_confidential=full)
    return pdf_response(pdf, filename)


def minutes_public_pdf(request, meeting_uuid):
    """The version for publication: confidential items left out."""
    meeting = load_meeting(request, meeting_uuid)
    filename = _filename(meeting, "minutes (public)")
    if documents.minutes_in_background(meeting):
        title = f"Public minutes of the {meeting.board.name}, {day(meeting.date)}"
        return _in_background(
            request, meeting, "meetings.minutes_pdf", title, filename, public=True
        )
    pdf = documents.minutes_pdf(meeting, include_confidential=False)
    return pdf_response(pdf, filename)


def agenda_pdf(request, meeting_uuid):
    meeting = load_meeting(request, meeting_uuid)
    full = can_view_sensitive(request.membership)
    return pdf_response(
        documents.agenda_pdf(meeting, include_confidential=full), _filename(meeting, "agenda")
    )


def meeting_pack(request, meeting_uuid):
    meeting = load_meeting(request, meeting_uuid)
    full = can_view_sensitive(request.membership)
    if documents.pack_in_background(meeting):
        title = f"Meeting pack of the {meeting.board.name}, {day(meeting.date)}"
        response = _in_background(
            request, meeting, "meetings.pack_pdf", title, _filename(meeting, "pack")
        )
    else:
        response = pdf_response(
            documents.meeting_pack(meeting, include_confidential=full),
            _filename(meeting, "pack"),
        )
    if full and meeting.items.filter(is_confidential=True).exists():
        record(
            "paper.downloaded",
            request=request,
            obj=meeting,
            detail="Meeting pack with its confidential items",
        )
    return response


def _ics_response(body, filename):
    return file_response(body, filename, "text/calendar; charset=utf-8")


def meeting_ics(request, meeting_uuid):
    meeting = load_meeting(request, meeting_uuid)
    body = calendar.meeting_ics(meeting, request.build_absolute_uri(meeting.get_absolute_url()))
    return _ics_response(body, f"meeting-{meeting.date:%Y-%m-%d}.ics")


def board_calendar(request, board_uuid):
    """The board's meetings from a year ago on, as one calendar file."""
    board = load_board(request, board_uuid)
    since = timezone.localdate().replace(day=1, month=1, year=timezone.localdate().year - 1)
    meetings = (
        selectors.meetings_for(request.membership, board=board)
        .filter(date__gte=since)
        .order_by("date")
    )
    body = calendar.board_ics(
        board, meetings, lambda m: request.build_absolute_uri(m.get_absolute_url())
    )
    return _ics_response(body, f"{board.label} meetings.ics".replace("/", "-"))


def calendar_subscribe(request, board_uuid):
    """The member's own link for subscribing a calendar app to the board's
    meetings, and the way to replace it if it has been shared."""
    board = load_board(request, board_uuid)
    reset = request.method == "POST"
    token = services.calendar_feed_token(user=request.user, reset=reset)
    if reset:
        messages.success(
            request, "Your calendar links have been replaced. Old ones no longer work."
        )
        return redirect(request.path)
    feed_url = request.build_absolute_uri(
        reverse("calendar-feed", kwargs={"token": token, "board_uuid": board.uuid})
    )
    return render(
        request, "meetings/calendar_subscribe.html", {"board": board, "feed_url": feed_url}
    )

"""Loading meetings, items and papers for a request: always through the
partnership's scoped querysets, refusing (403) what the member's role does not
allow, and answering 404 for confidential records they may not see, as for
another partnership's objects."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render

from partnership.models import Board
from partnership.permissions import can_view_board

from ..models import AgendaItem, Meeting, Paper
from ..permissions import MeetingCapabilities, can_view_item, can_view_meeting
from ..selectors import load_meeting


def get_meeting(request, meeting_uuid):
    meeting = get_object_or_404(
        load_meeting(Meeting.objects.for_partnership(request.partnership)), uuid=meeting_uuid
    )
    if not can_view_meeting(request.membership, meeting):
        raise PermissionDenied
    return meeting


def get_item(request, meeting, item_uuid):
    item = get_object_or_404(
        AgendaItem.objects.for_partnership(request.partnership)
        .filter(meeting=meeting)
        .select_related("presenter"),
        uuid=item_uuid,
    )
    item.meeting = meeting
    if not can_view_item(request.membership, item):
        raise Http404("No such item")
    return item


def get_paper(request, meeting, paper_uuid):
    paper = get_object_or_404(
        Paper.objects.for_partnership(request.partnership)
        .filter(item__meeting=meeting)
        .select_related("item"),
        uuid=paper_uuid,
    )
    paper.item.meeting = meeting
    if not can_view_item(request.membership, paper.item):
        raise Http404("No such paper")
    return paper


def get_board(request, board_uuid):
    board = get_object_or_404(Board.objects.for_partnership(request.partnership), uuid=board_uuid)
    if not can_view_board(request.membership, board):
        raise PermissionDenied
    return board


def capabilities(request, meeting):
    return MeetingCapabilities(request.membership, meeting)


def refuse_unless(allowed):
    if not allowed:
        raise PermissionDenied


def posted(request):
    """The POST data, or None for a GET (forms keep what was typed)."""
    return request.POST if request.method == "POST" else None


def confirm(request, template, context, *, act, done):
    """A confirmation page whose POST calls `act()`: done, it goes back to the
    meeting with the message `done`; refused (ValidationError), the page says why."""
    error = None
    if request.method == "POST":
        try:
            act()
        except ValidationError as problem:
            error = problem.messages[0]
        else:
            messages.success(request, done)
            return redirect(context["meeting"])
    return render(request, template, {**context, "error": error})

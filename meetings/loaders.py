"""Loading meetings and what hangs off them for a request: inside the
partnership, and 404 for anything the member may not see (a meeting of a board
they do not sit on; a confidential item, its papers and plans, for those who may
not see sensitive material), exactly as for another partnership's records."""

import uuid

from django.core.exceptions import BadRequest
from django.http import Http404

from partnership.loaders import load
from partnership.permissions import can_view_sensitive, hide_unless

from . import selectors
from .models import AgendaItem, Attendance, ForwardPlanItem, Meeting, Paper, StandingItem
from .permissions import can_view_item, can_view_meeting


def load_meeting(request, meeting_uuid):
    return load(
        request,
        Meeting.objects.select_related("board", "partnership", "approval"),
        visible=can_view_meeting,
        uuid=meeting_uuid,
    )


def load_item(request, meeting, item_uuid):
    item = load(
        request,
        AgendaItem.objects.filter(meeting=meeting).select_related("presenter"),
        uuid=item_uuid,
    )
    item.meeting = meeting
    return _visible_item(request, item)


def load_paper(request, meeting, paper_uuid):
    paper = load(
        request,
        Paper.objects.filter(item__meeting=meeting).select_related("item"),
        uuid=paper_uuid,
    )
    paper.item.meeting = meeting
    _visible_item(request, paper.item)
    return paper


def _visible_item(request, item):
    hide_unless(can_view_item(request.membership, item), "No such item")
    return item


def load_attendance(request, meeting, attendance_uuid):
    return load(
        request,
        Attendance.objects.filter(meeting=meeting).select_related("person"),
        uuid=attendance_uuid,
    )


def load_plan_item(request, board, plan_uuid):
    plans = ForwardPlanItem.objects.filter(board=board)
    if not can_view_sensitive(request.membership):
        plans = plans.filter(is_confidential=False)
    return load(request, plans, uuid=plan_uuid)


def load_standing_item(request, board, standing_uuid):
    return load(request, StandingItem.objects.filter(board=board), uuid=standing_uuid)


def load_standing_ref(request, board, ref):
    """A standing item as the board's settings page names it (`StandingItem.ref`):
    one of the board's own, or a default (unsaved) while the board has none of
    its own; 404 for a default once it has (a page from before they changed)."""
    if not ref.startswith("default-"):
        return load_standing_item(request, board, parse_uuid(ref, "standing item"))
    if selectors.standing_items(board):
        raise Http404("The board has its own standing items now")
    defaults = {str(item.position): item for item in selectors.default_standing_items(board)}
    item = defaults.get(ref.removeprefix("default-"))
    if item is None:
        raise Http404("No such standing item")
    return item


def posted_uuid(request, name):
    """A UUID the page posts in a field (a row to remove): a malformed one is a
    bad request (400), never a server error."""
    return parse_uuid(request.POST.get(name, ""), name)


def posted_move(request):
    """(uuid, "up" or "down") from a move button's value "<uuid>:<direction>";
    anything else a browser could send is a bad request (400)."""
    value, direction = posted_move_ref(request)
    return parse_uuid(value, "move"), direction


def posted_move_ref(request):
    """(what to move, "up" or "down") from a move button's value "<ref>:<direction>"."""
    value, _, direction = request.POST.get("move", "").partition(":")
    if direction not in ("up", "down"):
        raise BadRequest("move must say up or down")
    return value, direction


def parse_uuid(value, name):
    """A UUID from the request: a malformed one is a bad request (400)."""
    try:
        return uuid.UUID(value)
    except ValueError:
        raise BadRequest(f"{name} is not a valid id") from None

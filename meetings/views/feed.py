"""The calendar feed a calendar app subscribes to: /calendar/<token>/<board>.ics.

Outside /p/<slug>/ because a calendar app has no session; the token stands for
the user, and every request checks again that they are an active member who may
see the board. Any failure is the same 404, revealing nothing."""

from django.http import Http404
from django.utils import timezone
from django.views.decorators.http import require_GET

from partnership.models import Board
from partnership.permissions import can_view_board
from partnership.selectors import memberships_for_user
from partnership.tenancy import in_partnership

from .. import calendar, selectors
from ..models import CalendarFeedToken
from .documents import _ics_response


@require_GET
def calendar_feed(request, token, board_uuid):
    found = (
        CalendarFeedToken.objects.select_related("user")
        .filter(token=token, user__is_active=True)
        .first()
    )
    if found is None:
        raise Http404
    # The token's user, inside each partnership they belong to in turn: the
    # feed never reads across partnerships.
    for membership in memberships_for_user(found.user):
        with in_partnership(membership.partnership):
            board = Board.objects.select_related("partnership").filter(uuid=board_uuid).first()
            if board is None:
                continue
            if not can_view_board(membership, board):
                raise Http404
            today = timezone.localdate()
            since = today.replace(day=1, month=1, year=today.year - 1)
            meetings = list(
                selectors.meetings_for(membership, board=board)
                .filter(date__gte=since)
                .order_by("date")
            )
            body = calendar.board_ics(
                board, meetings, lambda m: request.build_absolute_uri(m.get_absolute_url())
            )
        response = _ics_response(body, f"{board.label} meetings.ics".replace("/", "-"))
        response["Cache-Control"] = "private, max-age=900"
        return response
    raise Http404

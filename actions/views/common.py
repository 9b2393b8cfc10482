import uuid

from partnership.models import Board
from partnership.permissions import can_view_board


def board_from_query(request):
    """The board named by ?board=<uuid> (to preselect it), if the member may view
    it; None otherwise (a preselection, never a refusal)."""
    try:
        board_uuid = uuid.UUID(request.GET.get("board", ""))
    except ValueError:
        return None
    board = Board.objects.for_partnership(request.partnership).filter(uuid=board_uuid).first()
    if board is None or not can_view_board(request.membership, board):
        return None
    return board

"""What the meetings services share: frozen minutes, moving a meeting on,
swapping two rows' positions."""

from django.core.exceptions import ValidationError


class MinutesFrozen(ValidationError):
    """Approved minutes (and their meeting's agenda and attendance) never change
    in place."""

    def __init__(self, message="The minutes have been approved: record an amendment instead"):
        super().__init__(message, code="frozen")


def refuse_if_frozen(meeting):
    if meeting.minutes_frozen:
        raise MinutesFrozen


def advance(meeting, status):
    """Moves the meeting forward to `status` (never back)."""
    if not meeting.reached(status):
        meeting.status = status
        meeting.save(update_fields=["status", "updated_at"])


def swap_positions(rows, row, direction):
    """Swaps `row`'s position with its neighbour's in `rows` (locked). False at
    either end."""
    rows = list(rows.select_for_update().order_by("position"))
    index = next(i for i, other in enumerate(rows) if other.pk == row.pk)
    other_index = index - 1 if direction == "up" else index + 1
    if direction not in {"up", "down"} or not 0 <= other_index < len(rows):
        return False
    this, other = rows[index], rows[other_index]
    this.position, other.position = other.position, this.position
    this.save(update_fields=["position", "updated_at"])
    other.save(update_fields=["position", "updated_at"])
    return True

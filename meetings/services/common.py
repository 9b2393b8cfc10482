"""What the meetings services share: frozen minutes, moving a meeting on,
minutes changed after submission, swapping two rows' positions."""

from django.core.exceptions import ValidationError

from partnership.models import Person

from ..models import Meeting, MinutesTransition


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


def name_of(user, partnership_id):
    """How the partnership names this user: their Person here, else their login."""
    if user is None:
        return "The system"
    person = Person.objects.for_partnership(partnership_id).filter(user=user).first()
    return person.full_name if person else (user.get_full_name() or user.email)


def minutes_transition(meeting, kind, acting_user, comments=""):
    return MinutesTransition.objects.create(
        meeting=meeting,
        partnership_id=meeting.partnership_id,
        kind=kind,
        by=acting_user,
        by_name=name_of(acting_user, meeting.partnership_id),
        comments=comments,
    )


def minutes_changed(meeting, acting_user):
    """Any change to minutes submitted for approval returns them to draft: the
    chair must not approve a text that moved under them. Recorded as a step
    in their history. Returns whether they went back."""
    current = Meeting.objects.select_for_update().filter(pk=meeting.pk).first()
    if current is None or current.status != Meeting.Status.MINUTES_SUBMITTED:
        return False
    current.status = meeting.status = Meeting.Status.MINUTES_DRAFT
    current.save(update_fields=["status", "updated_at"])
    minutes_transition(current, MinutesTransition.Kind.REOPENED, acting_user)
    return True


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

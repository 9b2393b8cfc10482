"""Writes for minutes: recording each item (with optimistic locking), actions
raised and reviewed in them, their life from draft to submitted to approved
(or returned with comments), amendments and publication. Each is one
transaction and takes the acting user.

Lifecycle: draft -> submitted (by the minute taker or the business unit) ->
approved by the chair, or returned to draft with comments. Any change to
submitted minutes puts them back in draft (services.minutes_changed), so a
chair never approves a text that moved after it was sent. Every step is a
MinutesTransition: who, when, and the comments.

Locking: every ItemMinutes row has a version. A save names the version it was
typed over; if someone else saved in between, MinutesConflict carries their
text and nothing is overwritten. A save that changes nothing always succeeds.
The meeting row is locked too, so a save and an approval never interleave:
approved minutes are frozen."""

from django.core.exceptions import ValidationError
from django.utils import timezone

from partnership.writes import service

from . import action_log, richtext
from .limits import DECISIONS_LIMIT, NOTE_LIMIT, discussion_too_long, too_long
from .models import (
    AgendaItem,
    ItemMinutes,
    Meeting,
    MinutesAmendment,
    MinutesApproval,
    MinutesTransition,
)
from .services import (
    advance,
    agenda_item_create,
    minutes_changed,
    minutes_transition,
    name_of,
    refuse_if_frozen,
)


class MinutesConflict(Exception):
    """Someone else saved this item since the version the user typed over."""

    def __init__(self, current):
        super().__init__("The minutes of this item were changed by someone else")
        self.current = current


def _lock_meeting(meeting):
    locked = Meeting.objects.select_for_update().get(pk=meeting.pk)
    meeting.status = locked.status
    return meeting


@service
def item_minutes_save(*, item, discussion, decisions, version, acting_user):
    """Saves an item's discussion (cleaned HTML) and decisions over `version`.
    Returns (minutes, changed). Raises MinutesConflict or MinutesFrozen."""
    meeting = _lock_meeting(item.meeting)
    refuse_if_frozen(meeting)
    AgendaItem.objects.select_for_update().filter(pk=item.pk).exists()
    minutes = ItemMinutes.objects.filter(item=item).first()
    discussion = richtext.clean(discussion)
    decisions = "\n".join(line.rstrip() for line in (decisions or "").strip().splitlines())
    check_minutes_size(discussion=discussion, decisions=decisions)
    if minutes is not None and (minutes.discussion, minutes.decisions) == (discussion, decisions):
        return minutes, False
    if minutes is None and not (discussion or decisions):
        return ItemMinutes(item=item, partnership=item.partnership), False
    current = minutes.version if minutes is not None else 0
    if version != current:
        raise MinutesConflict(minutes)
    if minutes is None:
        minutes = ItemMinutes(item=item)
    minutes.discussion = discussion
    minutes.decisions = decisions
    minutes.version = current + 1
    minutes.updated_by = acting_user
    minutes.save()
    advance(meeting, Meeting.Status.MINUTES_DRAFT)
    minutes_changed(meeting, acting_user)
    return minutes, True


def check_minutes_size(*, discussion, decisions):
    """The same limits as the form's, for whatever reaches the service."""
    error = discussion_too_long(discussion)
    if error:
        raise ValidationError(error, code="too_long")
    if len(decisions) > DECISIONS_LIMIT:
        raise ValidationError(too_long("The decisions", DECISIONS_LIMIT), code="too_long")


@service
def minutes_add_item(*, after, title, acting_user):
    """A numbered minute (2.1, 2.2...) added while minuting, just after `after`."""
    meeting = _lock_meeting(after.meeting)
    refuse_if_frozen(meeting)
    minutes_changed(meeting, acting_user)
    return agenda_item_create(
        meeting=meeting,
        acting_user=acting_user,
        after=after,
        title=title,
        numbering=AgendaItem.Numbering.SUB,
        is_confidential=after.is_confidential,
    )


@service
def minutes_raise_action(*, item, description, owners, due_date, acting_user):
    """An action raised at this item: it goes on the board's action log with
    origin "dd.mm.yy ref <item>"."""
    meeting = _lock_meeting(item.meeting)
    refuse_if_frozen(meeting)
    action = action_log.raise_action(
        item=item,
        description=description,
        owners=owners,
        due_date=due_date,
        acting_user=acting_user,
    )
    advance(meeting, Meeting.Status.MINUTES_DRAFT)
    minutes_changed(meeting, acting_user)
    return action


@service
def minutes_review_action(*, meeting, action, acting_user, text="", status=None, rag=None):
    """A quick update to one of the board's open actions, given while the
    meeting reviews its action log."""
    meeting = _lock_meeting(meeting)
    refuse_if_frozen(meeting)
    if not (text or status or rag):
        raise ValidationError("Enter an update, or change the status or RAG")
    update = action_log.add_update(
        action=action,
        acting_user=acting_user,
        text=text,
        status=status or None,
        rag=rag or None,
        rag_reason=text if rag else "",
    )
    advance(meeting, Meeting.Status.MINUTES_DRAFT)
    minutes_changed(meeting, acting_user)
    return update


@service
def minutes_submit(*, meeting, acting_user):
    """Sends draft minutes to the chair for approval: from now on they are on
    the approvers' lists, until approved, returned, or changed."""
    meeting = _lock_meeting(meeting)
    refuse_if_frozen(meeting)
    if meeting.status == Meeting.Status.MINUTES_SUBMITTED:
        raise ValidationError("These minutes have already been submitted for approval")
    if not meeting.reached(Meeting.Status.HELD):
        raise ValidationError("Record the meeting's attendance or minutes before submitting them")
    meeting.status = Meeting.Status.MINUTES_SUBMITTED
    meeting.save(update_fields=["status", "updated_at"])
    return minutes_transition(meeting, MinutesTransition.Kind.SUBMITTED, acting_user)


@service
def minutes_return(*, meeting, comments, acting_user):
    """The approver sends submitted minutes back to draft, saying why: the
    minute taker sees the comments on the minuting screen and the meeting page."""
    meeting = _lock_meeting(meeting)
    if meeting.status != Meeting.Status.MINUTES_SUBMITTED:
        raise ValidationError("Only minutes submitted for approval can be returned")
    comments = comments.strip()
    if not comments:
        raise ValidationError("Enter what needs to change")
    if len(comments) > NOTE_LIMIT:
        raise ValidationError(too_long("The comments", NOTE_LIMIT))
    meeting.status = Meeting.Status.MINUTES_DRAFT
    meeting.save(update_fields=["status", "updated_at"])
    return minutes_transition(meeting, MinutesTransition.Kind.RETURNED, acting_user, comments)


def approval_meetings(meeting, *, today=None):
    """The board's meetings at which these minutes may be said to have been
    approved: held after this one, and not in the future; the next one first
    (where minutes are usually agreed)."""
    today = today or timezone.localdate()
    return (
        Meeting.objects.for_partnership(meeting.partnership_id)
        .filter(board=meeting.board_id, date__gt=meeting.date, date__lte=today)
        .order_by("date", "start_time")
    )


@service
def minutes_approve(
    *, meeting, acting_user, capacity, amendment="", at_meeting=None, approved_on=None
):
    """Approves submitted minutes as a true and accurate record (optionally
    with an amendment, whose text is kept), at a meeting of the board that has
    taken place (`at_meeting`), or outside a meeting on `approved_on` (today,
    or a past date for back-filled minutes). From now on they are frozen."""
    meeting = _lock_meeting(meeting)
    if meeting.minutes_frozen:
        raise ValidationError("These minutes have already been approved")
    if meeting.status != Meeting.Status.MINUTES_SUBMITTED:
        raise ValidationError("Only minutes submitted for approval can be approved")
    today = timezone.localdate()
    at_item = None
    if at_meeting is not None:
        if not approval_meetings(meeting, today=today).filter(pk=at_meeting.pk).exists():
            raise ValidationError(
                "Minutes are approved at a later meeting of the same board that has taken place"
            )
        approved_on = at_meeting.date
        at_item = (
            AgendaItem.objects.for_partnership(meeting.partnership_id)
            .filter(meeting=at_meeting, kind=AgendaItem.Kind.PREVIOUS_MINUTES)
            .order_by("position")
            .first()
        )
    approved_on = approved_on or today
    if approved_on > today:
        raise ValidationError("The date of approval must be today or in the past")
    if approved_on < meeting.date:
        raise ValidationError("The minutes cannot be approved before the meeting took place")
    amendment = amendment.strip()
    if len(amendment) > NOTE_LIMIT:
        raise ValidationError(too_long("The amendment", NOTE_LIMIT))
    approval = MinutesApproval.objects.create(
        meeting=meeting,
        approved_by=acting_user,
        approver_name=name_of(acting_user, meeting.partnership_id),
        approver_capacity=capacity,
        approved_on=approved_on,
        amendment=amendment,
        at_item=at_item,
        at_meeting=at_meeting,
    )
    meeting.status = Meeting.Status.MINUTES_APPROVED
    meeting.save(update_fields=["status", "updated_at"])
    minutes_transition(meeting, MinutesTransition.Kind.APPROVED, acting_user, amendment)
    return approval


@service
def minutes_amend(*, meeting, text, acting_user, item=None):
    """Records a correction to approved minutes, shown with them."""
    meeting = _lock_meeting(meeting)
    if not meeting.minutes_frozen:
        raise ValidationError("The minutes are still a draft: change them directly")
    if len(text.strip()) > NOTE_LIMIT:
        raise ValidationError(too_long("The correction", NOTE_LIMIT))
    return MinutesAmendment.objects.create(
        meeting=meeting,
        item=item,
        text=text.strip(),
        recorded_by=acting_user,
        recorded_by_name=name_of(acting_user, meeting.partnership_id),
    )


@service
def minutes_publish(*, meeting, acting_user):
    """Marks approved minutes as published (the public version, without
    confidential items, may now be shared)."""
    meeting = _lock_meeting(meeting)
    if meeting.status != Meeting.Status.MINUTES_APPROVED:
        raise ValidationError("Only approved minutes can be published")
    meeting.status = Meeting.Status.PUBLISHED
    meeting.minutes_published_at = timezone.now()
    meeting.save(update_fields=["status", "minutes_published_at", "updated_at"])
    return meeting

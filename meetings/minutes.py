"""Writes for minutes: recording each item (with optimistic locking), actions
raised and reviewed in them, approval, amendments and publication. Each is one
transaction and takes the acting user.

Locking: every ItemMinutes row has a version. A save names the version it was
typed over; if someone else saved in between, MinutesConflict carries their
text and nothing is overwritten. A save that changes nothing always succeeds.
The meeting row is locked too, so a save and an approval never interleave:
approved minutes are frozen."""

from django.core.exceptions import ValidationError
from django.utils import timezone

from partnership.models import Person
from partnership.writes import service

from . import action_log, richtext
from .models import AgendaItem, ItemMinutes, Meeting, MinutesAmendment, MinutesApproval
from .services import advance, agenda_item_create, refuse_if_frozen


class MinutesConflict(Exception):
    """Someone else saved this item since the version the user typed over."""

    def __init__(self, current):
        super().__init__("The minutes of this item were changed by someone else")
        self.current = current


def name_of(user, partnership_id):
    """How the partnership names this user: their Person here, else their login."""
    person = Person.objects.for_partnership(partnership_id).filter(user=user).first()
    return person.full_name if person else (user.get_full_name() or user.email)


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
    return minutes, True


@service
def minutes_add_item(*, after, title, acting_user):
    """A numbered minute (2.1, 2.2...) added while minuting, just after `after`."""
    meeting = _lock_meeting(after.meeting)
    refuse_if_frozen(meeting)
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
    return update


@service
def minutes_approve(*, meeting, acting_user, capacity, amendment="", at_item=None):
    """Approves the minutes as a true and accurate record (optionally with an
    amendment). From now on they are frozen."""
    meeting = _lock_meeting(meeting)
    if meeting.minutes_frozen:
        raise ValidationError("These minutes have already been approved")
    if not meeting.reached(Meeting.Status.HELD):
        raise ValidationError("The meeting has not been held yet: there are no minutes to approve")
    if at_item is not None and at_item.meeting.board_id != meeting.board_id:
        raise ValidationError("Minutes are approved at a meeting of the same board")
    approval = MinutesApproval.objects.create(
        meeting=meeting,
        approved_by=acting_user,
        approver_name=name_of(acting_user, meeting.partnership_id),
        approver_capacity=capacity,
        approved_on=timezone.localdate(),
        amendment=amendment.strip(),
        at_item=at_item,
    )
    meeting.status = Meeting.Status.MINUTES_APPROVED
    meeting.save(update_fields=["status", "updated_at"])
    return approval


@service
def minutes_amend(*, meeting, text, acting_user, item=None):
    """Records a correction to approved minutes, shown with them."""
    meeting = _lock_meeting(meeting)
    if not meeting.minutes_frozen:
        raise ValidationError("The minutes are still a draft: change them directly")
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

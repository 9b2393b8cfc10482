"""Planning meetings, changing them, publishing the agenda; each user's calendar feed token."""

import secrets

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from simple_history.utils import bulk_create_with_history

from partnership.models import BoardMembership
from partnership.writes import service

from ..models import AgendaItem, Attendance, CalendarFeedToken, Meeting
from ..selectors import agenda_numbering, standing_items_in_use
from .agenda import item_spec, renumber
from .common import minutes_changed, refuse_if_frozen

# Meetings -----------------------------------------------------------------------

MEETING_FIELDS = (
    "date",
    "start_time",
    "end_time",
    "venue_kind",
    "venue",
    "online_link",
    "kind",
    "subject",
)
NEXT_MEETING_FIELDS = ("next_meeting_date", "next_meeting_start_time", "next_meeting_venue")


@service
def meeting_create(*, board, acting_user, with_standing_items=True, **fields):
    """Plans a meeting: its board's standing items on the agenda (an
    extraordinary meeting gets its single item instead; an empty agenda with
    `with_standing_items=False`) and the board's current members listed for
    attendance."""
    unknown = fields.keys() - set(MEETING_FIELDS)
    if unknown:
        raise TypeError(f"Unknown meeting fields: {sorted(unknown)}")
    if "venue_kind" not in fields:
        fields["venue_kind"] = (
            Meeting.VenueKind.IN_PERSON
            if fields.get("venue")
            else Meeting.VenueKind.ONLINE
            if fields.get("online_link")
            else Meeting.VenueKind.NOT_RECORDED
        )
    if fields["venue_kind"] != Meeting.VenueKind.IN_PERSON:
        fields["venue"] = ""
    meeting = Meeting.objects.create(partnership=board.partnership, board=board, **fields)
    if not with_standing_items:
        specs = []
    elif meeting.kind == Meeting.Kind.EXTRAORDINARY:
        specs = [{"title": meeting.subject or "Single item", "purpose": "decision"}]
    elif meeting.kind == Meeting.Kind.DEVELOPMENT_DAY:
        specs = [{"title": meeting.subject or "Development day"}]
    else:
        style = agenda_numbering(board)
        specs = [item_spec(s, style) for s in standing_items_in_use(board)]
    for position, spec in enumerate(specs, start=1):
        AgendaItem.objects.create(meeting=meeting, position=position, **spec)
    renumber(meeting)
    _list_board_members(meeting)
    return meeting


def _list_board_members(meeting):
    """Lists the board's current members who are not listed yet (all of them,
    for a new meeting), in one insert."""
    listed = set(meeting.attendance.values_list("person_id", flat=True))
    seats = (
        BoardMembership.objects.for_partnership(meeting.partnership_id)
        .current(on=meeting.date)
        .filter(board=meeting.board_id)
        .exclude(person_id__in=listed)
        .select_related("person")
    )
    bulk_create_with_history(
        [
            # bulk_create skips save(): the partnership is set here, from the meeting.
            Attendance(
                partnership_id=meeting.partnership_id,
                meeting=meeting,
                person=seat.person,
                is_member=seat.role not in MEMBERS_IN_ATTENDANCE,
                representing_id=seat.representing_id or seat.person.organisation_id,
            )
            for seat in seats
        ],
        Attendance,
    )


MEMBERS_IN_ATTENDANCE = {BoardMembership.Role.ADVISER, BoardMembership.Role.IN_ATTENDANCE}


@service
def meeting_update(*, meeting, acting_user, **fields):
    refuse_if_frozen(meeting)
    changed = False
    for name, value in fields.items():
        if name not in MEETING_FIELDS:
            raise TypeError(f"Unknown meeting field {name!r}")
        changed = changed or getattr(meeting, name) != value
        setattr(meeting, name, value)
    if meeting.venue_kind != Meeting.VenueKind.IN_PERSON:
        meeting.venue = ""
    meeting.save()
    if changed:
        minutes_changed(meeting, acting_user)
    return meeting


@service
def next_meeting_record(*, meeting, acting_user, **fields):
    """The date of the next meeting as the minutes record it (date, time,
    venue): part of the minutes, so a change after submission reopens them."""
    refuse_if_frozen(meeting)
    changed = False
    for name in NEXT_MEETING_FIELDS:
        value = fields.get(name, "" if name == "next_meeting_venue" else None)
        if getattr(meeting, name) != value:
            setattr(meeting, name, value)
            changed = True
    if changed:
        meeting.save(update_fields=[*NEXT_MEETING_FIELDS, "updated_at"])
        minutes_changed(meeting, acting_user)
    return meeting


@service
def next_meeting_plan(*, meeting, acting_user):
    """Plans the meeting the minutes name as the next one (one step, for whoever
    may plan meetings): same board, that date, time and venue."""
    if meeting.next_meeting_date is None:
        raise ValidationError("The minutes do not give a date for the next meeting")
    existing = Meeting.objects.for_partnership(meeting.partnership_id).filter(
        board=meeting.board_id, date=meeting.next_meeting_date
    )
    if existing.exists():
        raise ValidationError("A meeting of this board is already planned on that date")
    return meeting_create(
        board=meeting.board,
        acting_user=acting_user,
        date=meeting.next_meeting_date,
        start_time=meeting.next_meeting_start_time,
        venue=meeting.next_meeting_venue,
    )


@service
def agenda_publish(*, meeting, acting_user):
    """Sends the agenda out: members see it as final from now on."""
    if meeting.reached(Meeting.Status.AGENDA_PUBLISHED):
        raise ValidationError("The agenda has already been published")
    meeting.agenda_published_at = timezone.now()
    meeting.status = Meeting.Status.AGENDA_PUBLISHED
    meeting.save(update_fields=["agenda_published_at", "status", "updated_at"])
    return meeting


def calendar_feed_token(*, user, reset=False):
    """The user's calendar feed token, made on first use; `reset` replaces it so
    every link given out before stops working."""
    with transaction.atomic():
        token, _ = CalendarFeedToken.objects.select_for_update().get_or_create(
            user=user, defaults={"token": secrets.token_urlsafe(32)}
        )
        if reset:
            token.token = secrets.token_urlsafe(32)
            token.save(update_fields=["token"])
    return token.token

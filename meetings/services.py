"""Writes for meetings, agendas, attendance, the forward plan and boards'
meeting settings: keyword-only, one transaction each, taking the acting user.
Minutes and approval are in meetings/minutes.py; papers in meetings/papers.py."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F, Max, ProtectedError
from django.utils import timezone
from simple_history.utils import bulk_create_with_history

from partnership.models import BoardMembership, Person
from partnership.writes import model_update, service

from . import action_log
from .models import (
    AgendaItem,
    Attendance,
    ForwardPlanItem,
    Meeting,
    MeetingSettings,
    StandingItem,
)
from .numbering import agenda_numbers
from .selectors import DEFAULT_CLOSING_ITEMS, DEFAULT_STANDING_ITEMS, standing_items


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


# Meetings -----------------------------------------------------------------------

MEETING_FIELDS = ("date", "start_time", "end_time", "venue", "online_link", "kind", "subject")


@service
def meeting_create(*, board, acting_user, with_standing_items=True, **fields):
    """Plans a meeting: its board's standing items on the agenda (an
    extraordinary meeting gets its single item instead; an empty agenda with
    `with_standing_items=False`) and the board's current members listed for
    attendance."""
    unknown = fields.keys() - set(MEETING_FIELDS)
    if unknown:
        raise TypeError(f"Unknown meeting fields: {sorted(unknown)}")
    meeting = Meeting.objects.create(partnership=board.partnership, board=board, **fields)
    if not with_standing_items:
        specs = []
    elif meeting.kind == Meeting.Kind.EXTRAORDINARY:
        specs = [{"title": meeting.subject or "Single item", "purpose": "decision"}]
    elif meeting.kind == Meeting.Kind.DEVELOPMENT_DAY:
        specs = [{"title": meeting.subject or "Development day"}]
    else:
        standing = standing_items(board)
        specs = (
            [_spec(s) for s in standing]
            if standing
            else DEFAULT_STANDING_ITEMS + DEFAULT_CLOSING_ITEMS
        )
    for position, spec in enumerate(specs, start=1):
        AgendaItem.objects.create(meeting=meeting, position=position, **spec)
    renumber(meeting)
    _list_board_members(meeting)
    return meeting


def _spec(standing):
    return {
        "title": standing.title,
        "kind": standing.kind,
        "numbering": standing.numbering,
        "purpose": standing.purpose,
        "minutes_allowed": standing.minutes_allowed,
        "is_confidential": standing.is_confidential,
    }


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
    for name, value in fields.items():
        if name not in MEETING_FIELDS:
            raise TypeError(f"Unknown meeting field {name!r}")
        setattr(meeting, name, value)
    meeting.save()
    return meeting


@service
def agenda_publish(*, meeting, acting_user):
    """Sends the agenda out: members see it as final from now on."""
    if meeting.reached(Meeting.Status.AGENDA_PUBLISHED):
        raise ValidationError("The agenda has already been published")
    meeting.agenda_published_at = timezone.now()
    meeting.status = Meeting.Status.AGENDA_PUBLISHED
    meeting.save(update_fields=["agenda_published_at", "status", "updated_at"])
    return meeting


# Agenda -------------------------------------------------------------------------


def renumber(meeting):
    """Numbers every item from its numbering style (hand-typed numbers kept)."""
    items = list(
        AgendaItem.objects.for_partnership(meeting.partnership_id)
        .filter(meeting=meeting)
        .order_by("position")
    )
    for item, number in zip(items, agenda_numbers(items), strict=True):
        if item.number != number:
            item.number = number
            item.save(update_fields=["number", "updated_at"])
    return items


def _items(meeting):
    return AgendaItem.objects.for_partnership(meeting.partnership_id).filter(meeting=meeting)


def _make_room_after(meeting, after):
    """The position just after `after` (or at the end), moving later items down."""
    items = _items(meeting).select_for_update()
    if after is None:
        return (items.aggregate(last=Max("position"))["last"] or 0) + 1
    items.filter(position__gt=after.position).update(position=F("position") + 1)
    return after.position + 1


ITEM_FIELDS = (
    "title",
    "numbering",
    "number",
    "number_is_manual",
    "kind",
    "purpose",
    "presenter",
    "minutes_allowed",
    "is_confidential",
    "forward_plan_item",
)


@service
def agenda_item_create(*, meeting, acting_user, after=None, **fields):
    """Adds an item at the end of the agenda, or just after `after`."""
    refuse_if_frozen(meeting)
    _check_item_fields(fields)
    fields.setdefault("number_is_manual", bool(fields.get("number")))
    position = _make_room_after(meeting, after)
    item = AgendaItem.objects.create(meeting=meeting, position=position, **fields)
    renumber(meeting)
    item.refresh_from_db(fields=["number"])
    return item


@service
def agenda_item_update(*, item, acting_user, **fields):
    refuse_if_frozen(item.meeting)
    _check_item_fields(fields)
    if "number" in fields:
        fields.setdefault("number_is_manual", bool(fields["number"]))
    for name, value in fields.items():
        setattr(item, name, value)
    item.save()
    renumber(item.meeting)
    item.refresh_from_db(fields=["number"])
    return item


def _check_item_fields(fields):
    unknown = fields.keys() - set(ITEM_FIELDS)
    if unknown:
        raise TypeError(f"Unknown agenda item fields: {sorted(unknown)}")


@service
def agenda_item_move(*, item, direction, acting_user):
    """Swaps the item with its neighbour above ("up") or below ("down")."""
    meeting = item.meeting
    refuse_if_frozen(meeting)
    moved = _swap(_items(meeting), item, direction)
    if moved:
        renumber(meeting)
    return moved


def _swap(rows, row, direction):
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


@service
def agenda_item_remove(*, item, acting_user):
    """Takes an item off the agenda, unless something already hangs on it."""
    refuse_if_frozen(item.meeting)
    if item.papers.exists():
        raise ValidationError("This item has papers: remove them first")
    minutes = getattr(item, "minutes", None)
    if minutes is not None and (minutes.discussion or minutes.decisions):
        raise ValidationError("This item has minutes recorded: it cannot be removed")
    if action_log.were_raised_at(item):
        raise ValidationError("Actions were raised at this item: it cannot be removed")
    if minutes is not None:
        minutes.delete()
    try:
        item.delete()
    except ProtectedError:  # an approval agreed at it
        raise ValidationError("The previous minutes were approved at this item") from None
    renumber(item.meeting)


@service
def agenda_add_standing_items(*, meeting, standing, acting_user):
    """Adds chosen standing items at the end of the agenda."""
    return [
        agenda_item_create(meeting=meeting, acting_user=acting_user, **_spec(s)) for s in standing
    ]


@service
def agenda_add_from_forward_plan(*, meeting, plan_items, acting_user):
    """Puts forward plan items on the agenda (each remembers where it came from)."""
    return [
        agenda_item_create(
            meeting=meeting,
            acting_user=acting_user,
            title=plan.title,
            purpose=plan.purpose,
            presenter=plan.presenter,
            is_confidential=plan.is_confidential,
            forward_plan_item=plan,
        )
        for plan in plan_items
    ]


# Attendance ---------------------------------------------------------------------


@service
def attendance_record(*, meeting, statuses, acting_user, notes=None):
    """Records attendance: `statuses` maps person ids to a status; people not
    yet listed (a board member who joined since the meeting was planned) are
    added. Recording attendance marks the meeting as held."""
    refuse_if_frozen(meeting)
    notes = notes or {}
    rows = {row.person_id: row for row in meeting.attendance.select_for_update()}
    missing = statuses.keys() - rows.keys()
    if missing:
        _list_board_members(meeting)
        rows = {row.person_id: row for row in meeting.attendance.select_for_update()}
    for person_id, status in statuses.items():
        row = rows.get(person_id)
        if row is None:
            raise ValidationError("Someone in the list is not listed for this meeting")
        note = notes.get(person_id, row.note)
        if row.status != status or row.note != note:
            row.status, row.note = status, note
            row.save(update_fields=["status", "note", "updated_at"])
    advance(meeting, Meeting.Status.HELD)


@service
def attendance_add(
    *,
    meeting,
    status,
    acting_user,
    person=None,
    new_name="",
    new_job_title="",
    on_behalf_of=None,
    note="",
):
    """Adds a deputy (on behalf of a member, who then sends apologies), an
    officer or a guest to the meeting's attendance. Someone not yet known is
    added to the partnership's people by name (a guest needs no account)."""
    refuse_if_frozen(meeting)
    if person is None:
        person = Person.objects.create(
            partnership=meeting.partnership,
            full_name=new_name.strip(),
            initials=Person.initials_from(new_name),
            job_title=new_job_title.strip(),
        )
    if meeting.attendance.filter(person=person).exists():
        raise ValidationError(f"{person} is already listed for this meeting")
    representing = person.organisation_id
    if on_behalf_of is not None:
        if on_behalf_of == person:
            raise ValidationError("Someone cannot deputise for themselves")
        member = meeting.attendance.filter(person=on_behalf_of).first()
        if member is not None:
            representing = member.representing_id or representing
            if member.status == Attendance.Status.EXPECTED:
                member.status = Attendance.Status.APOLOGIES
                member.save(update_fields=["status", "updated_at"])
    row = Attendance.objects.create(
        meeting=meeting,
        person=person,
        status=status,
        on_behalf_of=on_behalf_of,
        is_member=on_behalf_of is not None,
        representing_id=representing,
        note=note,
    )
    advance(meeting, Meeting.Status.HELD)
    return row


@service
def attendance_remove(*, attendance, acting_user):
    """Takes someone added by mistake off the list (board members stay listed:
    record them as absent instead)."""
    refuse_if_frozen(attendance.meeting)
    if attendance.is_member and attendance.on_behalf_of_id is None:
        raise ValidationError("Board members stay listed: record them as absent instead")
    attendance.delete()


# Forward plan -------------------------------------------------------------------


PLAN_FIELDS = (
    "title",
    "purpose",
    "presenter",
    "meeting",
    "month",
    "notes",
    "is_confidential",
    "is_withdrawn",
)


@service
def forward_plan_item_create(*, board, data, acting_user, raised_at=None):
    """Puts something on the board's forward plan (remembering the agenda item it
    was raised at, when added from the minuting screen)."""
    plan = ForwardPlanItem(partnership_id=board.partnership_id, board=board, raised_at=raised_at)
    _set(plan, data, PLAN_FIELDS)
    plan.save()
    return plan


@service
def forward_plan_item_update(*, plan, data, acting_user):
    return model_update(instance=_locked(plan), data=data, fields=PLAN_FIELDS)


def _set(instance, data, fields):
    for name in fields:
        if name in data:
            setattr(instance, name, data[name])


def _locked(instance):
    return type(instance).objects.select_for_update().get(pk=instance.pk)


# Boards' meeting settings -------------------------------------------------------

SETTINGS_FIELDS = ("quorum_statutory_partners", "quorum_minimum", "default_venue")
STANDING_FIELDS = ("title", "numbering", "purpose", "minutes_allowed", "is_confidential", "kind")


@service
def meeting_settings_save(*, board, data, acting_user):
    """The board's quorum rule and usual venue (its row made on first save)."""
    settings, _ = MeetingSettings.objects.select_for_update().get_or_create(
        partnership_id=board.partnership_id, board=board
    )
    return model_update(instance=settings, data=data, fields=SETTINGS_FIELDS)


def _standing_data(data):
    """`previous_minutes` (a tick on the form) decides the item's kind."""
    data = dict(data)
    previous = data.pop("previous_minutes", False)
    data["kind"] = AgendaItem.Kind.PREVIOUS_MINUTES if previous else AgendaItem.Kind.ITEM
    return data


@service
def standing_item_create(*, board, data, acting_user):
    """Adds a standing item at the end of the board's list."""
    last = StandingItem.objects.for_partnership(board.partnership_id).filter(board=board)
    item = StandingItem(
        partnership_id=board.partnership_id,
        board=board,
        position=(last.aggregate(last=Max("position"))["last"] or 0) + 1,
    )
    _set(item, _standing_data(data), STANDING_FIELDS)
    item.save()
    return item


@service
def standing_item_update(*, standing, data, acting_user):
    return model_update(
        instance=_locked(standing), data=_standing_data(data), fields=STANDING_FIELDS
    )


@service
def standing_item_move(*, standing, direction, acting_user):
    board_items = StandingItem.objects.for_partnership(standing.partnership_id).filter(
        board=standing.board_id
    )
    return _swap(board_items, standing, direction)


@service
def standing_item_remove(*, standing, acting_user):
    standing.delete()


def calendar_feed_token(*, user, reset=False):
    """The user's calendar feed token, made on first use; `reset` replaces it so
    every link given out before stops working."""
    import secrets

    from .models import CalendarFeedToken

    with transaction.atomic():
        token, _ = CalendarFeedToken.objects.select_for_update().get_or_create(
            user=user, defaults={"token": secrets.token_urlsafe(32)}
        )
        if reset:
            token.token = secrets.token_urlsafe(32)
            token.save(update_fields=["token"])
    return token.token

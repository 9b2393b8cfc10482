"""Building the agenda: items added, changed, moved, removed; standing items and the
forward plan brought in."""

from django.core.exceptions import ValidationError
from django.db.models import F, Max, ProtectedError

from partnership.writes import service

from .. import action_log
from ..models import (
    AgendaItem,
)
from ..numbering import agenda_numbers
from ..selectors import agenda_numbering
from .common import minutes_changed, refuse_if_frozen, swap_positions

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
    minutes_changed(meeting, acting_user)
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
    minutes_changed(item.meeting, acting_user)
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
    moved = swap_positions(_items(meeting), item, direction)
    if moved:
        renumber(meeting)
        minutes_changed(meeting, acting_user)
    return moved


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
    minutes_changed(item.meeting, acting_user)
    renumber(item.meeting)


@service
def agenda_add_standing_items(*, meeting, standing, acting_user):
    """Adds chosen standing items at the end of the agenda."""
    style = agenda_numbering(meeting.board)
    return [
        agenda_item_create(meeting=meeting, acting_user=acting_user, **item_spec(s, style))
        for s in standing
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


def item_spec(standing, style):
    """An agenda item's fields from a board's standing item, numbered in the
    board's style (`style`: its agenda numbering)."""
    return {
        "title": standing.title,
        # The welcome is an ordinary item on the agenda.
        "kind": AgendaItem.Kind.ITEM if standing.is_welcome else standing.kind,
        "numbering": standing.numbering_on(style),
        "purpose": standing.purpose,
        "minutes_allowed": standing.minutes_allowed,
        "is_confidential": standing.is_confidential,
    }

"""The forward plan and a board's meeting settings and standing items."""

from django.db.models import Max

from partnership.writes import locked, model_update, service, set_fields

from ..models import (
    ForwardPlanItem,
    MeetingSettings,
    StandingItem,
)
from ..selectors import DEFAULT_STANDING_ITEMS, default_standing_items
from .common import swap_positions

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
    set_fields(plan, data, PLAN_FIELDS)
    plan.save()
    return plan


@service
def forward_plan_item_update(*, plan, data, acting_user):
    return model_update(instance=locked(plan), data=data, fields=PLAN_FIELDS)


# Boards' meeting settings -------------------------------------------------------

SETTINGS_FIELDS = (
    "quorum_statutory_partners",
    "quorum_minimum",
    "default_venue",
    "owner_names",
    "agenda_numbering",
)
STANDING_FIELDS = ("title", "numbering", "purpose", "minutes_allowed", "is_confidential", "kind")


@service
def meeting_settings_save(*, board, data, acting_user):
    """The board's quorum rule and usual venue (its row made on first save)."""
    settings, _ = MeetingSettings.objects.select_for_update().get_or_create(
        partnership_id=board.partnership_id, board=board
    )
    return model_update(instance=settings, data=data, fields=SETTINGS_FIELDS)


def _standing_data(data, standing=None):
    """`previous_minutes` (a tick on the form) decides the item's kind; the
    welcome stays the welcome."""
    data = dict(data)
    previous = data.pop("previous_minutes", False)
    if standing is not None and standing.is_welcome:
        data["kind"] = StandingItem.Kind.WELCOME
    else:
        data["kind"] = StandingItem.Kind.PREVIOUS_MINUTES if previous else StandingItem.Kind.ITEM
    return data


def _board_standing(board):
    return StandingItem.objects.for_partnership(board.partnership_id).filter(board=board)


@service
def standing_items_adopt_defaults(*, board, acting_user):
    """Makes the default standing items the board's own (before the business
    unit first renames, moves or adds to them), unless it has its own already.
    Returns the board's standing items in order."""
    locked(board)  # two first changes at once adopt the defaults once
    rows = list(_board_standing(board).order_by("position"))
    if not rows:
        rows = default_standing_items(board)
        for row in rows:
            row.save()
    return rows


@service
def standing_item_own(*, board, standing, acting_user):
    """The board's own row for a standing item shown on its settings page: the
    item itself, or, for a default (unsaved), the row it becomes."""
    if standing.pk is not None:
        return standing
    rows = standing_items_adopt_defaults(board=board, acting_user=acting_user)
    return next(row for row in rows if row.position == standing.position)


@service
def standing_item_create(*, board, data, acting_user):
    """Adds a standing item at the end of the board's list. A board still on the
    defaults keeps them: the new item goes before any other business."""
    adopting = not _board_standing(board).exists()
    rows = standing_items_adopt_defaults(board=board, acting_user=acting_user)
    if adopting:
        position = len(DEFAULT_STANDING_ITEMS) + 1
        for row in reversed(rows[len(DEFAULT_STANDING_ITEMS) :]):
            row.position += 1
            row.save(update_fields=["position", "updated_at"])
    else:
        position = (_board_standing(board).aggregate(last=Max("position"))["last"] or 0) + 1
    item = StandingItem(partnership_id=board.partnership_id, board=board, position=position)
    set_fields(item, _standing_data(data), STANDING_FIELDS)
    item.save()
    return item


@service
def standing_item_update(*, standing, data, acting_user):
    standing = locked(standing)
    return model_update(
        instance=standing, data=_standing_data(data, standing), fields=STANDING_FIELDS
    )


@service
def standing_item_rename(*, standing, title, acting_user):
    """Renames a standing item. Agendas already made keep the title they were
    given: the new one is used from the next meeting planned."""
    return model_update(instance=locked(standing), data={"title": title}, fields=("title",))


@service
def standing_item_move(*, standing, direction, acting_user):
    board_items = StandingItem.objects.for_partnership(standing.partnership_id).filter(
        board=standing.board_id
    )
    return swap_positions(board_items, standing, direction)


@service
def standing_item_remove(*, standing, acting_user):
    standing.delete()

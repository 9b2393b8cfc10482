"""The forward plan and a board's meeting settings and standing items."""

from django.db.models import Max

from partnership.writes import locked, model_update, service, set_fields

from ..models import (
    AgendaItem,
    ForwardPlanItem,
    MeetingSettings,
    StandingItem,
)
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

SETTINGS_FIELDS = ("quorum_statutory_partners", "quorum_minimum", "default_venue", "owner_names")
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
    set_fields(item, _standing_data(data), STANDING_FIELDS)
    item.save()
    return item


@service
def standing_item_update(*, standing, data, acting_user):
    return model_update(
        instance=locked(standing), data=_standing_data(data), fields=STANDING_FIELDS
    )


@service
def standing_item_move(*, standing, direction, acting_user):
    board_items = StandingItem.objects.for_partnership(standing.partnership_id).filter(
        board=standing.board_id
    )
    return swap_positions(board_items, standing, direction)


@service
def standing_item_remove(*, standing, acting_user):
    standing.delete()

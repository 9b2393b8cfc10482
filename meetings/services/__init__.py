"""Writes for meetings, agendas, attendance, the forward plan and boards'
meeting settings: keyword-only, one transaction each, taking the acting user.
Minutes and approval are in meetings/minutes.py; papers in meetings/papers.py."""

from .agenda import (
    ITEM_FIELDS,
    agenda_add_from_forward_plan,
    agenda_add_standing_items,
    agenda_item_create,
    agenda_item_move,
    agenda_item_remove,
    agenda_item_update,
    item_spec,
    renumber,
)
from .attendance import attendance_add, attendance_record, attendance_remove
from .common import MinutesFrozen, advance, refuse_if_frozen, swap_positions
from .meetings import (
    MEETING_FIELDS,
    MEMBERS_IN_ATTENDANCE,
    agenda_publish,
    calendar_feed_token,
    meeting_create,
    meeting_update,
)
from .plans import (
    PLAN_FIELDS,
    SETTINGS_FIELDS,
    STANDING_FIELDS,
    forward_plan_item_create,
    forward_plan_item_update,
    meeting_settings_save,
    standing_item_create,
    standing_item_move,
    standing_item_remove,
    standing_item_update,
)

__all__ = [
    "ITEM_FIELDS",
    "MEETING_FIELDS",
    "MEMBERS_IN_ATTENDANCE",
    "MinutesFrozen",
    "PLAN_FIELDS",
    "SETTINGS_FIELDS",
    "STANDING_FIELDS",
    "advance",
    "agenda_add_from_forward_plan",
    "agenda_add_standing_items",
    "agenda_item_create",
    "agenda_item_move",
    "agenda_item_remove",
    "agenda_item_update",
    "agenda_publish",
    "attendance_add",
    "attendance_record",
    "attendance_remove",
    "calendar_feed_token",
    "forward_plan_item_create",
    "forward_plan_item_update",
    "item_spec",
    "meeting_create",
    "meeting_settings_save",
    "meeting_update",
    "refuse_if_frozen",
    "renumber",
    "standing_item_create",
    "standing_item_move",
    "standing_item_remove",
    "standing_item_update",
    "swap_positions",
]

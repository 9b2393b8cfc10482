"""Writes to the action log. Each is one transaction, takes the acting user, and
every change to an action writes one ActionUpdate on its timeline."""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from simple_history.utils import bulk_create_with_history

from govuk.dates import day
from partnership.models import Board, PartnerAgency, Person, Team
from partnership.writes import service

from .models import Action, ActionCounter, ActionLogSettings, ActionOwner, ActionUpdate
from .owners import ALL
from .rag import CLOSED

COMPUTED = "computed"
KEEP = object()  # "leave as it is", where None would mean "none"
RAG_CHOICES = ("red", "amber", "green", COMPUTED)


class ActionConflict(ValidationError):
    """The action changed since the form was opened."""


def _author_name(user):
    return (user.get_full_name() or user.email) if user is not None else ""


def _next_number(board, *, wanted=None):
    """The board's next action number, taken under a row lock so two people
    raising actions at once never get the same one; numbers are never reused.
    `wanted` (an imported tracker's own number) is used if no action has it."""
    counter = ActionCounter.objects.select_for_update().filter(board=board).first()
    if counter is None:
        # The first action on this board: start after any number already used.
        used = Action.objects.filter(board=board).order_by("-number").values("number").first()
        try:
            with transaction.atomic():
                counter = ActionCounter.objects.create(
                    board=board, last_number=used["number"] if used else 0
                )
        except IntegrityError:
            # Someone else created it at the same moment: wait for their lock.
            counter = ActionCounter.objects.select_for_update().get(board=board)
    if wanted is not None:
        if Action.objects.filter(board=board, number=wanted).exists():
            raise ValidationError(f"Action {wanted} already exists on this log", code="taken")
        number = wanted
    else:
        number = counter.last_number + 1
    if number > counter.last_number:
        ActionCounter.objects.filter(pk=counter.pk).update(
            last_number=number, updated_at=timezone.now()
        )
    return number


def _check_owners(board, owners):
    checked = []
    for owner in owners:
        if owner == ALL:
            pass
        elif isinstance(owner, Person | Board | PartnerAgency | Team):
            if owner.partnership_id != board.partnership_id:
                raise ValidationError(f"{owner} is not in this partnership", code="foreign")
        else:
            raise ValidationError(f"Not an owner: {owner!r}", code="invalid")
        if owner not in checked:
            checked.append(owner)
    return checked


def _set_owners(action, owners, acting_user=None):
    action.owners.all().delete()
    # Owners are few; the history of who owned an action is kept like any change.
    bulk_create_with_history(
        [
            ActionOwner(
                partnership_id=action.partnership_id,
                action=action,
                person=owner if isinstance(owner, Person) else None,
                board=owner if isinstance(owner, Board) else None,
                agency=owner if isinstance(owner, PartnerAgency) else None,
                team=owner if isinstance(owner, Team) else None,
                all_members=owner == ALL,
                position=position,
            )
            for position, owner in enumerate(owners)
        ],
        ActionOwner,
        default_user=acting_user,
    )


def _origin(origin_meeting, origin_item, board):
    if origin_item is not None:
        if origin_meeting is None:
            origin_meeting = origin_item.meeting
        elif origin_item.meeting_id != origin_meeting.pk:
            raise ValidationError("The agenda item is not on that meeting", code="origin")
    if origin_meeting is not None and origin_meeting.partnership_id != board.partnership_id:
        raise ValidationError("That meeting is not in this partnership", code="foreign")
    return origin_meeting, origin_item


def _raised_text(origin_meeting, origin_item):
    if origin_meeting is None:
        return "Action raised"
    text = f"Action raised at {origin_meeting.board.label} on {day(origin_meeting.date)}"
    if origin_item is not None:
        text += f", item {origin_item.number}"
    return text


@service
def action_create(
    *,
    board,
    description,
    owners,
    due_date=None,
    origin_meeting=None,
    origin_item=None,
    acting_user,
    origin_reference="",
) -> Action:
    """Adds an action to `board`'s log with the next number, its owners (Persons,
    Boards, PartnerAgencies or "all") and the first update ("Action raised ...")."""
    return _action_create(
        board=board,
        description=description,
        owners=owners,
        due_date=due_date,
        origin_meeting=origin_meeting,
        origin_item=origin_item,
        origin_reference=origin_reference,
        acting_user=acting_user,
    )


def _action_create(
    *,
    board,
    description,
    owners,
    acting_user,
    due_date=None,
    origin_meeting=None,
    origin_item=None,
    origin_reference="",
    status=Action.Status.OPEN,
    number=None,
    import_key="",
    raised_on=None,
    raised_text=None,
    kind=ActionUpdate.Kind.RAISED,
):
    description = (description or "").strip()
    if not description:
        raise ValidationError("Enter the action", code="required")
    owners = _check_owners(board, owners)
    origin_meeting, origin_item = _origin(origin_meeting, origin_item, board)
    raised_on = raised_on or timezone.localdate()
    action = Action(
        partnership_id=board.partnership_id,
        board=board,
        number=_next_number(board, wanted=number),
        origin_meeting=origin_meeting,
        origin_item=origin_item,
        origin_reference=(origin_reference or "").strip()[:60],
        description=description,
        due_date=due_date,
        status=status,
        completed_on=raised_on if status == Action.Status.COMPLETED else None,
        import_key=import_key,
        created_by=acting_user,
    )
    action.save()
    _set_owners(action, owners, acting_user)
    ActionUpdate.objects.create(
        action=action,
        kind=kind,
        made_on=raised_on,
        author=acting_user,
        author_name=_author_name(acting_user),
        text=raised_text if raised_text is not None else _raised_text(origin_meeting, origin_item),
        status_to=status if status != Action.Status.OPEN else "",
        due_date_to=due_date,
    )
    return action


def _locked(action, expected_version):
    locked = Action.objects.select_for_update().get(pk=action.pk)
    if expected_version is not None and locked.version != int(expected_version):
        raise ActionConflict(
            f"Someone else changed action {locked.number} while you were working on it. "
            "Check the latest version below, then make your change again.",
            code="conflict",
        )
    return locked


def _apply_status(action, status, made_on):
    if status is None or status == action.status:
        return None
    previous = action.status
    action.status = status
    action.completed_on = made_on if status == Action.Status.COMPLETED else None
    return previous


@service
def action_update_add(
    *,
    action,
    acting_user,
    text="",
    status=None,
    due_date=None,
    rag=None,
    rag_reason="",
    made_on=None,
    expected_version=None,
) -> ActionUpdate:
    """Adds a dated update to the action's timeline, with any change of status,
    due date or RAG made with it. `rag` is "red", "amber" or "green" to set it
    by hand (a reason is required) or "computed" to return it to the rule.
    `expected_version` (from the form) refuses a change made over a newer one."""
    text = (text or "").strip()
    rag_reason = (rag_reason or "").strip()
    made_on = made_on or timezone.localdate()
    if status is not None and status not in Action.Status.values:
        raise ValidationError(f"Unknown status {status!r}", code="invalid")
    if rag is not None and rag not in RAG_CHOICES:
        raise ValidationError(f"Unknown RAG {rag!r}", code="invalid")
    if rag in ("red", "amber", "green") and not rag_reason:
        raise ValidationError("Give a reason for setting the RAG by hand", code="rag_reason")
    locked = _locked(action, expected_version)
    update = ActionUpdate(
        action=locked,
        kind=ActionUpdate.Kind.UPDATE,
        made_on=made_on,
        author=acting_user,
        author_name=_author_name(acting_user),
        text=text,
    )
    previous = _apply_status(locked, status, made_on)
    if previous is not None:
        update.status_from, update.status_to = previous, locked.status
    if due_date is not None and due_date != locked.due_date:
        update.due_date_changed = True
        update.due_date_from, update.due_date_to = locked.due_date, due_date
        locked.due_date = due_date
    if locked.status in CLOSED and rag is None and locked.rag_override:
        rag = COMPUTED  # closing an action returns its RAG to the rule: green
    if rag == COMPUTED and locked.rag_override:
        locked.rag_override, locked.rag_reason = "", ""
        update.rag_to = COMPUTED
    elif rag in ("red", "amber", "green") and (
        rag != locked.rag_override or rag_reason != locked.rag_reason
    ):
        locked.rag_override, locked.rag_reason = rag, rag_reason
        update.rag_to, update.rag_reason = rag, rag_reason
    if not text and not update.changes():
        raise ValidationError("Enter an update, or change the status, due date or RAG")
    locked.version += 1  # the row is locked: no one else can be adding one
    locked.save()
    update.save()
    _refresh(action, locked)
    return update


def _refresh(action, locked):
    """Brings the caller's instance up to date with what was saved."""
    for field in ("status", "completed_on", "due_date", "rag_override", "rag_reason", "version"):
        setattr(action, field, getattr(locked, field))
    action.description = locked.description
    action.origin_reference = locked.origin_reference


@service
def action_complete(*, action, acting_user, text="", expected_version=None) -> ActionUpdate:
    """Marks the action completed (it stays on the log, green, with its history)."""
    return action_update_add(
        action=action,
        acting_user=acting_user,
        text=text,
        status=Action.Status.COMPLETED,
        expected_version=expected_version,
    )


@service
def action_edit(
    *,
    action,
    acting_user,
    description,
    owners,
    due_date,
    origin_reference=None,
    origin_meeting=KEEP,
    origin_item=KEEP,
    expected_version=None,
) -> ActionUpdate | None:
    """Changes an action's details (the business unit's edit form). The change is
    written on the timeline; nothing changed, nothing written (returns None).
    Origin and its reference are left as they are unless given."""
    description = (description or "").strip()
    if not description:
        raise ValidationError("Enter the action", code="required")
    locked = _locked(action, expected_version)
    owners = _check_owners(locked.board, owners)
    if origin_meeting is KEEP and origin_item is KEEP:
        origin_meeting, origin_item = locked.origin_meeting, locked.origin_item
    else:
        origin_meeting, origin_item = _origin(
            None if origin_meeting is KEEP else origin_meeting,
            None if origin_item is KEEP else origin_item,
            locked.board,
        )
    update = ActionUpdate(
        action=locked,
        kind=ActionUpdate.Kind.EDITED,
        author=acting_user,
        author_name=_author_name(acting_user),
    )
    edits = []
    if description != locked.description:
        edits.append("Action wording changed")
        locked.description = description
    old_owners = [
        o.owner for o in locked.owners.select_related("person", "board", "agency", "team")
    ]
    if old_owners != owners:
        before = ", ".join(_owner_words(o) for o in old_owners) or "none"
        after = ", ".join(_owner_words(o) for o in owners) or "none"
        edits.append(f"Owners changed from {before} to {after}")
        _set_owners(locked, owners, acting_user)
    if due_date != locked.due_date:
        update.due_date_changed = True
        update.due_date_from, update.due_date_to = locked.due_date, due_date
        locked.due_date = due_date
    if origin_reference is not None and origin_reference.strip() != locked.origin_reference:
        locked.origin_reference = origin_reference.strip()[:60]
        edits.append("Origin changed")
    if (origin_meeting, origin_item) != (locked.origin_meeting, locked.origin_item):
        locked.origin_meeting, locked.origin_item = origin_meeting, origin_item
        edits.append("Origin changed")
    update.other_changes = list(dict.fromkeys(edits))
    if not update.changes():
        return None
    locked.version += 1  # the row is locked: no one else can be adding one
    locked.save()
    update.save()
    _refresh(action, locked)
    return update


def _owner_words(owner):
    if owner == ALL:
        return "All"
    if isinstance(owner, Person):
        return owner.full_name
    if isinstance(owner, Board | Team):
        return owner.name
    return owner.label


@service
def action_log_settings_save(*, partnership, warning_days, reminders_enabled, acting_user):
    """Saves the partnership's action log settings (made on first save)."""
    settings = ActionLogSettings.objects.for_partnership(partnership).select_for_update().first()
    if settings is None:
        settings = ActionLogSettings(partnership=partnership)
    settings.warning_days = warning_days
    settings.reminders_enabled = reminders_enabled
    settings.full_clean(exclude=["partnership"])
    settings.save()
    return settings

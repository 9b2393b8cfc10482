"""Confirming an import: valid rows become actions in one transaction, once; old uploads
are purged."""

import datetime

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from partnership.writes import locked, model_update, service

from .. import services
from ..models import ActionImport, ActionUpdate
from .rows import guess_mapping


@service
def import_start(*, board, filename, file_type, data, headers, acting_user):
    """Keeps an uploaded tracker (privately) for the steps that follow, with a
    first guess at which column is which."""
    action_import = ActionImport(
        partnership_id=board.partnership_id,
        board=board,
        uploaded_by=acting_user,
        filename=filename[-200:],
        file_type=file_type,
        mapping=guess_mapping(headers),
    )
    action_import.file.save(f"tracker.{file_type}", ContentFile(data), save=False)
    action_import.save()
    return action_import


@service
def import_map_columns(*, action_import, mapping, acting_user):
    return model_update(
        instance=locked(action_import), data={"mapping": mapping}, fields=["mapping"]
    )


@service
def actions_import(*, action_import, rows, acting_user):
    """Adds every valid row to the board's log, in one transaction. Returns the
    number added. An import is confirmed once: a second confirmation (a double
    click, another tab) adds nothing."""
    locked = ActionImport.objects.select_for_update().get(pk=action_import.pk)
    if locked.status == ActionImport.Status.IMPORTED:
        raise ValidationError("This spreadsheet has already been imported", code="done")
    board = locked.board
    today = timezone.localdate()
    added = 0
    for row in rows:
        if not row.ok:
            continue
        action = services._action_create(
            board=board,
            description=row.description,
            owners=row.owners,
            acting_user=acting_user,
            due_date=row.due_date,
            origin_reference=row.origin,
            status=row.status,
            number=row.number,
            import_key=row.import_key,
            raised_on=today,
            raised_text=f"Imported from {locked.filename}, row {row.line}",
            kind=ActionUpdate.Kind.IMPORTED,
        )
        if row.rag:
            action.rag_override = row.rag
            action.rag_reason = "As recorded in the imported spreadsheet"
            action.save(update_fields=["rag_override", "rag_reason", "updated_at"])
        if row.update:
            ActionUpdate.objects.create(
                action=action,
                kind=ActionUpdate.Kind.IMPORTED,
                made_on=today,
                author=acting_user,
                author_name="Latest update in the imported spreadsheet",
                text=row.update,
            )
        added += 1
    locked.status = ActionImport.Status.IMPORTED
    locked.imported_count = added
    locked.skipped_count = len(rows) - added
    locked.imported_at = timezone.now()
    if locked.file:
        # The upload is no longer needed; it goes once the import is committed.
        stored, storage = locked.file.name, locked.file.storage
        locked.file = ""
        transaction.on_commit(lambda: storage.delete(stored))
    locked.save()
    return added


def uploads_purge(*, now=None):
    """Deletes uploads never confirmed, a day after they were made (the rows
    stay, as a record). Returns how many files went."""
    from documents.services import files_purge

    return files_purge(ActionImport, before=(now or timezone.now()) - datetime.timedelta(days=1))

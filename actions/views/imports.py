"""Importing a spreadsheet tracker: upload, map columns, check, confirm."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render

from partnership.loaders import load
from partnership.permissions import require
from partnership.views.common import posted

from ..forms import ImportColumnsForm, ImportConfirmForm, ImportUploadForm
from ..imports import (
    actions_import,
    check_rows,
    fingerprint,
    import_map_columns,
    import_start,
    read_table,
)
from ..models import ActionImport
from ..permissions import can_manage_actions
from .common import board_from_query


@require(can_manage_actions)
def import_upload(request):
    board = board_from_query(request)
    form = ImportUploadForm(
        posted(request),
        request.FILES if request.method == "POST" else None,
        membership=request.membership,
        board=board,
    )
    if form.is_valid():
        action_import = import_start(
            board=form.cleaned_data["board"],
            filename=form.cleaned_data["file"].name,
            file_type=form.file_type,
            data=form.data,
            headers=form.table.headers,
            acting_user=request.user,
        )
        return redirect(
            "actions:import-columns",
            partnership_slug=request.partnership.slug,
            import_uuid=action_import.uuid,
        )
    return render(request, "actions/import_upload.html", {"form": form})


def _get_import(request, import_uuid):
    return load(request, ActionImport.objects.select_related("board"), uuid=import_uuid)


def _table(action_import):
    with action_import.file.open("rb") as file:
        data = file.read()
    return data, read_table(data, action_import.file_type)


def _finished(request, action_import):
    """An import already confirmed, or whose upload has been removed."""
    return render(request, "actions/import_done.html", {"action_import": action_import})


@require(can_manage_actions)
def import_columns(request, import_uuid):
    action_import = _get_import(request, import_uuid)
    if action_import.status == ActionImport.Status.IMPORTED or not action_import.file:
        return _finished(request, action_import)
    data, table = _table(action_import)
    form = ImportColumnsForm(posted(request), table=table, initial=action_import.mapping)
    if form.is_valid():
        import_map_columns(
            action_import=action_import, mapping=form.mapping(), acting_user=request.user
        )
        return redirect(
            "actions:import-preview",
            partnership_slug=request.partnership.slug,
            import_uuid=action_import.uuid,
        )
    examples = table.rows[:3]
    return render(
        request,
        "actions/import_columns.html",
        {
            "form": form,
            "action_import": action_import,
            "headers": table.headers,
            "examples": [cells for _, cells in examples],
            "row_count": len(table.rows),
        },
    )


@require(can_manage_actions)
def import_preview(request, import_uuid):
    action_import = _get_import(request, import_uuid)
    if action_import.status == ActionImport.Status.IMPORTED or not action_import.file:
        return _finished(request, action_import)
    data, table = _table(action_import)
    mapping = action_import.mapping
    if "description" not in mapping:
        return redirect(
            "actions:import-columns",
            partnership_slug=request.partnership.slug,
            import_uuid=action_import.uuid,
        )
    rows = check_rows(table, mapping, action_import.board)
    current = fingerprint(data, mapping)
    form = ImportConfirmForm(posted(request), initial={"fingerprint": current})
    if form.is_valid():
        if form.cleaned_data["fingerprint"] != current:
            form.add_error(
                None,
                "The file or the columns changed since you checked them: check the actions "
                "below again, then import",
            )
        else:
            try:
                added = actions_import(
                    action_import=action_import, rows=rows, acting_user=request.user
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(
                    request,
                    f"{added} action{'s' if added != 1 else ''} imported into the "
                    f"{action_import.board} log",
                )
                return redirect(
                    "actions:board-log",
                    partnership_slug=request.partnership.slug,
                    board_uuid=action_import.board.uuid,
                )
    ready = [r for r in rows if r.ok]
    return render(
        request,
        "actions/import_preview.html",
        {
            "form": form,
            "action_import": action_import,
            "rows": rows,
            "ready": len(ready),
            "problems": sum(1 for r in rows if r.errors),
            "duplicates": sum(1 for r in rows if r.duplicate_of and not r.errors),
            "mapped": [(key, label) for key, label in _labels() if key in mapping],
        },
    )


def _labels():
    from ..imports import FIELDS

    return [(key, label) for key, label, _, _ in FIELDS]

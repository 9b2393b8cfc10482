"""The forms of importing a spreadsheet tracker: upload, map columns, confirm."""

from django import forms

from govuk.forms import GovukForm
from partnership.permissions import visible_boards

from ..imports import FIELDS, check_upload

# Importing a spreadsheet ---------------------------------------------------------------


class ImportUploadForm(GovukForm):
    board = forms.ChoiceField(
        label="Board or group",
        help_text="Whose action log the actions go on",
        error_messages={"required": "Choose the board or group whose log the actions go on"},
    )
    file = forms.FileField(
        label="Spreadsheet",
        help_text="A CSV or Excel (.xlsx) file smaller than 10 MB, with a row of column "
        "headings (such as Action, Owner, Due date) above the actions",
        required=False,
        widget=forms.FileInput(attrs={"accept": ".csv,.xlsx"}),
        error_messages={
            "empty": "The selected file is empty",
            "invalid": "Select a CSV or Excel file",
            "missing": "Select a CSV or Excel file",
        },
    )

    def __init__(self, *args, membership, board=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.boards = {str(b.uuid): b for b in visible_boards(membership).filter(is_active=True)}
        self.fields["board"].choices = [("", "Choose a board or group")] + [
            (k, b.name) for k, b in sorted(self.boards.items(), key=lambda kv: kv[1].name)
        ]
        if board is not None:
            self.initial["board"] = str(board.uuid)

    def clean_board(self):
        return self.boards.get(self.cleaned_data["board"])

    def clean_file(self):
        upload = self.cleaned_data.get("file")
        self.file_type, self.data, self.table = check_upload(upload)
        return upload


class ImportColumnsForm(GovukForm):
    """Which column of the file holds each part of an action."""

    def __init__(self, *args, table, **kwargs):
        super().__init__(*args, **kwargs)
        columns = table.column_choices()
        for key, label, required, _ in FIELDS:
            self.fields[key] = forms.ChoiceField(
                label=label,
                required=required,
                choices=[("", "Not in the file")] + columns,
                error_messages={"required": f"Choose the column that holds the {label.lower()}"},
            )

    def clean(self):
        data = super().clean()
        seen = {}
        for key, column in data.items():
            if not column:
                continue
            if column in seen:
                self.add_error(
                    key,
                    f"{self.fields[key].label} and {self.fields[seen[column]].label} cannot be "
                    "the same column",
                )
            seen.setdefault(column, key)
        return data

    def mapping(self):
        return {key: value for key, value in self.cleaned_data.items() if value}


class ImportConfirmForm(GovukForm):
    fingerprint = forms.CharField(
        widget=forms.HiddenInput,
        error_messages={
            "required": "Check the actions below before importing them: open this page again"
        },
    )

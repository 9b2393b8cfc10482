"""Reading an uploaded tracker (CSV or Excel) into a table of cells, refusing what is not one."""

import csv
import datetime
import io
import zipfile
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from openpyxl import load_workbook
from openpyxl.utils import get_column_letter

from documents.spreadsheets import is_formula
from partnership.uploads import check_archive

MAX_BYTES = 10 * 1024 * 1024
MAX_ROWS = 2000
MAX_COLUMNS = 40


class Formula(str):
    """A cell that holds a formula rather than a value."""


@dataclass
class Table:
    headers: list
    rows: list  # [(line number in the file, [cell, ...])]

    def column_choices(self):
        return [
            (str(i), f"{h} (column {get_column_letter(i + 1)})") for i, h in enumerate(self.headers)
        ]


# Reading files ----------------------------------------------------------------------------


def file_type_of(name):
    name = (name or "").lower()
    if name.endswith(".csv"):
        return "csv"
    if name.endswith(".xlsx"):
        return "xlsx"
    if name.endswith((".xls", ".xlsm", ".ods", ".numbers")):
        raise ValidationError(
            "The selected file must be saved as .xlsx or CSV: in your spreadsheet program, "
            "choose Save as, then Excel Workbook (.xlsx) or CSV",
            code="old_format",
        )
    raise ValidationError(
        "The selected file must be a CSV or an Excel (.xlsx) file", code="wrong_type"
    )


def check_upload(upload):
    """(file type, bytes, table) of an uploaded tracker, or ValidationError with
    a message to show beside the file field."""
    if upload is None:
        raise ValidationError("Select a CSV or Excel file", code="required")
    file_type = file_type_of(upload.name)
    if upload.size == 0:
        raise ValidationError("The selected file is empty", code="empty")
    if upload.size >= MAX_BYTES:
        raise ValidationError("The selected file must be smaller than 10 MB", code="too_big")
    data = upload.read()
    return file_type, data, read_table(data, file_type)


def read_table(data, file_type):
    rows = _xlsx_rows(data) if file_type == "xlsx" else _csv_rows(data)
    header_at = None
    for index, (_, cells) in enumerate(rows[:10]):
        if sum(1 for c in cells if _text(c)) >= 2:
            header_at = index
            break
    if header_at is None:
        if any(any(_text(c) for c in cells) for _, cells in rows):
            raise ValidationError(
                "The selected file must have a row of column headings, like Action, Owner "
                "and Due date, above the actions",
                code="no_header",
            )
        raise ValidationError("The selected file is empty", code="empty")
    header_cells = rows[header_at][1]
    width = max(len(header_cells), *(len(cells) for _, cells in rows[header_at:]))
    width = min(width, MAX_COLUMNS)
    headers = [
        _text(c) or f"Column {get_column_letter(i + 1)}"
        for i, c in enumerate(list(header_cells) + [None] * (width - len(header_cells)))
    ][:width]
    body = [
        (line, list(cells[:width]) + [None] * (width - len(cells[:width])))
        for line, cells in rows[header_at + 1 :]
        if any(_text(c) for c in cells)
    ]
    if not body:
        raise ValidationError(
            "The selected file has no actions in it, only column headings", code="no_rows"
        )
    if len(body) > MAX_ROWS:
        raise ValidationError(
            f"The selected file has more than {MAX_ROWS:,} actions: split it into smaller files",
            code="too_many",
        )
    return Table(headers=headers, rows=body)


def _csv_rows(data):
    if b"\x00" in data[:8192]:
        raise ValidationError("The selected file is not a CSV file", code="wrong_type")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        # Excel on Windows saves "CSV" in the Windows code page.
        text = data.decode("cp1252", errors="replace")
    try:
        dialect = csv.Sniffer().sniff(text[:8192], delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    rows = []
    try:
        for line, cells in enumerate(csv.reader(io.StringIO(text), dialect), start=1):
            rows.append((line, [_csv_cell(c) for c in cells[:MAX_COLUMNS]]))
            if len(rows) > MAX_ROWS + 20:
                break
    except csv.Error as error:
        raise ValidationError(
            f"The selected file could not be read as CSV ({error})", code="unreadable"
        ) from None
    return rows


def _csv_cell(value):
    if value.strip().startswith("'") and is_formula(value.strip()[1:]):
        return value.strip()[1:]  # written as text on purpose (as our own exports do)
    if is_formula(value):
        return Formula(value)
    return value.strip()


def _xlsx_rows(data):
    if not data.startswith(b"PK"):
        raise ValidationError(
            "The selected file is not an Excel (.xlsx) file. Save it as .xlsx or CSV",
            code="wrong_type",
        )
    try:
        check_archive(data, what="Excel file")
    except ValidationError as error:
        if error.code != "damaged":  # a damaged file is explained below
            raise
    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=False)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError, TypeError) as error:
        raise ValidationError(
            "The selected file could not be opened as an Excel file. Save it again as .xlsx, "
            f"or as CSV ({type(error).__name__})",
            code="unreadable",
        ) from None
    sheet = workbook.worksheets[0]
    rows = []
    for line, cells in enumerate(sheet.iter_rows(max_col=MAX_COLUMNS), start=1):
        values = []
        for cell in cells:
            value = cell.value
            if getattr(cell, "data_type", None) == "f" or is_formula(value):
                value = Formula(str(value))
            elif isinstance(value, str):
                value = value.strip()
            values.append(value)
        rows.append((line, values))
        if len(rows) > MAX_ROWS + 20:
            break
    workbook.close()
    return rows


def _text(cell):
    if cell is None:
        return ""
    if isinstance(cell, datetime.datetime):
        return f"{cell:%d/%m/%Y}"
    if isinstance(cell, float) and cell.is_integer():
        return str(int(cell))
    return str(cell).strip()

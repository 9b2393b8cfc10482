"""The filtered log as CSV, Excel and a landscape A4 PDF.

Spreadsheet cells that a spreadsheet would run as a formula (starting with = + -
@, a tab or a carriage return) are written with a leading apostrophe, so an
action typed as "=HYPERLINK(...)" stays text when the file is opened."""

import csv
import io

from django.utils import timezone
from django.utils.text import slugify
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Font

from documents.render import render_pdf

HEADERS = [
    "Board",
    "No.",
    "Origin",
    "Action",
    "Owners",
    "Due date",
    "Status",
    "RAG",
    "RAG reason",
    "Latest update",
    "Latest update on",
]
WIDTHS = [28, 6, 14, 60, 28, 14, 16, 22, 30, 60, 16]
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value):
    """Text a spreadsheet will show, never run."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def rows(actions):
    """One list per action, in HEADERS order (dates as dates)."""
    for action in actions:
        rag = action.rag
        yield [
            action.board.name,
            action.number,
            action.origin_label,
            action.description,
            action.owners_display,
            action.due_date,
            action.get_status_display(),
            rag.label,
            rag.reason,
            getattr(action, "latest_update_text", None) or "",
            getattr(action, "latest_update_on", None),
        ]


def csv_bytes(actions):
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(HEADERS)
    for row in rows(actions):
        writer.writerow(
            [
                neutralise(f"{v:%d/%m/%Y}" if hasattr(v, "strftime") else ("" if v is None else v))
                for v in row
            ]
        )
    # With a byte order mark, Excel opens it as UTF-8 (names with accents, dashes).
    return out.getvalue().encode("utf-8-sig")


def xlsx_bytes(actions, *, title):
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title[:31])
    for index, width in enumerate(WIDTHS):
        sheet.column_dimensions[chr(ord("A") + index)].width = width
    sheet.freeze_panes = "A2"
    bold, wrap = Font(bold=True), Alignment(wrap_text=True, vertical="top")
    header = []
    for text in HEADERS:
        cell = WriteOnlyCell(sheet, value=text)
        cell.font = bold
        header.append(cell)
    sheet.append(header)
    count = 0
    for row in rows(actions):
        cells = []
        for value in row:
            cell = WriteOnlyCell(sheet, value=neutralise(value))
            if hasattr(value, "strftime"):
                cell.number_format = "d mmmm yyyy"
            cell.alignment = wrap
            cells.append(cell)
        sheet.append(cells)
        count += 1
    sheet.auto_filter.ref = f"A1:{chr(ord('A') + len(HEADERS) - 1)}{count + 1}"
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def pdf_bytes(actions, *, partnership, title, description, one_board=False):
    actions = list(actions)
    confidential = any(a.origin_item_id and a.origin_item.is_confidential for a in actions)
    return render_pdf(
        "actions/pdf/log.html",
        {
            "partnership": partnership,
            "title": title,
            "description": description,
            "actions": actions,
            "one_board": one_board,
            "generated_at": timezone.localtime(),
            "landscape": True,
            "marking": "OFFICIAL-SENSITIVE" if confidential else "OFFICIAL",
        },
    )


def export_title(filters):
    return f"Action log: {filters.board.name}" if filters.board else "Action log"


def export_filename(partnership, filters, extension):
    parts = ["action-log", partnership.slug]
    if filters.board is not None:
        parts.append(slugify(filters.board.label))
    parts.append(timezone.localdate().isoformat())
    return f"{'-'.join(parts)}.{extension}"

"""The filtered log as CSV, Excel and a landscape A4 PDF.

Spreadsheet cells that a spreadsheet would run as a formula (starting with = + -
@, a tab or a carriage return) are written with a leading apostrophe, so an
action typed as "=HYPERLINK(...)" stays text when the file is opened."""

import csv
import io

from django.utils import timezone
from django.utils.text import slugify

from documents.spreadsheets import neutralise
from documents.xlsx import Workbook

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


def rows(actions, *, rule, partnership_id):
    """One list per action, in HEADERS order (dates as dates), from a plain log
    queryset (`action_log(..., plain=True)`): its ids in its order, then the
    rows read as values (`log_rows`), two queries however many actions, and no
    model instances. RAG by `rule`."""
    from .selectors import log_rows

    ids = actions.values_list("pk", flat=True)
    for row in log_rows(ids, rule=rule, partnership_id=partnership_id):
        yield [
            row.board_name,
            row.number,
            row.origin_label,
            row.description,
            row.owners_display,
            row.due_date,
            row.status_display,
            row.rag.label,
            row.rag.reason,
            row.latest_update_text,
            row.latest_update_on,
        ]


def csv_bytes(actions, *, rule, partnership_id):
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(HEADERS)
    for row in rows(actions, rule=rule, partnership_id=partnership_id):
        writer.writerow(
            [
                neutralise(f"{v:%d/%m/%Y}" if hasattr(v, "strftime") else ("" if v is None else v))
                for v in row
            ]
        )
    # With a byte order mark, Excel opens it as UTF-8 (names with accents, dashes).
    return out.getvalue().encode("utf-8-sig")


def xlsx_bytes(actions, *, rule, partnership_id, title):
    book = Workbook()
    sheet = book.add_sheet(title, widths=WIDTHS)
    sheet.append(HEADERS, bold=True)
    for row in rows(actions, rule=rule, partnership_id=partnership_id):
        sheet.append([neutralise(value) for value in row])
    return book.save()


def pdf_bytes(actions, *, partnership, title, description, one_board=False):
    """The log as a landscape A4 PDF (action objects: `action_log(...)`)."""
    from documents.render import render_pdf  # WeasyPrint loads only when needed

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

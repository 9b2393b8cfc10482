"""A year's funding as CSV (one row per partner) and Excel (partners,
contributions and the budget, one sheet each), with exactly the partners the
member may see. Text a spreadsheet would run as a formula is neutralised."""

import csv
import io

from documents.spreadsheets import neutralise
from documents.xlsx import MONEY, Workbook

PARTNER_HEADERS = [
    "Partner agency",
    "Partner as",
    "Share (formula)",
    "Required",
    "Cash pledged",
    "Cash invoiced",
    "Cash received",
    "Still to pledge (shortfall)",
    "Awaiting payment",
    "In kind (value)",
    "Cash pledged last year",
    "Change on last year",
    "Times chased",
]
CONTRIBUTION_HEADERS = [
    "Partner agency",
    "Cash or in kind",
    "Amount",
    "What it is",
    "Status",
    "Pledged on",
    "Invoiced on",
    "Invoice reference",
    "Received on",
    "Notes",
]
BUDGET_HEADERS = ["What it pays for", "Description", "Planned", "Actual", "Actual less planned"]


def _share(row, funding):
    if not row.in_formula:
        return "Not in the formula"
    if row.percentage is not None:
        return f"{row.percentage.normalize():f}%"
    return f"Equal share (1 of {len(funding.in_formula)})"


def partner_rows(funding):
    for row in funding.partners:
        yield [
            row.agency.organisation.name,
            row.agency.get_kind_display(),
            _share(row, funding),
            row.required,
            row.cash_pledged,
            row.cash_invoiced,
            row.cash_received,
            row.still_to_pledge,
            row.awaiting_payment,
            row.in_kind,
            row.last_year_cash,
            row.change,
            row.chases,
        ]


def contribution_rows(contributions):
    for c in contributions:
        yield [
            c.agency.organisation.name,
            c.get_kind_display(),
            c.amount,
            c.description,
            c.get_status_display(),
            c.pledged_on,
            c.invoiced_on,
            c.invoice_reference,
            c.received_on,
            c.notes,
        ]


def budget_rows(funding):
    for line in funding.budget_lines:
        yield [
            line.get_category_display(),
            line.description,
            line.planned,
            line.actual,
            line.variance,
        ]


def _text(value):
    if value is None:
        return ""
    if hasattr(value, "strftime"):
        return f"{value:%d/%m/%Y}"
    return neutralise(value) if isinstance(value, str) else value


def csv_bytes(funding):
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(PARTNER_HEADERS)
    for row in partner_rows(funding):
        writer.writerow([_text(v) for v in row])
    return out.getvalue().encode("utf-8-sig")


def xlsx_bytes(funding, contributions):
    book = Workbook()
    sheets = [
        ("Partners", PARTNER_HEADERS, partner_rows(funding), {3, 4, 5, 6, 7, 8, 9, 10, 11}),
        ("Contributions", CONTRIBUTION_HEADERS, contribution_rows(contributions), {2}),
    ]
    if funding.budget_lines:
        sheets.append(("Budget", BUDGET_HEADERS, budget_rows(funding), {2, 3, 4}))
    for title, headers, rows, money_columns in sheets:
        sheet = book.add_sheet(title, widths=[30] + [18] * (len(headers) - 1))
        sheet.append(headers, bold=True)
        styles = dict.fromkeys(money_columns, MONEY)
        for row in rows:
            sheet.append([neutralise(v) if isinstance(v, str) else v for v in row], styles=styles)
    return book.save()


def export_filename(year, extension):
    return f"funding-{year.partnership.slug}-{year.slug}.{extension}"

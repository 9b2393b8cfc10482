"""Excel workbooks (.xlsx) written as a stream of rows, for every export.

openpyxl builds a cell object (and looks up a style) per cell and writes its XML
through a slow pure-Python serialiser: 5,000 actions took four times as long as
the same rows as CSV. Our exports need little of Excel: text, numbers, dates,
money, a bold heading row that stays in view, column widths and a filter. This
writes exactly that as SpreadsheetML, a few string operations per cell, with
three fixed styles shared by every cell.

Sheet titles go through `spreadsheets.sheet_title` (titles are user text);
cell text loses the characters XML cannot carry and is cut to Excel's 32,767
characters. Neutralising formulas is the caller's (`spreadsheets.neutralise`).
"""

import datetime
import decimal
import io
import re
import zipfile

from .spreadsheets import sheet_title

MAX_CELL = 32767  # characters Excel keeps in a cell
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_EPOCH = datetime.datetime(1899, 12, 30)

# Style indexes in styles.xml below.
PLAIN, BOLD, DATE, MONEY = 0, 1, 2, 3
DATE_FORMAT = "d mmmm yyyy"
MONEY_FORMAT = '"£"#,##0.00'


def column_letter(index):
    """0 -> A, 25 -> Z, 26 -> AA."""
    letters = ""
    index += 1
    while index:
        index, remainder = divmod(index - 1, 26)
        letters = chr(65 + remainder) + letters
    return letters


def escape(text, entities=None):
    """Text for XML content and attribute values (written, never parsed here)."""
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    for character, entity in (entities or {}).items():
        text = text.replace(character, entity)
    return text


_LETTERS = [column_letter(i) for i in range(64)]
# Text that needs escaping, cleaning or cutting (most cells need none).
_NEEDS_CARE = re.compile(_NOT_XML.pattern + '|[<>&"]|.{' + str(MAX_CELL) + "}", re.S)


def _text(value):
    value = _NOT_XML.sub("", value)[:MAX_CELL]
    return escape(value, {'"': "&quot;"})


class Sheet:
    def __init__(self, title, widths):
        self.title = title
        self.widths = list(widths)
        self.rows = []
        self.width = 0

    def append(self, values, *, styles=None, bold=False):
        """Adds a row. `styles` maps a column index to MONEY (or DATE) for
        numbers; dates are shown as dates by themselves."""
        number = len(self.rows) + 1
        cells = []
        for index, value in enumerate(values):
            if value is None or value == "":
                continue
            ref = f"{_LETTERS[index] if index < 64 else column_letter(index)}{number}"
            style = BOLD if bold else (styles.get(index, PLAIN) if styles else PLAIN)
            s = f' s="{style}"' if style else ""
            if type(value) is str:
                text = _text(value) if _NEEDS_CARE.search(value) else value
                cells.append(
                    f'<c r="{ref}" t="inlineStr"{s}><is><t xml:space="preserve">{text}</t></is></c>'
                )
            elif isinstance(value, bool):
                cells.append(f'<c r="{ref}" t="b"{s}><v>{int(value)}</v></c>')
            elif isinstance(value, int | float | decimal.Decimal) and _finite(value):
                cells.append(f'<c r="{ref}"{s}><v>{value}</v></c>')
            elif isinstance(value, datetime.date):
                cells.append(f'<c r="{ref}" s="{DATE}"><v>{_serial(value)}</v></c>')
            else:
                cells.append(
                    f'<c r="{ref}" t="inlineStr"{s}><is><t xml:space="preserve">'
                    f"{_text(str(value))}</t></is></c>"
                )
        self.width = max(self.width, len(values))
        self.rows.append(f'<row r="{number}">{"".join(cells)}</row>')

    def xml(self):
        last = f"{column_letter(max(self.width, 1) - 1)}{max(len(self.rows), 1)}"
        cols = "".join(
            f'<col min="{i + 1}" max="{i + 1}" width="{w}" customWidth="1"/>'
            for i, w in enumerate(self.widths)
        )
        return (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
            'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
            '<sheetViews><sheetView workbookViewId="0">'
            '<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/>'
            "</sheetView></sheetViews>"
            '<sheetFormatPr defaultRowHeight="15"/>'
            + (f"<cols>{cols}</cols>" if cols else "")
            + f"<sheetData>{''.join(self.rows)}</sheetData>"
            + f'<autoFilter ref="A1:{last}"/>'
            + "</worksheet>"
        ), last


def _finite(value):
    try:
        return not (value != value or abs(value) == float("inf"))
    except (TypeError, decimal.InvalidOperation):
        return False


def _serial(value):
    if not isinstance(value, datetime.datetime):
        return (value - _EPOCH.date()).days
    value = value.replace(tzinfo=None)
    delta = value - _EPOCH
    return round(delta.days + delta.seconds / 86400, 6)


class Workbook:
    """`book = Workbook(); sheet = book.add_sheet("Action log", widths=[...]);
    sheet.append(HEADERS, bold=True); sheet.append(row); book.save()` -> bytes."""

    def __init__(self):
        self.sheets = []

    def add_sheet(self, name, *, widths=()):
        sheet = Sheet(sheet_title(name, taken=[s.title for s in self.sheets]), widths)
        self.sheets.append(sheet)
        return sheet

    def save(self):
        if not self.sheets:
            self.add_sheet("Sheet")
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
            names, filters = [], []
            for n, sheet in enumerate(self.sheets, start=1):
                xml, last = sheet.xml()
                archive.writestr(f"xl/worksheets/sheet{n}.xml", xml)
                quoted = "'" + sheet.title.replace("'", "''") + "'"
                first, row = "$A$1", re.sub(r"([A-Z]+)(\d+)", r"$\1$\2", last)
                filters.append(
                    f'<definedName name="_xlnm._FilterDatabase" localSheetId="{n - 1}" '
                    f'hidden="1">{escape(quoted)}!{first}:{row}</definedName>'
                )
                names.append(f'<sheet name="{_text(sheet.title)}" sheetId="{n}" r:id="rId{n}"/>')
            count = len(self.sheets)
            archive.writestr("[Content_Types].xml", _content_types(count))
            archive.writestr("_rels/.rels", _ROOT_RELS)
            archive.writestr(
                "xl/workbook.xml",
                '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
                '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
                'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
                f"<sheets>{''.join(names)}</sheets>"
                f"<definedNames>{''.join(filters)}</definedNames></workbook>",
            )
            archive.writestr("xl/_rels/workbook.xml.rels", _workbook_rels(count))
            archive.writestr("xl/styles.xml", _STYLES)
        return out.getvalue()


_ROOT_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" '
    'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" '
    'Target="xl/workbook.xml"/></Relationships>'
)


def _content_types(count):
    sheets = "".join(
        f'<Override PartName="/xl/worksheets/sheet{n}.xml" ContentType="application/'
        'vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
        for n in range(1, count + 1)
    )
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" '
        'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        '<Override PartName="/xl/workbook.xml" ContentType="application/'
        'vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
        '<Override PartName="/xl/styles.xml" ContentType="application/'
        'vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>'
        f"{sheets}</Types>"
    )


def _workbook_rels(count):
    sheets = "".join(
        f'<Relationship Id="rId{n}" Type="http://schemas.openxmlformats.org/officeDocument/'
        f'2006/relationships/worksheet" Target="worksheets/sheet{n}.xml"/>'
        for n in range(1, count + 1)
    )
    styles = (
        f'<Relationship Id="rId{count + 1}" Type="http://schemas.openxmlformats.org/'
        'officeDocument/2006/relationships/styles" Target="styles.xml"/>'
    )
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        f"{sheets}{styles}</Relationships>"
    )


_STYLES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
    '<numFmts count="2">'
    f'<numFmt numFmtId="164" formatCode="{escape(DATE_FORMAT)}"/>'
    f'<numFmt numFmtId="165" formatCode="{escape(MONEY_FORMAT, {chr(34): "&quot;"})}"/>'
    "</numFmts>"
    '<fonts count="2"><font><sz val="11"/><name val="Arial"/></font>'
    '<font><b/><sz val="11"/><name val="Arial"/></font></fonts>'
    '<fills count="2"><fill><patternFill patternType="none"/></fill>'
    '<fill><patternFill patternType="gray125"/></fill></fills>'
    '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>'
    '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>'
    '<cellXfs count="4">'
    '<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>'
    '<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/>'
    '<xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>'
    '<xf numFmtId="165" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>'
    "</cellXfs>"
    '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>'
    "</styleSheet>"
)

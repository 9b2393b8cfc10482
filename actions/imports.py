"""Importing an existing spreadsheet tracker (CSV or Excel) into a board's log.

Upload, map columns, check every row (errors per row, nothing saved), then
confirm: valid rows become actions in one transaction. Each imported action
keeps a key made from its tracker number and wording, so importing the same file
again adds nothing twice."""

import csv
import datetime
import hashlib
import io
import json
import re
import zipfile
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from openpyxl import load_workbook
from openpyxl.utils import get_column_letter

from partnership.uploads import check_archive

from . import services
from .models import Action, ActionImport, ActionUpdate
from .owners import OwnerDirectory
from .selectors import rag_rule_for

MAX_BYTES = 10 * 1024 * 1024
MAX_ROWS = 2000
MAX_COLUMNS = 40

# (key, label, required, header words that suggest the column)
FIELDS = [
    ("number", "Action number", False, ["no", "no.", "number", "action no", "action no.",
                                        "action number", "ref", "ref.", "#", "id", "action ref"]),
    ("origin", "Origin (meeting and item)", False, ["origin", "meeting", "date raised", "raised",
                                                    "minute ref", "source", "meeting ref",
                                                    "date of meeting"]),
    ("description", "Action", True, ["action", "actions", "description", "action required",
                                     "action description", "task", "action agreed"]),
    ("owners", "Owners", False, ["owner", "owners", "lead", "responsible", "by whom", "who",
                                 "action owner", "lead officer", "responsibility"]),
    ("due_date", "Due date", False, ["due", "due date", "deadline", "target date", "by when",
                                     "timescale", "date due", "completion date"]),
    ("status", "Status", False, ["status", "progress status", "state"]),
    ("rag", "RAG", False, ["rag", "rag status", "rating", "rag rating"]),
    ("update", "Latest update", False, ["update", "updates", "latest update", "comments",
                                        "progress", "progress update", "notes", "comment"]),
]  # fmt: skip
FIELD_LABELS = {key: label for key, label, _, _ in FIELDS}

STATUS_WORDS = {
    "": Action.Status.OPEN,
    "open": Action.Status.OPEN,
    "new": Action.Status.OPEN,
    "not started": Action.Status.OPEN,
    "in progress": Action.Status.IN_PROGRESS,
    "ongoing": Action.Status.IN_PROGRESS,
    "on going": Action.Status.IN_PROGRESS,
    "on-going": Action.Status.IN_PROGRESS,
    "underway": Action.Status.IN_PROGRESS,
    "started": Action.Status.IN_PROGRESS,
    "carried forward": Action.Status.CARRIED_FORWARD,
    "c/f": Action.Status.CARRIED_FORWARD,
    "cf": Action.Status.CARRIED_FORWARD,
    "completed": Action.Status.COMPLETED,
    "complete": Action.Status.COMPLETED,
    "done": Action.Status.COMPLETED,
    "closed": Action.Status.COMPLETED,
    "no longer required": Action.Status.NO_LONGER_REQUIRED,
    "not required": Action.Status.NO_LONGER_REQUIRED,
    "withdrawn": Action.Status.NO_LONGER_REQUIRED,
}
RAG_WORDS = {
    "red": "red",
    "r": "red",
    "amber": "amber",
    "a": "amber",
    "green": "green",
    "g": "green",
}
DATE_FORMATS = ["%d/%m/%Y", "%d/%m/%y", "%d-%m-%Y", "%d-%m-%y", "%d.%m.%Y", "%d.%m.%y",
                "%Y-%m-%d", "%d %B %Y", "%d %b %Y", "%d %B %y", "%d %b %y"]  # fmt: skip
FORMULA_STARTS = ("=", "+", "-", "@")


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
    value = value.strip()
    if value.startswith("'") and value[1:2] in FORMULA_STARTS:
        return value[1:]  # written as text on purpose (as our own exports do)
    if value.startswith("="):
        return Formula(value)
    return value


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
            if getattr(cell, "data_type", None) == "f" or (
                isinstance(value, str) and value.startswith("=")
            ):
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


# Mapping columns --------------------------------------------------------------------------


def guess_mapping(headers):
    """{field: column index as text} from the headings' words."""
    mapping, used = {}, set()
    normalised = [re.sub(r"\s+", " ", h.lower().strip(" :")) for h in headers]
    for key, _, _, words in FIELDS:
        for index, header in enumerate(normalised):
            if index not in used and header in words:
                mapping[key] = str(index)
                used.add(index)
                break
    return mapping


def fingerprint(data, mapping):
    """What a preview showed: the file and the mapping. Confirming checks it."""
    digest = hashlib.sha256(data)
    digest.update(json.dumps(mapping, sort_keys=True).encode())
    return digest.hexdigest()


# Checking rows ---------------------------------------------------------------------------


@dataclass
class Row:
    line: int
    cells: dict = field(default_factory=dict)  # field -> text as in the file
    errors: list = field(default_factory=list)
    duplicate_of: str = ""
    number: int | None = None
    description: str = ""
    owners: list = field(default_factory=list)
    due_date: datetime.date | None = None
    status: str = Action.Status.OPEN
    rag: str = ""
    origin: str = ""
    update: str = ""
    import_key: str = ""

    @property
    def ok(self):
        return not self.errors and not self.duplicate_of

    @property
    def owner_names(self):
        return ", ".join("All" if o == "all" else str(o) for o in self.owners)

    @property
    def status_label(self):
        return Action.Status(self.status).label


def check_rows(table, mapping, board):
    """Every row of the file as it would be imported, with its problems."""
    directory = OwnerDirectory(board)
    rule = rag_rule_for(board.partnership_id)
    on_board = dict(Action.objects.filter(board=board).values_list("number", "import_key"))
    imported = {key: number for number, key in on_board.items() if key}
    keys_seen, numbers_seen = {}, {}
    rows = []
    for line, cells in table.rows:
        raw = {key: cells[int(col)] for key, col in mapping.items() if col not in ("", None)}
        row = Row(line=line, cells={k: _text(v) for k, v in raw.items()})
        for key, value in raw.items():
            if isinstance(value, Formula):
                row.errors.append(
                    f"{FIELD_LABELS[key]} is a formula ({_short(value)}): type the text itself"
                )
        if not row.errors:
            _parse(row, raw, directory, rule)
        if not row.errors:
            row.import_key = _key(row)
            if row.import_key in imported:
                row.duplicate_of = f"Imported before, as action {imported[row.import_key]}"
            elif row.import_key in keys_seen:
                row.duplicate_of = f"The same action as row {keys_seen[row.import_key]}"
            elif row.number is not None and row.number in on_board:
                row.errors.append(
                    f"Action {row.number} is already on this log: change the number in the "
                    "file, or leave the number column out to number actions here"
                )
            elif row.number is not None and row.number in numbers_seen:
                row.errors.append(
                    f"Action number {row.number} is also used in row {numbers_seen[row.number]}"
                )
            keys_seen.setdefault(row.import_key, line)
            if row.number is not None:
                numbers_seen.setdefault(row.number, line)
        rows.append(row)
    return rows


def _short(text, length=30):
    return text if len(text) <= length else text[: length - 1] + "…"


def _parse(row, raw, directory, rule):
    row.description = _text(raw.get("description"))
    if not row.description:
        row.errors.append("There is no action in this row")
    number = _text(raw.get("number"))
    if number:
        digits = re.sub(r"^(action\s*)?(no\.?\s*)?", "", number.lower()).strip()
        if digits.isdigit() and 0 < int(digits) < 10**8:
            row.number = int(digits)
        else:
            row.errors.append(f"Action number ‘{_short(number)}’ must be a whole number, like 15")
    origin = raw.get("origin")
    row.origin = f"{origin:%d.%m.%y}" if isinstance(origin, datetime.date) else _text(origin)
    if len(row.origin) > 60:
        row.errors.append("Origin must be 60 characters or fewer")
    try:
        row.owners = directory.parse(_text(raw.get("owners")))
    except ValidationError as error:
        row.errors.extend(f"Owner: {m}" for m in error.messages)
    try:
        row.due_date = parse_date(raw.get("due_date"))
    except ValidationError as error:
        row.errors.extend(error.messages)
    status = _text(raw.get("status")).lower()
    if status in STATUS_WORDS:
        row.status = STATUS_WORDS[status]
    else:
        row.errors.append(
            f"Status ‘{_short(status)}’ must be open, in progress, carried forward, completed "
            "or no longer required"
        )
    rag = _text(raw.get("rag")).lower()
    if rag and rag not in RAG_WORDS:
        row.errors.append(f"RAG ‘{_short(rag)}’ must be red, amber or green")
    elif rag:
        given = RAG_WORDS[rag]
        if given != rule.computed_colour(status=row.status, due_date=row.due_date):
            row.rag = given
    row.update = _text(raw.get("update"))


def parse_date(value):
    """A due date from a cell: a date, or text like 31/03/2026 or 31 March 2026.
    Words that are not a date (ASAP, March 2020, next meeting) are refused."""
    if value is None or value == "":
        return None
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    text = _text(value)
    cleaned = re.sub(r"(\d)(st|nd|rd|th)\b", r"\1", text, flags=re.IGNORECASE)
    cleaned = " ".join(cleaned.replace(",", " ").split())
    for fmt in DATE_FORMATS:
        try:
            day = datetime.datetime.strptime(cleaned, fmt).date()  # noqa: DTZ007 - a date only
        except ValueError:
            continue
        if 1990 <= day.year <= 2100:
            return day
    try:
        return datetime.datetime.fromisoformat(cleaned).date()
    except ValueError:
        pass
    raise ValidationError(
        f"Due date ‘{_short(text)}’ is not a date: write it as a date, like 31/03/2026",
        code="date",
    )


def _key(row):
    words = " ".join(row.description.lower().split())
    return hashlib.sha256(f"{row.number or ''}|{words}".encode()).hexdigest()


# Importing ----------------------------------------------------------------------------------


@transaction.atomic
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

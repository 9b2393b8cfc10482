"""Mapping a tracker's columns to an action's fields and checking every row (errors per
row, nothing saved)."""

import datetime
import hashlib
import json
import re
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError

from ..models import ACTION_TEXT_MAX, Action
from ..owners import OwnerDirectory
from ..selectors import rag_rule_for
from .files import Formula, _text

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
    elif len(row.description) > ACTION_TEXT_MAX:
        row.errors.append(
            f"The action is {len(row.description):,} characters long: it must be "
            f"{ACTION_TEXT_MAX:,} or fewer (is more than one action in this cell?)"
        )
        row.description = _short(row.description, 200)
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

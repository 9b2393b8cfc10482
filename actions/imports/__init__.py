"""Importing an existing spreadsheet tracker (CSV or Excel) into a board's log.

Upload, map columns, check every row (errors per row, nothing saved), then
confirm: valid rows become actions in one transaction. Each imported action
keeps a key made from its tracker number and wording, so importing the same file
again adds nothing twice."""

from .confirm import actions_import, import_map_columns, import_start, uploads_purge
from .files import (
    MAX_BYTES,
    MAX_COLUMNS,
    MAX_ROWS,
    Formula,
    Table,
    check_upload,
    file_type_of,
    read_table,
)
from .rows import (
    DATE_FORMATS,
    FIELD_LABELS,
    FIELDS,
    RAG_WORDS,
    STATUS_WORDS,
    Row,
    check_rows,
    fingerprint,
    guess_mapping,
    parse_date,
)

__all__ = [
    "DATE_FORMATS",
    "FIELDS",
    "FIELD_LABELS",
    "Formula",
    "MAX_BYTES",
    "MAX_COLUMNS",
    "MAX_ROWS",
    "RAG_WORDS",
    "Row",
    "STATUS_WORDS",
    "Table",
    "actions_import",
    "check_rows",
    "check_upload",
    "file_type_of",
    "fingerprint",
    "guess_mapping",
    "import_map_columns",
    "import_start",
    "parse_date",
    "read_table",
    "uploads_purge",
]

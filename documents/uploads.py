"""What may be uploaded as a document (meeting papers, review reports): the
one set of content checks and the size limit, for every app that stores files.

A file's type is decided by its content, never its name: a PDF starts "%PDF-"
and pypdf can read it; a Word document or Excel workbook is an Office Open XML
zip with the parts such a file must have. The checks every upload shares (zip
bombs, macros, PDF polyglots and active content) are partnership.uploads'."""

import io

from django.conf import settings
from django.core.exceptions import ValidationError
from pypdf import PdfReader
from pypdf.errors import PyPdfError

from partnership.uploads import check_archive, check_pdf_content

MAX_BYTES = getattr(settings, "DOCUMENT_UPLOAD_MAX_BYTES", 20 * 1024 * 1024)
ACCEPTED = "PDF, Word (.docx) or Excel (.xlsx)"
CONTENT_TYPES = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}

_OOXML_PARTS = {"docx": "word/document.xml", "xlsx": "xl/workbook.xml"}


def max_size_label(max_bytes=MAX_BYTES):
    return f"{max_bytes // (1024 * 1024)} MB"


def inspect(data, *, max_bytes=MAX_BYTES):
    """The document type of these bytes ("pdf", "docx" or "xlsx"), or a
    ValidationError saying what is wrong with the file."""
    if not data:
        raise ValidationError("The selected file is empty")
    if len(data) > max_bytes:
        raise ValidationError(f"The selected file must be smaller than {max_size_label(max_bytes)}")
    if b"%PDF-" in data[:1024]:
        _check_pdf(data)
        return "pdf"
    if data[:4] == b"PK\x03\x04":
        return _check_office(data)
    raise ValidationError(f"The selected file must be a {ACCEPTED}")


def _check_pdf(data):
    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted and not reader.decrypt(""):
            raise ValidationError("The PDF is password protected: upload one without a password")
        if len(reader.pages) == 0:
            raise ValidationError("The PDF has no pages")
        check_pdf_content(data, reader)
    except (PyPdfError, ValueError, KeyError, TypeError) as error:
        raise ValidationError("The PDF could not be read: it may be damaged") from error


def _check_office(data):
    try:
        names = set(check_archive(data))
    except ValidationError as error:
        if error.code != "damaged":
            raise
        raise ValidationError(f"The selected file must be a {ACCEPTED}") from error
    if "[Content_Types].xml" not in names:
        raise ValidationError(f"The selected file must be a {ACCEPTED}")
    for kind, part in _OOXML_PARTS.items():
        if part in names:
            return kind
    raise ValidationError(f"The selected file must be a {ACCEPTED}")


def read_upload(uploaded_file, *, max_bytes=MAX_BYTES):
    """The uploaded file's bytes: one byte more than allowed tells "too big"
    without reading a huge file."""
    uploaded_file.seek(0)
    return uploaded_file.read(max_bytes + 1)

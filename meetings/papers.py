"""Meeting papers: what may be uploaded, where it is kept, when it is late and
how a meeting pack is put together.

A paper's type is decided by its content, never its name: a PDF starts
"%PDF-" and pypdf can read it; a Word document or Excel workbook is an Office
Open XML zip with the parts such a file must have (macro-enabled files are
refused). Files are stored under MEDIA_ROOT with a random name; no URL serves
that directory, only the paper view, after checking who may see the item."""

import hashlib
import io
import logging
import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from pypdf import PdfReader, PdfWriter
from pypdf.errors import PyPdfError

from partnership.uploads import check_archive, check_pdf_content

from .models import Paper
from .services import refuse_if_frozen

logger = logging.getLogger(__name__)

MAX_BYTES = getattr(settings, "MEETINGS_PAPER_MAX_BYTES", 20 * 1024 * 1024)
ACCEPTED = "PDF, Word (.docx) or Excel (.xlsx)"

_OOXML_PARTS = {"docx": "word/document.xml", "xlsx": "xl/workbook.xml"}


def max_size_label():
    return f"{MAX_BYTES // (1024 * 1024)} MB"


def inspect(data):
    """The paper type of these bytes ("pdf", "docx" or "xlsx"), or a
    ValidationError saying what is wrong with the file."""
    if not data:
        raise ValidationError("The selected file is empty")
    if len(data) > MAX_BYTES:
        raise ValidationError(f"The selected file must be smaller than {max_size_label()}")
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


def _read(uploaded_file):
    # One byte more than allowed tells "too big" without reading a huge file.
    uploaded_file.seek(0)
    return uploaded_file.read(MAX_BYTES + 1)


@transaction.atomic
def paper_upload(*, item, title, uploaded_file, acting_user, received_at=None):
    """Stores a paper for an agenda item after checking its content."""
    refuse_if_frozen(item.meeting)
    data = _read(uploaded_file)
    file_type = inspect(data)
    paper = Paper(
        item=item,
        title=title.strip(),
        file_name=(uploaded_file.name or f"paper.{file_type}")[-255:],
        file_type=file_type,
        size=len(data),
        sha256=hashlib.sha256(data).hexdigest(),
        received_at=received_at or timezone.now(),
        uploaded_by=acting_user,
    )
    paper.partnership_id = item.partnership_id
    # A random name: nothing about the paper shows in the file system. (Should
    # the transaction roll back, the file stays as an orphan no row points at.)
    stored_name = f"{item.partnership_id}/{uuid.uuid4().hex}.{file_type}"
    paper.file.save(stored_name, ContentFile(data), save=False)
    paper.save()
    return paper


@transaction.atomic
def paper_accept_late(*, paper, reason, acting_user):
    """The chair accepts a late paper into the pack, with the reason."""
    if not paper.is_late:
        raise ValidationError("This paper is not late")
    if paper.late_accepted_at is not None:
        raise ValidationError("This late paper has already been accepted")
    if not reason.strip():
        raise ValidationError("Enter why the late paper is accepted")
    paper.late_accepted_at = timezone.now()
    paper.late_accepted_by = acting_user
    paper.late_acceptance_reason = reason.strip()
    paper.save(
        update_fields=[
            "late_accepted_at",
            "late_accepted_by",
            "late_acceptance_reason",
            "updated_at",
        ]
    )
    return paper


@transaction.atomic
def paper_remove(*, paper, acting_user):
    """Removes a paper and, once the removal is committed, its file."""
    refuse_if_frozen(paper.item.meeting)
    name, storage = paper.file.name, paper.file.storage
    paper.delete()
    transaction.on_commit(lambda: storage.delete(name))


def pack(agenda_pdf, papers):
    """The meeting pack: the agenda, then each paper (PDFs only) in agenda
    order, with a bookmark per paper."""
    writer = PdfWriter()
    writer.append(io.BytesIO(agenda_pdf), outline_item="Agenda")
    for paper in papers:
        try:
            with paper.file.open("rb") as file:
                reader = PdfReader(io.BytesIO(file.read()))
                if reader.is_encrypted:
                    reader.decrypt("")
                writer.append(reader, outline_item=f"{paper.item.number} {paper.title}".strip())
        except (OSError, PyPdfError, ValueError) as error:
            logger.warning("Paper %s left out of the pack: %s", paper.uuid, error)
    writer.add_metadata({"/Title": "Meeting pack"})
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()

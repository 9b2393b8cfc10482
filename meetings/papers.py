"""Meeting papers: what may be uploaded, where it is kept, when it is late and
how a meeting pack is put together.

A paper's type is decided by its content, never its name (the checks are
documents.uploads, shared with review reports). Files are stored under
MEDIA_ROOT with a random name; no URL serves that directory, only the paper
view, after checking who may see the item."""

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

from documents import uploads
from partnership.writes import service

from .models import Paper
from .services import refuse_if_frozen

logger = logging.getLogger(__name__)

MAX_BYTES = getattr(settings, "MEETINGS_PAPER_MAX_BYTES", uploads.MAX_BYTES)
ACCEPTED = uploads.ACCEPTED


def max_size_label():
    return uploads.max_size_label(MAX_BYTES)


@service
def paper_upload(*, item, title, uploaded_file, acting_user, received_at=None):
    """Stores a paper for an agenda item after checking its content."""
    refuse_if_frozen(item.meeting)
    data = uploads.read_upload(uploaded_file, max_bytes=MAX_BYTES)
    file_type = uploads.inspect(data, max_bytes=MAX_BYTES)
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


@service
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


@service
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

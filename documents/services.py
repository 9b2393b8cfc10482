import datetime
import logging

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from partnership.models import Partnership
from partnership.tenancy import in_partnership
from partnership.writes import acting_as, service

from .downloads import ascii_filename, download_filename
from .models import DocumentJob
from .registry import RENDERERS

log = logging.getLogger(__name__)


@service
def document_request(*, partnership, kind, title, params, acting_user):
    """Queues a document for rendering in the background; returns the job, whose
    page shows its progress. Permission to see what it contains is the caller's
    to check, before asking."""
    if kind not in RENDERERS:
        raise ValueError(f"No renderer for {kind!r}")
    if len(title) > 200:  # titles carry user-chosen names (a board's)
        title = title[:199] + "…"
    job = DocumentJob.objects.create(
        partnership=partnership, kind=kind, title=title, params=params, requested_by=acting_user
    )
    from .tasks import render_document

    transaction.on_commit(lambda: render_document.delay(job.pk, job.partnership_id))
    return job


def document_render(*, job_id, partnership_id):
    """Renders a queued job inside its partnership, on behalf of whoever asked
    for it (the history of the job names them, though a worker did the work).
    Idempotent: a job already finished, or being rendered by another worker, is
    left alone, so a retried or duplicated task does the work once."""
    with in_partnership(partnership_id):
        requester = DocumentJob.objects.filter(pk=job_id).select_related("requested_by").first()
    if requester is None:
        return
    with acting_as(requester.requested_by):
        _render(job_id, partnership_id)


def _render(job_id, partnership_id):
    with in_partnership(partnership_id):
        job = (
            DocumentJob.objects.select_for_update(skip_locked=True)
            .select_related("partnership")
            .filter(pk=job_id, status=DocumentJob.Status.QUEUED)
            .first()
        )
        if job is None:
            return
        job.status = DocumentJob.Status.RUNNING
        job.save(update_fields=["status", "updated_at"])
    try:
        with in_partnership(job.partnership):
            content, filename, content_type = RENDERERS[job.kind](job)
    except Exception:
        log.exception("Document job %s (%s) failed", job.pk, job.kind)
        with in_partnership(partnership_id):
            job.status = DocumentJob.Status.FAILED
            job.error = (
                "Something went wrong preparing this document. "
                "Try again, or ask your business unit."
            )
            job.finished_at = timezone.now()
            job.save(update_fields=["status", "error", "finished_at", "updated_at"])
        return
    with in_partnership(partnership_id):
        job.file.save(ascii_filename(filename), ContentFile(content), save=False)
        job.filename = download_filename(filename)
        job.content_type = content_type
        job.status = DocumentJob.Status.DONE
        job.finished_at = timezone.now()
        job.save()


def documents_purge(*, now=None):
    """Deletes the files of documents older than KEEP_DAYS (the job rows stay, as
    a record of who asked for what). Returns how many files went."""
    cutoff = (now or timezone.now()) - datetime.timedelta(days=DocumentJob.KEEP_DAYS)
    return files_purge(DocumentJob, before=cutoff)


def files_purge(model, *, before):
    """Deletes the stored `file` of every `model` row created before `before`,
    in each partnership in turn, keeping the rows themselves as the record.
    Returns how many files went."""
    purged = 0
    for partnership in Partnership.objects.order_by("pk"):
        with in_partnership(partnership):
            for row in model.objects.filter(created_at__lt=before).exclude(file=""):
                row.file.delete(save=False)
                row.file = ""
                row.save(update_fields=["file", "updated_at"])
                purged += 1
    return purged

from django.core.files.base import ContentFile
from django.utils import timezone

from documents.models import DocumentJob
from tests.samples import sample


@sample("document_job")
def _document_job(tenant):
    # Asked for by the business manager: only they may see it.
    return DocumentJob.objects.create(
        partnership=tenant.partnership,
        kind="test.sample",
        title="Action log",
        requested_by=tenant.users["business_manager"],
    )


@sample("rendered_document_job")
def _rendered_document_job(tenant):
    job = DocumentJob(
        partnership=tenant.partnership,
        kind="test.sample",
        title="Action log",
        requested_by=tenant.users["business_manager"],
        status=DocumentJob.Status.DONE,
        filename="action-log.pdf",
        finished_at=timezone.now(),
    )
    job.file.save("action-log.pdf", ContentFile(b"%PDF-1.7 sample"), save=False)
    job.save()
    return job

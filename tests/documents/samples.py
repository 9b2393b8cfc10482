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

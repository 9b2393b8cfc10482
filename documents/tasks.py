from celery import shared_task

from . import services


@shared_task(acks_late=True)
def render_document(job_id, partnership_id):
    services.document_render(job_id=job_id, partnership_id=partnership_id)


@shared_task
def purge_old_documents():
    return services.documents_purge()

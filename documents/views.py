from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, render

from .downloads import name_download
from .models import DocumentJob


def _own_job(request, job_uuid):
    # Only whoever asked for a document sees it: it was made with their permissions.
    return get_object_or_404(
        DocumentJob.objects.for_partnership(request.partnership).filter(requested_by=request.user),
        uuid=job_uuid,
    )


def job_status(request, job_uuid):
    job = _own_job(request, job_uuid)
    template = "documents/_status.html" if request.htmx else "documents/status.html"
    return render(request, template, {"job": job})


def job_download(request, job_uuid):
    job = _own_job(request, job_uuid)
    if job.status != DocumentJob.Status.DONE or not job.file:
        raise Http404("Not ready")
    response = FileResponse(job.file.open("rb"), content_type=job.content_type)
    return name_download(response, job.filename)

"""Documents rendered in the background (long PDFs, large exports).

A request asks for a document (`services.document_request`); a Celery task renders
it with the renderer registered for its kind (`registry.py`) and stores the file
under the private MEDIA_ROOT; the requester watches its status page and downloads
it. Files are kept for DocumentJob.KEEP_DAYS days."""

from django.conf import settings
from django.db import models

from partnership.links import reverse
from partnership.tenancy import TenantModel


def _upload_to(job, filename):
    return f"documents/{job.partnership_id}/{job.uuid}/{filename}"


class DocumentJob(TenantModel):
    KEEP_DAYS = 7

    class Status(models.TextChoices):
        QUEUED = "queued", "Waiting to start"
        RUNNING = "running", "Being prepared"
        DONE = "done", "Ready"
        FAILED = "failed", "Could not be prepared"

    kind = models.CharField(max_length=60)
    title = models.CharField(max_length=200)
    params = models.JSONField(default=dict, blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.QUEUED)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    file = models.FileField(upload_to=_upload_to, blank=True, max_length=300)
    filename = models.CharField(max_length=200, blank=True)
    content_type = models.CharField(max_length=100, default="application/pdf")
    error = models.TextField(blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.title} ({self.get_status_display()})"

    def get_absolute_url(self):
        return reverse(
            "documents:status",
            kwargs={"partnership_slug": self.partnership.slug, "job_uuid": self.uuid},
        )

    @property
    def is_finished(self):
        return self.status in (self.Status.DONE, self.Status.FAILED)

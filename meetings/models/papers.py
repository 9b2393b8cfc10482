"""Papers for agenda items, stored privately."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from partnership.tenancy import TenantModel

from .meetings import AgendaItem


class Paper(TenantModel):
    """A paper for an agenda item. The file lives under MEDIA_ROOT, which no URL
    serves: only a view that checks who may see the item streams it."""

    class FileType(models.TextChoices):
        PDF = "pdf", "PDF"
        DOCX = "docx", "Word document"
        XLSX = "xlsx", "Excel spreadsheet"

    CONTENT_TYPES = {
        "pdf": "application/pdf",
        "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    }

    item = models.ForeignKey(AgendaItem, on_delete=models.PROTECT, related_name="papers")
    title = models.CharField(max_length=300)
    file = models.FileField(upload_to="papers/", max_length=300)
    file_name = models.CharField(max_length=255, help_text="As uploaded")
    file_type = models.CharField(max_length=10, choices=FileType.choices)
    size = models.PositiveIntegerField()
    sha256 = models.CharField(max_length=64)
    received_at = models.DateTimeField(default=timezone.now)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    late_accepted_at = models.DateTimeField(null=True, blank=True)
    late_accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    late_acceptance_reason = models.TextField(blank=True)

    tenant_parent = "item"

    class Meta:
        ordering = ["item", "received_at"]
        constraints = [
            models.CheckConstraint(condition=Q(size__gt=0), name="paper_not_empty"),
            models.CheckConstraint(
                condition=Q(late_accepted_at__isnull=True) | ~Q(late_acceptance_reason=""),
                name="paper_late_acceptance_has_reason",
            ),
        ]

    def __str__(self):
        return self.title

    @property
    def is_late(self):
        """Received after the deadline day (on the deadline day is on time)."""
        received = timezone.localtime(self.received_at).date()
        return received > self.item.meeting.paper_deadline

    @property
    def in_pack(self):
        """On time, or late and accepted by the chair."""
        return not self.is_late or self.late_accepted_at is not None

    @property
    def content_type(self):
        return self.CONTENT_TYPES[self.file_type]

"""Who was listed for a meeting, and how they attended."""

from django.db import models
from django.db.models import Q

from partnership.tenancy import TenantModel

from .meetings import Meeting


class Attendance(TenantModel):
    """Someone listed for a meeting: a board member (listed in advance), a
    deputy on behalf of one, or someone in attendance (officers, the minute
    taker, guests for named items)."""

    class Status(models.TextChoices):
        EXPECTED = "expected", "Not recorded"
        PRESENT = "present", "Present"
        APOLOGIES = "apologies", "Apologies"
        ABSENT = "absent", "Absent"
        IN_ATTENDANCE = "in_attendance", "In attendance"

    meeting = models.ForeignKey(Meeting, on_delete=models.PROTECT, related_name="attendance")
    person = models.ForeignKey(
        "partnership.Person", on_delete=models.PROTECT, related_name="attendance"
    )
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.EXPECTED)
    is_member = models.BooleanField(
        default=True, help_text="A board member (or a deputy for one), counted for the quorum"
    )
    on_behalf_of = models.ForeignKey(
        "partnership.Person",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text="The member this person deputises for",
    )
    representing = models.ForeignKey(
        "partnership.Organisation",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    initials = models.CharField(
        max_length=10,
        blank=True,
        help_text="As these minutes print them, when two attendees' initials clash",
    )
    note = models.CharField(
        max_length=200, blank=True, help_text="For example: minutes, or attended for item 4"
    )

    tenant_parent = "meeting"

    class Meta:
        ordering = ["meeting", "-is_member", "person__full_name"]
        verbose_name_plural = "attendance"
        constraints = [
            models.UniqueConstraint(fields=["meeting", "person"], name="attendance_once"),
            models.CheckConstraint(
                condition=~Q(on_behalf_of=models.F("person")),
                name="attendance_not_deputy_for_self",
            ),
        ]

    def __str__(self):
        return f"{self.person}: {self.get_status_display()}"

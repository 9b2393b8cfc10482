"""Minutes recorded per agenda item, their approval and later amendments."""

from django.conf import settings
from django.db import models
from django.utils import timezone

from partnership.tenancy import TenantModel

from .meetings import AgendaItem, Meeting


class ItemMinutes(TenantModel):
    """What was minuted for one agenda item. `version` goes up by one with every
    save; a save naming an older version is a conflict, never an overwrite."""

    item = models.OneToOneField(AgendaItem, on_delete=models.PROTECT, related_name="minutes")
    discussion = models.TextField(blank=True, help_text="HTML, cleaned on the way in")
    decisions = models.TextField(blank=True, help_text="One decision per line")
    version = models.PositiveIntegerField(default=0)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    tenant_parent = "item"

    class Meta:
        verbose_name_plural = "item minutes"

    def __str__(self):
        return f"Minutes of {self.item}"

    @property
    def decision_lines(self):
        return [line.strip() for line in self.decisions.splitlines() if line.strip()]


class MinutesApproval(TenantModel):
    """The formal, dated act of approving a meeting's minutes as a true and
    accurate record, by the chair or the independent chair."""

    meeting = models.OneToOneField(Meeting, on_delete=models.PROTECT, related_name="approval")
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    approver_name = models.CharField(max_length=200)
    approver_capacity = models.CharField(max_length=100)
    approved_on = models.DateField(default=timezone.localdate)
    amendment = models.TextField(
        blank=True, help_text="The amendment agreed with the approval, if any"
    )
    at_item = models.ForeignKey(
        AgendaItem,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="approvals",
        help_text="The next meeting's item that agreed them",
    )
    at_meeting = models.ForeignKey(
        Meeting,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="minutes_approved_here",
        help_text="The (held) meeting that agreed them; none when approved outside a meeting",
    )

    tenant_parent = "meeting"

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(at_meeting=models.F("meeting")),
                name="approval_not_at_its_own_meeting",
            )
        ]

    def __str__(self):
        return f"Approval of the minutes of {self.meeting}"

    @property
    def backdated(self):
        """Entered on a later day than the approval it records (back-filled
        minutes): the record then says who entered it and when."""
        return self.created_at is not None and (
            timezone.localdate(self.created_at) != self.approved_on
        )


class MinutesTransition(TenantModel):
    """One step in the minutes' life: submitted for approval, returned with
    comments, back to draft because they were changed, approved. Who and when,
    for the record (the meeting's own history has the same, field by field)."""

    class Kind(models.TextChoices):
        SUBMITTED = "submitted", "Submitted for approval"
        RETURNED = "returned", "Returned with comments"
        REOPENED = "reopened", "Changed after submission: back to draft"
        APPROVED = "approved", "Approved"

    meeting = models.ForeignKey(
        Meeting, on_delete=models.PROTECT, related_name="minutes_transitions"
    )
    kind = models.CharField(max_length=20, choices=Kind.choices)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    by_name = models.CharField(max_length=200)
    comments = models.TextField(blank=True)

    tenant_parent = "meeting"

    class Meta:
        ordering = ["meeting", "created_at", "pk"]

    def __str__(self):
        return f"{self.get_kind_display()}: minutes of {self.meeting}"


class MinutesAmendment(TenantModel):
    """A correction to approved minutes: recorded beside them, never an edit."""

    meeting = models.ForeignKey(Meeting, on_delete=models.PROTECT, related_name="amendments")
    item = models.ForeignKey(
        AgendaItem, null=True, blank=True, on_delete=models.PROTECT, related_name="amendments"
    )
    text = models.TextField()
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_by_name = models.CharField(max_length=200)

    tenant_parent = "meeting"

    class Meta:
        ordering = ["meeting", "created_at"]

    def __str__(self):
        return f"Amendment to the minutes of {self.meeting}"

"""Meetings of a board and their agenda items.

This is the core the action log needs (an action's origin is a meeting and an
agenda item, shown as "23.10.19 ref 4.1"); the meetings issue builds agendas,
papers, attendance, minutes and approval on it."""

from django.db import models
from django.urls import reverse

from partnership.tenancy import TenantModel


class Meeting(TenantModel):
    class Kind(models.TextChoices):
        ORDINARY = "ordinary", "Ordinary meeting"
        EXTRAORDINARY = "extraordinary", "Extraordinary meeting (single item)"
        DEVELOPMENT_DAY = "development_day", "Development day"

    class Status(models.TextChoices):
        PLANNED = "planned", "Planned"
        AGENDA_PUBLISHED = "agenda_published", "Agenda published"
        HELD = "held", "Held"
        MINUTES_DRAFT = "minutes_draft", "Minutes in draft"
        MINUTES_APPROVED = "minutes_approved", "Minutes approved"
        PUBLISHED = "published", "Minutes published"

    board = models.ForeignKey(
        "partnership.Board", on_delete=models.PROTECT, related_name="meetings"
    )
    date = models.DateField()
    start_time = models.TimeField(null=True, blank=True)
    end_time = models.TimeField(null=True, blank=True)
    venue = models.CharField(max_length=300, blank=True)
    online_link = models.URLField("online meeting link", max_length=500, blank=True)
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.ORDINARY)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.PLANNED)

    tenant_parent = "board"

    class Meta:
        ordering = ["-date", "-start_time"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end_time__isnull=True)
                | models.Q(start_time__isnull=True)
                | models.Q(end_time__gt=models.F("start_time")),
                name="meeting_ends_after_it_starts",
            )
        ]

    def __str__(self):
        return f"{self.board.label}, {self.date:%-d %B %Y}"

    def get_absolute_url(self):
        return reverse(
            "meetings:meeting-detail",
            kwargs={"partnership_slug": self.partnership.slug, "meeting_uuid": self.uuid},
        )


class AgendaItem(TenantModel):
    class Purpose(models.TextChoices):
        DECISION = "decision", "For decision"
        ASSURANCE = "assurance", "For assurance"
        DISCUSSION = "discussion", "For discussion"
        INFORMATION = "information", "For information"

    meeting = models.ForeignKey(Meeting, on_delete=models.PROTECT, related_name="items")
    position = models.PositiveIntegerField(help_text="Order on the agenda")
    number = models.CharField(max_length=10, help_text="As printed: 1, 2, 2a, 2.1")
    title = models.CharField(max_length=300)
    purpose = models.CharField(max_length=20, choices=Purpose.choices, blank=True)
    presenter = models.ForeignKey(
        "partnership.Person", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    minutes_allowed = models.PositiveSmallIntegerField(null=True, blank=True)
    is_confidential = models.BooleanField(
        "confidential (OFFICIAL-SENSITIVE)",
        default=False,
        help_text="Left out of public versions of the agenda and minutes",
    )

    tenant_parent = "meeting"

    class Meta:
        ordering = ["meeting", "position"]
        constraints = [
            # Deferred, so reordering can swap positions inside one transaction.
            models.UniqueConstraint(
                fields=["meeting", "position"],
                name="agenda_item_position_once",
                deferrable=models.Deferrable.DEFERRED,
            )
        ]

    def __str__(self):
        return f"{self.number}. {self.title}"

"""A meeting of a board and its agenda items, with the choices they share."""

import datetime

from django.db import models

from govuk.dates import day
from partnership.links import reverse
from partnership.tenancy import TenantModel


class Purpose(models.TextChoices):
    DECISION = "decision", "For decision"
    ASSURANCE = "assurance", "For assurance"
    DISCUSSION = "discussion", "For discussion"
    INFORMATION = "information", "For information"


class ItemKind(models.TextChoices):
    ITEM = "item", "An agenda item"
    PREVIOUS_MINUTES = (
        "previous_minutes",
        "Minutes of the previous meeting, action log and matters arising",
    )


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
        MINUTES_SUBMITTED = "minutes_submitted", "Minutes submitted for approval"
        MINUTES_APPROVED = "minutes_approved", "Minutes approved"
        PUBLISHED = "published", "Minutes published"

    board = models.ForeignKey(
        "partnership.Board", on_delete=models.PROTECT, related_name="meetings"
    )
    date = models.DateField()
    start_time = models.TimeField(null=True, blank=True)
    end_time = models.TimeField(null=True, blank=True)

    class VenueKind(models.TextChoices):
        IN_PERSON = "in_person", "In person, at a venue"
        ONLINE = "online", "Online"
        NOT_RECORDED = "not_recorded", "Not recorded"

    venue_kind = models.CharField(
        "where the meeting is held",
        max_length=20,
        choices=VenueKind.choices,
        default=VenueKind.IN_PERSON,
    )
    venue = models.CharField(max_length=300, blank=True)
    online_link = models.URLField("online meeting link", max_length=500, blank=True)
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.ORDINARY)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.PLANNED)
    subject = models.CharField(
        max_length=300,
        blank=True,
        help_text="For an extraordinary meeting or development day: what it is about",
    )
    agenda_published_at = models.DateTimeField(null=True, blank=True)
    # The date of the next meeting as the minutes record it (the board's
    # next planned meeting may not exist yet, and the minute taker may not
    # plan one).
    next_meeting_date = models.DateField("date of next meeting", null=True, blank=True)
    next_meeting_start_time = models.TimeField(null=True, blank=True)
    next_meeting_venue = models.CharField(max_length=300, blank=True)
    minutes_published_at = models.DateTimeField(null=True, blank=True)

    tenant_parent = "board"

    # Statuses in order: a meeting only ever moves forward through them.
    ORDER = [s.value for s in Status]
    FROZEN = frozenset({Status.MINUTES_APPROVED, Status.PUBLISHED})

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
        return f"{self.board.label}, {day(self.date)}"

    def get_absolute_url(self):
        return reverse(
            "meetings:meeting-detail",
            kwargs={"partnership_slug": self.partnership.slug, "meeting_uuid": self.uuid},
        )

    def url(self, name, **kwargs):
        """The URL of one of this meeting's pages: `meeting.url("minutes")`."""
        return reverse(
            f"meetings:{name}",
            kwargs={"partnership_slug": self.partnership.slug, "meeting_uuid": self.uuid, **kwargs},
        )

    @property
    def where(self):
        """Where the meeting is held, as pages and PDFs print it: never "Online"
        for a venue nobody recorded."""
        if self.venue_kind == self.VenueKind.ONLINE:
            return "Online"
        if self.venue_kind == self.VenueKind.IN_PERSON and self.venue:
            return self.venue
        return "Venue not recorded"

    @property
    def minutes_submitted(self):
        return self.status == self.Status.MINUTES_SUBMITTED

    @property
    def minutes_frozen(self):
        """Approved minutes never change in place: corrections are amendments."""
        return self.status in self.FROZEN

    def reached(self, status):
        return self.ORDER.index(self.status) >= self.ORDER.index(status)

    @property
    def reached_held(self):
        return self.reached(self.Status.HELD)

    @property
    def paper_deadline(self):
        """The last day a paper counts as on time (the board's late-paper days
        before the meeting)."""
        return self.date - datetime.timedelta(days=self.board.late_paper_days)

    @property
    def title(self):
        kind = "" if self.kind == self.Kind.ORDINARY else f" ({self.get_kind_display()})"
        return f"{self.board.name}{kind}"


class AgendaItem(TenantModel):
    Purpose = Purpose
    Kind = ItemKind

    class Numbering(models.TextChoices):
        MAIN = "main", "A new number (1, 2, 3)"
        LETTERED = "lettered", "A lettered part of the current number (2a, 2b)"
        SUB = "sub", "A numbered minute under the current number (2.1, 2.2)"
        NONE = "none", "No number (for example, the welcome)"

    meeting = models.ForeignKey(Meeting, on_delete=models.PROTECT, related_name="items")
    position = models.PositiveIntegerField(help_text="Order on the agenda")
    number = models.CharField(max_length=10, blank=True, help_text="As printed: 1, 2, 2a, 2.1")
    numbering = models.CharField(max_length=10, choices=Numbering.choices, default=Numbering.MAIN)
    number_is_manual = models.BooleanField(default=False)
    title = models.CharField(max_length=300)
    kind = models.CharField(max_length=20, choices=ItemKind.choices, default=ItemKind.ITEM)
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
    forward_plan_item = models.ForeignKey(
        "ForwardPlanItem",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="agenda_items",
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
            ),
        ]

    def __str__(self):
        return f"{self.number}. {self.title}" if self.number else self.title

    @property
    def anchor(self):
        return f"item-{self.uuid}"

    @property
    def is_previous_minutes(self):
        return self.kind == ItemKind.PREVIOUS_MINUTES

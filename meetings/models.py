"""Meetings of a board: agendas, papers, attendance, minutes, approval and the
forward plan.

Meeting and AgendaItem are also what the action log points at (an action's
origin is a meeting and an agenda item, shown as "23.10.19 ref 4.1"). Minutes
are recorded per agenda item (ItemMinutes, with a version number for optimistic
locking); once approved they are frozen and later corrections are recorded as
MinutesAmendments. Writes go through services (meetings/services.py,
meetings/minutes.py, meetings/papers.py)."""

import datetime

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from govuk.dates import day
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
    subject = models.CharField(
        max_length=300,
        blank=True,
        help_text="For an extraordinary meeting or development day: what it is about",
    )
    agenda_published_at = models.DateTimeField(null=True, blank=True)
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
    def minutes_frozen(self):
        """Approved minutes never change in place: corrections are amendments."""
        return self.status in self.FROZEN

    def reached(self, status):
        return self.ORDER.index(self.status) >= self.ORDER.index(status)

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


class MeetingSettings(TenantModel):
    """A board's meeting rules: its quorum and standing items (the late-paper
    deadline is on the Board itself)."""

    board = models.OneToOneField(
        "partnership.Board", on_delete=models.PROTECT, related_name="meeting_settings"
    )
    quorum_statutory_partners = models.BooleanField(
        "each statutory partner must be present",
        default=False,
        help_text="The local authority, health and the police each represented",
    )
    quorum_minimum = models.PositiveSmallIntegerField(
        "minimum number of members present", null=True, blank=True
    )
    default_venue = models.CharField(max_length=300, blank=True)

    tenant_parent = "board"

    class Meta:
        verbose_name_plural = "meeting settings"

    def __str__(self):
        return f"Meeting settings of {self.board}"

    @property
    def quorum_rule(self):
        parts = []
        if self.quorum_statutory_partners:
            parts.append("each statutory partner present")
        if self.quorum_minimum:
            parts.append(f"at least {self.quorum_minimum} members present")
        return " and ".join(parts)


class StandingItem(TenantModel):
    """An item on every agenda of the board (the voice of the child, the
    minutes of the previous meeting...), added when a meeting is planned."""

    board = models.ForeignKey(
        "partnership.Board", on_delete=models.PROTECT, related_name="standing_items"
    )
    position = models.PositiveIntegerField()
    title = models.CharField(max_length=300)
    kind = models.CharField(max_length=20, choices=ItemKind.choices, default=ItemKind.ITEM)
    numbering = models.CharField(
        max_length=10, choices=AgendaItem.Numbering.choices, default=AgendaItem.Numbering.MAIN
    )
    purpose = models.CharField(max_length=20, choices=Purpose.choices, blank=True)
    minutes_allowed = models.PositiveSmallIntegerField(null=True, blank=True)
    is_confidential = models.BooleanField("confidential (OFFICIAL-SENSITIVE)", default=False)

    tenant_parent = "board"

    class Meta:
        ordering = ["board", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["board", "position"],
                name="standing_item_position_once",
                deferrable=models.Deferrable.DEFERRED,
            )
        ]

    def __str__(self):
        return self.title


class ForwardPlanItem(TenantModel):
    """An item scheduled for a future meeting of the board, or for a month."""

    board = models.ForeignKey(
        "partnership.Board", on_delete=models.PROTECT, related_name="forward_plan"
    )
    title = models.CharField(max_length=300)
    purpose = models.CharField(max_length=20, choices=Purpose.choices, blank=True)
    presenter = models.ForeignKey(
        "partnership.Person", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    meeting = models.ForeignKey(
        Meeting,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="planned_items",
        help_text="The meeting it is planned for, if known",
    )
    month = models.DateField(
        null=True, blank=True, help_text="Or the month it is planned for (the 1st of the month)"
    )
    notes = models.TextField(blank=True)
    is_confidential = models.BooleanField("confidential (OFFICIAL-SENSITIVE)", default=False)
    is_withdrawn = models.BooleanField("no longer planned", default=False)
    raised_at = models.ForeignKey(
        AgendaItem,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="The agenda item where it was added to the plan",
    )

    tenant_parent = "board"

    class Meta:
        ordering = ["board", "month", "title"]
        constraints = [
            models.CheckConstraint(
                condition=Q(month__isnull=True) | Q(month__day=1),
                name="forward_plan_month_is_first_of_month",
            )
        ]

    def __str__(self):
        return self.title

    @property
    def when(self):
        if self.meeting_id:
            return f"{day(self.meeting.date)} meeting"
        if self.month:
            return f"{self.month:%B %Y}"
        return "Not yet scheduled"


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

    tenant_parent = "meeting"

    def __str__(self):
        return f"Approval of the minutes of {self.meeting}"


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


class CalendarFeedToken(models.Model):
    """A user's secret for subscribing a calendar app to board meetings.

    Calendar apps cannot sign in, so the feed URL carries this token instead of
    a session. One per user (not per board): each request checks again that the
    user may still see the board, so access ends with the membership. Resetting
    it stops every old link at once. Not tenant data: it belongs to the user."""

    user = models.OneToOneField(
        "partnership.User", on_delete=models.CASCADE, related_name="calendar_feed_token"
    )
    token = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self):
        return f"Calendar feed token for {self.user}"

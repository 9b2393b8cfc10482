"""A board's meeting settings, standing items and forward plan."""

from django.db import models
from django.db.models import Q

from govuk.dates import day
from partnership.tenancy import TenantModel

from .meetings import AgendaItem, ItemKind, Meeting, Purpose


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

    class OwnerNames(models.TextChoices):
        INITIALS = "initials", "Initials (the attendance list is the key)"
        FULL_NAMES = "full_names", "Full names"

    owner_names = models.CharField(
        "owners in the minutes",
        max_length=20,
        choices=OwnerNames.choices,
        default=OwnerNames.INITIALS,
        help_text="How the Owner column of the minutes (PDF) names people",
    )

    class AgendaNumbering(models.TextChoices):
        # Herefordshire's minutes: "Welcome", then 1. Minutes of the previous meeting.
        WELCOME_NOT_NUMBERED = (
            "welcome_not_numbered",
            "The welcome is not numbered: the previous minutes are item 1",
        )
        # Dudley's: 1. Introductions and apologies, 2. Minutes...
        WELCOME_NUMBERED = (
            "welcome_numbered",
            "Every item is numbered: the welcome is item 1, the previous minutes item 2",
        )

    agenda_numbering = models.CharField(
        "how agendas are numbered",
        max_length=30,
        choices=AgendaNumbering.choices,
        default=AgendaNumbering.WELCOME_NOT_NUMBERED,
    )

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


class StandingKind(models.TextChoices):
    """What a standing item is. An agenda item keeps ITEM or PREVIOUS_MINUTES;
    the welcome is an ordinary item there, numbered as the board numbers its
    agenda when the meeting is planned."""

    ITEM = ItemKind.ITEM.value, ItemKind.ITEM.label
    PREVIOUS_MINUTES = ItemKind.PREVIOUS_MINUTES.value, ItemKind.PREVIOUS_MINUTES.label
    WELCOME = "welcome", "Welcome, introductions and apologies"


class StandingItem(TenantModel):
    """An item on every agenda of the board (the voice of the child, the
    minutes of the previous meeting...), added when a meeting is planned. Its
    title is copied onto each agenda: renaming it leaves agendas already made
    as they were."""

    Kind = StandingKind

    board = models.ForeignKey(
        "partnership.Board", on_delete=models.PROTECT, related_name="standing_items"
    )
    position = models.PositiveIntegerField()
    title = models.CharField(max_length=300)
    kind = models.CharField(max_length=20, choices=StandingKind.choices, default=StandingKind.ITEM)
    numbering = models.CharField(
        max_length=10,
        choices=AgendaItem.Numbering.choices,
        default=AgendaItem.Numbering.MAIN,
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

    @property
    def ref(self):
        """How the settings page names it: its UUID, or "default-<n>" for the n-th
        default of a board that has none of its own yet."""
        return str(self.uuid) if self.pk is not None else f"default-{self.position}"

    @property
    def is_welcome(self):
        return self.kind == StandingKind.WELCOME

    def numbering_on(self, agenda_numbering):
        """The numbering an agenda gives this item under the board's style."""
        if not self.is_welcome:
            return self.numbering
        if agenda_numbering == MeetingSettings.AgendaNumbering.WELCOME_NUMBERED:
            return AgendaItem.Numbering.MAIN
        return AgendaItem.Numbering.NONE


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

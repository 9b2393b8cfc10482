"""The action log: numbered, owned, RAG-rated actions on a board's log, each with
a dated timeline of updates; the partnership's log settings; reminders sent;
spreadsheet imports in progress."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import NoReverseMatch
from django.utils import timezone

from govuk.dates import day
from partnership.links import reverse
from partnership.tenancy import TenantManager, TenantModel, TenantQuerySet

from .rag import CLOSED, RagRule


def origin_label(meeting_date, item_number, reference):
    """An action's origin as minutes write it: the meeting's date and the
    item's number ("23.10.19 ref 4.1"), or the reference typed for an action
    that came from elsewhere."""
    if meeting_date is None:
        return reference
    number = (item_number or "").strip(" .")
    label = f"{meeting_date:%d.%m.%y}"
    return f"{label} ref {number}" if number else label


class ActionLogSettings(TenantModel):
    """A partnership's choices for its action logs (one row, made when first changed)."""

    DEFAULT_WARNING_DAYS = 7

    warning_days = models.PositiveSmallIntegerField(
        "warning window (days)",
        default=DEFAULT_WARNING_DAYS,
        validators=[MinValueValidator(1), MaxValueValidator(60)],
        help_text="Actions due within this many days are amber, and their owners are reminded",
    )
    reminders_enabled = models.BooleanField(
        "send reminders",
        default=True,
        help_text="A daily email to each owner listing their actions due soon or overdue",
    )

    class Meta:
        verbose_name = "action log settings"
        verbose_name_plural = "action log settings"
        constraints = [
            models.UniqueConstraint(fields=["partnership"], name="action_log_settings_once"),
            models.CheckConstraint(
                condition=Q(warning_days__gte=1, warning_days__lte=60),
                name="action_log_settings_warning_days_range",
            ),
        ]

    def __str__(self):
        return f"Action log settings of {self.partnership}"

    @classmethod
    def for_partnership(cls, partnership):
        """The partnership's settings, or the defaults (unsaved) if never changed."""
        partnership_id = getattr(partnership, "pk", partnership)
        found = cls.objects.for_partnership(partnership_id).first()
        return found or cls(partnership_id=partnership_id)

    def rag_rule(self, today=None):
        return RagRule.on(today, warning_days=self.warning_days)


class ActionCounter(TenantModel):
    """The last number given on a board's log. Numbers are never reused, even if
    an action is removed; the row is locked while the next number is taken."""

    board = models.ForeignKey("partnership.Board", on_delete=models.PROTECT, related_name="+")
    last_number = models.PositiveIntegerField(default=0)

    tenant_parent = "board"

    class Meta:
        constraints = [models.UniqueConstraint(fields=["board"], name="action_counter_per_board")]

    def __str__(self):
        return f"{self.board}: {self.last_number}"


class ActionQuerySet(TenantQuerySet):
    def open(self):
        return self.exclude(status__in=CLOSED)

    def with_rag(self, rule):
        """Annotates `rag_code` ('red', 'amber', 'green') by the rule, in SQL."""
        return self.annotate(rag_code=rule.case())


# Characters in an action's text: a paragraph, however wordy; longer is a
# paste gone wrong (a whole document, an imported cell of 100,000 characters).
ACTION_TEXT_MAX = 2000


class Action(TenantModel):
    """One numbered action on a board's action log."""

    class Status(models.TextChoices):
        OPEN = "open", "Open"
        IN_PROGRESS = "in_progress", "In progress"
        CARRIED_FORWARD = "carried_forward", "Carried forward"
        COMPLETED = "completed", "Completed"
        NO_LONGER_REQUIRED = "no_longer_required", "No longer required"

    OPEN_STATUSES = (Status.OPEN, Status.IN_PROGRESS, Status.CARRIED_FORWARD)

    class Rag(models.TextChoices):
        RED = "red", "Red"
        AMBER = "amber", "Amber"
        GREEN = "green", "Green"

    board = models.ForeignKey("partnership.Board", on_delete=models.PROTECT, related_name="actions")
    number = models.PositiveIntegerField()
    origin_meeting = models.ForeignKey(
        "meetings.Meeting",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="actions",
    )
    origin_item = models.ForeignKey(
        "meetings.AgendaItem",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="actions",
    )
    origin_reference = models.CharField(
        "origin",
        max_length=60,
        blank=True,
        help_text="As the old tracker wrote it, for example 23.10.19 ref 4.1",
    )
    description = models.TextField("action")
    due_date = models.DateField("due date", null=True, blank=True)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.OPEN)
    rag_override = models.CharField(
        "RAG set by hand", max_length=5, choices=Rag.choices, blank=True
    )
    rag_reason = models.TextField("reason for the RAG", blank=True)
    completed_on = models.DateField(null=True, blank=True)
    # Optimistic locking: each change adds one, so a form saved over a newer
    # change is refused instead of silently overwriting it.
    version = models.PositiveIntegerField(default=1)
    import_key = models.CharField(max_length=64, blank=True, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    objects = TenantManager(ActionQuerySet)

    tenant_parent = "board"

    class Meta:
        ordering = ["board_id", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["board", "number"], name="action_number_once_per_board"
            ),
            models.UniqueConstraint(
                fields=["board", "import_key"],
                condition=~Q(import_key=""),
                name="action_imported_once_per_board",
            ),
            models.CheckConstraint(condition=Q(number__gte=1), name="action_number_positive"),
            models.CheckConstraint(
                condition=Q(rag_override="") | ~Q(rag_reason=""),
                name="action_rag_by_hand_has_a_reason",
            ),
            # The log counts green as what is neither red nor amber.
            models.CheckConstraint(
                condition=Q(rag_override__in=["", "red", "amber", "green"]),
                name="action_rag_by_hand_is_a_colour",
            ),
            models.CheckConstraint(
                condition=Q(status="completed", completed_on__isnull=False)
                | (~Q(status="completed") & Q(completed_on__isnull=True)),
                name="action_completed_on_iff_completed",
            ),
        ]
        indexes = [
            models.Index(fields=["partnership", "status", "due_date"], name="action_log_idx"),
        ]

    def __str__(self):
        return f"Action {self.number} ({self.board.label})"

    def get_absolute_url(self):
        return reverse(
            "actions:action-detail",
            kwargs={"partnership_slug": self.partnership.slug, "action_uuid": self.uuid},
        )

    @property
    def is_open(self):
        return self.status not in CLOSED

    @property
    def origin_label(self):
        """Where the action came from, as minutes write it: "23.10.19 ref 4.1"."""
        if self.origin_meeting_id is None:
            return self.origin_reference
        return origin_label(
            self.origin_meeting.date,
            self.origin_item.number if self.origin_item_id else "",
            self.origin_reference,
        )

    @property
    def origin_meeting_url(self):
        """The origin meeting's page, once the meetings app has one."""
        if self.origin_meeting_id is None:
            return None
        try:
            return self.origin_meeting.get_absolute_url()
        except NoReverseMatch:
            return None

    def rag_rule(self):
        rule = getattr(self, "_rag_rule", None)
        if rule is None:
            rule = ActionLogSettings.for_partnership(self.partnership_id).rag_rule()
            self._rag_rule = rule
        return rule

    @property
    def rag(self):
        """The RAG as colour and words (a RagStatus; `colour, label = action.rag`).
        Uses the `rag_code` the selectors annotate in SQL when there is one."""
        code = getattr(self, "rag_code", None)
        if code is not None:
            return RagRule.explain(code, self.status, self.rag_override, self.rag_reason)
        return self.rag_rule().status_of(
            status=self.status,
            due_date=self.due_date,
            override=self.rag_override,
            reason=self.rag_reason,
        )

    @property
    def is_overdue(self):
        return self.rag_rule().is_overdue(status=self.status, due_date=self.due_date)

    @property
    def owner_list(self):
        """The owners: the list the selectors read with the action
        (`owner_rows`, `actions.selectors.with_owners`), else from the database."""
        owners = self.__dict__.get("owner_rows")
        return list(self.owners.all()) if owners is None else owners

    def owner_labels(self):
        return [owner.label for owner in self.owner_list]

    @property
    def owners_display(self):
        return ", ".join(self.owner_labels()) or "No owner"


class ActionOwner(TenantModel):
    """One owner of an action: a person, a board or group, a team, a partner
    agency, or all members of the action's board ("All")."""

    action = models.ForeignKey(Action, on_delete=models.CASCADE, related_name="owners")
    person = models.ForeignKey(
        "partnership.Person",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="owned_actions",
    )
    board = models.ForeignKey(
        "partnership.Board",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="owned_actions",
    )
    agency = models.ForeignKey(
        "partnership.PartnerAgency",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="owned_actions",
    )
    team = models.ForeignKey(
        "partnership.Team",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="owned_actions",
    )
    all_members = models.BooleanField(default=False)
    position = models.PositiveSmallIntegerField(default=0)

    tenant_parent = "action"

    class Meta:
        ordering = ["action_id", "position", "pk"]
        constraints = [
            models.CheckConstraint(
                # Exactly one of person, board, agency, team, or "All".
                condition=Q(
                    person__isnull=False,
                    board__isnull=True,
                    agency__isnull=True,
                    team__isnull=True,
                    all_members=False,
                )
                | Q(
                    person__isnull=True,
                    board__isnull=False,
                    agency__isnull=True,
                    team__isnull=True,
                    all_members=False,
                )
                | Q(
                    person__isnull=True,
                    board__isnull=True,
                    agency__isnull=False,
                    team__isnull=True,
                    all_members=False,
                )
                | Q(
                    person__isnull=True,
                    board__isnull=True,
                    agency__isnull=True,
                    team__isnull=False,
                    all_members=False,
                )
                | Q(
                    person__isnull=True,
                    board__isnull=True,
                    agency__isnull=True,
                    team__isnull=True,
                    all_members=True,
                ),
                name="action_owner_is_exactly_one_thing",
            ),
            models.UniqueConstraint(
                fields=["action", "person"],
                condition=Q(person__isnull=False),
                name="action_owner_person_once",
            ),
            models.UniqueConstraint(
                fields=["action", "board"],
                condition=Q(board__isnull=False),
                name="action_owner_board_once",
            ),
            models.UniqueConstraint(
                fields=["action", "agency"],
                condition=Q(agency__isnull=False),
                name="action_owner_agency_once",
            ),
            models.UniqueConstraint(
                fields=["action", "team"],
                condition=Q(team__isnull=False),
                name="action_owner_team_once",
            ),
            models.UniqueConstraint(
                fields=["action"], condition=Q(all_members=True), name="action_owner_all_once"
            ),
        ]

    def __str__(self):
        return self.label

    @property
    def owner(self):
        """What owns: a Person, Board, PartnerAgency, Team, or the string "all"."""
        if self.all_members:
            return "all"
        return self.person or self.board or self.agency or self.team

    @property
    def label(self):
        if self.all_members:
            return "All"
        if self.person_id:
            return self.person.full_name
        if self.board_id:
            return self.board.name
        if self.team_id:
            return self.team.name
        return self.agency.label


class ActionUpdate(TenantModel):
    """One dated entry on an action's timeline: who, when, what they said, and
    any change of status, due date or RAG made with it."""

    class Kind(models.TextChoices):
        RAISED = "raised", "Action raised"
        UPDATE = "update", "Update"
        EDITED = "edited", "Details changed"
        IMPORTED = "imported", "Imported"

    action = models.ForeignKey(Action, on_delete=models.CASCADE, related_name="updates")
    kind = models.CharField(max_length=10, choices=Kind.choices, default=Kind.UPDATE)
    made_on = models.DateField("date", default=timezone.localdate)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    author_name = models.CharField(max_length=200, blank=True)
    text = models.TextField("update", blank=True)
    status_from = models.CharField(max_length=20, choices=Action.Status.choices, blank=True)
    status_to = models.CharField(max_length=20, choices=Action.Status.choices, blank=True)
    due_date_changed = models.BooleanField(default=False)
    due_date_from = models.DateField(null=True, blank=True)
    due_date_to = models.DateField(null=True, blank=True)
    # "red", "amber", "green" (set by hand) or "computed" (back to the rule).
    rag_to = models.CharField(max_length=8, blank=True)
    rag_reason = models.TextField(blank=True)
    other_changes = models.JSONField(default=list, blank=True)

    tenant_parent = "action"

    class Meta:
        ordering = ["action_id", "-made_on", "-created_at", "-pk"]
        indexes = [models.Index(fields=["action", "made_on"], name="action_update_timeline_idx")]

    def __str__(self):
        return f"{self.get_kind_display()}, {day(self.made_on)}"

    def changes(self):
        """What this update changed, in words, for the timeline."""
        said = []
        if self.status_to:
            if self.status_from:
                said.append(
                    f"Status changed from {Action.Status(self.status_from).label} "
                    f"to {Action.Status(self.status_to).label}"
                )
            else:
                said.append(f"Status: {Action.Status(self.status_to).label}")
        if self.due_date_changed:
            old = f"{day(self.due_date_from)}" if self.due_date_from else "none"
            new = f"{day(self.due_date_to)}" if self.due_date_to else "none"
            said.append(f"Due date changed from {old} to {new}")
        if self.rag_to == "computed":
            said.append("RAG returned to the rule")
        elif self.rag_to:
            said.append(f"RAG set to {self.rag_to.capitalize()} by hand: {self.rag_reason}")
        return said + list(self.other_changes)


class Reminder(TenantModel):
    """A reminder an owner was sent about an action. Unique per (action, person,
    kind, date): written in the transaction that decides to send, so a re-run,
    a retried task or two workers at once never send the same reminder twice.
    `slot_date` is the due date for "due soon" (once per due date) and the
    week's date for "overdue" (once a week)."""

    class Kind(models.TextChoices):
        DUE_SOON = "due_soon", "Due soon"
        OVERDUE = "overdue", "Overdue"

    action = models.ForeignKey(Action, on_delete=models.CASCADE, related_name="reminders")
    person = models.ForeignKey("partnership.Person", on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(max_length=10, choices=Kind.choices)
    slot_date = models.DateField()
    email = models.EmailField()
    sent_at = models.DateTimeField(null=True, blank=True)

    tenant_parent = "action"

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["action", "person", "kind", "slot_date"], name="reminder_once"
            )
        ]

    def __str__(self):
        return f"{self.get_kind_display()} reminder for {self.action} to {self.email}"


def _import_upload_to(upload, filename):
    return f"action-imports/{upload.partnership_id}/{upload.uuid}/{filename}"


class ActionImport(TenantModel):
    """A spreadsheet being imported into a board's log: the file (kept in private
    storage, never served) and the column mapping, between upload, mapping,
    preview and confirmation. Nothing is added to the log until confirmed."""

    class Status(models.TextChoices):
        UPLOADED = "uploaded", "Uploaded"
        IMPORTED = "imported", "Imported"

    board = models.ForeignKey("partnership.Board", on_delete=models.PROTECT, related_name="+")
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    file = models.FileField(upload_to=_import_upload_to, max_length=300, blank=True)
    filename = models.CharField(max_length=200)
    file_type = models.CharField(max_length=4, choices=[("csv", "CSV"), ("xlsx", "Excel")])
    mapping = models.JSONField(default=dict, blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.UPLOADED)
    imported_count = models.PositiveIntegerField(default=0)
    skipped_count = models.PositiveIntegerField(default=0)
    imported_at = models.DateTimeField(null=True, blank=True)

    tenant_parent = "board"

    class Meta:
        ordering = ["-created_at"]

    def __str__(self):
        return f"Import of {self.filename} into {self.board}"

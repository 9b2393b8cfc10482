"""Statutory clocks as data: each partnership's rules (seeded with the national
ones, editable by the business unit) and each case's clocks worked out from
them (reviews.clocks). A clock is kept as a row, so the register, the clock
dashboard and the reminder sweep read due dates in SQL, and changing a rule
recomputes the open ones in one place."""

from django.contrib.postgres.fields import ArrayField
from django.db import models
from django.db.models import Q
from django.utils import timezone

from partnership.tenancy import TenantManager, TenantModel, TenantQuerySet

from .cases import Case, ReviewType


class ClockRule(TenantModel):
    class Event(models.TextChoices):
        AWARE = "aware", "the local authority became aware"
        NOTIFIED = "notified", "the notification was sent to the National Panel"
        RAPID_REVIEW_SENT = "rapid_review_sent", "the rapid review was sent to the National Panel"
        DECISION = "decision", "the decision to review"
        COMMISSIONED = "commissioned", "the review was commissioned"
        SIGNED_OFF = "signed_off", "the final report was signed off"
        PUBLICATION_PLANNED = "publication_planned", "the planned publication date"
        PANEL_NOTICE = "panel_notice", "the National Panel was told of publication"
        PUBLISHED = "published", "the report was published"

    class Unit(models.TextChoices):
        WORKING_DAYS = "working_days", "working days"
        CALENDAR_DAYS = "calendar_days", "calendar days"
        MONTHS = "months", "months"

    class Direction(models.TextChoices):
        AFTER = "after", "after"
        BEFORE = "before", "before"

    key = models.SlugField(
        max_length=40, blank=True, editable=False, help_text="Names a national rule; blank if local"
    )
    name = models.CharField(max_length=100)
    start_event = models.CharField("counted from", max_length=30, choices=Event.choices)
    end_event = models.CharField("met when", max_length=30, choices=Event.choices)
    amount = models.PositiveSmallIntegerField("how many")
    unit = models.CharField(max_length=15, choices=Unit.choices)
    direction = models.CharField(max_length=6, choices=Direction.choices, default="after")
    review_types = ArrayField(
        models.CharField(max_length=20, choices=ReviewType.choices), verbose_name="applies to"
    )
    source = models.CharField(max_length=200, blank=True, help_text="Where the rule comes from")
    is_active = models.BooleanField("in use", default=True)

    class Meta:
        ordering = ["pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["partnership", "key"], condition=~Q(key=""), name="clock_rule_key_once"
            ),
            models.CheckConstraint(
                condition=Q(amount__gte=1, amount__lte=400), name="clock_rule_amount_range"
            ),
            models.CheckConstraint(
                condition=~Q(start_event=models.F("end_event")), name="clock_rule_two_events"
            ),
            models.CheckConstraint(
                condition=Q(review_types__len__gt=0), name="clock_rule_applies_to_something"
            ),
        ]

    def __str__(self):
        return self.name

    @property
    def describe(self):
        """ "15 working days after the notification was sent to the National Panel"."""
        unit = self.get_unit_display()
        if self.amount == 1:
            unit = unit.removesuffix("s")
        return (
            f"{self.amount} {unit} {self.get_direction_display()} {self.get_start_event_display()}"
        )


class CaseClockQuerySet(TenantQuerySet):
    def open(self):
        return self.filter(met_on__isnull=True, due_on__isnull=False)

    def with_state(self, today=None):
        """Annotates `state` ("met", "overdue", "due", "not_started") in SQL:
        the twin of CaseClock.state, for filters and counts."""
        today = today or timezone.localdate()
        return self.annotate(
            state=models.Case(
                models.When(met_on__isnull=False, then=models.Value("met")),
                models.When(due_on__isnull=True, then=models.Value("not_started")),
                models.When(due_on__lt=today, then=models.Value("overdue")),
                default=models.Value("due"),
                output_field=models.CharField(),
            )
        )


class CaseClock(TenantModel):
    """One rule applied to one case: when it started, when it is due, when met."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="clocks")
    rule = models.ForeignKey(ClockRule, on_delete=models.PROTECT, related_name="clocks")
    starts_on = models.DateField(null=True, blank=True)
    due_on = models.DateField(null=True, blank=True)
    met_on = models.DateField(null=True, blank=True)

    objects = TenantManager(CaseClockQuerySet)

    tenant_parent = "case"

    class Meta:
        ordering = ["case_id", "due_on", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["case", "rule"], name="case_clock_once_per_rule"),
            models.CheckConstraint(
                condition=Q(due_on__isnull=True) | Q(starts_on__isnull=False),
                name="case_clock_due_only_once_started",
            ),
        ]
        indexes = [
            models.Index(fields=["partnership", "met_on", "due_on"], name="case_clock_due_idx")
        ]

    def __str__(self):
        return f"{self.rule.name}: {self.case.reference}"

    def state(self, today=None):
        """ "met", "overdue", "due" or "not_started": the twin of `with_state`."""
        today = today or timezone.localdate()
        if self.met_on is not None:
            return "met"
        if self.due_on is None:
            return "not_started"
        return "overdue" if self.due_on < today else "due"

    @property
    def met_late(self):
        return self.met_on is not None and self.due_on is not None and self.met_on > self.due_on

    def working_days_left(self, today=None):
        from ..clocks import working_days_between

        if self.due_on is None or self.met_on is not None:
            return None
        return working_days_between(today or timezone.localdate(), self.due_on)


class ClockReminder(TenantModel):
    """A reminder sent about a clock, claimed before it is emailed so it is sent
    exactly once: unique per (clock, kind, due date, address)."""

    class Kind(models.TextChoices):
        DUE_SOON = "due_soon", "Due in 3 working days"
        MISSED = "missed", "Missed"

    clock = models.ForeignKey(CaseClock, on_delete=models.CASCADE, related_name="reminders")
    kind = models.CharField(max_length=10, choices=Kind.choices)
    due_on = models.DateField()
    email = models.EmailField()
    sent_at = models.DateTimeField(null=True, blank=True)

    tenant_parent = "clock"

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["clock", "kind", "due_on", "email"], name="clock_reminder_once"
            )
        ]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.clock} to {self.email}"

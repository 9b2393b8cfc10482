"""What the partners pay for the arrangements, year by year.

A FinancialYear (April to March by default: the partnership's own start month)
has a target budget, split between partners by a funding formula (equal shares,
or a percentage each: FundingShare rows); BudgetLines plan and track what the
money is spent on; Contributions record what each partner agency pledged, was
invoiced and paid, in cash or in kind (valued); FundingChases record each time a
partner was chased for money still owed. Money is Decimal to the penny, never
float; the arithmetic of the formula is in funding/formula.py."""

import datetime
from decimal import Decimal

import pgtrigger
from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q

from partnership.links import reverse
from partnership.tenancy import TenantModel

MONEY = {"max_digits": 12, "decimal_places": 2}

# The rule that a percentage formula's shares add up to exactly 100, checked by
# the database when the transaction commits (deferred: a service changes the
# formula and its shares one row at a time). The forms and services say so first,
# in words; this makes sure no other path can break it.
_PERCENTAGES_ADD_UP = """
    SELECT formula INTO formula_kind FROM funding_financialyear WHERE id = year;
    IF formula_kind = 'percentages' THEN
        SELECT count(*), count(percentage), coalesce(sum(percentage), 0)
          INTO shares, given, total FROM funding_fundingshare WHERE year_id = year;
        IF shares > 0 AND (given < shares OR total <> 100) THEN
            RAISE EXCEPTION 'The funding formula''s percentages add up to %, not 100', total
                USING ERRCODE = 'check_violation';
        END IF;
    END IF;
    RETURN NULL;
"""
_DECLARE = [
    ("year", "bigint"),
    ("formula_kind", "text"),
    ("shares", "integer"),
    ("given", "integer"),
    ("total", "numeric"),
]
PENNY = Decimal("0.01")


def year_label(start, end, sep="/"):
    """ "2022/23" for April 2022 to March 2023; "2022" for a calendar year."""
    if start.year == end.year:
        return str(start.year)
    return f"{start.year}{sep}{end.year % 100:02d}"


def twelve_months_from(start):
    """The last day of the twelve months starting on `start` (the first of a month)."""
    return datetime.date(start.year + 1, start.month, 1) - datetime.timedelta(days=1)


class FinancialYear(TenantModel):
    class Formula(models.TextChoices):
        EQUAL = "equal", "Equal shares"
        PERCENTAGES = "percentages", "A percentage for each partner"

    start_date = models.DateField()
    end_date = models.DateField()
    target_budget = models.DecimalField(
        "target budget",
        **MONEY,
        validators=[MinValueValidator(Decimal("0"))],
        help_text="The cash the partners fund between them this year",
    )
    formula = models.CharField(
        "funding formula", max_length=20, choices=Formula.choices, default=Formula.EQUAL
    )
    notes = models.TextField(blank=True, help_text="For example, what the partners agreed and when")

    class Meta:
        ordering = ["-start_date"]
        constraints = [
            models.UniqueConstraint(fields=["partnership", "start_date"], name="funding_year_once"),
            models.CheckConstraint(
                condition=Q(end_date__gt=F("start_date")), name="funding_year_ends_after_start"
            ),
            models.CheckConstraint(
                condition=Q(target_budget__gte=0), name="funding_year_target_not_negative"
            ),
        ]
        triggers = [
            pgtrigger.Trigger(
                name="funding_year_percentages_add_up",
                when=pgtrigger.After,
                operation=pgtrigger.Update,
                timing=pgtrigger.Deferred,
                declare=_DECLARE,
                func="year := NEW.id;" + _PERCENTAGES_ADD_UP,
            )
        ]

    def __str__(self):
        return f"Financial year {self.label}"

    @property
    def label(self):
        """As finance teams write it: 2022/23."""
        return year_label(self.start_date, self.end_date)

    @property
    def slug(self):
        """For URLs: 2022-23."""
        return year_label(self.start_date, self.end_date, sep="-")

    def get_absolute_url(self):
        return self.url("year")

    def url(self, name, **kwargs):
        return reverse(
            f"funding:{name}",
            kwargs={"partnership_slug": self.partnership.slug, "year": self.slug, **kwargs},
        )


class FundingShare(TenantModel):
    """A partner agency's place in the year's funding formula: with the equal
    formula every share is the same; with percentages, its percentage."""

    year = models.ForeignKey(FinancialYear, on_delete=models.CASCADE, related_name="shares")
    agency = models.ForeignKey(
        "partnership.PartnerAgency", on_delete=models.PROTECT, related_name="funding_shares"
    )
    percentage = models.DecimalField(
        max_digits=5,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("0.01")), MaxValueValidator(Decimal("100"))],
    )

    tenant_parent = "year"

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["year", "agency"], name="funding_share_once"),
            models.CheckConstraint(
                condition=Q(percentage__isnull=True) | Q(percentage__gt=0, percentage__lte=100),
                name="funding_share_percentage_range",
            ),
        ]
        triggers = [
            pgtrigger.Trigger(
                name="funding_share_percentages_add_up",
                when=pgtrigger.After,
                operation=pgtrigger.Insert | pgtrigger.Update | pgtrigger.Delete,
                timing=pgtrigger.Deferred,
                declare=_DECLARE,
                func="year := COALESCE(NEW.year_id, OLD.year_id);" + _PERCENTAGES_ADD_UP,
            )
        ]

    def __str__(self):
        return f"{self.agency} in {self.year}"


class BudgetLine(TenantModel):
    class Category(models.TextChoices):
        CHAIR = "chair", "Independent chair and scrutiny"
        STAFF = "staff", "Business unit staff"
        REVIEWERS = "reviewers", "Reviewers"
        TRAINING = "training", "Training"
        COMMUNICATIONS = "communications", "Communications and website"
        OTHER = "other", "Other"

    year = models.ForeignKey(FinancialYear, on_delete=models.CASCADE, related_name="budget_lines")
    category = models.CharField(max_length=20, choices=Category.choices)
    description = models.CharField(
        max_length=200, blank=True, help_text="For example, Independent reviewer for the CSPR"
    )
    planned = models.DecimalField("planned", **MONEY)
    actual = models.DecimalField(
        "actual", **MONEY, null=True, blank=True, help_text="Leave blank until it is known"
    )

    tenant_parent = "year"

    class Meta:
        ordering = ["year", "category", "description"]
        constraints = [
            models.CheckConstraint(
                condition=Q(planned__gte=0), name="budget_line_planned_not_negative"
            ),
            models.CheckConstraint(
                condition=Q(actual__isnull=True) | Q(actual__gte=0),
                name="budget_line_actual_not_negative",
            ),
        ]

    def __str__(self):
        return self.description or self.get_category_display()

    @property
    def label(self):
        category = self.get_category_display()
        return f"{category}: {self.description}" if self.description else category

    @property
    def variance(self):
        """Actual less planned (positive: overspent), or None until the actual is known."""
        return None if self.actual is None else self.actual - self.planned


class Contribution(TenantModel):
    """What one partner agency gives towards one year: cash (pledged, then
    invoiced, then received) or in kind (described and valued; pledged, then
    provided)."""

    class Kind(models.TextChoices):
        CASH = "cash", "Cash"
        IN_KIND = "in_kind", "In kind"

    class Status(models.TextChoices):
        PLEDGED = "pledged", "Pledged"
        INVOICED = "invoiced", "Invoiced"
        RECEIVED = "received", "Received"

    year = models.ForeignKey(FinancialYear, on_delete=models.PROTECT, related_name="contributions")
    agency = models.ForeignKey(
        "partnership.PartnerAgency", on_delete=models.PROTECT, related_name="contributions"
    )
    kind = models.CharField(max_length=10, choices=Kind.choices, default=Kind.CASH)
    amount = models.DecimalField(
        "amount",
        **MONEY,
        validators=[MinValueValidator(PENNY)],
        help_text="For a contribution in kind, what it is worth",
    )
    description = models.CharField(
        max_length=300,
        blank=True,
        help_text="Required for a contribution in kind, for example: training venue and trainers",
    )
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PLEDGED)
    pledged_on = models.DateField("pledged on", null=True, blank=True)
    invoiced_on = models.DateField("invoiced on", null=True, blank=True)
    invoice_reference = models.CharField("invoice reference", max_length=60, blank=True)
    received_on = models.DateField("received on", null=True, blank=True)
    notes = models.TextField(blank=True)

    tenant_parent = "year"

    class Meta:
        ordering = ["year", "agency_id", "kind", "created_at"]
        constraints = [
            models.CheckConstraint(condition=Q(amount__gt=0), name="contribution_amount_positive"),
            models.CheckConstraint(
                condition=Q(kind="cash") | ~Q(description=""),
                name="contribution_in_kind_is_described",
            ),
            models.CheckConstraint(
                condition=~Q(kind="in_kind", status="invoiced"),
                name="contribution_in_kind_is_not_invoiced",
            ),
            models.CheckConstraint(
                condition=~Q(status="invoiced") | Q(invoiced_on__isnull=False),
                name="contribution_invoiced_has_a_date",
            ),
            models.CheckConstraint(
                condition=~Q(status="received") | Q(received_on__isnull=False),
                name="contribution_received_has_a_date",
            ),
        ]

    def __str__(self):
        return f"{self.agency}: {self.get_kind_display().lower()} contribution to {self.year}"

    def get_absolute_url(self):
        return self.year.url("contribution-edit", contribution_uuid=self.uuid)


class FundingChase(TenantModel):
    """A record that the business unit chased a partner for money still owed
    (a share not yet pledged, an invoice not yet paid)."""

    year = models.ForeignKey(FinancialYear, on_delete=models.PROTECT, related_name="chases")
    agency = models.ForeignKey(
        "partnership.PartnerAgency", on_delete=models.PROTECT, related_name="funding_chases"
    )
    chased_on = models.DateField("chased on")
    note = models.CharField(
        max_length=500, help_text="Who was chased, how, and what they said, for example"
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    tenant_parent = "year"

    class Meta:
        ordering = ["-chased_on", "-created_at"]

    def __str__(self):
        return f"{self.agency} chased on {self.chased_on:%-d %B %Y}"

"""Writes for funding: keyword-only, cleaned data (never a form), one
transaction each, the acting user named in the history (partnership.writes)."""

import datetime

from django.core.exceptions import ValidationError
from django.utils import timezone

from partnership.writes import model_update, service

from .formula import HUNDRED, percentages_total
from .models import (
    BudgetLine,
    Contribution,
    FinancialYear,
    FundingChase,
    FundingShare,
    twelve_months_from,
)

YEAR_FIELDS = ("target_budget", "notes")
LINE_FIELDS = ("category", "description", "planned", "actual")
CONTRIBUTION_FIELDS = (
    "kind",
    "amount",
    "description",
    "status",
    "pledged_on",
    "invoiced_on",
    "invoice_reference",
    "received_on",
    "notes",
)


def _locked(instance):
    return type(instance).objects.select_for_update().get(pk=instance.pk)


@service
def financial_year_create(*, partnership, starts_in, target_budget, notes="", acting_user):
    """Opens the financial year starting in `starts_in` (a year number) in the
    partnership's financial-year start month. The formula, budget lines and
    partners of the year before are carried forward (amounts of budget lines
    as planned, without actuals), so a new year starts from last year's shape."""
    start = datetime.date(starts_in, partnership.financial_year_start_month, 1)
    if FinancialYear.objects.for_partnership(partnership).filter(start_date=start).exists():
        raise ValidationError("That financial year is already recorded", code="exists")
    year = FinancialYear.objects.create(
        partnership=partnership,
        start_date=start,
        end_date=twelve_months_from(start),
        target_budget=target_budget,
        notes=notes,
    )
    before = (
        FinancialYear.objects.for_partnership(partnership)
        .filter(start_date__lt=start)
        .order_by("-start_date")
        .first()
    )
    if before is not None:
        year.formula = before.formula
        year.save(update_fields=["formula", "updated_at"])
        for share in before.shares.all():
            FundingShare.objects.create(year=year, agency=share.agency, percentage=share.percentage)
        for line in before.budget_lines.all():
            BudgetLine.objects.create(
                year=year,
                category=line.category,
                description=line.description,
                planned=line.planned,
            )
    return year


@service
def financial_year_update(*, year, data, acting_user):
    return model_update(instance=_locked(year), data=data, fields=YEAR_FIELDS)


@service
def funding_formula_set(*, year, formula, shares, acting_user):
    """Sets the year's formula and who is in it: `shares` is {agency:
    percentage or None}. Percentages must add up to exactly 100; the equal
    formula ignores them. Partners left out are taken out of the formula."""
    year = _locked(year)
    if not shares:
        raise ValidationError("Choose at least one partner to share the budget", code="empty")
    if formula == FinancialYear.Formula.PERCENTAGES:
        missing = [agency for agency, pct in shares.items() if pct is None or pct <= 0]
        if missing:
            raise ValidationError(
                f"Enter a percentage for {missing[0].organisation}", code="missing"
            )
        total = percentages_total(shares.values())
        if total != HUNDRED:
            raise ValidationError(
                f"The percentages must add up to 100. They add up to {total.normalize():f}",
                code="not_100",
            )
    changed = model_update(instance=year, data={"formula": formula}, fields=("formula",))
    current = {share.agency_id: share for share in year.shares.all()}
    for agency, percentage in shares.items():
        percentage = percentage if formula == FinancialYear.Formula.PERCENTAGES else None
        share = current.pop(agency.pk, None)
        if share is None:
            FundingShare.objects.create(year=year, agency=agency, percentage=percentage)
            changed.append("shares")
        elif share.percentage != percentage:
            share.percentage = percentage
            share.save(update_fields=["percentage", "updated_at"])
            changed.append("shares")
    for share in current.values():
        share.delete()
        changed.append("shares")
    return changed


@service
def budget_line_create(*, year, data, acting_user):
    line = BudgetLine(year=year, **{name: data.get(name) for name in LINE_FIELDS})
    line.description = line.description or ""
    line.full_clean()
    line.save()
    return line


@service
def budget_line_update(*, line, data, acting_user):
    return model_update(instance=_locked(line), data=data, fields=LINE_FIELDS)


@service
def budget_line_remove(*, line, acting_user):
    """Takes a line off the budget (its history keeps what it said)."""
    _locked(line).delete()


def _contribution_dates(data):
    """Fills the date a status needs when none was given (today), so a status
    is never recorded without the date it was reached."""
    data = dict(data)
    today = timezone.localdate()
    status = data.get("status")
    if data.get("kind") == Contribution.Kind.IN_KIND:
        data["invoiced_on"], data["invoice_reference"] = None, ""
    if status == Contribution.Status.INVOICED and not data.get("invoiced_on"):
        data["invoiced_on"] = today
    if status == Contribution.Status.RECEIVED and not data.get("received_on"):
        data["received_on"] = today
    if data.get("kind") == Contribution.Kind.CASH:
        data["description"] = data.get("description") or ""
    return data


@service
def contribution_create(*, year, agency, data, acting_user):
    data = _contribution_dates(data)
    contribution = Contribution(
        year=year, agency=agency, **{k: data.get(k) for k in CONTRIBUTION_FIELDS if k in data}
    )
    for name in ("description", "invoice_reference", "notes"):
        setattr(contribution, name, getattr(contribution, name) or "")
    contribution.full_clean()
    contribution.save()
    return contribution


@service
def contribution_update(*, contribution, data, acting_user):
    return model_update(
        instance=_locked(contribution),
        data=_contribution_dates(data),
        fields=CONTRIBUTION_FIELDS,
    )


@service
def funding_chase_record(*, year, agency, chased_on, note, acting_user):
    return FundingChase.objects.create(
        year=year, agency=agency, chased_on=chased_on, note=note.strip(), recorded_by=acting_user
    )

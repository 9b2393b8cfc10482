"""Reads for the funding pages, exports and the annual report. Each takes the
agencies whose figures may be shown (`visible_funding_agencies`) and fetches
everything in a fixed number of queries, however many partners and
contributions a year has."""

from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, Max, Q, Sum

from partnership.models import PartnerAgency

from .formula import FormulaError, split
from .models import BudgetLine, Contribution, FinancialYear, FundingChase, FundingShare
from .permissions import can_see_all_funding, visible_funding_agencies

ZERO = Decimal("0.00")


def years(partnership):
    return FinancialYear.objects.for_partnership(partnership).select_related("partnership")


def previous_year(year):
    return (
        FinancialYear.objects.for_partnership(year.partnership_id)
        .filter(start_date__lt=year.start_date)
        .order_by("-start_date")
        .first()
    )


def formula_order(agencies):
    """The order partners are listed (and take left-over pennies in): statutory
    partners first, then by name."""
    return sorted(
        agencies, key=lambda a: (a.kind != PartnerAgency.Kind.STATUTORY, a.organisation.name)
    )


@dataclass
class PartnerFigures:
    agency: PartnerAgency
    in_formula: bool = False
    percentage: Decimal | None = None
    required: Decimal | None = None
    extra_penny: bool = False
    cash_pledged: Decimal = ZERO  # every cash contribution: pledged, invoiced or received
    cash_invoiced: Decimal = ZERO  # invoiced or received
    cash_received: Decimal = ZERO
    in_kind: Decimal = ZERO  # what contributions in kind are worth
    in_kind_provided: Decimal = ZERO
    last_year_cash: Decimal | None = None  # None: no previous year recorded
    chases: int = 0
    last_chased: object = None

    @property
    def still_to_pledge(self):
        """The shortfall: what the formula asks of them that they have not pledged."""
        if self.required is None:
            return ZERO
        return max(self.required - self.cash_pledged, ZERO)

    @property
    def awaiting_payment(self):
        return self.cash_pledged - self.cash_received

    @property
    def change(self):
        """Cash pledged this year less last year's (None without a last year)."""
        if self.last_year_cash is None:
            return None
        return self.cash_pledged - self.last_year_cash

    @property
    def total(self):
        return self.cash_pledged + self.in_kind

    @property
    def owes(self):
        return self.still_to_pledge > 0 or self.awaiting_payment > 0


@dataclass
class YearFunding:
    year: FinancialYear
    previous: FinancialYear | None
    partners: list  # [PartnerFigures], formula order
    sees_all: bool
    formula_problem: str = ""
    extra_penny: tuple = ()  # agencies whose required share took a left-over penny
    budget_lines: list = field(default_factory=list)

    def _sum(self, name):
        return sum((getattr(p, name) for p in self.partners), ZERO)

    @property
    def target(self):
        return self.year.target_budget

    @property
    def required_total(self):
        return sum((p.required for p in self.partners if p.required is not None), ZERO)

    @property
    def cash_pledged(self):
        return self._sum("cash_pledged")

    @property
    def cash_received(self):
        return self._sum("cash_received")

    @property
    def in_kind(self):
        return self._sum("in_kind")

    @property
    def still_to_pledge(self):
        return self._sum("still_to_pledge")

    @property
    def awaiting_payment(self):
        return self._sum("awaiting_payment")

    @property
    def shortfall(self):
        """The target less every partner's cash pledged (never below zero)."""
        return max(self.target - self.cash_pledged, ZERO)

    @property
    def surplus(self):
        return max(self.cash_pledged - self.target, ZERO)

    @property
    def not_yet_received(self):
        return max(self.target - self.cash_received, ZERO)

    @property
    def last_year_cash(self):
        known = [p.last_year_cash for p in self.partners if p.last_year_cash is not None]
        return sum(known, ZERO) if self.previous is not None else None

    @property
    def change(self):
        last = self.last_year_cash
        return None if last is None else self.cash_pledged - last

    @property
    def planned_total(self):
        return sum((line.planned for line in self.budget_lines), ZERO)

    @property
    def actual_total(self):
        return sum((line.actual for line in self.budget_lines if line.actual is not None), ZERO)

    @property
    def actual_known(self):
        return any(line.actual is not None for line in self.budget_lines)

    @property
    def in_formula(self):
        return [p for p in self.partners if p.in_formula]


def _shares_by_year(year_ids):
    shares = {}
    for share in (
        FundingShare.objects.filter(year_id__in=year_ids)
        .select_related("agency__organisation")
        .order_by("pk")
    ):
        shares.setdefault(share.year_id, []).append(share)
    return shares


def _split(year, shares):
    """({agency id: required}, extra-penny agency ids, problem)."""
    if not shares:
        return {}, (), "No partners are in the funding formula yet"
    ordered = formula_order([s.agency for s in shares])
    keys = [a.pk for a in ordered]
    percentages = None
    if year.formula == FinancialYear.Formula.PERCENTAGES:
        percentages = {s.agency_id: s.percentage for s in shares}
    try:
        result = split(year.target_budget, keys, percentages=percentages)
    except FormulaError as problem:
        return {}, (), str(problem)
    return result.shares, result.extra_penny, ""


def year_funding(year, *, agencies, sees_all):
    """The year's figures for `agencies` (a PartnerAgency queryset: who may be
    shown), in formula order: the formula's required share, cash pledged,
    invoiced and received, in kind, change on last year and chases. Seven
    queries, whatever the number of partners and contributions."""
    previous = previous_year(year)
    year_ids = [year.pk] + ([previous.pk] if previous else [])
    shares = _shares_by_year(year_ids).get(year.pk, [])
    required, extra, problem = _split(year, shares)
    share_of = {s.agency_id: s for s in shares}
    # Partners with a part in the year (in the formula, or giving this year or
    # last); a partner who sees only their own agency always sees it.
    involved = Q(pk__in=[s.agency_id for s in shares]) | Q(contributions__year_id__in=year_ids)
    if not sees_all:
        involved |= Q(pk__in=agencies.values("pk"))
    shown = list(agencies.filter(involved).select_related("organisation").distinct())
    figures = {a.pk: PartnerFigures(agency=a) for a in formula_order(shown)}
    for agency_id, row in figures.items():
        share = share_of.get(agency_id)
        if share is not None:
            row.in_formula = True
            row.percentage = share.percentage
            row.required = required.get(agency_id)
            row.extra_penny = agency_id in extra
        if previous is not None:
            row.last_year_cash = ZERO
    totals = (
        Contribution.objects.filter(year_id__in=year_ids, agency_id__in=figures.keys())
        .values("year_id", "agency_id", "kind", "status")
        .annotate(total=Sum("amount"))
        .order_by()
    )
    for line in totals:
        row = figures[line["agency_id"]]
        amount = line["total"]
        if line["year_id"] != year.pk:
            if line["kind"] == Contribution.Kind.CASH:
                row.last_year_cash += amount
            continue
        if line["kind"] == Contribution.Kind.CASH:
            row.cash_pledged += amount
            if line["status"] in (Contribution.Status.INVOICED, Contribution.Status.RECEIVED):
                row.cash_invoiced += amount
            if line["status"] == Contribution.Status.RECEIVED:
                row.cash_received += amount
        else:
            row.in_kind += amount
            if line["status"] == Contribution.Status.RECEIVED:
                row.in_kind_provided += amount
    chases = (
        FundingChase.objects.filter(year=year, agency_id__in=figures.keys())
        .values("agency_id")
        .annotate(count=Count("pk"), last=Max("chased_on"))
        .order_by()
    )
    for line in chases:
        figures[line["agency_id"]].chases = line["count"]
        figures[line["agency_id"]].last_chased = line["last"]
    return YearFunding(
        year=year,
        previous=previous,
        partners=list(figures.values()),
        sees_all=sees_all,
        formula_problem=problem,
        extra_penny=tuple(figures[pk].agency for pk in extra if pk in figures),
        budget_lines=list(budget_lines(year)),
    )


def year_funding_for(year, membership):
    """The year as this member may see it."""
    return year_funding(
        year,
        agencies=visible_funding_agencies(membership),
        sees_all=can_see_all_funding(membership),
    )


def budget_lines(year):
    """The year's budget lines in the order of their categories."""
    order = [value for value, _ in BudgetLine.Category.choices]
    lines = BudgetLine.objects.for_partnership(year.partnership_id).filter(year=year)
    return sorted(lines, key=lambda line: (order.index(line.category), line.description))


def contributions(year, *, agencies):
    """The year's contributions from `agencies`, partner by partner."""
    return (
        Contribution.objects.for_partnership(year.partnership_id)
        .filter(year=year, agency__in=agencies)
        .select_related("agency__organisation", "year__partnership")
        .order_by("agency__organisation__name", "kind", "created_at")
    )


def chases(year, *, agencies):
    return (
        FundingChase.objects.for_partnership(year.partnership_id)
        .filter(year=year, agency__in=agencies)
        .select_related("agency__organisation", "recorded_by")
    )


@dataclass
class YearRow:
    year: FinancialYear
    target: Decimal
    cash_pledged: Decimal
    cash_received: Decimal
    in_kind: Decimal

    @property
    def shortfall(self):
        return max(self.target - self.cash_pledged, ZERO)


def years_overview(membership):
    """Every financial year with the cash pledged and received and in kind of
    the agencies this member may see: three queries."""
    agencies = visible_funding_agencies(membership)
    rows = {
        year.pk: YearRow(
            year=year,
            target=year.target_budget,
            cash_pledged=ZERO,
            cash_received=ZERO,
            in_kind=ZERO,
        )
        for year in years(membership.partnership_id)
    }
    totals = (
        Contribution.objects.for_partnership(membership.partnership_id)
        .filter(agency__in=agencies)
        .values("year_id", "kind", "status")
        .annotate(total=Sum("amount"))
        .order_by()
    )
    for line in totals:
        row = rows[line["year_id"]]
        if line["kind"] == Contribution.Kind.IN_KIND:
            row.in_kind += line["total"]
            continue
        row.cash_pledged += line["total"]
        if line["status"] == Contribution.Status.RECEIVED:
            row.cash_received += line["total"]
    return list(rows.values())


def years_overlapping(partnership, *, start, end):
    """Financial years that overlap start..end, earliest first (the annual
    report's funding evidence)."""
    return (
        years(partnership).filter(start_date__lte=end, end_date__gte=start).order_by("start_date")
    )


def funding_for_period(partnership, *, start, end):
    """Every partner's figures for each financial year overlapping the period:
    what the annual report shows (its evidence is seen by the business unit and
    the independent chair until it is published, and by everyone after)."""
    agencies = PartnerAgency.objects.for_partnership(partnership)
    return [
        year_funding(year, agencies=agencies, sees_all=True)
        for year in years_overlapping(partnership, start=start, end=end)
    ]

"""Reads for case reviews. Pages read cases through `visible_cases` (the twin of
`can_view_case`), with what a row shows fetched in the same query, so a page's
queries do not grow with its cases."""

import datetime
from dataclasses import dataclass, field

from django.db.models import Count, Exists, F, OuterRef, Q, Subquery, Window
from django.db.models.functions import Coalesce, TruncDate
from django.utils import timezone

from partnership.working_days import add_working_days

from .models import Case, CaseClock, CaseTheme, LearningTheme, ReviewType, Stage
from .permissions import visible_cases

DUE_SOON_WORKING_DAYS = 10


@dataclass
class RegisterFilters:
    query: str = ""
    types: list = field(default_factory=list)
    stages: list = field(default_factory=list)
    statuses: list = field(default_factory=list)
    clock: str = ""  # "overdue" or "due_soon"
    theme: object = None
    year: int | None = None


def with_opened_on(cases):
    """Annotates `opened_on`: when the case began, as reports count it (the
    date the local authority became aware, else the decision, else when it
    was recorded here)."""
    return cases.annotate(
        opened_on=Coalesce("aware_date", "decision_date", TruncDate("created_at"))
    )


def _open_clocks(today=None):
    return CaseClock.objects.filter(case=OuterRef("pk")).open().order_by("due_on", "pk")


def with_next_clock(cases):
    """Annotates each case with its next open clock: name, due date."""
    clocks = _open_clocks()
    return cases.annotate(
        next_clock_name=Subquery(clocks.values("rule__name")[:1]),
        next_clock_due=Subquery(clocks.values("due_on")[:1]),
    )


def register(*, membership, filters, today=None):
    """The register as this member may see it, filtered, soonest clock first."""
    today = today or timezone.localdate()
    cases = with_next_clock(visible_cases(membership)).select_related("review", "partnership")
    if filters.query:
        words = filters.query.strip()
        cases = cases.filter(
            Q(reference__icontains=words)
            | Q(pseudonym__icontains=words)
            | Q(steis_number__icontains=words)
            | Q(panel_reference__icontains=words)
        )
    if filters.types:
        cases = cases.filter(review_type__in=filters.types)
    if filters.stages:
        stage_q = Q(review__stage__in=filters.stages)
        if "none" in filters.stages:
            stage_q |= Q(review__isnull=True)
        cases = cases.filter(stage_q)
    if filters.statuses:
        cases = cases.filter(status__in=filters.statuses)
    if filters.clock == "overdue":
        cases = cases.filter(
            Exists(CaseClock.objects.open().filter(case=OuterRef("pk"), due_on__lt=today))
        )
    elif filters.clock == "due_soon":
        until = add_working_days(today, DUE_SOON_WORKING_DAYS)
        cases = cases.filter(
            Exists(
                CaseClock.objects.open().filter(
                    case=OuterRef("pk"), due_on__gte=today, due_on__lte=until
                )
            )
        )
    if filters.theme is not None:
        cases = cases.filter(pk__in=CaseTheme.objects.filter(theme=filters.theme).values("case_id"))
    if filters.year:
        cases = with_opened_on(cases).filter(opened_on__year=filters.year)
    return cases.order_by(F("next_clock_due").asc(nulls_last=True), "reference")


def clocks_due(*, membership, today=None, working_days=DUE_SOON_WORKING_DAYS):
    """Open clocks of open cases the member may see that are overdue or fall due
    within `working_days` working days, soonest first."""
    today = today or timezone.localdate()
    until = add_working_days(today, working_days)
    # The case's own partnership, said again: the policies' filter on the
    # joined cases cannot use an index, this can (10,000 cases read for 500).
    return (
        CaseClock.objects.filter(
            case__in=visible_cases(membership), case__partnership_id=membership.partnership_id
        )
        .exclude(case__status=Case.Status.CLOSED)
        .open()
        .filter(due_on__lte=until)
        .select_related("case__partnership", "rule", "partnership")
        .order_by("due_on", "case__reference")
    )


def anonymous_counts(partnership):
    """Open cases by type and by stage, with no name or reference: what members
    who are not on any panel see of the register."""
    cases = Case.objects.for_partnership(partnership).exclude(status=Case.Status.CLOSED)
    types = dict(ReviewType.choices)
    by_type = [
        (types[row["review_type"]], row["n"])
        for row in cases.order_by().values("review_type").annotate(n=Count("pk"))
    ]
    stages = dict(Stage.choices)
    by_stage = [
        (stages.get(row["review__stage"], "Not yet a review"), row["n"])
        for row in cases.order_by().values("review__stage").annotate(n=Count("pk"))
    ]
    return {
        "total": sum(n for _, n in by_type),
        "by_type": sorted(by_type),
        "by_stage": sorted(by_stage),
    }


def counts_by_year(*, partnership, year):
    """Cases opened in a calendar year (`with_opened_on`) by type, stage and
    learning theme, for the annual report."""
    cases = with_opened_on(Case.objects.for_partnership(partnership)).filter(opened_on__year=year)
    types, stages = dict(ReviewType.choices), dict(Stage.choices)
    return {
        "year": year,
        "by_type": sorted(
            (types[r["review_type"]], r["n"])
            for r in cases.order_by().values("review_type").annotate(n=Count("pk"))
        ),
        "by_stage": sorted(
            (stages.get(r["review__stage"], "Not yet a review"), r["n"])
            for r in cases.order_by().values("review__stage").annotate(n=Count("pk"))
        ),
        "by_theme": theme_counts(cases),
    }


def theme_counts(cases):
    rows = (
        LearningTheme.objects.filter(cases__in=cases)
        .order_by()
        .values("name")
        .annotate(n=Count("cases", distinct=True))
    )
    return sorted(((r["name"], r["n"]) for r in rows), key=lambda pair: (-pair[1], pair[0]))


def case_clocks(case):
    return list(CaseClock.objects.filter(case=case).select_related("rule").order_by("rule_id"))


def retention_due(*, partnership, today=None):
    """Closed cases past their retention period and not on legal hold, for a
    decision. Nothing is ever deleted: the business unit records a decision."""
    from .models import ReviewSettings

    today = today or timezone.localdate()
    settings_row = ReviewSettings.for_partnership(partnership)
    due = []
    cases = (
        Case.objects.for_partnership(partnership)
        .filter(status=Case.Status.CLOSED, legal_hold=False)
        .order_by("closed_on")
    )
    for case in cases:
        until = case.retain_until or _years_after(
            case.closed_on, settings_row.years_for(case.review_type)
        )
        if until < today:
            case.retention_ends = until
            due.append(case)
    return due


def _years_after(day, years):
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


OVERVIEW_CLOCKS = 10


def due_this_week(*, membership, today=None, limit=OVERVIEW_CLOCKS):
    """Clocks falling due by the end of this week, or overdue: the overview's
    "due this week" for the business unit. The soonest `limit` of them, and how
    many there are in all (counted in SQL, so the page stays small however many
    cases are late)."""
    today = today or timezone.localdate()
    friday = today + datetime.timedelta(days=(4 - today.weekday()) % 7)
    due = clocks_due(membership=membership, today=today).filter(due_on__lte=friday)
    return soonest_clocks(due, limit=limit, partnership=membership.partnership, today=today)


def soonest_clocks(clocks, *, limit, partnership, today=None):
    """The first `limit` of `clocks` (a `clocks_due` queryset of `partnership`,
    soonest first), each with its state and working days left, and how many
    there are in all, in one query: a window count over every clock due, and
    for the `limit` shown only what their lines show (the case's reference and
    pseudonym, the rule's name, the dates), with the partnership they are all in
    set, not joined. A partnership with thousands of late clocks reads a narrow
    row for each."""
    from .clocks import working_days_between

    today = today or timezone.localdate()
    found = list(
        clocks.select_related(None)
        .select_related("case", "rule")
        .only(*SHOWN_CLOCK_FIELDS)
        .annotate(total=Window(Count("pk")))[:limit]
    )
    for clock in found:
        clock.partnership = clock.case.partnership = partnership
        clock.current_state = clock.state(today)
        clock.days_left = working_days_between(today, clock.due_on)
    return DueClocks(clocks=found, count=found[0].total if found else 0)


# What a line of clocks due shows (templates/reviews/_clock_rows.html and the
# home page's case reviews).
SHOWN_CLOCK_FIELDS = (
    "due_on",
    "met_on",
    "case__uuid",
    "case__reference",
    "case__pseudonym",
    "rule__name",
)


@dataclass
class DueClocks:
    clocks: list
    count: int

    @property
    def more(self):
        return self.count > len(self.clocks)


@dataclass
class SummaryRow:
    case: Case
    clocks: list
    recommendations: int
    actions: int
    actions_done: int
    themes: list


def summary_rows(*, membership):
    """Every open or embargoed case the member may see, with what the board
    summary shows: clocks, action plan progress, themes. A fixed number of
    queries, however many cases."""
    from actions.models import Action

    from .models import Recommendation, RecommendationAction

    cases = list(
        visible_cases(membership)
        .exclude(status=Case.Status.CLOSED)
        .select_related("review")
        .order_by("reference")
    )
    ids = [c.pk for c in cases]
    clocks = {}
    for clock in (
        CaseClock.objects.filter(case_id__in=ids).select_related("rule").order_by("rule_id")
    ):
        clocks.setdefault(clock.case_id, []).append(clock)
    recommendations = dict(
        Recommendation.objects.filter(review__case_id__in=ids)
        .order_by()
        .values_list("review__case_id")
        .annotate(n=Count("pk"))
    )
    links = RecommendationAction.objects.filter(recommendation__review__case_id__in=ids)
    action_rows = links.values_list("recommendation__review__case_id", "action__status")
    actions, done = {}, {}
    for case_id, status in action_rows:
        actions[case_id] = actions.get(case_id, 0) + 1
        if status in (Action.Status.COMPLETED, Action.Status.NO_LONGER_REQUIRED):
            done[case_id] = done.get(case_id, 0) + 1
    themes = {}
    for case_id, name in (
        CaseTheme.objects.filter(case_id__in=ids)
        .order_by("theme__name")
        .values_list("case_id", "theme__name")
    ):
        themes.setdefault(case_id, []).append(name)
    return [
        SummaryRow(
            case=case,
            clocks=clocks.get(case.pk, []),
            recommendations=recommendations.get(case.pk, 0),
            actions=actions.get(case.pk, 0),
            actions_done=done.get(case.pk, 0),
            themes=themes.get(case.pk, []),
        )
        for case in cases
    ]

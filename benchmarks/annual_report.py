"""The annual report at scale: a partnership with three years of data (10
boards, 120 meetings with attendance and deputies, 2,000 actions, three
financial years of funding; reviews come through reviews.evidence, whose
register is not built yet) and a combined report for its last year with the
evidence each heading suggests (about 25 tables and charts).

Timed: the report's PDF as we render it (evidence, charts, template, WeasyPrint)
beside raw WeasyPrint on the same HTML, so `summary` can print our overhead as
a ratio; and the evidence's query count for the full partnership and for one
with a tenth of the rows (it must not grow with them)."""

import datetime
import os
import random
import statistics
import time
from decimal import Decimal

from django.db import connection
from django.test.utils import CaptureQueriesContext

from actions.models import Action, ActionUpdate
from dashboard.annual_report import documents, evidence, services
from dashboard.annual_report.models import AnnualReport
from documents.render import html_to_pdf
from funding.models import Contribution, FinancialYear, FundingShare, twelve_months_from
from meetings.models import Attendance, Meeting
from partnership.models import (
    Board,
    BoardMembership,
    Membership,
    Organisation,
    PartnerAgency,
    Partnership,
    Person,
    Role,
)
from partnership.tenancy import in_partnership

from .scenarios import size

BOARDS, MEETINGS, ACTIONS, REVIEWS, YEARS = 10, 120, 2000, 30, 3
MEMBERS_PER_BOARD = 8
FIRST_YEAR = datetime.date(2023, 4, 1)


def _partnership(slug, scale):
    partnership, _ = Partnership.objects.get_or_create(
        slug=slug,
        defaults={"name": f"Report Benchmark {slug}", "areas_covered": "Benchmark"},
    )
    with in_partnership(partnership):
        if not Board.objects.exists():
            _fill(partnership, scale)
        report = AnnualReport.objects.filter(partnership=partnership).first()
        if report is None:
            report = _report(partnership)
    return partnership, report


def _fill(partnership, scale):
    rng = random.Random(7)
    boards = [
        Board.objects.create(
            partnership=partnership, name=f"Board {n:02d}", kind="board" if n == 0 else "subgroup"
        )
        for n in range(max(1, round(size(BOARDS) * scale)))
    ]
    organisations = [
        Organisation.objects.get_or_create(
            name=f"Benchmark Agency {n}", defaults={"kind": "other"}
        )[0]
        for n in range(8)
    ]
    agencies = [
        PartnerAgency.objects.create(
            partnership=partnership, organisation=o, kind="statutory" if n < 3 else "relevant"
        )
        for n, o in enumerate(organisations)
    ]
    people = Person.objects.bulk_create(
        Person(partnership=partnership, full_name=f"Member {n}", organisation=organisations[n % 8])
        for n in range(len(boards) * MEMBERS_PER_BOARD + 10)
    )
    seats = {
        board.pk: people[i * MEMBERS_PER_BOARD : (i + 1) * MEMBERS_PER_BOARD]
        for i, board in enumerate(boards)
    }
    BoardMembership.objects.bulk_create(
        BoardMembership(partnership=partnership, board=board, person=person)
        for board in boards
        for person in seats[board.pk]
    )
    days = 365 * YEARS
    meetings = Meeting.objects.bulk_create(
        Meeting(
            partnership=partnership,
            board=boards[n % len(boards)],
            status="minutes_approved",
            date=FIRST_YEAR + datetime.timedelta(days=n * days // size(MEETINGS * scale)),
        )
        for n in range(max(1, round(size(MEETINGS) * scale)))
    )
    deputies = people[-10:]
    rows = []
    for meeting in meetings:
        for index, person in enumerate(seats[meeting.board_id]):
            status = rng.choice(["present"] * 6 + ["apologies", "absent"])
            rows.append(
                Attendance(partnership=partnership, meeting=meeting, person=person, status=status)
            )
            if status == "apologies" and index % 3 == 0:
                rows.append(
                    Attendance(
                        partnership=partnership,
                        meeting=meeting,
                        person=deputies[index % 10],
                        status="present",
                        on_behalf_of=person,
                        representing=person.organisation,
                    )
                )
    Attendance.objects.bulk_create(rows, batch_size=2000, ignore_conflicts=True)
    count = max(1, round(size(ACTIONS) * scale))
    actions = Action.objects.bulk_create(
        (
            Action(
                partnership=partnership,
                board=boards[n % len(boards)],
                number=n // len(boards) + 1,
                description=f"Benchmark action {n}",
                due_date=FIRST_YEAR + datetime.timedelta(days=n * days // count + 60),
                status="completed" if n % 3 == 0 else "open",
                completed_on=FIRST_YEAR + datetime.timedelta(days=n * days // count + 30)
                if n % 3 == 0
                else None,
            )
            for n in range(count)
        ),
        batch_size=1000,
    )
    ActionUpdate.objects.bulk_create(
        (
            ActionUpdate(
                partnership=partnership,
                action=action,
                kind="raised",
                text="Action raised",
                made_on=FIRST_YEAR + datetime.timedelta(days=n * days // count),
            )
            for n, action in enumerate(actions)
        ),
        batch_size=2000,
    )
    for y in range(YEARS):
        start = FIRST_YEAR.replace(year=FIRST_YEAR.year + y)
        year = FinancialYear.objects.create(
            partnership=partnership,
            start_date=start,
            end_date=twelve_months_from(start),
            target_budget=Decimal("250000.00") + y * 10000,
        )
        for agency in agencies[:3]:
            FundingShare.objects.create(year=year, agency=agency)
        for n, agency in enumerate(agencies):
            Contribution.objects.create(
                year=year,
                agency=agency,
                amount=Decimal("80000.00") if n < 3 else Decimal("2500"),
                status="received",
                received_on=start + datetime.timedelta(days=90),
            )


def _report(partnership):
    manager = Membership.objects.filter(partnership=partnership, role=Role.BUSINESS_MANAGER)
    start = FIRST_YEAR.replace(year=FIRST_YEAR.year + YEARS - 1)
    report = services.report_create(
        partnership=partnership,
        kind="combined",
        headings="statutory",
        start_date=start,
        acting_user=manager.first().user if manager.exists() else None,
    )
    for section in report.sections.all():
        services.section_save(
            section=section,
            narrative="The partners met, attended, acted and funded the arrangements.\n\n" * 3,
            included=section.evidence_suggested,
            version=section.version,
            acting_user=None,
        )
    return report


def build(world):
    world.extra["report"] = _partnership("bench-report", 1)
    world.extra["report_tenth"] = _partnership("bench-report-tenth", 0.1)
    partnership, report = world.extra["report"]
    with in_partnership(partnership):
        html, resources = documents.report_html(report, documents.live_content(report))
    world.extra["report_html"] = (html, resources)


def _ours(client, world):
    partnership, report = world.extra["report"]
    with in_partnership(partnership):
        documents.report_pdf(report, documents.live_content(report))


def _raw(client, world):
    html, resources = world.extra["report_html"]
    html_to_pdf(html, resources=resources)


def _queries(world, key):
    partnership, report = world.extra[key]
    with in_partnership(partnership):
        fresh = AnnualReport.objects.select_related("partnership").get(pk=report.pk)
        with CaptureQueriesContext(connection) as context:
            evidence.gather(fresh)
    return len(context.captured_queries)


OURS = "annual report PDF, 3 years of data (ours)"
RAW = "annual report PDF: raw WeasyPrint, same HTML"
SCENARIOS = {OURS: _ours, RAW: _raw}


def _interleaved_ratio(world, repeats):
    """Ours over raw, the two run turn about so the machine's drift hits both."""
    ratios = []
    for _ in range(repeats):
        started = time.perf_counter()
        _ours(None, world)
        ours = time.perf_counter() - started
        started = time.perf_counter()
        _raw(None, world)
        ratios.append(ours / (time.perf_counter() - started))
    return statistics.median(ratios)


def summary(timings, world):
    lines = []
    repeats = int(os.environ.get("BENCH_REPEATS", "15"))
    if OURS in timings and RAW in timings and repeats:
        lines.append(
            f"annual report: ours / raw WeasyPrint on the same HTML = "
            f"{_interleaved_ratio(world, min(repeats, 5)):.2f}, run turn about "
            f"(evidence, charts and template on top of the PDF itself)"
        )
    lines.append(
        f"annual report evidence: {_queries(world, 'report')} queries with "
        f"{size(MEETINGS)} meetings and {size(ACTIONS)} actions; "
        f"{_queries(world, 'report_tenth')} with a tenth of them "
        f"({size(REVIEWS)} reviews: the register is not built yet, reviews.evidence answers)"
    )
    return lines

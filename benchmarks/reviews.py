"""Case reviews at scale: a register of 500 cases (a third of them reviews with
stages), each with its statutory clocks, some overdue, some due soon, some met;
and, in a partnership of its own, 10,000 cases for the clock reminder sweep.
Timed: the register, a filtered register, the clock dashboard, the board
summary and the sweep. Their query counts are asserted not to grow with the
cases in tests/reviews/test_views.py."""

import datetime

from django.utils import timezone

from partnership.models import Membership, Partnership, Role, User
from partnership.tenancy import in_partnership
from partnership.working_days import add_working_days
from reviews.clocks import rules_ensure
from reviews.documents import summary_pdf
from reviews.models import Case, CaseClock, ClockRule, Review
from reviews.reminders import reminders_send

from .scenarios import emails_to_memory, next_working_day_after_today, size

CASES = 500
SWEEP_CASES = 10_000
STAGES = ["commissioned", "information_gathering", "drafting", "final_draft", "signed_off"]


def _fill(partnership, count, prefix):
    """`count` cases with their clocks, in bulk (idempotent)."""
    with in_partnership(partnership):
        rules_ensure(partnership)
        if Case.objects.count() >= count:
            return
        rules = {r.key: r for r in ClockRule.objects.all()}
        today = timezone.localdate()
        cases = []
        for n in range(count):
            aware = today - datetime.timedelta(days=n % 240)
            cases.append(
                Case(
                    partnership=partnership,
                    reference=f"{prefix} {2020 + n // 1000}/{n % 1000:03d}",
                    pseudonym=f"Child {n}",
                    review_type="lcspr" if n % 3 == 0 else "rapid_review",
                    aware_date=aware,
                    notified_date=add_working_days(aware, 3) if n % 4 else None,
                    decision_date=aware + datetime.timedelta(days=20) if n % 3 == 0 else None,
                    summary="A summary of what happened, in pseudonyms.",
                )
            )
        cases = Case.objects.bulk_create(cases, batch_size=1000)
        clocks, reviews = [], []
        for n, case in enumerate(cases):
            notified = case.notified_date
            clocks.append(
                CaseClock(
                    partnership=partnership,
                    case=case,
                    rule=rules["notification"],
                    starts_on=case.aware_date,
                    due_on=add_working_days(case.aware_date, 5),
                    met_on=notified,
                )
            )
            if notified:
                clocks.append(
                    CaseClock(
                        partnership=partnership,
                        case=case,
                        rule=rules["rapid_review"],
                        starts_on=notified,
                        due_on=add_working_days(notified, 15),
                        met_on=add_working_days(notified, 14) if n % 5 == 0 else None,
                    )
                )
            if case.review_type == "lcspr":
                reviews.append(
                    Review(partnership=partnership, case=case, stage=STAGES[n % len(STAGES)],
                           signed_off_on=today if STAGES[n % len(STAGES)] == "signed_off" else None)
                )  # fmt: skip
        CaseClock.objects.bulk_create(clocks, batch_size=2000)
        Review.objects.bulk_create(reviews, batch_size=1000)


def build(world):
    _fill(world.partnership, size(CASES), "LCSPR")
    sweep, _ = Partnership.objects.get_or_create(
        slug="bench-sweep",
        defaults={"name": "Benchmark Sweep Partnership", "areas_covered": "Benchmark"},
    )
    # The sweep's partnership has a business manager of its own to remind. Not
    # the bench manager: nobody manages 10,000 open case reviews, and as theirs
    # the home page timed that register's clocks rather than a large
    # partnership's page (earlier builds did so: undone here).
    recipient, _ = User.objects.get_or_create(email="bench.sweep@example.org")
    with in_partnership(sweep):
        Membership.objects.filter(partnership=sweep, user=world.manager).delete()
        Membership.objects.get_or_create(
            partnership=sweep, user=recipient, defaults={"role": Role.BUSINESS_MANAGER}
        )
    _fill(sweep, size(SWEEP_CASES), "RR")


def _get(path):
    def run(client, world):
        response = client.get(f"/p/{world.partnership.slug}/reviews/{path}")
        assert response.status_code == 200, response.status_code

    return run


def _summary(client, world):
    # Rendered as the background job renders it (the page queues it at this size).
    with in_partnership(world.partnership):
        membership = Membership.objects.select_related("partnership", "user").get(
            partnership=world.partnership, user=world.manager
        )
        summary_pdf(partnership=world.partnership, membership=membership, with_narrative=False)


def _sweep_dry_run(client, world):
    reminders_send(on=next_working_day_after_today(), dry_run=True)


def _sweep(client, world):
    # The first run claims and "sends" (to memory); the rest find everything sent.
    with emails_to_memory():
        reminders_send(on=next_working_day_after_today())


SCENARIOS = {
    "case review register, page 1 of 500 cases": _get(""),
    "case review register, overdue + drafting": _get("?clock=overdue&stage=drafting"),
    "clock dashboard (500 cases)": _get("clocks/"),
    "board summary PDF, rendered (500 cases)": _summary,
    "clock reminder sweep, dry run (10,000 cases)": _sweep_dry_run,
    "clock reminder sweep, run again (all sent)": _sweep,
}

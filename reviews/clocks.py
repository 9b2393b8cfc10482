"""Statutory clocks: the national rules every partnership starts with, and each
case's clocks worked out from its partnership's rules. Working days come from
partnership.working_days only (weekends and England's bank holidays).

The national rules are seeded when a partnership first uses case reviews
(`rules_ensure`, called by the register, the settings page and case creation),
not by a data migration: a migration would miss every partnership created
after it, and the kernel, which creates partnerships, may not know this app."""

import calendar
import datetime

from django.core.exceptions import ObjectDoesNotExist
from django.db import connection
from django.utils import timezone

from partnership.working_days import add_working_days, working_days_after

from .models import Case, CaseClock, ClockRule, RapidReview, Review

CHILD_TYPES = ["rapid_review", "lcspr", "llb", "7mb", "alternative", "none"]

# (key, name, from, met when, amount, unit, direction, types, source)
NATIONAL_RULES = [
    (
        "notification",
        "Serious incident notification",
        "aware",
        "notified",
        5,
        "working_days",
        "after",
        CHILD_TYPES,
        "Children Act 2004 s16C; Working Together to Safeguard Children 2023",
    ),
    (
        "rapid_review",
        "Rapid review",
        "notified",
        "rapid_review_sent",
        15,
        "working_days",
        "after",
        CHILD_TYPES,
        "Working Together to Safeguard Children 2023; National Panel guidance",
    ),
    (
        "cspr_report",
        "LCSPR final report",
        "decision",
        "signed_off",
        6,
        "months",
        "after",
        ["lcspr"],
        "Working Together to Safeguard Children 2023; SI 2018/789 reg. 14",
    ),
    (
        "sar_report",
        "SAR final report (local target)",
        "decision",
        "signed_off",
        6,
        "months",
        "after",
        ["sar"],
        "Care Act 2014 s44; the board's local target",
    ),
    (
        "publication_notice",
        "Publication notice to the National Panel",
        "publication_planned",
        "panel_notice",
        5,
        "working_days",
        "before",
        ["lcspr"],
        "National Panel guidance: tell the Panel before a review is published",
    ),
]


def rules_ensure(partnership):
    """Seeds the national rules for a partnership that has none yet (once:
    INSERT ... ON CONFLICT DO NOTHING on the rule's key, so two first visits at
    the same moment cannot seed twice)."""
    partnership_id = getattr(partnership, "pk", partnership)
    if ClockRule.objects.for_partnership(partnership_id).exists():
        return False
    now = timezone.now()
    table = ClockRule._meta.db_table
    history = ClockRule.history.model._meta.db_table
    with connection.cursor() as cursor:
        for key, name, start, end, amount, unit, direction, types, source in NATIONAL_RULES:
            cursor.execute(
                f'INSERT INTO "{table}" (partnership_id, uuid, created_at, updated_at, key, '  # noqa: S608 - table names from models
                "name, start_event, end_event, amount, unit, direction, review_types, source, "
                "is_active) VALUES (%s, gen_random_uuid(), %s, %s, %s, %s, %s, %s, %s, %s, %s, "
                "%s, %s, true) ON CONFLICT (partnership_id, key) WHERE NOT (key = '') DO NOTHING "
                "RETURNING id, uuid",
                [partnership_id, now, now, key, name, start, end, amount, unit, direction, types,
                 source],
            )  # fmt: skip
            row = cursor.fetchone()
            if row is not None:
                cursor.execute(
                    f'INSERT INTO "{history}" (id, partnership_id, uuid, created_at, updated_at, '  # noqa: S608
                    "key, name, start_event, end_event, amount, unit, direction, review_types, "
                    "source, is_active, history_date, history_type, history_change_reason) "
                    "VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, true, %s, "
                    "'+', 'National rule seeded')",
                    [row[0], partnership_id, row[1], now, now, key, name, start, end, amount,
                     unit, direction, types, source, now],
                )  # fmt: skip
    return True


def add_months(day, months):
    """`day` moved by whole months, kept inside the month (31 August + 6 months
    is 28 or 29 February)."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return datetime.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def due_date(rule, start):
    """When a clock started on `start` falls due under `rule`."""
    amount = rule.amount if rule.direction == ClockRule.Direction.AFTER else -rule.amount
    if rule.unit == ClockRule.Unit.WORKING_DAYS:
        return add_working_days(start, amount)
    if rule.unit == ClockRule.Unit.CALENDAR_DAYS:
        return start + datetime.timedelta(days=amount)
    return add_months(start, amount)


def working_days_between(today, due):
    """Working days left until `due` (0: due today; negative: working days it
    is overdue by)."""
    if due >= today:
        return working_days_after(today, due)
    return -working_days_after(due, today)


def needs_rapid_review(case, subjects):
    """Every notification has a rapid review, except that the death of a care
    leaver (up to 24) is notified but needs none."""
    return not (subjects and all(subject.care_leaver for subject in subjects))


def event_dates(case):
    """The date of every event a clock can start or stop at, for one case."""
    # Read afresh: a case instance may have cached "no review" before one existed.
    rapid = RapidReview.objects.filter(case=case).first()
    review = Review.objects.filter(case=case).select_related("publication").first()
    publication = _related(review, "publication") if review else None
    return {
        "aware": case.aware_date,
        "notified": case.notified_date,
        "rapid_review_sent": rapid.sent_to_panel_on if rapid else None,
        "decision": case.decision_date,
        "commissioned": review.commissioned_on if review else None,
        "signed_off": review.signed_off_on if review else None,
        "publication_planned": publication.planned_on if publication else None,
        "panel_notice": publication.panel_notified_on if publication else None,
        "published": publication.published_on if publication else None,
    }


def _related(obj, name):
    """A one-to-one neighbour (rapid review, review, publication), or None."""
    try:
        return getattr(obj, name)
    except ObjectDoesNotExist:
        return None


def applies(rule, case, subjects):
    if not rule.is_active or case.review_type not in rule.review_types:
        return False
    rapid = "rapid_review_sent" in (rule.start_event, rule.end_event)
    if rapid and not needs_rapid_review(case, subjects):
        return False
    if rule.start_event == "aware" and rule.end_event == "notified":
        return case.kind == Case.Kind.NOTIFICATION
    return True


def clocks_refresh(case, *, rules=None):
    """Brings the case's clocks up to date with its events and its
    partnership's rules: a clock for each rule that applies, started, due and
    met as the events say. A met clock keeps the due date it was met against
    unless its start moved. Open clocks of rules that no longer apply go.
    Returns the clocks saved."""
    if rules is None:
        rules = list(ClockRule.objects.for_partnership(case.partnership_id))
    subjects = list(case.subjects.all())
    events = event_dates(case)
    existing = {clock.rule_id: clock for clock in CaseClock.objects.filter(case=case)}
    saved = []
    for rule in rules:
        clock = existing.get(rule.pk)
        if not applies(rule, case, subjects):
            if clock is not None and clock.met_on is None:
                clock.delete()
            continue
        start, met = events[rule.start_event], events[rule.end_event]
        if clock is None:
            clock = CaseClock(partnership_id=case.partnership_id, case=case, rule=rule)
        keep_due = clock.pk and clock.met_on is not None and clock.starts_on == start
        due = clock.due_on if keep_due else (due_date(rule, start) if start else None)
        if clock.pk and (clock.starts_on, clock.due_on, clock.met_on) == (start, due, met):
            continue
        clock.starts_on, clock.due_on, clock.met_on = start, due, met
        clock.save()
        saved.append(clock)
    return saved


def clocks_recompute_for_rule(rule):
    """After a rule changes: recomputes the open clocks of open cases (met clocks
    keep the due date they were met against). Returns how many changed."""
    cases = (
        Case.objects.for_partnership(rule.partnership_id)
        .exclude(status=Case.Status.CLOSED)
        .prefetch_related("subjects")
    )
    rules = list(ClockRule.objects.for_partnership(rule.partnership_id))
    changed = 0
    for case in cases:
        open_or_missing = not CaseClock.objects.filter(
            case=case, rule=rule, met_on__isnull=False
        ).exists()
        if open_or_missing:
            changed += sum(
                1 for clock in clocks_refresh(case, rules=rules) if clock.rule_id == rule.pk
            )
    return changed

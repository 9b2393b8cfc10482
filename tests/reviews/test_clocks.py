"""Statutory clocks: the arithmetic across weekends and bank holidays, met,
due and overdue, and changing a rule."""

import datetime

import pytest
from django_scopes import scopes_disabled

from audit.models import AuditEvent
from reviews import clocks, progress, services
from reviews.clocks import add_months, due_date, rules_ensure, working_days_between
from reviews.models import CaseClock, ClockRule

from .factories import make_case

D = datetime.date


def _rule(**kwargs):
    return ClockRule(
        **{"amount": 5, "unit": "working_days", "direction": "after", **kwargs},
    )


def test_notification_across_christmas():
    # Aware Monday 22 December 2025: Christmas Day and Boxing Day are bank
    # holidays, then a weekend, so the fifth working day is 31 December.
    assert due_date(_rule(amount=5), D(2025, 12, 22)) == D(2025, 12, 31)


def test_rapid_review_across_new_year():
    # Notified 31 December 2025: New Year's Day is a holiday; 15 working days on
    # is Thursday 22 January 2026.
    assert due_date(_rule(amount=15), D(2025, 12, 31)) == D(2026, 1, 22)


def test_notification_across_easter():
    # Aware Maundy Thursday 2 April 2026: Good Friday and Easter Monday are bank
    # holidays, so 5 working days on is Monday 13 April.
    assert due_date(_rule(amount=5), D(2026, 4, 2)) == D(2026, 4, 13)


def test_calendar_days_and_months():
    assert due_date(_rule(amount=5, unit="calendar_days"), D(2025, 12, 22)) == D(2025, 12, 27)
    assert due_date(_rule(amount=6, unit="months"), D(2025, 8, 31)) == D(2026, 2, 28)
    assert add_months(D(2023, 8, 31), 6) == D(2024, 2, 29)
    assert add_months(D(2025, 11, 15), 3) == D(2026, 2, 15)


def test_a_rule_counted_before_an_event():
    # Tell the Panel 5 working days before publishing on Friday 10 April 2026:
    # Easter Monday and Good Friday do not count.
    rule = _rule(amount=5, direction="before")
    assert due_date(rule, D(2026, 4, 10)) == D(2026, 4, 1)


def test_working_days_left_and_overdue_by():
    assert working_days_between(D(2025, 12, 22), D(2025, 12, 31)) == 5
    assert working_days_between(D(2025, 12, 31), D(2025, 12, 31)) == 0
    assert working_days_between(D(2026, 1, 5), D(2025, 12, 31)) == -2  # 2 Jan and 5 Jan


def test_the_national_rules_are_seeded_once(tenant_a):
    with scopes_disabled():
        assert rules_ensure(tenant_a.partnership) is True
        assert rules_ensure(tenant_a.partnership) is False
        keys = set(
            ClockRule.objects.filter(partnership=tenant_a.partnership).values_list("key", flat=True)
        )
        rule = ClockRule.objects.get(partnership=tenant_a.partnership, key="rapid_review")
    assert keys == {k[0] for k in clocks.NATIONAL_RULES}
    assert (rule.amount, rule.unit, rule.start_event) == (15, "working_days", "notified")
    assert rule.history.count() == 1


def _clock(case, key):
    with scopes_disabled():
        return CaseClock.objects.filter(case=case, rule__key=key).first()


def test_a_case_gets_the_clocks_that_apply(tenant_a):
    user = tenant_a.users["business_manager"]
    case = make_case(tenant_a.partnership, user=user, notified_date=D(2025, 12, 31))
    notification = _clock(case, "notification")
    rapid = _clock(case, "rapid_review")
    assert (notification.due_on, notification.met_on) == (D(2025, 12, 31), D(2025, 12, 31))
    assert notification.state(D(2026, 1, 5)) == "met"
    assert (rapid.starts_on, rapid.due_on, rapid.met_on) == (D(2025, 12, 31), D(2026, 1, 22), None)
    assert rapid.state(D(2026, 1, 22)) == "due"
    assert rapid.state(D(2026, 1, 23)) == "overdue"
    assert _clock(case, "cspr_report") is None  # not an LCSPR (yet)


def test_the_rapid_review_clock_is_met_when_sent_and_the_cspr_clock_starts(tenant_a):
    user = tenant_a.users["business_manager"]
    case = make_case(tenant_a.partnership, user=user, notified_date=D(2025, 12, 31))
    with scopes_disabled():
        progress.rapid_review_save(
            case=case,
            data={"meeting_date": D(2026, 1, 15), "sent_to_panel_on": D(2026, 1, 26)},
            agencies=[],
            acting_user=user,
        )
        progress.rapid_review_decide(
            case=case,
            recommendation="lcspr",
            rationale="Learning about escalation",
            decided_on=D(2026, 1, 16),
            acting_user=user,
        )
    rapid = _clock(case, "rapid_review")
    assert rapid.met_on == D(2026, 1, 26)
    assert rapid.met_late  # due 22 January
    cspr = _clock(case, "cspr_report")
    assert (cspr.starts_on, cspr.due_on, cspr.met_on) == (D(2026, 1, 16), D(2026, 7, 16), None)


def test_a_care_leavers_death_needs_no_rapid_review(tenant_a):
    case = make_case(
        tenant_a.partnership,
        user=tenant_a.users["business_manager"],
        notified_date=D(2026, 1, 5),
        subjects={1: {"pseudonym": "Young person J", "age_band": "18_24", "care_leaver": True}},
    )
    assert _clock(case, "notification") is not None
    assert _clock(case, "rapid_review") is None


def test_sql_and_python_agree_on_the_state(tenant_a):
    user = tenant_a.users["business_manager"]
    make_case(tenant_a.partnership, user=user, notified_date=D(2025, 12, 31))
    make_case(tenant_a.partnership, user=user, pseudonym="Child K", aware_date=D(2026, 1, 20))
    today = D(2026, 1, 23)
    with scopes_disabled():
        rows = list(CaseClock.objects.filter(partnership=tenant_a.partnership).with_state(today))
    assert {row.state for row in rows} >= {"met", "overdue", "not_started"}
    for row in rows:
        assert row.state == CaseClock.state(row, today)


@pytest.mark.parametrize("amount, due", [(20, D(2026, 1, 29)), (10, D(2026, 1, 15))])
def test_changing_a_rule_recomputes_open_clocks_and_is_recorded(tenant_a, amount, due):
    user = tenant_a.users["business_manager"]
    open_case = make_case(tenant_a.partnership, user=user, notified_date=D(2025, 12, 31))
    met_case = make_case(
        tenant_a.partnership, user=user, pseudonym="Child K", notified_date=D(2025, 12, 31)
    )
    with scopes_disabled():
        progress.rapid_review_save(
            case=met_case,
            data={"meeting_date": D(2026, 1, 12), "sent_to_panel_on": D(2026, 1, 20)},
            agencies=[],
            acting_user=user,
        )
        rule = ClockRule.objects.get(partnership=tenant_a.partnership, key="rapid_review")
        saved, recomputed = services.clock_rule_save(
            partnership=tenant_a.partnership, rule=rule, data={"amount": amount}, acting_user=user
        )
    assert recomputed == 1
    assert _clock(open_case, "rapid_review").due_on == due
    # A met clock keeps the date it was met against.
    assert _clock(met_case, "rapid_review").due_on == D(2026, 1, 22)
    event = AuditEvent.objects.get(kind="clock_rule.changed")
    assert "15 working days" in event.detail and f"{amount} working days" in event.detail
    assert event.user == user
    with scopes_disabled():
        history = _clock(open_case, "rapid_review").history.order_by("history_date")
        assert [h.due_on for h in history][-2:] == [D(2026, 1, 22), due]
        assert saved.history.first().history_user == user


def test_a_rule_out_of_use_drops_the_open_clocks_but_keeps_met_ones(tenant_a):
    user = tenant_a.users["business_manager"]
    case = make_case(tenant_a.partnership, user=user, notified_date=D(2025, 12, 31))
    with scopes_disabled():
        for key in ("rapid_review", "notification"):
            rule = ClockRule.objects.get(partnership=tenant_a.partnership, key=key)
            services.clock_rule_save(
                partnership=tenant_a.partnership, rule=rule, data={"is_active": False},
                acting_user=user,
            )  # fmt: skip
    assert _clock(case, "rapid_review") is None
    assert _clock(case, "notification").met_on == D(2025, 12, 31)

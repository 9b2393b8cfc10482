"""Clock reminders: 3 working days before a clock falls due and when it is
missed, to the business manager, exactly once."""

import datetime
import threading

from django.core import mail
from django.core.management import call_command
from django.db import connection
from django_scopes import scopes_disabled

from reviews.models import ClockReminder, ReviewSettings
from reviews.reminders import reminders_send
from reviews.tasks import send_clock_reminders

from .factories import make_case

D = datetime.date


def _case(tenant, **kwargs):
    # Notified Wednesday 31 December 2025: the rapid review is due Thursday 22 January.
    return make_case(
        tenant.partnership,
        user=tenant.users["business_manager"],
        notified_date=D(2025, 12, 31),
        **kwargs,
    )


def test_three_working_days_before_then_when_missed_once_each(
    tenant_a, django_capture_on_commit_callbacks
):
    case = _case(tenant_a)
    manager = tenant_a.users["business_manager"].email
    assert reminders_send(on=D(2026, 1, 16)) == []  # 4 working days before
    with django_capture_on_commit_callbacks(execute=True):
        sent = reminders_send(on=D(2026, 1, 19))  # Monday: 3 working days before
    assert [d.email for d in sent] == [manager]
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert "1 due within 3 working days" in message.subject
    assert case.reference in message.body and "22 January 2026" in message.body
    assert case.pseudonym not in message.body + message.subject
    with django_capture_on_commit_callbacks(execute=True):
        assert reminders_send(on=D(2026, 1, 20)) == []  # already sent
        assert reminders_send(on=D(2026, 1, 22)) == []  # due today: still the same reminder
        missed = reminders_send(on=D(2026, 1, 23))
        assert reminders_send(on=D(2026, 1, 26)) == []
    assert len(missed) == 1 and "1 missed" in mail.outbox[1].subject
    assert len(mail.outbox) == 2
    with scopes_disabled():
        rows = ClockReminder.objects.order_by("pk")
        assert [r.kind for r in rows] == ["due_soon", "missed"]
        assert all(r.sent_at for r in rows)


def test_nothing_on_a_weekend_or_bank_holiday_or_when_switched_off(tenant_a):
    _case(tenant_a)
    assert reminders_send(on=D(2026, 1, 24)) == []  # Saturday
    assert reminders_send(on=D(2026, 4, 3)) == []  # Good Friday
    with scopes_disabled():
        ReviewSettings.objects.create(partnership=tenant_a.partnership, reminders_enabled=False)
    assert reminders_send(on=D(2026, 1, 19)) == []


def test_the_task_run_twice_sends_once(tenant_a, django_capture_on_commit_callbacks):
    _case(tenant_a)
    with django_capture_on_commit_callbacks(execute=True):
        assert send_clock_reminders("2026-01-19") == 1
        assert send_clock_reminders("2026-01-19") == 0
    assert len(mail.outbox) == 1


def test_a_dry_run_claims_nothing(tenant_a):
    _case(tenant_a)
    assert len(reminders_send(on=D(2026, 1, 19), dry_run=True)) == 1
    with scopes_disabled():
        assert not ClockReminder.objects.exists()


def test_two_sweeps_at_once_send_once(transactional_db, tenant_a):
    _case(tenant_a)
    results, errors = [], []

    def sweep():
        try:
            results.append(len(reminders_send(on=D(2026, 1, 19))))
        except Exception as error:  # noqa: BLE001 - reported below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=sweep) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors
    assert sorted(results) == [0, 1]
    with scopes_disabled():
        assert ClockReminder.objects.count() == 1


def test_the_command_lists_what_would_be_sent(tenant_a, capsys):
    case = _case(tenant_a)
    call_command("send_clock_reminders", "--dry-run", "--date", "2026-01-19")
    out = capsys.readouterr().out
    assert f"{case.reference}: Rapid review, due 22 January 2026" in out
    assert "Would send 1 email." in out
    with scopes_disabled():
        assert not ClockReminder.objects.exists()

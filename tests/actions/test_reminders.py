"""Reminders: one digest per owner, due soon and overdue, never sent twice."""

import datetime
import threading
from types import SimpleNamespace

import pytest
from django.core import mail
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django_celery_beat.models import PeriodicTask
from django_scopes import scopes_disabled

from actions import reminders, services
from actions.models import Action, ActionLogSettings, Reminder
from actions.owners import ALL
from actions.tasks import send_reminders

from ..factories import BoardMembershipFactory, PersonFactory
from .factories import ActionFactory

MONDAY = datetime.date(2026, 3, 2)
DAY = datetime.timedelta(days=1)


def _world(tenant):
    person = tenant.person  # Morgan Member, who signs in as member@northshire...
    make = lambda **kw: ActionFactory(board=tenant.board, owners=[person], **kw)  # noqa: E731
    return SimpleNamespace(
        person=person,
        email=tenant.users["member"].email,
        overdue=make(due_date=MONDAY - 10 * DAY, description="Overdue one"),
        soon=make(due_date=MONDAY + 3 * DAY, description="Due soon one"),
        later=make(due_date=MONDAY + 30 * DAY, description="Later one"),
        undated=make(description="No date"),
        done=make(due_date=MONDAY - 10 * DAY, status=Action.Status.COMPLETED),
    )


@pytest.fixture
def world(tenant_a):
    return _world(tenant_a)


@pytest.fixture
def sweep(django_capture_on_commit_callbacks):
    def run(on=MONDAY, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return reminders.reminders_send(on=on, **kwargs)

    return run


def test_each_owner_gets_one_digest_of_due_soon_and_overdue(world, sweep):
    (digest,) = sweep()
    assert digest.email == world.email
    assert {(line.action.pk, line.kind) for line in digest.lines} == {
        (world.overdue.pk, "overdue"),
        (world.soon.pk, "due_soon"),
    }
    (email,) = mail.outbox
    assert email.to == [world.email]
    assert email.subject == "Your actions: 1 overdue, 1 due soon"


def test_the_email_has_text_and_html_links_and_no_case_details(world, sweep):
    sweep()
    (email,) = mail.outbox
    html = email.alternatives[0][0]
    link = f"http://127.0.0.1:8000/p/northshire/actions/{world.overdue.uuid}/"
    assert link in email.body and f'href="{link}"' in html
    assert "Action 1, Northshire Safeguarding Partnership Executive Board: overdue" in email.body
    for text in ("Overdue one", "Due soon one"):
        assert text not in email.body and text not in html
    with scopes_disabled():
        assert Reminder.objects.filter(sent_at__isnull=False).count() == 2


def test_running_the_sweep_again_sends_nothing_twice(world, sweep):
    sweep()
    assert sweep() == []
    assert sweep(dry_run=True) == []
    assert len(mail.outbox) == 1
    with scopes_disabled():
        assert Reminder.objects.count() == 2


def test_a_retried_task_sends_nothing_twice(world, django_capture_on_commit_callbacks, settings):
    settings.SITE_URL = "https://spm.example.org"
    with django_capture_on_commit_callbacks(execute=True):
        assert send_reminders.delay(MONDAY.isoformat()).get() == 1
        assert send_reminders.delay(MONDAY.isoformat()).get() == 0
    (email,) = mail.outbox
    assert f"https://spm.example.org/p/northshire/actions/{world.soon.uuid}/" in email.body


def test_overdue_repeats_weekly_not_daily(world, sweep):
    sweep()
    assert sweep(on=MONDAY + DAY) == []
    # Friday: the action due on Thursday has just become overdue; the other is not repeated.
    (friday,) = sweep(on=MONDAY + 4 * DAY)
    assert [(line.action.pk, line.kind) for line in friday.lines] == [(world.soon.pk, "overdue")]
    # A week on, the long-overdue one comes round again (and Thursday's is not yet due again).
    (next_week,) = sweep(on=MONDAY + 7 * DAY)
    assert [(line.action.pk, line.kind) for line in next_week.lines] == [
        (world.overdue.pk, "overdue")
    ]


def test_due_soon_is_sent_once_per_due_date(world, sweep):
    sweep()
    assert sweep(on=MONDAY + DAY) == []
    with scopes_disabled():
        services.action_update_add(
            action=world.soon, acting_user=None, due_date=MONDAY + 5 * DAY, text="Moved"
        )
    (digest,) = sweep(on=MONDAY + DAY)
    assert [line.action.pk for line in digest.lines] == [world.soon.pk]


def test_a_missed_day_is_caught_up(world, sweep):
    # No sweep ran on the Monday; Tuesday's sends what was due.
    (digest,) = sweep(on=MONDAY + DAY)
    assert len(digest.lines) == 2


def test_nothing_is_sent_on_weekends_or_bank_holidays(world, sweep):
    assert sweep(on=MONDAY - 2 * DAY) == []  # Saturday
    assert sweep(on=datetime.date(2026, 4, 6)) == []  # Easter Monday
    assert mail.outbox == []


def test_reminders_switched_off_send_nothing(world, sweep, tenant_a):
    with scopes_disabled():
        ActionLogSettings.objects.create(partnership=tenant_a.partnership, reminders_enabled=False)
    assert sweep() == []


def test_the_warning_window_decides_what_is_due_soon(world, sweep, tenant_a):
    with scopes_disabled():
        ActionLogSettings.objects.create(partnership=tenant_a.partnership, warning_days=30)
    (digest,) = sweep()
    assert world.later.pk in {line.action.pk for line in digest.lines}


def test_all_reminds_every_member_group_its_chair_agency_its_lead(tenant_a, sweep):
    board = tenant_a.board
    seated = PersonFactory(partnership=tenant_a.partnership, email="seated@example.org")
    BoardMembershipFactory(board=board, person=seated)
    sub_chair = PersonFactory(partnership=tenant_a.partnership, email="qe.chair@example.org")
    BoardMembershipFactory(board=tenant_a.subgroup, person=sub_chair, role="chair")
    lead = PersonFactory(partnership=tenant_a.partnership, email="lead@example.org")
    with scopes_disabled():
        tenant_a.agency.lead_representative = lead
        tenant_a.agency.save()
    ActionFactory(board=board, owners=[ALL], due_date=MONDAY + DAY)
    ActionFactory(board=board, owners=[tenant_a.subgroup], due_date=MONDAY + DAY)
    ActionFactory(board=board, owners=[tenant_a.agency], due_date=MONDAY + DAY)
    sent = {d.email: len(d.lines) for d in sweep()}
    # Chris Chair sits on the board too, but has no email address: left out.
    assert sent == {
        tenant_a.users["member"].email: 1,
        "seated@example.org": 1,
        "qe.chair@example.org": 1,
        "lead@example.org": 1,
    }


def test_people_who_have_left_are_not_reminded(world, sweep):
    with scopes_disabled():
        world.person.is_active = False
        world.person.save()
    assert sweep() == []


def test_a_digest_covers_every_partnership_of_one_address(world, tenant_b, sweep):
    person_b = PersonFactory(partnership=tenant_b.partnership, email=world.email)
    ActionFactory(board=tenant_b.board, owners=[person_b], due_date=MONDAY + DAY)
    (digest,) = sweep()
    assert {line.partnership.slug for line in digest.lines} == {"northshire", "southshire"}
    (email,) = mail.outbox
    assert "Southshire Safeguarding Partnership" in email.body


def test_dry_run_prints_and_sends_nothing(world, capsys, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        call_command("send_reminders", "--dry-run", "--date", MONDAY.isoformat())
    out = capsys.readouterr().out
    assert f"Would send to {world.email}: 1 overdue, 1 due soon" in out
    assert "Would send 1 email about 2 actions." in out
    assert mail.outbox == []
    with scopes_disabled():
        assert not Reminder.objects.exists()


def test_the_command_sends(world, capsys, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        call_command("send_reminders", "--date", MONDAY.isoformat())
    assert "Sent 1 email about 2 actions." in capsys.readouterr().out
    assert len(mail.outbox) == 1


def test_the_daily_schedule_is_installed_by_migrate(db):
    task = PeriodicTask.objects.get(task="actions.tasks.send_reminders")
    assert task.enabled
    assert str(task.crontab.timezone) == "Europe/London"
    assert (task.crontab.hour, task.crontab.day_of_week) == ("7", "1-5")


@pytest.mark.django_db(transaction=True)
def test_two_sweeps_at_once_send_each_reminder_once(tenant_a):
    world = _world(tenant_a)
    extra = PersonFactory(partnership=tenant_a.partnership, email="extra@example.org")
    for n in range(5):
        ActionFactory(board=tenant_a.board, owners=[extra, ALL], due_date=MONDAY + n * DAY)
    barrier = threading.Barrier(2)
    errors = []

    def run():
        try:
            barrier.wait()
            reminders.reminders_send(on=MONDAY)
        except Exception as error:  # noqa: BLE001 - reported below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=run) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    sent = [(email.to[0], line) for email in mail.outbox for line in email.body.splitlines()]
    action_lines = [(to, line) for to, line in sent if line.startswith("- Action")]
    assert len(action_lines) == len(set(action_lines))
    with scopes_disabled():
        assert Reminder.objects.count() == len(action_lines)
    by_address = {}
    for to, _ in action_lines:
        by_address[to] = by_address.get(to, 0) + 1
    # Morgan: overdue, due soon and the five "All"; extra: the five.
    assert by_address == {world.email: 7, "extra@example.org": 5}


def test_a_claim_a_dead_sweep_left_unsent_is_sent_once_after_its_lease(world, sweep, settings):
    """The worker died between claiming (committed) and emailing: the next sweep
    sends those reminders, once, when the claim is older than the lease."""
    reminders._claim_and_send = _real_claim_without_sending(reminders._claim_and_send)
    try:
        sweep()
    finally:
        reminders._claim_and_send = _real_claim_and_send
    assert mail.outbox == []
    with scopes_disabled():
        assert Reminder.objects.filter(sent_at__isnull=True).count() == 2
    settings.REMINDER_CLAIM_LEASE = 3600
    assert sweep() == [] and mail.outbox == []  # a live sweep may still be sending them
    settings.REMINDER_CLAIM_LEASE = 0
    (digest,) = sweep()
    assert len(mail.outbox) == 1 and mail.outbox[0].to == [world.email]
    assert {line.action.pk for line in digest.lines} == {world.overdue.pk, world.soon.pk}
    assert mail.outbox[0].extra_headers["Message-ID"].startswith("<reminders-")
    assert sweep() == [] and len(mail.outbox) == 1
    with scopes_disabled():
        assert not Reminder.objects.filter(sent_at__isnull=True).exists()


_real_claim_and_send = reminders._claim_and_send


def _real_claim_without_sending(_original):
    def claim_only(digest):
        from django.db import transaction

        with transaction.atomic():
            reminders._claim(digest)
        return None

    return claim_only


def _owned_actions(tenant, count, owners):
    with scopes_disabled():
        for n in range(count):
            ActionFactory(
                board=tenant.board,
                owners=owners,
                due_date=MONDAY - (n % 20) * DAY,
                description=f"Due {n}",
            )


def test_sweep_queries_grow_with_partnerships_not_actions(tenant_a, tenant_b, sweep, count_queries):
    """The sweep's queries depend on how many partnerships (and digests) it
    handles, never on how many actions or reminders: at 6 actions and at 60,
    sending and finding everything sent cost the same number of queries."""
    owners = [tenant_a.person, ALL]
    _owned_actions(tenant_a, 6, owners)
    small = (count_queries(sweep), count_queries(sweep))
    _owned_actions(tenant_a, 54, owners)
    with scopes_disabled():
        Reminder.objects.all().delete()
    large = (count_queries(sweep), count_queries(sweep))
    assert large == small, (small, large)


def test_a_sweep_that_finds_everything_sent_is_cheaper_than_one_that_sends(
    tenant_a, sweep, count_queries
):
    _owned_actions(tenant_a, 30, [tenant_a.person, ALL])
    sending = count_queries(sweep)
    assert mail.outbox
    idle = count_queries(sweep)
    assert idle < sending, (idle, sending)
    # Records are read only for what is left to send: nothing, here.
    with CaptureQueriesContext(connection) as context:
        sweep()
    read = " ".join(q["sql"] for q in context.captured_queries)
    assert "actions_actionowner" in read
    assert '"partnership_person"."full_name"' not in read, [
        q["sql"][:400] for q in context.captured_queries if "full_name" in q["sql"]
    ]
    assert '"actions_action"."description"' not in read

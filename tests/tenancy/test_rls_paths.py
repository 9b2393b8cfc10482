"""The paths that run outside a request (tasks, commands, sweeps, purges), run
as they do in service: the test's own across-partnerships default switched
off, so each path sees only what it sets itself through partnership.tenancy.
A path that forgot would find no rows and these would fail."""

import datetime

import pytest
from django.core import mail
from django.core.management import call_command
from django.db import connection

from actions import reminders
from actions.models import Reminder
from documents import registry
from documents.models import DocumentJob
from documents.services import document_render, document_request, documents_purge
from partnership.models import Membership, Partnership
from partnership.tenancy import ACROSS_SETTING, in_partnership
from tests.actions.factories import ActionFactory

MONDAY = datetime.date(2026, 3, 2)


@pytest.fixture
def as_the_service(tenant_a, tenant_b):
    """From here on, this test's connection acts across nothing by default."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT set_config(%s, '', false)", [ACROSS_SETTING])
        cursor.execute("SELECT count(*) FROM partnership_board")
        assert cursor.fetchone()[0] == 0  # nothing set: no tenant row at all


@pytest.fixture
def renderer():
    registry.RENDERERS["test.rls"] = lambda job: (b"%PDF-1.7 " + job.title.encode(), "a.pdf", "x")
    yield
    registry.RENDERERS.pop("test.rls")


def test_a_document_task_renders_inside_its_partnership(
    tenant_a, as_the_service, renderer, django_capture_on_commit_callbacks
):
    with in_partnership(tenant_a.partnership):
        job = document_request(
            partnership=tenant_a.partnership,
            kind="test.rls",
            title="Log",
            params={},
            acting_user=tenant_a.users["business_manager"],
        )
    document_render(job_id=job.pk, partnership_id=job.partnership_id)
    with in_partnership(tenant_a.partnership):
        assert DocumentJob.objects.get(pk=job.pk).status == DocumentJob.Status.DONE
    # Named with another partnership, the task finds nothing and does nothing.
    document_render(
        job_id=job.pk, partnership_id=Partnership.objects.exclude(pk=job.partnership_id).first().pk
    )
    assert (
        documents_purge(now=datetime.datetime.now(datetime.UTC) + datetime.timedelta(days=8)) == 1
    )


def test_the_reminder_sweep_reads_and_claims_in_each_partnership(
    tenant_a, tenant_b, as_the_service, django_capture_on_commit_callbacks
):
    for tenant in (tenant_a, tenant_b):
        with in_partnership(tenant.partnership):
            tenant.person.email = f"morgan@{tenant.slug}.example.org"
            tenant.person.save()
            ActionFactory(board=tenant.board, owners=[tenant.person], due_date=MONDAY)
    with django_capture_on_commit_callbacks(execute=True):
        sent = reminders.reminders_send(on=MONDAY)
    assert sorted(d.email for d in sent) == [
        "morgan@northshire.example.org",
        "morgan@southshire.example.org",
    ]
    assert len(mail.outbox) == 2
    for tenant in (tenant_a, tenant_b):
        with in_partnership(tenant.partnership):
            assert Reminder.objects.filter(sent_at__isnull=False).count() == 1


def test_create_partnership_works_as_the_service(as_the_service, capsys):
    call_command(
        "create_partnership",
        "Sandwell Children's Safeguarding Partnership",
        "--areas=Sandwell",
        "--manager-email=bea@example.org",
        "--manager-first-name=Bea",
        "--manager-last-name=Mann",
    )
    partnership = Partnership.objects.get(slug="sandwell-childrens-safeguarding-partnership")
    with in_partnership(partnership):
        assert Membership.objects.get().user.email == "bea@example.org"

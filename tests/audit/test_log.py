"""The audit log: what it records (who, what, when in UTC, from where), that
each partnership's business manager reads and exports only their own, and that
the database refuses to change or remove a row, whoever asks."""

import time

import pytest
from django.db import connection, connections, transaction
from django.db.utils import InternalError, ProgrammingError
from django.test import Client
from django.urls import reverse
from django_scopes import scopes_disabled

from audit.log import record
from audit.models import AuditEvent

from ..two_factor import authenticator_for, code_for

PASSWORD = "correct horse battery staple"


def _events(**filters):
    with scopes_disabled():
        return list(AuditEvent.objects.filter(**filters).order_by("pk"))


def _sign_in(client, email, password=PASSWORD):
    return client.post(
        reverse("login"), {"username": email, "password": password}, REMOTE_ADDR="203.0.113.9"
    )


@pytest.mark.django_db(databases=["default", "owner"])
def test_the_database_refuses_to_change_or_remove_an_event(tenant_a):
    record("auth.signed_in", user=tenant_a.users["member"], partnership=tenant_a.partnership)
    # The service's role may not even try.
    for statement in ("UPDATE audit_auditevent SET kind = 'x'", "DELETE FROM audit_auditevent"):
        with pytest.raises(ProgrammingError, match="permission denied"), transaction.atomic():
            connection.cursor().execute(statement)
    # And the trigger stops the owner, who has every privilege.
    AuditEvent.objects.using("owner").create(kind="auth.signed_in", actor="someone")
    with connections["owner"].cursor() as cursor:
        for statement in ("UPDATE audit_auditevent SET kind = 'x'", "DELETE FROM audit_auditevent"):
            refused = pytest.raises(InternalError, match="Cannot update or delete")
            with refused, transaction.atomic(using="owner"):
                cursor.execute(statement)


@pytest.mark.django_db
def test_a_sign_in_is_recorded_for_each_of_the_users_partnerships(tenant_a, tenant_b):
    from tests.factories import MembershipFactory

    user = tenant_a.users["member"]
    MembershipFactory(partnership=tenant_b.partnership, user=user)
    response = _sign_in(Client(), user.email)
    assert response.status_code == 302
    events = _events(kind="auth.signed_in", user=user)
    assert {e.partnership_id for e in events} == {tenant_a.partnership.pk, tenant_b.partnership.pk}
    assert all(e.ip_address == "203.0.113.9" and e.path == "/accounts/sign-in/" for e in events)
    assert all(e.at.tzinfo is not None for e in events)


@pytest.mark.django_db
def test_a_failed_sign_in_and_a_lockout_are_recorded(tenant_a, settings):
    user = tenant_a.users["observer"]
    client = Client()
    for _ in range(settings.AXES_FAILURE_LIMIT):
        _sign_in(client, user.email, "wrong password")
    failed = _events(kind="auth.sign_in_failed", user=user)
    assert len(failed) >= settings.AXES_FAILURE_LIMIT - 1
    assert failed[0].partnership_id == tenant_a.partnership.pk
    assert _events(kind="auth.locked_out", user=user)
    # Even the right password is refused now, and says nothing about the account.
    response = _sign_in(client, user.email)
    assert response.status_code in (403, 429)


@pytest.mark.django_db
def test_a_failed_sign_in_for_no_ones_address_is_recorded_without_a_partnership(db):
    _sign_in(Client(), "nobody@example.org", "guess")
    (event,) = _events(kind="auth.sign_in_failed")
    assert event.partnership_id is None and event.user_id is None
    assert "nobody@example.org" in event.detail


@pytest.mark.django_db
def test_a_refusal_is_recorded_though_the_request_rolls_back(tenant_a, client_for):
    url = reverse("partnership:board-create", kwargs={"partnership_slug": tenant_a.slug})
    response = client_for(tenant_a.users["observer"]).post(url, {"name": "Sneaky"})
    assert response.status_code == 403
    (event,) = _events(kind="permission.refused")
    assert event.user == tenant_a.users["observer"]
    assert event.partnership_id == tenant_a.partnership.pk
    assert event.path == url and event.method == "POST"


@pytest.mark.django_db
def test_a_stranger_trying_a_partnership_is_recorded_in_that_partnership(
    tenant_a, stranger, stranger_client
):
    assert stranger_client.get(f"/p/{tenant_a.slug}/").status_code == 404
    (event,) = _events(kind="permission.refused")
    assert event.user == stranger and event.partnership_id == tenant_a.partnership.pk
    assert event.detail == "Not a member of this partnership"


@pytest.mark.django_db
def test_two_factor_steps_are_recorded(tenant_a):
    user = tenant_a.users["business_manager"]
    device = authenticator_for(user)
    client = Client()
    _sign_in(client, user.email)
    client.post(reverse("two-factor-sign-in"), {"code": "000000"})
    time.sleep(1.1)  # a wrong code makes the next wait a second (then 2, 4, 8...)
    client.post(reverse("two-factor-sign-in"), {"code": code_for(device)})
    kinds = [e.kind for e in _events(user=user, partnership=tenant_a.partnership)]
    assert kinds == ["auth.signed_in", "auth.two_factor_failed", "auth.two_factor_passed"]


@pytest.mark.django_db
def test_the_business_manager_reads_and_exports_only_their_partnerships_log(
    tenant_a, tenant_b, client_for
):
    record("auth.signed_in", user=tenant_a.users["member"], partnership=tenant_a.partnership)
    record("auth.signed_in", user=tenant_b.users["member"], partnership=tenant_b.partnership)
    client = client_for(tenant_a.users["business_manager"])
    page = client.get(reverse("dashboard:audit-log", kwargs={"partnership_slug": tenant_a.slug}))
    assert tenant_a.users["member"].email in page.content.decode()
    assert tenant_b.users["member"].email not in page.content.decode()
    export = client.get(
        reverse("dashboard:audit-export", kwargs={"partnership_slug": tenant_a.slug})
    )
    text = export.content.decode("utf-8-sig")
    assert "When (UTC)" in text and tenant_a.users["member"].email in text
    assert tenant_b.users["member"].email not in text


@pytest.mark.django_db
def test_a_confidential_papers_download_is_recorded_and_an_ordinary_ones_not(tenant_a, client_for):
    from tests.meetings.factories import AgendaItemFactory, PaperFactory

    meeting = tenant_a.sample("meeting")
    ordinary = PaperFactory(item=tenant_a.sample("agenda_item"))
    secret = PaperFactory(
        item=AgendaItemFactory(meeting=meeting, title="Case discussion", is_confidential=True),
        title="Case chronology",
    )
    client = client_for(tenant_a.users["member"])
    for paper in (ordinary, secret):
        url = reverse(
            "meetings:paper-download",
            kwargs={
                "partnership_slug": tenant_a.slug,
                "meeting_uuid": meeting.uuid,
                "paper_uuid": paper.uuid,
            },
        )
        response = client.get(url)
        assert response.status_code == 200
        b"".join(response.streaming_content)
    (event,) = _events(kind="paper.downloaded")
    assert event.object_label == str(secret) and event.user == tenant_a.users["member"]
    assert event.partnership_id == tenant_a.partnership.pk

"""The access log: every view of a case page and every download of its
material is written (who, what, when, from where); the business manager reads
and exports it; nothing edits or deletes it."""

import re
from pathlib import Path

import pytest
from django.db import DatabaseError, transaction
from django.urls import reverse
from django_scopes import scopes_disabled

from audit.models import AuditEvent
from reviews.models import ReportVersion


def _events(case, kind):
    return AuditEvent.objects.filter(object_uuid=case.uuid, kind=kind)


def test_each_view_of_a_case_page_is_logged(tenant_a, independent_chair_client):
    case = tenant_a.sample("case")
    for _ in range(2):
        assert (
            independent_chair_client.get(
                case.get_absolute_url(), REMOTE_ADDR="10.1.2.3"
            ).status_code
            == 200
        )
    events = list(_events(case, "case.viewed"))
    assert len(events) == 2
    event = events[0]
    assert event.user == tenant_a.users["independent_chair"]
    assert event.partnership_id == case.partnership_id
    assert event.ip_address == "10.1.2.3"
    assert event.path == case.get_absolute_url()


def test_each_download_of_case_material_is_logged(tenant_a, business_manager_client):
    case = tenant_a.sample("case")
    with scopes_disabled():
        version = ReportVersion.objects.filter(review__case=case, kind="report").first()
    url = reverse("reviews:version-download", args=[tenant_a.slug, case.uuid, version.uuid])
    response = business_manager_client.get(url)
    assert response.status_code == 200
    assert response["Cache-Control"] == "private, no-store"
    assert b"".join(response.streaming_content).startswith(b"%PDF-")
    event = _events(case, "case.downloaded").get()
    assert "Report, version 1" in event.detail
    business_manager_client.get(reverse("reviews:summary-pdf", args=[tenant_a.slug]))
    assert AuditEvent.objects.filter(kind="case.downloaded", detail="Board summary PDF").exists()


def test_revealing_real_identifiers_is_logged(tenant_a, business_manager_client):
    case = tenant_a.sample("case")
    url = reverse("reviews:case-identifiers", args=[tenant_a.slug, case.uuid])
    assert business_manager_client.get(url).status_code == 200
    assert _events(case, "case.identifiers_revealed").count() == 1


def test_the_business_manager_reads_and_exports_the_access_log(
    tenant_a, business_manager_client, client_for
):
    case = tenant_a.sample("case")
    client_for(tenant_a.users["independent_chair"]).get(case.get_absolute_url())
    url = reverse("reviews:case-access", args=[tenant_a.slug, case.uuid])
    html = business_manager_client.get(url).content.decode()
    assert "Case viewed" in html
    assert tenant_a.users["independent_chair"].email in html
    response = business_manager_client.get(
        reverse("reviews:case-access-csv", args=[tenant_a.slug, case.uuid])
    )
    text = response.content.decode("utf-8-sig")
    assert "Case viewed" in text and tenant_a.users["independent_chair"].email in text
    assert _events(case, "case.access_exported").count() == 1
    # The business officer runs reviews but does not read the log.
    officer = client_for(tenant_a.users["business_officer"])
    assert officer.get(url).status_code == 403


def test_nobody_can_edit_or_delete_the_log(tenant_a, independent_chair_client):
    case = tenant_a.sample("case")
    independent_chair_client.get(case.get_absolute_url())
    for change in (
        lambda: _events(case, "case.viewed").update(actor="someone else"),
        lambda: _events(case, "case.viewed").delete(),
    ):
        # The app's database role may not even try (no UPDATE or DELETE grant);
        # the table's trigger refuses the owner too (tests/audit).
        with pytest.raises(DatabaseError), transaction.atomic():
            change()
    assert _events(case, "case.viewed").get().actor == tenant_a.users["independent_chair"].email


def test_nothing_in_the_app_edits_or_deletes_audit_events():
    source = "\n".join(p.read_text() for p in Path("reviews").rglob("*.py"))
    assert "AuditEvent" in source  # the access log page reads it...
    assert not re.search(r"AuditEvent[\w.()=\"', ]*\.(update|delete|save)\(", source)
    assert "audit_auditevent" not in source.lower().replace("audit_auditevent_", "")

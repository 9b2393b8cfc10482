"""The annual report: built from the evidence, checked for completeness,
submitted, signed off by the independent chair with their password, published
once as a tagged PDF that never changes afterwards, and found by partners."""

import datetime
import hashlib
import io
from decimal import Decimal

import pytest
from django.db import IntegrityError, InternalError, ProgrammingError, connection, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django_scopes import scope, scopes_disabled
from pypdf import PdfReader

from dashboard.annual_report import evidence, services
from dashboard.annual_report.models import AnnualReport, ReportSignOff
from dashboard.annual_report.permissions import can_view_report, visible_reports
from meetings import services as meeting_services
from partnership.models import Membership

from ..factories import (
    MembershipFactory,
    OrganisationFactory,
    PartnerAgencyFactory,
    PersonFactory,
    UserFactory,
)
from ..funding.factories import ContributionFactory, FinancialYearFactory, FundingShareFactory
from .samples import chair_person

START = datetime.date(2025, 4, 1)


def _url(name, report, **kwargs):
    return reverse(
        f"reports:{name}",
        kwargs={"partnership_slug": report.partnership.slug, "period": report.period, **kwargs},
    )


@pytest.fixture
def report(tenant_a):
    with scopes_disabled():
        chair_person(tenant_a)
        return services.report_create(
            partnership=tenant_a.partnership,
            kind="children",
            headings="statutory",
            start_date=START,
            acting_user=tenant_a.users["business_manager"],
        )


@pytest.fixture
def police(tenant_a):
    """A board member who works for the police, a partner agency."""
    organisation = OrganisationFactory(name="Northshire Police", kind="police")
    agency = PartnerAgencyFactory(
        partnership=tenant_a.partnership, organisation=organisation, kind="statutory"
    )
    user = UserFactory(email="police@northshire.example.org")
    MembershipFactory(partnership=tenant_a.partnership, user=user, role="member")
    PersonFactory(partnership=tenant_a.partnership, user=user, organisation=organisation)
    return agency, user


def _complete(report, *, tenant):
    """Writes what the completeness check asks for."""
    with scopes_disabled():
        for section in report.sections.all():
            section.narrative = f"What we did: {section.heading}."
            section.evidence_included = section.evidence_suggested[:1]
            section.save()
        services.priority_save(
            report=report,
            title="Neglect: recognising it earlier",
            impact="Referrals for neglect from schools rose by a third after the training.",
            acting_user=None,
        )
        report.young_people_summary = "This year the partners worked together to keep you safe."
        report.save()


def _submit_and_sign(report, tenant, django_capture_on_commit_callbacks, client_for):
    chair = tenant.users["independent_chair"]
    with scopes_disabled(), django_capture_on_commit_callbacks(execute=True):
        services.report_submit(report=report, acting_user=tenant.users["business_manager"])
    report.refresh_from_db()
    assert report.signing_sha256  # rendered by the (eager) task
    response = client_for(chair).post(
        _url("sign", report),
        {
            "statement": "The arrangements are effective.",
            "confirm": "on",
            "password": "correct horse battery staple",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    report.refresh_from_db()
    assert report.status == AnnualReport.Status.SIGNED_OFF


def _publish(report, tenant, django_capture_on_commit_callbacks, client_for):
    manager = client_for(tenant.users["business_manager"])
    with django_capture_on_commit_callbacks(execute=True):
        assert manager.post(_url("publish", report)).status_code == 302
    report.refresh_from_db()
    assert report.is_published
    return manager


def test_a_report_starts_with_the_headings_recipients_and_signatories_of_its_kind(tenant_a):
    with scopes_disabled():
        chair_person(tenant_a)
        children = services.report_create(
            partnership=tenant_a.partnership,
            kind="children",
            headings="arrangements",
            start_date=datetime.date(2024, 10, 1),
            acting_user=None,
        )
        adults = services.report_create(
            partnership=tenant_a.partnership,
            kind="adults",
            headings="statutory",
            start_date=datetime.date(2023, 4, 1),
            acting_user=None,
        )
        assert children.period == "2024-25" and children.end_date == datetime.date(2025, 9, 30)
        assert children.sections.first().heading.startswith("(a) The effectiveness")
        assert [r.name for r in children.recipients.all()][0].startswith("The Child Safeguarding")
        assert children.signatories.get().is_scrutineer
        headings = list(adults.sections.values_list("heading", flat=True))
        assert headings[0].startswith("(a) What the Board did")
        assert headings[6].startswith("(g) Findings the Board decided not to implement")
        assert adults.recipients.count() == 5
        assert not adults.signatories.get().is_scrutineer


def test_one_report_per_period_and_no_overlaps(tenant_a, report):
    with scopes_disabled(), pytest.raises(Exception, match="already"):
        services.report_create(
            partnership=tenant_a.partnership,
            kind="children",
            headings="statutory",
            start_date=START,
            acting_user=None,
        )
    with scopes_disabled(), pytest.raises(Exception, match="part of that period"):
        services.report_create(
            partnership=tenant_a.partnership,
            kind="children",
            headings="statutory",
            start_date=datetime.date(2026, 1, 1),
            acting_user=None,
        )


def test_the_completeness_check_lists_what_is_missing_and_refuses_submission(
    tenant_a, report, business_manager_client
):
    page = business_manager_client.get(_url("detail", report)).content.decode()
    assert "has no narrative" in page
    assert "has no evidence" in page
    assert "No priorities are listed for the period" in page
    assert "The summary for children and young people is not written" in page
    with scopes_disabled():
        services.priority_save(report=report, title="Exploitation", impact="", acting_user=None)
    page = business_manager_client.get(_url("submit", report)).content.decode()
    assert "Priority “Exploitation” has no line on its impact" in page
    assert business_manager_client.post(_url("submit", report)).status_code == 200
    report.refresh_from_db()
    assert report.is_draft


def test_a_review_recommendation_without_an_action_is_listed(tenant_a, report, monkeypatch):
    from reviews.evidence import RecommendationLine, ReviewEvidence

    def recorded(**kwargs):
        return ReviewEvidence(
            recorded=True,
            recommendations=[
                RecommendationLine(
                    review="CSPR Family M",
                    recommendation="Train GPs on neglect",
                    implemented=False,
                    actions=0,
                ),
                RecommendationLine(
                    review="CSPR Family M",
                    recommendation="Audit strategy meetings",
                    implemented=False,
                    actions=2,
                ),
            ],
        )

    monkeypatch.setattr(evidence, "review_evidence", recorded)
    with scope(partnership=tenant_a.partnership):
        gaps = services.report_gaps(report, evidence.gather(report))
    messages = [gap.message for gap in gaps]
    assert "Recommendation “Train GPs on neglect” (CSPR Family M) has no action" in messages
    assert not any("Audit strategy meetings" in m for m in messages)


def test_reviews_say_they_are_not_recorded_rather_than_show_zeros(tenant_a, report):
    with scope(partnership=tenant_a.partnership):
        found = evidence.gather(report)
    assert found["reviews"]["recorded"] is False
    assert evidence.sentence("reviews", found) == (
        "No case reviews are recorded here for this period."
    )


def test_the_section_editor_inserts_evidence_and_keeps_what_was_typed(
    tenant_a, report, business_manager_client
):
    with scopes_disabled():
        section = report.sections.get(key="activity")
    url = _url("section", report, section_uuid=section.uuid)
    response = business_manager_client.post(
        url,
        {
            "narrative": "Typed before clicking.",
            "version": "0",
            "add": "meetings",
            "sentence": "actions",
        },
    )
    assert response.status_code == 302
    section.refresh_from_db()
    assert section.evidence_included == ["meetings"]
    assert section.narrative.startswith("Typed before clicking.")
    assert "actions were raised" in section.narrative or "action was raised" in section.narrative
    # An older version is a conflict, not an overwrite.
    stale = business_manager_client.post(url, {"narrative": "Stale text", "version": "0"})
    assert stale.status_code == 200
    assert "Someone else saved this section" in stale.content.decode()
    section.refresh_from_db()
    assert section.narrative.startswith("Typed before clicking.")


def test_evidence_is_what_the_data_says(tenant_a, report, police):
    agency, _ = police
    with scopes_disabled():
        person = PersonFactory(partnership=tenant_a.partnership, organisation=agency.organisation)
        from ..factories import BoardMembershipFactory

        BoardMembershipFactory(board=tenant_a.board, person=person)
    with scope(partnership=tenant_a.partnership):
        meeting = meeting_services.meeting_create(
            board=tenant_a.board,
            acting_user=None,
            date=datetime.date(2025, 6, 4),
            with_standing_items=False,
        )
        meeting_services.attendance_record(
            meeting=meeting, statuses={person.pk: "present"}, acting_user=None
        )
    year = FinancialYearFactory(partnership=tenant_a.partnership, target_budget=Decimal("90000"))
    FundingShareFactory(year=year, agency=agency)
    ContributionFactory(year=year, agency=agency, amount=Decimal("45000.50"))
    with scope(partnership=tenant_a.partnership):
        found = evidence.gather(report)
    held = {row["board"]: row["held"] for row in found["meetings"]}
    assert held[tenant_a.board.name] == 1
    police_row = next(r for r in found["attendance"] if r["organisation"] == "Northshire Police")
    assert police_row["attended_by_member"] == 1 and police_row["rate"] == 100
    funding = found["funding"][0]
    assert funding["label"] == "2025/26"
    assert funding["partners"][0]["required"] == Decimal("90000.00")
    assert funding["shortfall"] == Decimal("44999.50")
    assert evidence.thaw(evidence.freeze(found)) == found


def test_the_evidence_query_count_does_not_grow_with_the_data(tenant_a, report, count_queries):
    from ..actions.factories import many_actions

    def read():
        with scope(partnership=tenant_a.partnership):
            evidence.gather(report)

    few = count_queries(read)
    many_actions(tenant_a.board, 40)
    year = FinancialYearFactory(partnership=tenant_a.partnership)
    for _ in range(5):
        agency = PartnerAgencyFactory(partnership=tenant_a.partnership)
        FundingShareFactory(year=year, agency=agency)
        ContributionFactory(year=year, agency=agency)
    one_year = count_queries(read)
    assert one_year <= few + 7  # one financial year's figures: a fixed number of queries
    for _ in range(5):
        agency = PartnerAgencyFactory(partnership=tenant_a.partnership)
        FundingShareFactory(year=year, agency=agency)
        ContributionFactory(year=year, agency=agency)
    many_actions(tenant_a.subgroup, 40)
    assert count_queries(read) == one_year


def test_sign_off_asks_for_the_password_again(
    tenant_a, report, django_capture_on_commit_callbacks, client_for
):
    _complete(report, tenant=tenant_a)
    with scopes_disabled(), django_capture_on_commit_callbacks(execute=True):
        services.report_submit(report=report, acting_user=tenant_a.users["business_manager"])
    chair = client_for(tenant_a.users["independent_chair"])
    response = chair.post(
        _url("sign", report),
        {"statement": "Effective.", "confirm": "on", "password": "not my password"},
    )
    assert response.status_code == 200
    assert "The password is not right" in response.content.decode()
    with scopes_disabled():
        assert not ReportSignOff.objects.exists()


def test_the_whole_life_of_a_report_and_the_stored_pdf_never_changes(
    tenant_a, report, police, django_capture_on_commit_callbacks, client_for
):
    _complete(report, tenant=tenant_a)
    _submit_and_sign(report, tenant_a, django_capture_on_commit_callbacks, client_for)
    with scopes_disabled():
        sign_off = ReportSignOff.objects.get()
        assert sign_off.sha256 == report.signing_sha256
        assert sign_off.user == tenant_a.users["independent_chair"]
        assert sign_off.sha256 == hashlib.sha256(report.signing_pdf.read()).hexdigest()
    manager = _publish(report, tenant_a, django_capture_on_commit_callbacks, client_for)
    first = manager.get(_url("pdf", report))
    stored = b"".join(first.streaming_content)
    assert hashlib.sha256(stored).hexdigest() == report.report_sha256

    # The data changes: a meeting is held, a partner pays; the report is unchanged.
    with scope(partnership=tenant_a.partnership):
        meeting = meeting_services.meeting_create(
            board=tenant_a.board,
            acting_user=None,
            date=datetime.date(2025, 9, 3),
            with_standing_items=False,
        )
        meeting_services.attendance_record(meeting=meeting, statuses={}, acting_user=None)
    ContributionFactory(
        year=FinancialYearFactory(partnership=tenant_a.partnership), agency=police[0]
    )
    police_user = police[1]
    again = client_for(police_user).get(_url("pdf", report))
    assert again.status_code == 200
    assert b"".join(again.streaming_content) == stored

    # The PDF: title, language, tags, text.
    pdf = PdfReader(io.BytesIO(stored))
    assert pdf.metadata.title == report.title
    catalog = pdf.trailer["/Root"]
    assert catalog["/Lang"] == "en-GB"
    assert "/StructTreeRoot" in catalog and catalog["/MarkInfo"]["/Marked"]
    text = "\n".join(page.extract_text() for page in pdf.pages)
    assert "Contents" in text
    assert f"Page 1 of {len(pdf.pages)}" in text
    assert "How effective the arrangements have been" in text
    assert "Neglect: recognising it earlier" in text
    assert "Statement of the independent scrutineer" in text
    assert "The arrangements are effective." in text
    assert "No case reviews are recorded here for this period." in text
    assert "DRAFT" not in text

    # Published: the signatures and the file can never be changed or removed.
    with scopes_disabled():
        with pytest.raises((IntegrityError, InternalError, ProgrammingError)), transaction.atomic():
            ReportSignOff.objects.update(statement="Rewritten")
        with pytest.raises((IntegrityError, InternalError, ProgrammingError)), transaction.atomic():
            AnnualReport.objects.filter(pk=report.pk).update(report_sha256="0" * 64)
    # Publishing again renders nothing new.
    with scopes_disabled():
        assert services.report_publish is not None
        report.refresh_from_db()
        assert report.report_sha256 == hashlib.sha256(stored).hexdigest()


def test_a_summary_for_children_and_young_people_is_published_beside_it(
    tenant_a, report, django_capture_on_commit_callbacks, client_for
):
    _complete(report, tenant=tenant_a)
    _submit_and_sign(report, tenant_a, django_capture_on_commit_callbacks, client_for)
    manager = _publish(report, tenant_a, django_capture_on_commit_callbacks, client_for)
    response = manager.get(_url("summary-pdf", report))
    pdf = PdfReader(io.BytesIO(b"".join(response.streaming_content)))
    assert len(pdf.pages) == 1
    text = pdf.pages[0].extract_text()
    assert "Our year, explained" in text
    assert "worked together to keep you safe" in text


def test_the_police_representative_sees_no_evidence_before_publication(
    tenant_a, report, police, client_for
):
    _, user = police
    client = client_for(user)
    with scopes_disabled():
        section = report.sections.first()
    for url in (
        _url("detail", report),
        _url("section", report, section_uuid=section.uuid),
        _url("chart", report, kind="funding"),
        _url("preview", report),
        _url("status", report),
    ):
        assert client.get(url).status_code == 404, url
    assert client.post(_url("preview", report)).status_code == 404
    listing = reverse("reports:list", kwargs={"partnership_slug": tenant_a.slug})
    assert report.title not in client.get(listing).content.decode()


def test_after_publication_partners_find_it_on_their_home_page(
    tenant_a, report, police, django_capture_on_commit_callbacks, client_for
):
    _complete(report, tenant=tenant_a)
    _submit_and_sign(report, tenant_a, django_capture_on_commit_callbacks, client_for)
    _publish(report, tenant_a, django_capture_on_commit_callbacks, client_for)
    client = client_for(police[1])
    with CaptureQueriesContext(connection) as queries:
        home = client.get("/").content.decode()
    assert "Annual reports" in home and _url("pdf", report) in home
    # One read of the reports, of what the links need: not the snapshot of
    # every figure and word, nor each deferred field again as the page is drawn.
    (read,) = [q["sql"] for q in queries if '"dashboard_annualreport"' in q["sql"]]
    assert '"snapshot"' not in read
    assert client.get(_url("detail", report)).status_code == 200
    # The builder's evidence stays with the business unit and the chair.
    with scopes_disabled():
        section = report.sections.first()
    assert client.get(_url("section", report, section_uuid=section.uuid)).status_code == 200


def test_the_sending_clock_and_recording_each_sending(
    tenant_a, report, django_capture_on_commit_callbacks, client_for
):
    _complete(report, tenant=tenant_a)
    _submit_and_sign(report, tenant_a, django_capture_on_commit_callbacks, client_for)
    manager = _publish(report, tenant_a, django_capture_on_commit_callbacks, client_for)
    from dashboard.annual_report.selectors import send_by

    assert send_by(report) == report.published_at.date() + datetime.timedelta(days=7)
    with scopes_disabled():
        recipient = report.recipients.first()
    url = _url("recipient-sent", report, recipient_uuid=recipient.uuid)
    today = datetime.date.today()
    response = manager.post(
        url,
        {
            "sent_on_day": today.day,
            "sent_on_month": today.month,
            "sent_on_year": today.year,
            "sent_how": "Emailed to the Panel's mailbox",
        },
    )
    assert response.status_code == 302
    recipient.refresh_from_db()
    assert (
        recipient.sent_on == today and recipient.recorded_by == tenant_a.users["business_manager"]
    )
    assert manager.get(url).status_code == 403  # recorded once


def test_the_view_rule_and_its_queryset_twin_agree(tenant_a, report, police):
    from django_scopes import scopes_disabled as off

    with off():
        published = services.report_create(
            partnership=tenant_a.partnership,
            kind="children",
            headings="statutory",
            start_date=datetime.date(2023, 4, 1),
            acting_user=None,
        )
        AnnualReport.objects.filter(pk=published.pk).update(
            status="published",
            report_sha256="a" * 64,
            published_at=datetime.datetime.now(tz=datetime.UTC),
            snapshot={},
        )
        memberships = list(Membership.objects.filter(partnership=tenant_a.partnership))
        reports = list(AnnualReport.objects.all())
    for membership in memberships:
        with scope(partnership=tenant_a.partnership):
            twin = set(visible_reports(membership).values_list("pk", flat=True))
            for each in reports:
                each.refresh_from_db()
                assert can_view_report(membership, each) == (each.pk in twin), membership.role


def test_a_refused_role_cannot_remove_a_signatory_or_preview(tenant_a, report, client_for):
    with scopes_disabled():
        signatory = report.signatories.get()
    url = _url("signatory-remove", report, signatory_uuid=signatory.uuid)
    for role in ("independent_chair", "member", "observer", "minute_taker"):
        assert client_for(tenant_a.users[role]).post(url).status_code == 403
    with scopes_disabled():
        assert report.signatories.filter(pk=signatory.pk).exists()
    for role in ("member", "observer", "minute_taker"):
        assert client_for(tenant_a.users[role]).post(_url("preview", report)).status_code == 404

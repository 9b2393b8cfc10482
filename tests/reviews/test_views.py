"""The register, its exports and filters, the clock dashboard, the board
summary PDF, recording a case, home and overview panels."""

import datetime
import io

from cryptography.fernet import Fernet
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django_scopes import scope, scopes_disabled
from openpyxl import load_workbook
from pypdf import PdfReader

from documents.models import DocumentJob
from reviews import crypto, services, versions
from reviews.documents import render_summary
from reviews.models import Case, CaseTypeChange

from .factories import make_case, make_review, pdf_file

D = datetime.date


def _many(tenant, n, start=0):
    user = tenant.users["business_manager"]
    for i in range(start, start + n):
        case = make_case(
            tenant.partnership,
            user=user,
            pseudonym=f"Child {i}",
            notified_date=D(2025, 12, 31) if i % 2 else None,
        )
        if i % 3 == 0:
            with scopes_disabled():
                Case.objects.filter(pk=case.pk).update(review_type="lcspr")
                case.refresh_from_db()
            make_review(case, user=user, stage="drafting")


def test_the_register_and_clock_dashboard_queries_do_not_grow_with_cases(
    tenant_a, business_manager_client, count_queries
):
    urls = [
        reverse("reviews:register", args=[tenant_a.slug]),
        reverse("reviews:clocks", args=[tenant_a.slug]),
        reverse("reviews:register", args=[tenant_a.slug]) + "?clock=overdue&stage=drafting",
    ]
    _many(tenant_a, 3)
    business_manager_client.get(urls[0])  # the first visit sets up the national rules
    small = [count_queries(lambda u=u: business_manager_client.get(u)) for u in urls]
    _many(tenant_a, 12, start=3)
    large = [count_queries(lambda u=u: business_manager_client.get(u)) for u in urls]
    assert large == small


def test_the_case_page_queries_do_not_grow_with_its_versions(
    tenant_a, business_manager_client, count_queries
):
    case = tenant_a.sample("case")
    url = case.get_absolute_url()
    small = count_queries(lambda: business_manager_client.get(url))
    with scopes_disabled():
        for n in range(3):
            versions.version_upload(
                review=case.review, kind="report", uploaded_file=pdf_file(f"v{n}.pdf"),
                summary_of_changes="More", acting_user=tenant_a.users["business_manager"],
            )  # fmt: skip
    assert count_queries(lambda: business_manager_client.get(url)) == small


def test_the_register_filters_and_exports(tenant_a, business_manager_client):
    case = tenant_a.sample("case")
    sar = tenant_a.sample("sar_case")
    url = reverse("reviews:register", args=[tenant_a.slug])
    html = business_manager_client.get(url + "?review_type=sar").content.decode()
    assert sar.reference in html and case.reference not in html
    html = business_manager_client.get(url + "?q=family+m").content.decode()
    assert case.reference in html and sar.reference not in html
    html = business_manager_client.get(url + "?year=nineteen&clock=bogus").content.decode()
    assert "govuk-error-summary" in html  # bad filters are errors, not a 500
    csv = business_manager_client.get(
        reverse("reviews:register-csv", args=[tenant_a.slug]) + "?review_type=lcspr"
    ).content.decode("utf-8-sig")
    assert case.reference in csv and "Family M" in csv and sar.reference not in csv
    xlsx = business_manager_client.get(reverse("reviews:register-xlsx", args=[tenant_a.slug]))
    sheet = load_workbook(io.BytesIO(xlsx.content)).active
    rows = list(sheet.values)
    assert rows[0][0] == "Reference" and {r[0] for r in rows[1:]} >= {case.reference}


def test_recording_a_case_keeps_what_was_typed_on_errors(tenant_a, business_manager_client):
    url = reverse("reviews:case-create", args=[tenant_a.slug])
    response = business_manager_client.post(
        url,
        {
            "kind": "notification",
            "pseudonym": "Child C",
            "review_type": "none",
            "incident_time": "25 past lunch",
            "aware_date_day": "22",
            "aware_date_month": "12",
            "aware_date_year": "2025",
            "notified_date_day": "1",
            "notified_date_month": "12",
            "notified_date_year": "2025",
            "subject_1_pseudonym": "Child C",
            "summary": "x" * 5000,
        },
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "Enter why there is no further review" in html
    assert "Enter the time of the incident as a time, like 1:30pm or 13:30" in html
    assert "The date notified must be the same as or after" in html
    assert 'value="Child C"' in html
    response = business_manager_client.post(
        url,
        {
            "kind": "notification",
            "pseudonym": "Child C",
            "review_type": "rapid_review",
            "incident_time": "1:30pm",
            "aware_date_day": "22",
            "aware_date_month": "12",
            "aware_date_year": "2025",
            "subject_1_pseudonym": "Child C",
            "subject_1_age_band": "1_4",
            "subject_2_pseudonym": "Child D",
        },
    )
    assert response.status_code == 302
    with scopes_disabled():
        case = Case.objects.get(partnership=tenant_a.partnership)
        assert case.reference == "RR 2025/01"
        assert case.incident_time == datetime.time(13, 30)
        assert [s.pseudonym for s in case.subjects.all()] == ["Child C", "Child D"]
        assert case.clocks.get(rule__key="notification").due_on == D(2025, 12, 31)


def test_changing_the_type_on_the_case_form_needs_a_reason_and_is_kept(
    tenant_a, business_manager_client
):
    case = make_case(tenant_a.partnership, user=tenant_a.users["business_manager"])
    url = reverse("reviews:case-edit", args=[tenant_a.slug, case.uuid])
    data = {
        "kind": "notification",
        "reference": case.reference,
        "pseudonym": "Child C",
        "review_type": "llb",
        "status": "open",
        "subject_1_pseudonym": "Child C",
    }
    html = business_manager_client.post(url, data).content.decode()
    assert "Enter why the type of review is changing" in html
    response = business_manager_client.post(
        url, {**data, "type_change_reason": "Agreed at the practice review group"}
    )
    assert response.status_code == 302
    with scopes_disabled():
        change = CaseTypeChange.objects.get(case=case)
    assert (change.from_type, change.to_type) == ("rapid_review", "llb")


def test_the_board_summary_pdf_leaves_out_narrative_unless_asked(tenant_a, business_manager_client):
    case = tenant_a.sample("case")
    url = reverse("reviews:summary-pdf", args=[tenant_a.slug])
    plain = _pdf_text(business_manager_client.get(url).content)
    assert case.reference in plain and "OFFICIAL-SENSITIVE" in plain
    assert case.pseudonym not in plain and "only the panel may read" not in plain
    full = _pdf_text(business_manager_client.get(url + "?narrative=1").content)
    assert "only the panel may read" in full


def _pdf_text(data):
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


def test_the_chair_sees_what_awaits_their_sign_off_at_home(
    tenant_a, independent_chair_client, business_manager_client
):
    case = tenant_a.sample("case")
    html = independent_chair_client.get(reverse("home")).content.decode()
    assert "Awaiting your sign-off" in html and case.reference in html
    html = business_manager_client.get(reverse("home")).content.decode()
    assert "Awaiting your sign-off" not in html


def test_the_business_unit_sees_clocks_due_at_home_and_on_the_overview(
    tenant_a, business_manager_client, member_client, settings
):
    case = make_case(
        tenant_a.partnership,
        user=tenant_a.users["business_manager"],
        aware_date=datetime.date.today() - datetime.timedelta(days=14),
    )
    html = business_manager_client.get(reverse("home")).content.decode()
    assert "Clocks overdue or due in the next 10 working days" in html
    assert case.reference in html
    overview = reverse("dashboard:overview", args=[tenant_a.slug])
    html = business_manager_client.get(overview).content.decode()
    assert "Case review clocks due this week" in html and case.reference in html
    html = member_client.get(overview).content.decode()
    assert "Case review clocks" not in html and case.reference not in html


def test_the_home_panel_shows_five_clocks_and_counts_the_rest(
    tenant_a, business_manager_client, count_queries
):
    """The home page reads five clocks and counts the others in SQL: its query
    count is the same with 6 cases due as with 12."""

    def cases(n):
        for _ in range(n):
            make_case(
                tenant_a.partnership,
                user=tenant_a.users["business_manager"],
                aware_date=datetime.date.today() - datetime.timedelta(days=14),
            )

    cases(6)
    home = reverse("home")
    small = count_queries(lambda: business_manager_client.get(home))
    html = business_manager_client.get(home).content.decode()
    due = len(_due_clocks(tenant_a))
    assert due > 5 and f"All {due} clocks due" in html
    cases(6)
    assert count_queries(lambda: business_manager_client.get(home)) == small
    html = business_manager_client.get(home).content.decode()
    assert f"All {len(_due_clocks(tenant_a))} clocks due" in html


def test_the_overview_lists_the_ten_soonest_clocks_and_counts_the_rest(
    tenant_a, business_manager_client
):
    for _ in range(12):
        make_case(
            tenant_a.partnership,
            user=tenant_a.users["business_manager"],
            aware_date=datetime.date.today() - datetime.timedelta(days=30),
        )
    overview = reverse("dashboard:overview", args=[tenant_a.slug])
    response = business_manager_client.get(overview)
    shown = response.context["review_clocks"]
    due = len(_due_clocks(tenant_a))
    assert len(shown.clocks) == 10 and shown.count == due > 10
    assert f"The 10 soonest of {due} clocks overdue or due this week." in response.content.decode()


def test_the_soonest_clocks_are_one_read_however_many_are_shown(tenant_a, business_manager_client):
    """The clocks due, their count and what each line shows come in one query:
    nothing a line shows is read again for each clock (a deferred field would
    be), on the home page or the overview."""
    for _ in range(7):
        make_case(
            tenant_a.partnership,
            user=tenant_a.users["business_manager"],
            aware_date=datetime.date.today() - datetime.timedelta(days=30),
        )
    for url in (reverse("home"), reverse("dashboard:overview", args=[tenant_a.slug])):
        with CaptureQueriesContext(connection) as queries:
            html = business_manager_client.get(url).content.decode()
        assert len([q for q in queries if "reviews_c" in q["sql"]]) == 1, url
        assert "working day" in html, url


def _due_clocks(tenant):
    from reviews.selectors import clocks_due

    with scope(partnership=tenant.partnership):
        return list(clocks_due(membership=tenant.memberships["business_manager"]))


def test_a_long_board_summary_renders_in_the_background(tenant_a, business_manager_client):
    tenant_a.sample("case")
    with scopes_disabled():
        job = DocumentJob.objects.create(
            partnership=tenant_a.partnership,
            kind="reviews.summary_pdf",
            title="Summary",
            params={"narrative": False},
            requested_by=tenant_a.users["business_manager"],
        )
        with scope(partnership=tenant_a.partnership):
            pdf, filename, content_type = render_summary(job)
    assert content_type == "application/pdf" and filename.endswith(".pdf")
    assert "LCSPR" in _pdf_text(pdf)


def test_identifier_keys_rotate_with_a_command(tenant_a, settings):
    case = tenant_a.sample("case")
    with scopes_disabled():
        subject = case.subjects.get()
        services.identifiers_save(
            case=case, identifiers={subject.pk: ("Jane Doe", None)},
            acting_user=tenant_a.users["business_manager"],
        )  # fmt: skip
    settings.FIELD_ENCRYPTION_KEY = [Fernet.generate_key().decode(), *settings.FIELD_ENCRYPTION_KEY]
    call_command("rotate_identifier_keys")
    settings.FIELD_ENCRYPTION_KEY = settings.FIELD_ENCRYPTION_KEY[:1]
    with scopes_disabled():
        subject.refresh_from_db()
    assert crypto.decrypt(subject.name_encrypted) == "Jane Doe"


def test_each_applied_filter_has_a_link_that_removes_it(tenant_a, business_manager_client):
    tenant_a.sample("case")
    url = reverse("reviews:register", args=[tenant_a.slug])
    html = business_manager_client.get(url + "?review_type=sar&review_type=lcspr&q=m").content
    html = html.decode()
    assert 'href="?review_type=lcspr&amp;q=m"' in html  # remove SAR
    assert 'href="?review_type=sar&amp;review_type=lcspr"' in html  # remove the search


def test_a_child_with_real_identifiers_cannot_be_removed_from_the_case(
    tenant_a, business_manager_client
):
    case = tenant_a.sample("case")
    with scopes_disabled():
        subject = case.subjects.get()
        services.identifiers_save(
            case=case, identifiers={subject.pk: ("Jane Doe", None)},
            acting_user=tenant_a.users["business_manager"],
        )  # fmt: skip
    url = reverse("reviews:case-edit", args=[tenant_a.slug, case.uuid])
    response = business_manager_client.post(
        url,
        {"kind": "notification", "reference": case.reference, "pseudonym": case.pseudonym,
         "review_type": case.review_type, "status": "open", "subject_1_pseudonym": ""},
    )  # fmt: skip
    assert "has real identifiers recorded" in response.content.decode()
    with scopes_disabled():
        assert case.subjects.count() == 1

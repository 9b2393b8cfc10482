"""Case reviews in a real browser: the business manager takes a notification
through the rapid review, the decision, the review's versions and a change
request; the independent chair signs off with their password; the business
manager records the publication. Then every other case review page, for the
roles that use it. axe-core checks every page."""

import datetime

import pytest
from django.urls import reverse
from django_scopes import scopes_disabled
from playwright.sync_api import expect

from documents.simple_pdf import simple_pdf
from reviews.models import Case, Review, SignOff
from tests.e2e.journeys import expect_success
from tests.tenancy.probes import PROBES

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PASSWORD = "correct horse battery staple"


def _date(page, label, day):
    group = page.get_by_role("group", name=label)
    group.get_by_label("Day").fill(str(day.day))
    group.get_by_label("Month").fill(str(day.month))
    group.get_by_label("Year").fill(str(day.year))


def _submit(page, name="Save"):
    page.get_by_role("button", name=name, exact=True).click()


def _sign_out(page):
    page.get_by_role("button", name="Sign out").click()


def test_a_case_from_notification_to_publication(
    page, live_server, sign_in, axe, tenant_a, tmp_path
):
    manager = tenant_a.users["business_manager"]
    sign_in(manager)
    page.goto(f"{live_server.url}/p/{tenant_a.slug}/reviews/")
    expect(page.get_by_role("heading", name="Case review register")).to_be_visible()
    axe()

    # Notification.
    page.get_by_role("link", name="Record a case").click()
    axe()
    _submit(page)
    expect(page.locator(".govuk-error-summary")).to_contain_text("Enter the case's pseudonym")
    axe()
    page.get_by_label("Pseudonym", exact=True).fill("Family M")
    page.get_by_label("NHS serious incident (StEIS) number").fill("2026/4471")
    _date(page, "Date the local authority became aware", datetime.date(2025, 12, 22))
    _date(page, "Date notified to the National Panel", datetime.date(2025, 12, 31))
    page.get_by_label("First child or adult: pseudonym").fill("Child M")
    _submit(page)
    expect_success(page, "Case RR 2025/01 recorded")
    expect(page.get_by_role("heading", name="RR 2025/01: Family M")).to_be_visible()
    expect(page.locator("#main-content")).to_contain_text("Serious incident notification")
    expect(page.locator("#main-content")).to_contain_text("22 January 2026")
    axe()

    # Rapid review and its decision.
    page.get_by_role("link", name="Record the rapid review").click()
    _date(page, "Date of the rapid review meeting", datetime.date(2026, 1, 15))
    page.get_by_label("Facts established").fill("Agencies' chronologies were shared.")
    page.locator(".govuk-checkboxes__label").first.click()
    _date(page, "Date sent to the National Panel", datetime.date(2026, 1, 21))
    axe()
    _submit(page)
    expect_success(page, "Rapid review saved")
    page.get_by_role("link", name="Record the decision").click()
    page.get_by_label("A local child safeguarding practice review (LCSPR)").check()
    page.get_by_label("Reasons").fill("Learning about information sharing between areas.")
    _date(page, "Date decided", datetime.date(2026, 1, 16))
    axe()
    _submit(page)
    expect_success(page, "Rapid review decision recorded")
    expect(page.locator("#main-content")).to_contain_text("Rapid review converted to Local child")
    page.get_by_role("link", name="Record a partner's sign-off").click()
    page.get_by_label("Police").check()
    page.get_by_label("Delegated safeguarding partner").check()
    page.get_by_label("Name").fill("Detective Chief Superintendent Moss")
    _date(page, "Date signed off", datetime.date(2026, 1, 20))
    axe()
    _submit(page)
    expect_success(page, "Sign-off recorded")
    expect(page.locator("#main-content")).to_contain_text("1 of 3 partners have signed")

    # The review: commissioned, terms of reference, stages, versions.
    page.get_by_role("link", name="Change review details").click()
    _date(page, "Date commissioned", datetime.date(2026, 1, 26))
    axe()
    _submit(page)
    expect_success(page, "Review details saved")
    tor = tmp_path / "tor.pdf"
    tor.write_bytes(simple_pdf("Terms of reference", ["Scope and questions."]))
    report = tmp_path / "report.pdf"
    report.write_bytes(simple_pdf("Report", ["Findings."]))
    for kind, path in (("Terms of reference", tor), ("Report", report)):
        page.get_by_role("link", name="Upload a version").click()
        page.get_by_label(kind, exact=True).check()
        page.get_by_label("File").set_input_files(str(path))
        page.get_by_label("Summary of changes").fill(f"First {kind.lower()}")
        axe()
        _submit(page, "Upload")
        expect_success(page, f"{kind}, version 1 uploaded")
        expect(page.get_by_role("heading", name=f"{kind}, version 1")).to_be_visible()
        axe()
        page.get_by_role("link", name="RR 2025/01").click()

    # A stage that is not allowed is refused with the reason.
    page.get_by_role("link", name="Move to the next stage").click()
    axe()
    _submit(page)
    expect(page.locator(".govuk-error-summary")).to_contain_text("Choose the stage")
    for stage in (
        "Terms of reference agreed",
        "Information gathering",
        "Drafting",
        "Final draft",
    ):
        page.get_by_label(stage, exact=True).check()
        _submit(page)
        expect_success(page, "Stage changed")
        expect(page.locator("#main-content")).to_contain_text(stage)
        if stage != "Final draft":
            page.get_by_role("link", name="Move to the next stage").click()

    # A partner's change request, answered.
    page.get_by_role("link", name="Report, version 1").click()
    page.get_by_role("link", name="Request a change").click()
    page.get_by_label("Section or paragraph").fill("4.2")
    page.get_by_label("Requested change").fill("Add the health visitor's visit in March.")
    axe()
    _submit(page)
    expect_success(page, "Change request recorded")
    page.get_by_role("link", name="Answer").click()
    page.get_by_label("Not agreed").check()
    _submit(page)
    expect(page.locator(".govuk-error-summary")).to_contain_text(
        "Enter why the change is not agreed"
    )
    axe()
    page.get_by_label("Reason").fill("The visit is in the chronology at 3.4.")
    _submit(page)
    expect(page.locator("#change-requests ~ .govuk-summary-card")).to_contain_text("Not agreed")
    _sign_out(page)

    # The independent chair signs off from their home page, with their password.
    sign_in(tenant_a.users["independent_chair"])
    page.goto(f"{live_server.url}/")
    expect(page.locator("#case-reviews")).to_be_visible()
    axe()
    page.locator("[aria-labelledby=case-reviews]").get_by_role(
        "link", name="report, version 1"
    ).click()
    page.get_by_label("Your password").fill("not my password")
    _submit(page, "Sign off")
    expect(page.locator(".govuk-error-summary")).to_contain_text("The password is not right")
    axe()
    page.get_by_label("Your password").fill(PASSWORD)
    _submit(page, "Sign off")
    expect(page.locator(".govuk-notification-banner")).to_contain_text("You signed off")
    with scopes_disabled():
        sign_off = SignOff.objects.get()
        assert sign_off.version.number == 1
    _sign_out(page)

    # Publication.
    sign_in(manager)
    case_url = reverse("reviews:register", args=[tenant_a.slug])
    page.goto(live_server.url + case_url)
    page.get_by_role("link", name="RR 2025/01").click()
    page.get_by_role("link", name="Plan the publication").click()
    _date(page, "Date published", datetime.date(2026, 7, 1))
    page.get_by_label("NSPCC national case review repository").check()
    axe()
    _submit(page)
    expect(page.locator("#main-content")).to_contain_text("NSPCC national case review repository")
    axe()
    with scopes_disabled():
        case = Case.objects.get()
        assert Review.objects.get(case=case).stage == "published"


def _html_pages():
    """Every case review page (not downloads), with a role that may open it."""
    downloads = {
        "reviews:register-csv",
        "reviews:register-xlsx",
        "reviews:summary-pdf",
        "reviews:case-access-csv",
        "reviews:version-download",
    }
    for name, probe in sorted(PROBES.items()):
        if name.startswith("reviews:") and name not in downloads:
            role = (
                "business_manager"
                if "business_manager" in probe.allowed
                else sorted(probe.allowed)[0]
            )
            yield name, role


def test_every_case_review_page_passes_axe(page, live_server, sign_in, axe, tenant_a):
    pages = list(_html_pages())
    by_role = {}
    for name, role in pages:
        by_role.setdefault(role, []).append(name)
    for role, names in sorted(by_role.items()):
        sign_in(tenant_a.users[role])
        for name in names:
            with scopes_disabled():
                kwargs = PROBES[name].kwargs(tenant_a)
            page.goto(
                live_server.url
                + reverse(name, kwargs={"partnership_slug": tenant_a.slug, **kwargs})
            )
            expect(page.locator("h1")).to_be_visible()
            axe()
        _sign_out(page)
    # The register as a board member on no panel: counts only.
    sign_in(tenant_a.users["member"])
    page.goto(f"{live_server.url}/p/{tenant_a.slug}/reviews/")
    expect(page.locator("#main-content")).to_contain_text("open case")
    expect(page.locator("#main-content")).not_to_contain_text("Family M")
    axe()

"""Funding and the annual report in a real browser. The business manager sets a
formula (a wrong total is refused in GOV.UK words), records a contribution and
a chase; a police representative sees the police's figures only. Then a report
is built, the completeness check fixed, submitted, signed off by the
independent chair with her password, published, and downloaded by a partner
from their home page. axe-core checks every page."""

import datetime
import re
from decimal import Decimal

import pytest
from django_scopes import scopes_disabled
from playwright.sync_api import expect
from pypdf import PdfReader

from ..dashboard.samples import chair_person
from ..factories import (
    MembershipFactory,
    OrganisationFactory,
    PartnerAgencyFactory,
    PersonFactory,
    UserFactory,
)
from ..funding.factories import ContributionFactory, FinancialYearFactory, FundingShareFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def partners(tenant_a):
    found = {}
    for key, name in (("police", "Northshire Police"), ("health", "Northshire ICB")):
        organisation = OrganisationFactory(name=name)
        agency = PartnerAgencyFactory(
            partnership=tenant_a.partnership, organisation=organisation, kind="statutory"
        )
        user = UserFactory(email=f"{key}@northshire.example.org")
        MembershipFactory(partnership=tenant_a.partnership, user=user, role="member")
        PersonFactory(partnership=tenant_a.partnership, user=user, organisation=organisation)
        found[key] = (agency, user)
    return found


@pytest.fixture
def year(tenant_a, partners):
    year = FinancialYearFactory(
        partnership=tenant_a.partnership,
        start_date=datetime.date(2025, 4, 1),
        target_budget=Decimal("100000.00"),
    )
    for agency, _ in partners.values():
        FundingShareFactory(year=year, agency=agency)
    ContributionFactory(year=year, agency=partners["health"][0], amount=Decimal("20000.00"))
    return year


def test_funding_formula_contributions_and_each_partner_seeing_its_own(
    page, live_server, axe, sign_in, tenant_a, partners, year
):
    sign_in(tenant_a.users["business_manager"])
    page.goto(f"{live_server.url}/p/{tenant_a.slug}/funding/")
    axe()
    page.get_by_role("link", name="2025/26").click()
    expect(page.get_by_role("heading", name="Funding 2025/26")).to_be_visible()
    expect(page.get_by_text("The shares add up to exactly £100,000")).to_be_visible()
    axe()

    page.get_by_role("link", name="Change funding formula").click()
    page.get_by_label("A percentage for each partner").check()
    page.get_by_label("Percentage for Northshire ICB").fill("60")
    page.get_by_label("Percentage for Northshire Police").fill("30")
    page.get_by_role("button", name="Save the formula").click()
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_contain_text("The percentages must add up to 100. They add up to 90")
    expect(page.get_by_label("Percentage for Northshire Police")).to_have_value("30")
    axe()
    page.get_by_label("Percentage for Northshire Police").fill("40")
    page.get_by_role("button", name="Save the formula").click()
    expect(page.get_by_text("Funding formula for 2025/26 saved")).to_be_visible()
    expect(page.get_by_text("£40,000").first).to_be_visible()

    page.get_by_role("link", name="Northshire ICB", exact=True).click()
    expect(page.get_by_text("£40,000 short")).to_be_visible()
    axe()
    page.get_by_role("link", name="Record a chase").click()
    page.get_by_label("What happened").fill("Emailed the ICB's finance lead; invoice re-sent")
    page.get_by_role("button", name="Record the chase").click()
    expect(page.get_by_text("invoice re-sent")).to_be_visible()
    page.get_by_role("link", name="Add a contribution").click()
    axe()
    page.get_by_label("Cash", exact=True).check()
    page.get_by_label("Amount").fill("£40,000")
    page.get_by_label("Pledged", exact=True).check()
    page.get_by_role("button", name="Add contribution").click()
    expect(page.get_by_text("Still to pledge")).to_be_visible()
    page.get_by_role("link", name="2025/26").click()
    page.get_by_role("link", name="Add a budget line").click()
    page.get_by_label("Reviewers").check()
    page.get_by_label("Planned").fill("12,000")
    page.get_by_label("Actual").fill("13250.50")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("+£1,250.50")).to_be_visible()
    axe()

    page.context.clear_cookies()
    sign_in(partners["police"][1])
    page.goto(f"{live_server.url}/p/{tenant_a.slug}/funding/2025-26/")
    expect(page.get_by_role("heading", name="Northshire Police")).to_be_visible()
    expect(page.get_by_text("You see your own agency's figures only.")).to_be_visible()
    expect(page.locator("main")).not_to_contain_text("Northshire ICB")
    axe()


def test_build_fix_submit_sign_publish_and_download(
    page, live_server, axe, sign_in, tenant_a, partners, year
):
    with scopes_disabled():
        chair_person(tenant_a)
    sign_in(tenant_a.users["business_manager"])
    page.goto(f"{live_server.url}/p/{tenant_a.slug}/reports/annual/")
    axe()
    page.get_by_role("link", name="Start a report").click()
    page.get_by_label("Children's safeguarding partnership yearly report").check()
    page.get_by_label("The period starts in").select_option("4")
    page.get_by_label("Of the year").select_option("2025")
    axe()
    page.get_by_role("button", name="Start the report").click()
    expect(page.get_by_role("heading", name="Before it can be submitted")).to_be_visible()
    axe()

    # Fix what the completeness check lists, from its own links.
    for attempt in range(12):
        gap = page.locator("#completeness a").filter(has_text="has no narrative").first
        if not gap.count():
            break
        gap.click()
        # The link goes to the section's #evidence: let the page finish loading
        # (and scrolling to it) before typing and clicking lower down.
        page.wait_for_load_state()
        page.locator("textarea[name=narrative]").fill("What the partners did, with evidence.")
        include = page.get_by_role("button", name=re.compile("^Include in this section"))
        if include.count():
            include.first.click()
            expect(page.get_by_text("Included in this section")).to_be_visible()
            if attempt == 0:
                axe()  # the section editor, with the evidence beside it
            page.get_by_role("link", name="Back to the report").first.click()
        else:
            page.get_by_role("button", name="Save", exact=True).click()
        expect(page.locator("#completeness")).to_be_visible()
    page.locator("#completeness a", has_text="No priorities are listed").click()
    axe()
    page.get_by_label("Priority", exact=True).fill("Neglect: recognising it earlier")
    page.get_by_label("Its impact").fill("Referrals for neglect from schools rose by a third.")
    page.get_by_role("button", name="Add priority").click()
    expect(page.get_by_text("Priority added")).to_be_visible()
    page.get_by_role("link", name="Back to the report").click()
    page.locator("#completeness a", has_text="summary for children").click()
    page.get_by_label("Summary for children and young people").fill(
        "The council, the police and the NHS worked together to keep you safe."
    )
    page.get_by_role("button", name="Save").click()
    expect(page.locator("#completeness")).to_contain_text("Nothing is missing")
    axe()

    page.get_by_role("link", name="Check and submit").click()
    axe()
    page.get_by_role("button", name="Submit for sign-off").click()
    expect(page.get_by_role("link", name="Read the copy for signature (PDF)")).to_be_visible()
    axe()

    page.context.clear_cookies()
    sign_in(tenant_a.users["independent_chair"])
    page.goto(f"{live_server.url}/p/{tenant_a.slug}/reports/annual/2025-26/")
    page.get_by_role("link", name="Sign off the report").click()
    axe()
    page.get_by_label("Independent scrutineer's statement").fill("The arrangements are effective.")
    page.get_by_label("I have read the copy for signature").check()
    page.get_by_label("Your password").fill("not my password")
    page.get_by_role("button", name="Sign off").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("The password is not right")
    expect(page.get_by_label("Independent scrutineer's statement")).to_have_value(
        "The arrangements are effective."
    )
    axe()
    page.get_by_label("I have read the copy for signature").check()
    page.get_by_label("Your password").fill("correct horse battery staple")
    page.get_by_role("button", name="Sign off").click()
    expect(page.get_by_text("Every signatory has signed")).to_be_visible()

    page.context.clear_cookies()
    sign_in(tenant_a.users["business_manager"])
    page.goto(f"{live_server.url}/p/{tenant_a.slug}/reports/annual/2025-26/")
    page.get_by_role("link", name="Publish the report").click()
    axe()
    page.get_by_role("button", name="Publish").click()
    expect(page.get_by_role("heading", name="Published")).to_be_visible()
    axe()
    page.get_by_role("link", name=re.compile("Record sending to The Child Safeguarding")).click()
    today = datetime.date.today()
    page.get_by_label("Day").fill(str(today.day))
    page.get_by_label("Month").fill(str(today.month))
    page.get_by_label("Year").fill(str(today.year))
    page.get_by_label("How it was sent").fill("Emailed to the Panel's mailbox")
    axe()
    page.get_by_role("button", name="Record it").click()
    expect(page.get_by_text("1 of 2 sent")).to_be_visible()

    page.context.clear_cookies()
    sign_in(partners["police"][1])
    page.goto(f"{live_server.url}/")
    link = page.get_by_role("link", name=re.compile(r"yearly report 2025 to 2026 \(PDF\)"))
    expect(link).to_be_visible()
    axe()
    response = page.context.request.get(live_server.url + link.get_attribute("href"))
    assert response.status == 200 and response.headers["content-type"] == "application/pdf"
    import io

    pdf = PdfReader(io.BytesIO(response.body()))
    assert "Neglect: recognising it earlier" in "".join(p.extract_text() for p in pdf.pages)


def test_every_other_funding_and_report_page_passes_axe(
    page, live_server, axe, sign_in, tenant_a, partners, year
):
    """The forms and confirmation pages the journeys above pass through quickly."""
    from dashboard.annual_report import services

    from ..funding.factories import BudgetLineFactory

    with scopes_disabled():
        chair_person(tenant_a)
        report = services.report_create(
            partnership=tenant_a.partnership,
            kind="combined",
            headings="arrangements",
            start_date=datetime.date(2025, 4, 1),
            acting_user=None,
        )
        priority = services.priority_save(
            report=report, title="Neglect", impact="", acting_user=None
        )
        signatory = report.signatories.first()
        line = BudgetLineFactory(year=year, description="Lead reviewer")
        contribution = year.contributions.first()
    funding = f"/p/{tenant_a.slug}/funding"
    reports = f"/p/{tenant_a.slug}/reports/annual/{report.period}"
    sign_in(tenant_a.users["business_manager"])
    for path in (
        f"{funding}/new/",
        f"{funding}/2025-26/edit/",
        f"{funding}/2025-26/budget/new/",
        f"{funding}/2025-26/budget/{line.uuid}/edit/",
        f"{funding}/2025-26/budget/{line.uuid}/remove/",
        f"{funding}/2025-26/contributions/{contribution.uuid}/edit/",
        f"{funding}/2025-26/partners/{partners['health'][0].uuid}/chase/",
        f"{reports}/edit/",
        f"{reports}/young-people/",
        f"{reports}/priorities/",
        f"{reports}/priorities/{priority.uuid}/",
        f"{reports}/signatories/",
        f"{reports}/signatories/{signatory.uuid}/remove/",
        f"{reports}/preview/",
    ):
        page.goto(live_server.url + path)
        expect(page.locator("h1")).to_be_visible()
        axe()
    # A preview renders in the background; its status page polls until it is ready.
    page.get_by_role("button", name="Prepare the preview").click()
    expect(page.get_by_role("heading", name="Your document is ready")).to_be_visible(timeout=30_000)
    axe()
    # An empty form comes back with the error summary, what was typed kept.
    page.goto(f"{live_server.url}{funding}/2025-26/budget/new/")
    page.get_by_label("Planned").fill("lots")
    page.get_by_role("button", name="Save").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("must be an amount of money")
    expect(page.get_by_label("Planned")).to_have_value("lots")
    axe()

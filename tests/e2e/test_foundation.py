"""The foundation in a real browser: sign in, switch partnership, and every
partnership page, each checked with axe-core (WCAG 2.2 AA)."""

import re

import pytest
from playwright.sync_api import expect

from ..factories import MembershipFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_sign_in_and_switch_partnership(page, live_server, axe, sign_in, tenant_a, tenant_b):
    user = tenant_a.users["member"]
    MembershipFactory(partnership=tenant_b.partnership, user=user, role="observer")

    page.goto(f"{live_server.url}/")
    expect(page).to_have_url(re.compile("/accounts/sign-in/"))
    axe()

    sign_in(user)
    expect(page.get_by_role("heading", name="Your partnerships")).to_be_visible()
    axe()

    page.get_by_role("link", name=tenant_a.partnership.name).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(tenant_a.partnership.name)
    axe()

    page.get_by_role("link", name="Change partnership").click()
    page.get_by_role("link", name=tenant_b.partnership.name).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(tenant_b.partnership.name)
    # An observer there: read only, so no management in the menu.
    expect(page.get_by_role("link", name="Users and roles")).to_have_count(0)

    page.get_by_role("button", name="Sign out").click()
    expect(page).to_have_url(re.compile("/accounts/sign-in/"))


def test_sign_in_from_the_keyboard_alone_with_an_error_first(page, live_server, axe, tenant_a):
    user = tenant_a.users["observer"]
    page.goto(f"{live_server.url}/accounts/sign-in/")
    page.keyboard.press("Tab")  # skip link
    page.keyboard.press("Tab")  # service name
    page.keyboard.press("Tab")  # email address
    page.keyboard.type(user.email)
    page.keyboard.press("Tab")
    page.keyboard.type("not my password")
    page.keyboard.press("Enter")
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_contain_text("Enter a correct email address and password")
    expect(summary).to_be_focused()  # GOV.UK Frontend moves focus to the summary
    expect(page).to_have_title(re.compile("^Error: "))
    axe()
    page.get_by_label("Password").fill("correct horse battery staple")
    page.keyboard.press("Enter")
    # Home, what needs me, even with one partnership (issue 11 item 12).
    expect(page.get_by_role("heading", name="Your partnerships")).to_be_visible()


def test_business_unit_pages(page, live_server, axe, sign_in, tenant_a):
    """A business manager works through every management page."""
    sign_in(tenant_a.users["business_manager"])
    base = f"{live_server.url}/p/{tenant_a.slug}"
    page.goto(f"{base}/")

    # A board and its membership.
    page.get_by_role("link", name=tenant_a.board.name).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(tenant_a.board.name)
    axe()
    page.get_by_role("link", name="Change board details").click()
    axe()
    page.get_by_label("Short name").fill("Exec Board")
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.locator(".govuk-notification-banner")).to_contain_text("updated")
    axe()

    # People: add one, with an error first.
    page.goto(f"{base}/people/")
    axe()
    page.get_by_role("link", name="Add a person").click()
    axe()
    page.get_by_label("Email address").fill("not an email")
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Enter the person's name")
    axe()
    page.get_by_label("Name", exact=True).fill("Liz Murphy")
    page.get_by_label("Job title").fill("Independent Chair")
    page.get_by_label("Email address").fill("liz.murphy@example.org")
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Liz Murphy")
    expect(page.get_by_text("LM", exact=True)).to_be_visible()
    axe()

    # ...and seat her on the board as a member.
    page.goto(f"{base}/boards/{tenant_a.board.uuid}/")
    page.get_by_role("link", name="Add a member").click()
    axe()
    page.get_by_label("Person", exact=True).fill("Liz Murphy")
    page.get_by_label("Member", exact=True).check()
    page.locator("#id_start_date_0").fill("1")
    page.locator("#id_start_date_1").fill("April")
    page.locator("#id_start_date_2").fill("2025")
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("must be a real date")
    expect(page.locator("#id_start_date_1")).to_have_value("April")
    axe()
    page.locator("#id_start_date_1").fill("4")
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.get_by_role("cell", name=re.compile(r"^Liz Murphy \(LM\)"))).to_be_visible()

    # A new subgroup under the board.
    page.goto(f"{base}/boards/new/")
    axe()
    page.get_by_label("Name", exact=True).fill("Practice Review Group")
    page.get_by_label("Reports to").select_option(label=tenant_a.board.name)
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Practice Review Group")

    # Partner agencies.
    page.goto(f"{base}/agencies/")
    axe()
    page.get_by_role("link", name="Add a partner agency").click()
    axe()
    page.get_by_label("Or add a new organisation: name").fill("West Midlands Fire Service")
    page.get_by_label("Kind of organisation").select_option(label="Fire and rescue")
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.get_by_role("cell", name=re.compile("^West Midlands Fire Service"))).to_be_visible()
    page.get_by_role("link", name=re.compile("Change.*West Midlands Fire Service")).click()
    axe()

    # The partnership's own details.
    page.goto(f"{base}/")
    page.get_by_role("link", name="Change partnership details").click()
    axe()
    page.get_by_label("Covers adults").check()
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.get_by_text("Covers children and adults")).to_be_visible()

    # Users and roles.
    page.goto(f"{base}/users/")
    axe()
    page.get_by_role("link", name="Add a user").click()
    axe()
    page.get_by_label("Email address").fill("ed.hughes@example.org")
    page.get_by_label("First name").fill("Ed")
    page.get_by_label("Last name").fill("Hughes")
    page.get_by_label("Minute taker").check()
    page.get_by_role("button", name="Add user").click()
    expect(page.locator(".govuk-notification-banner")).to_contain_text(
        "can now sign in as Minute taker"
    )
    page.get_by_role("link", name=re.compile("Change.*Ed Hughes")).click()
    axe()


def test_public_and_error_pages(page, live_server, axe, sign_in, tenant_a):
    for path in ("/accessibility/", "/accounts/password/reset/"):
        page.goto(f"{live_server.url}{path}")
        axe()
    page.get_by_label("Email address").fill("someone@example.org")
    page.get_by_role("button", name="Send the link").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Check your email")
    axe()
    sign_in(tenant_a.users["observer"])
    page.goto(f"{live_server.url}/p/{tenant_a.slug}/boards/new/")
    expect(page.get_by_role("heading", level=1)).to_have_text("You cannot do this")
    axe()
    page.goto(f"{live_server.url}/p/some-other-partnership/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Page not found")
    axe()
    page.goto(f"{live_server.url}/accounts/password/change/")
    axe()

"""Two-factor sign-in in a real browser: setting it up from the QR code's key,
the code after the password (pasted, as a password manager would), backup
codes, the account page and a business manager's reset, each checked with axe."""

import re

import pytest
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import expect

from ..two_factor import authenticator_for, code_for

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PASSWORD = "correct horse battery staple"


def _password(page, live_server, user):
    page.goto(f"{live_server.url}/accounts/sign-in/")
    page.get_by_label("Email address").fill(user.email)
    page.get_by_label("Password").fill(PASSWORD)
    page.keyboard.press("Enter")


def test_a_business_manager_sets_it_up_at_first_sign_in(page, live_server, axe, tenant_a):
    user = tenant_a.users["business_manager"]
    _password(page, live_server, user)
    expect(page).to_have_url(re.compile("/accounts/two-factor/set-up/"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Set up two-factor sign-in")
    expect(page.get_by_role("img", name=re.compile("QR code"))).to_be_visible()
    axe()

    page.get_by_role("button", name="Turn on two-factor sign-in").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Enter the code")
    axe()

    key = page.locator("#secret-key").inner_text().replace(" ", "")
    device = TOTPDevice.objects.get(user=user, confirmed=False)
    assert key.upper().rstrip("=") in __import__("base64").b32encode(device.bin_key).decode()
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    field = page.get_by_label("Code from your authenticator app")
    expect(field).to_have_attribute("autocomplete", "one-time-code")
    field.fill(f"{totp.token():06d}")
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", name="Two-factor sign-in is on")).to_be_visible()
    expect(page.locator("li code")).to_have_count(10)
    axe()

    page.get_by_role("link", name="I have saved my codes").click()
    expect(page).to_have_url(f"{live_server.url}/")
    page.get_by_role("link", name="Two-factor sign-in").click()
    expect(page.get_by_text("10 left")).to_be_visible()
    axe()


def test_the_code_after_the_password_can_be_pasted(page, live_server, axe, tenant_a):
    user = tenant_a.users["independent_chair"]
    device = authenticator_for(user)
    _password(page, live_server, user)
    expect(page).to_have_url(re.compile("/accounts/two-factor/sign-in/"))
    axe()

    page.get_by_label("Code").fill("000000")
    page.keyboard.press("Enter")
    expect(page.locator(".govuk-error-summary")).to_contain_text("The code is not right")
    axe()

    page.wait_for_timeout(1100)  # a wrong code makes the next one wait a second
    field = page.get_by_label("Code")
    field.fill("")
    field.focus()
    # Paste, as from a password manager: nothing on the page blocks it.
    page.evaluate(
        """code => {
            const data = new DataTransfer();
            data.setData('text/plain', code);
            const field = document.activeElement;
            const event = new ClipboardEvent('paste', {clipboardData: data, cancelable: true});
            if (field.dispatchEvent(event)) { field.value = code; }
        }""",
        code_for(device),
    )
    page.keyboard.press("Enter")
    expect(page).to_have_url(f"{live_server.url}/")


def test_the_reset_page(page, live_server, axe, sign_in, tenant_a):
    sign_in(tenant_a.users["business_manager"])
    member = tenant_a.memberships["minute_taker"]
    page.goto(f"{live_server.url}/p/{tenant_a.slug}/users/{member.uuid}/edit/")
    page.get_by_role("link", name=re.compile("Reset .* two-factor sign-in")).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("two-factor sign-in")
    axe()
    page.get_by_role("button", name="Reset two-factor sign-in").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Enter your password")
    axe()
    page.get_by_label("Your password").fill(PASSWORD)
    page.get_by_role("button", name="Reset two-factor sign-in").click()
    expect(page.locator(".govuk-notification-banner")).to_contain_text("was reset")

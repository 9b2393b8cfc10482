"""Passkeys in a real browser: Chromium's own virtual authenticator (DevTools
WebAuthn domain) stands in for a laptop's fingerprint reader, so the page's
script, navigator.credentials and the server's checks all run for real. Adding
one, signing out, signing in with the password then the passkey, removing it;
a chair who chooses a passkey at first sign-in; a browser without WebAuthn.
axe on every page."""

import re

import pytest
from django.test import Client
from django_otp_webauthn.models import WebAuthnCredential
from playwright.sync_api import expect

from partnership.two_factor import backup_codes_make

from ..passkeys import SoftPasskey
from ..passkeys import add_passkey as add_passkey_by_client

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PASSWORD = "correct horse battery staple"


@pytest.fixture
def passkey_origin(settings, live_server):
    # The live server's port is chosen at random; its host is localhost, which
    # is the relying party id in tests (config.settings).
    settings.OTP_WEBAUTHN_ALLOWED_ORIGINS = [live_server.url]
    assert live_server.url.startswith("http://localhost:")


@pytest.fixture
def authenticator(page, passkey_origin):
    """A platform authenticator that verifies the user (as a fingerprint would)."""
    cdp = page.context.new_cdp_session(page)
    cdp.send("WebAuthn.enable", {"enableUI": False})
    added = cdp.send(
        "WebAuthn.addVirtualAuthenticator",
        {
            "options": {
                "protocol": "ctap2",
                "transport": "internal",
                "hasResidentKey": True,
                "hasUserVerification": True,
                "isUserVerified": True,
            }
        },
    )
    yield cdp, added["authenticatorId"]
    cdp.detach()


def _password(page, live_server, user):
    page.goto(f"{live_server.url}/accounts/sign-in/")
    page.get_by_label("Email address").fill(user.email)
    page.get_by_label("Password").fill(PASSWORD)
    page.keyboard.press("Enter")


def test_a_member_adds_a_passkey_then_signs_in_with_it(
    page, live_server, axe, sign_in, console, authenticator, tenant_a
):
    cdp, authenticator_id = authenticator
    user = tenant_a.users["member"]
    sign_in(user)
    page.get_by_role("link", name="Two-factor sign-in").click()
    expect(page.get_by_text("You have no passkeys.")).to_be_visible()
    expect(page.get_by_text("This browser cannot make passkeys")).to_be_hidden()
    axe()

    page.get_by_role("link", name="Add a passkey").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Add a passkey")
    axe()

    # No name: the begin step refuses it (400, on purpose) and the page says why.
    console.allow_status(400)
    page.get_by_role("button", name="Add passkey").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Enter a name for the passkey")
    axe()

    page.get_by_label("Name this passkey").fill("Work laptop")
    page.get_by_role("button", name="Add passkey").click()
    expect(page.get_by_role("heading", name="Two-factor sign-in is on")).to_be_visible()
    expect(page.locator("li code")).to_have_count(10)
    credentials = cdp.send("WebAuthn.getCredentials", {"authenticatorId": authenticator_id})
    assert len(credentials["credentials"]) == 1
    assert WebAuthnCredential.objects.get(user=user).name == "Work laptop"
    page.get_by_role("link", name="I have saved my codes").click()
    expect(page).to_have_url(f"{live_server.url}/")

    page.get_by_role("button", name="Sign out").click()
    expect(page).to_have_url(re.compile("/accounts/sign-in/"))
    _password(page, live_server, user)
    expect(page).to_have_url(re.compile("/accounts/two-factor/sign-in/"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Use your passkey")
    axe()
    page.get_by_role("button", name="Use a passkey").click()
    expect(page).to_have_url(f"{live_server.url}/")
    assert WebAuthnCredential.objects.get(user=user).last_used_at is not None

    page.get_by_role("link", name="Two-factor sign-in").click()
    expect(page.get_by_text("Work laptop", exact=True)).to_be_visible()
    axe()
    page.get_by_role("link", name="Remove passkey Work laptop").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Remove the passkey ‘Work laptop’?")
    axe()
    page.get_by_role("button", name="Remove passkey").click()
    expect(page.locator(".govuk-notification-banner")).to_contain_text(
        "Passkey 'Work laptop' removed"
    )
    expect(page.get_by_text("You have no passkeys.")).to_be_visible()
    assert not WebAuthnCredential.objects.filter(user=user).exists()


def test_a_chair_chooses_a_passkey_at_first_sign_in(
    page, live_server, axe, authenticator, console, settings, tenant_a
):
    user = tenant_a.users["independent_chair"]
    _password(page, live_server, user)
    expect(page).to_have_url(re.compile("/accounts/two-factor/set-up/"))
    page.get_by_role("link", name="Use a passkey instead").click()
    expect(page.get_by_text("Your role means you must use a second step")).to_be_visible()
    axe()
    page.get_by_label("Name this passkey").fill("Council laptop")
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", name="Two-factor sign-in is on")).to_be_visible()
    page.get_by_role("link", name="I have saved my codes").click()
    expect(page).to_have_url(f"{live_server.url}/")

    # Next time: the password, then the passkey. Refused once (the server
    # expects another site: 422 on purpose), the page says so and stays usable.
    page.context.clear_cookies()
    _password(page, live_server, user)
    expect(page.get_by_role("heading", level=1)).to_have_text("Use your passkey")
    console.allow_status(422)
    settings.OTP_WEBAUTHN_ALLOWED_ORIGINS = ["https://elsewhere.example"]
    page.get_by_role("button", name="Use a passkey").click()
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_contain_text("The passkey was not accepted. Try again, or enter a code")
    expect(summary).to_be_focused()
    axe()
    settings.OTP_WEBAUTHN_ALLOWED_ORIGINS = [live_server.url]
    page.get_by_role("button", name="Use a passkey").click()
    expect(page).to_have_url(f"{live_server.url}/")


def test_without_webauthn_the_passkey_button_is_hidden_and_codes_work(
    page, live_server, axe, passkey_origin, tenant_a
):
    user = tenant_a.users["member"]
    client = Client()
    client.post("/accounts/sign-in/", {"username": user.email, "password": PASSWORD})
    add_passkey_by_client(client, name="Laptop", passkey=SoftPasskey(origin=live_server.url))
    codes = backup_codes_make(user=user, acting_user=user)

    page.add_init_script("delete window.PublicKeyCredential;")
    _password(page, live_server, user)
    expect(page).to_have_url(re.compile("/accounts/two-factor/sign-in/"))
    expect(page.get_by_role("button", name="Use a passkey")).to_be_hidden()
    expect(page.get_by_text("This browser cannot use passkeys")).to_be_visible()
    axe()
    page.get_by_label("Code").fill(codes[0])
    page.keyboard.press("Enter")
    expect(page).to_have_url(f"{live_server.url}/")
    page.get_by_role("link", name="Two-factor sign-in").click()
    expect(page.get_by_role("link", name="Add a passkey")).to_be_hidden()
    expect(page.get_by_text("This browser cannot make passkeys")).to_be_visible()
    axe()

"""Two-factor sign-in, through the real steps: password, then a code from the
user's authenticator app or a backup code (partnership.two_factor)."""

import re
import time

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse
from django_otp.oath import TOTP
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from ..two_factor import authenticator_for, code_for

PASSWORD = "correct horse battery staple"


def _password_only(user):
    client = Client()
    response = client.post(reverse("login"), {"username": user.email, "password": PASSWORD})
    assert response.status_code == 302
    return client, response


def _overview(tenant):
    return reverse("dashboard:overview", kwargs={"partnership_slug": tenant.slug})


@pytest.mark.django_db
def test_the_business_manager_must_set_it_up_before_anything_opens(tenant_a):
    client, _ = _password_only(tenant_a.users["business_manager"])
    response = client.get(_overview(tenant_a))
    assert response.status_code == 302
    assert response.url.startswith(reverse("two-factor-set-up"))
    assert client.get(reverse("home")).url.startswith(reverse("two-factor-set-up"))


@pytest.mark.parametrize("role", ["business_officer", "independent_chair"])
@pytest.mark.django_db
def test_it_is_required_for_the_business_unit_and_the_chair(tenant_a, role):
    client, _ = _password_only(tenant_a.users[role])
    assert client.get(_overview(tenant_a)).url.startswith(reverse("two-factor-set-up"))


@pytest.mark.parametrize("role", ["member", "observer", "minute_taker"])
@pytest.mark.django_db
def test_it_is_offered_not_required_to_others(tenant_a, role):
    client, _ = _password_only(tenant_a.users[role])
    assert client.get(_overview(tenant_a)).status_code == 200
    assert client.get(reverse("two-factor")).status_code == 200


@pytest.mark.django_db
def test_setting_it_up_shows_backup_codes_once_and_lets_the_user_in(tenant_a):
    user = tenant_a.users["business_manager"]
    client, _ = _password_only(user)
    page = client.get(reverse("two-factor-set-up"))
    assert page.status_code == 200
    assert b"data:image/svg+xml" in page.content  # the QR code, no inline script or style
    assert b'autocomplete="one-time-code"' in page.content
    device = TOTPDevice.objects.get(user=user, confirmed=False)
    wrong = client.post(reverse("two-factor-set-up"), {"code": "12345"})
    assert b"Enter the 6-digit code" in wrong.content
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    done = client.post(reverse("two-factor-set-up"), {"code": f"{totp.token():06d}"})
    assert done.url == reverse("two-factor-backup-codes")
    codes_page = client.get(done.url).content.decode()
    codes = re.findall(r"<code>([a-z0-9]{10})</code>", codes_page)
    assert len(codes) == 10
    assert client.get(reverse("two-factor-backup-codes")).status_code == 302  # shown once
    assert client.get(_overview(tenant_a)).status_code == 200


@pytest.mark.django_db
def test_someone_with_an_authenticator_enters_its_code_after_the_password(tenant_a):
    user = tenant_a.users["member"]
    device = authenticator_for(user)
    client, response = _password_only(user)
    assert client.get(_overview(tenant_a)).url.startswith(reverse("two-factor-sign-in"))
    wrong = client.post(reverse("two-factor-sign-in"), {"code": "000000"})
    assert b"The code is not right" in wrong.content
    assert b"govuk-error-summary" in wrong.content
    time.sleep(1.1)
    code = code_for(device)
    right = client.post(reverse("two-factor-sign-in"), {"code": code, "next": _overview(tenant_a)})
    assert right.url == _overview(tenant_a)
    assert client.get(_overview(tenant_a)).status_code == 200
    # The same code never works twice.
    again, _ = _password_only(user)
    time.sleep(1.1)
    replay = again.post(reverse("two-factor-sign-in"), {"code": code})
    assert replay.status_code == 200 and b"The code is not right" in replay.content


@pytest.mark.django_db
def test_guessing_codes_is_slowed_down(tenant_a):
    user = tenant_a.users["member"]
    device = authenticator_for(user)
    client, _ = _password_only(user)
    for _ in range(3):
        client.post(reverse("two-factor-sign-in"), {"code": "000000"})
    response = client.post(reverse("two-factor-sign-in"), {"code": code_for(device)})
    assert b"too many wrong codes" in response.content
    assert client.get(_overview(tenant_a)).status_code == 302


@pytest.mark.django_db
def test_a_backup_code_works_once(tenant_a):
    from partnership.two_factor import backup_codes_make

    user = tenant_a.users["member"]
    authenticator_for(user)
    codes = backup_codes_make(user=user, acting_user=user)
    client, _ = _password_only(user)
    response = client.post(reverse("two-factor-sign-in"), {"code": codes[0].upper()})
    assert response.status_code == 302
    assert StaticToken.objects.filter(device__user=user).count() == 9
    again, _ = _password_only(user)
    assert again.post(reverse("two-factor-sign-in"), {"code": codes[0]}).status_code == 200


@pytest.mark.django_db
def test_a_password_alone_cannot_replace_the_authenticator(tenant_a):
    user = tenant_a.users["business_manager"]
    authenticator_for(user)
    client, _ = _password_only(user)
    response = client.get(reverse("two-factor-set-up"))
    assert response.url == reverse("two-factor-sign-in")
    assert not TOTPDevice.objects.filter(user=user, confirmed=False).exists()


@pytest.mark.django_db
def test_the_admin_needs_the_second_factor_too(tenant_a):
    from tests.factories import UserFactory

    admin = UserFactory(is_staff=True, is_superuser=True)
    client, _ = _password_only(admin)
    assert client.get("/admin/").url.startswith(reverse("two-factor-set-up"))


@pytest.mark.django_db
def test_a_business_manager_resets_a_lost_second_factor_after_their_password(tenant_a, client_for):
    member = tenant_a.memberships["independent_chair"]
    authenticator_for(member.user)
    url = reverse(
        "partnership:membership-two-factor-reset",
        kwargs={"partnership_slug": tenant_a.slug, "membership_uuid": member.uuid},
    )
    manager = client_for(tenant_a.users["business_manager"])
    refused = manager.post(url, {"password": "wrong"})
    assert b"The password is not right" in refused.content
    assert TOTPDevice.objects.filter(user=member.user).exists()
    done = manager.post(url, {"password": PASSWORD})
    assert done.status_code == 302
    assert not TOTPDevice.objects.filter(user=member.user).exists()
    assert mail.outbox[-1].to == [member.user.email]
    # They set it up again at their next sign-in.
    client, _ = _password_only(member.user)
    assert client.get(_overview(tenant_a)).url.startswith(reverse("two-factor-set-up"))


@pytest.mark.django_db
def test_only_the_business_manager_may_reset_and_not_their_own(tenant_a, client_for):
    def url(membership):
        return reverse(
            "partnership:membership-two-factor-reset",
            kwargs={"partnership_slug": tenant_a.slug, "membership_uuid": membership.uuid},
        )

    officer = client_for(tenant_a.users["business_officer"])
    assert officer.get(url(tenant_a.memberships["member"])).status_code == 403
    manager = client_for(tenant_a.users["business_manager"])
    assert manager.get(url(tenant_a.memberships["business_manager"])).status_code == 403

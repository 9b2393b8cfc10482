"""Passkeys as a second factor, through django-otp-webauthn's real checks with a
software passkey (tests/passkeys.py): adding, naming, listing and removing
them, the second step with one, the rule that the business unit and the chair
must have a second factor, the business manager's reset, and the audit log
(partnership.passkeys, partnership/views/passkeys.py)."""

import pytest
from django.test import Client
from django.urls import reverse
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp_webauthn.models import WebAuthnCredential

from audit.models import AuditEvent
from partnership import two_factor

from ..passkeys import JSON, SoftPasskey, add_passkey, b64, use_passkey
from ..two_factor import authenticator_for, code_for

PASSWORD = "correct horse battery staple"


def _password_only(user):
    client = Client()
    response = client.post(reverse("login"), {"username": user.email, "password": PASSWORD})
    assert response.status_code == 302
    return client


def _overview(tenant):
    return reverse("dashboard:overview", kwargs={"partnership_slug": tenant.slug})


def _events(user, kind):
    return list(AuditEvent.objects.filter(user=user, kind=kind).values_list("detail", flat=True))


def _verified(client):
    return client.get(reverse("two-factor")).status_code == 200


def _remove_url(passkey_row):
    return reverse("passkey-remove", kwargs={"passkey_id": passkey_row.credential_id_sha256})


@pytest.mark.django_db
def test_a_member_adds_a_named_passkey_and_two_factor_sign_in_is_on(tenant_a):
    user = tenant_a.users["member"]
    client = _password_only(user)
    page = client.get(reverse("passkey-add"))
    assert page.status_code == 200
    assert b"Name this passkey" in page.content
    assert b"js/passkeys.mjs" in page.content and b"<script>" not in page.content

    _, complete = add_passkey(client, name="  Work   laptop ", next_url=_overview(tenant_a))
    assert complete.status_code == 200, complete.content
    row = WebAuthnCredential.objects.get(user=user)
    assert row.name == "Work laptop"
    # Their first second factor: backup codes come with it, shown once.
    url = complete.json()["redirect_url"]
    assert url.startswith(reverse("two-factor-backup-codes"))
    codes = client.get(url)
    assert codes.status_code == 200 and codes.context["continue_url"] == _overview(tenant_a)
    assert two_factor.backup_codes_left(user) == 10
    assert _events(user, "auth.passkey_added") == ["Work laptop"]

    listing = client.get(reverse("two-factor")).content.decode()
    assert "Work laptop" in listing and _remove_url(row) in listing
    assert "10 left" in listing


@pytest.mark.django_db
def test_a_second_passkey_is_added_with_a_message_and_no_new_codes(tenant_a):
    user = tenant_a.users["member"]
    client = _password_only(user)
    add_passkey(client, name="Laptop")
    codes_before = set(
        StaticDevice.objects.get(user=user).token_set.values_list("token", flat=True)
    )
    _, complete = add_passkey(client, name="Phone")
    assert complete.json()["redirect_url"] == reverse("two-factor")
    assert set(StaticDevice.objects.get(user=user).token_set.values_list("token", flat=True)) == (
        codes_before
    )
    assert b"Passkey &#x27;Phone&#x27; added" in client.get(reverse("two-factor")).content


@pytest.mark.django_db
def test_the_name_is_checked_and_what_was_typed_is_kept(tenant_a):
    user = tenant_a.users["member"]
    client = _password_only(user)
    blank = client.post(reverse("passkey-add-begin"), {"name": "   "}, **JSON)
    assert blank.status_code == 400
    assert blank.json()["errors"]["name"][0]["message"] == "Enter a name for the passkey"
    add_passkey(client, name="Laptop")
    taken = client.post(reverse("passkey-add-begin"), {"name": "laptop"}, **JSON)
    assert taken.status_code == 400
    assert "already have a passkey called" in taken.json()["errors"]["name"][0]["message"]
    # The script then posts the form itself: the page shows the error, GOV.UK style.
    page = client.post(reverse("passkey-add"), {"name": "x" * 65})
    assert page.status_code == 200
    assert b"govuk-error-summary" in page.content
    assert b"64 characters or fewer" in page.content
    assert ('value="' + "x" * 65 + '"').encode() in page.content


@pytest.mark.django_db
def test_a_passkey_is_the_second_step_after_the_password(tenant_a):
    user = tenant_a.users["member"]
    client = _password_only(user)
    passkey, _ = add_passkey(client)

    again = _password_only(user)
    assert again.get(_overview(tenant_a)).url.startswith(reverse("two-factor-sign-in"))
    step = again.get(reverse("two-factor-sign-in"))
    assert b"Use your passkey" in step.content and b"Use a passkey" in step.content
    assert b"Or enter a backup code" in step.content
    answer = use_passkey(again, passkey, next_url=_overview(tenant_a))
    assert answer.status_code == 200, answer.content
    assert answer.json()["redirect_url"] == _overview(tenant_a)
    assert again.get(_overview(tenant_a)).status_code == 200
    assert _events(user, "auth.passkey_used") == ["Work laptop"]
    assert WebAuthnCredential.objects.get(user=user).last_used_at is not None


@pytest.mark.django_db
def test_a_passkey_from_another_site_is_refused(tenant_a):
    user = tenant_a.users["member"]
    client = _password_only(user)
    passkey, _ = add_passkey(client)
    again = _password_only(user)
    passkey.origin = "https://evil.example"
    answer = use_passkey(again, passkey)
    assert answer.status_code == 422
    assert not _verified(again)
    assert _events(user, "auth.passkey_failed") == ["invalid_authentication_response"]


@pytest.mark.django_db
def test_a_forged_or_replayed_answer_is_refused_and_recorded(tenant_a):
    user = tenant_a.users["member"]
    client = _password_only(user)
    passkey, _ = add_passkey(client)

    again = _password_only(user)

    def forge(answer):
        answer["response"]["signature"] = b64(b"\x30\x06\x02\x01\x01\x02\x01\x01")

    forged = use_passkey(again, passkey, tamper=forge)
    assert forged.status_code == 422
    assert not _verified(again)

    # An answer the server accepted never works twice: its challenge is gone.
    begin = again.post(reverse("passkey-sign-in-begin"), **JSON)
    answer = passkey.get(begin.json())
    url = reverse("passkey-sign-in-complete")
    first = again.post(url, answer, content_type="application/json", **JSON)
    assert first.status_code == 200
    third = _password_only(user)
    replay = third.post(url, answer, content_type="application/json", **JSON)
    assert replay.status_code == 400 and replay.json()["code"] == "invalid_state"
    assert not _verified(third)
    assert sorted(_events(user, "auth.passkey_failed")) == [
        "invalid_authentication_response",
        "invalid_state",
    ]


@pytest.mark.django_db
def test_another_users_passkey_does_not_pass_my_second_step(tenant_a):
    mine, theirs = tenant_a.users["member"], tenant_a.users["observer"]
    add_passkey(_password_only(mine))
    their_passkey, _ = add_passkey(_password_only(theirs))

    client = _password_only(mine)
    answer = use_passkey(client, their_passkey)
    assert answer.status_code == 403
    assert answer.json()["code"] == "credential_user_mismatch"
    assert not _verified(client)
    assert _events(mine, "auth.passkey_failed") == ["credential_user_mismatch"]


@pytest.mark.parametrize("role", ["business_manager", "independent_chair"])
@pytest.mark.django_db
def test_a_passkey_satisfies_the_roles_that_must_have_a_second_factor(tenant_a, role):
    user = tenant_a.users[role]
    client = _password_only(user)
    assert client.get(_overview(tenant_a)).url.startswith(reverse("two-factor-set-up"))
    set_up = client.get(reverse("two-factor-set-up"))
    assert b"Use a passkey instead" in set_up.content
    assert client.get(reverse("passkey-add")).status_code == 200
    passkey, complete = add_passkey(client, next_url=_overview(tenant_a))
    assert complete.status_code == 200
    assert client.get(_overview(tenant_a)).status_code == 200

    # Next time: password, then the passkey, exactly as with an app's code.
    again = _password_only(user)
    assert again.get(_overview(tenant_a)).url.startswith(reverse("two-factor-sign-in"))
    assert again.get(reverse("home")).url.startswith(reverse("two-factor-sign-in"))
    assert use_passkey(again, passkey).status_code == 200
    assert again.get(_overview(tenant_a)).status_code == 200


@pytest.mark.django_db
def test_adding_a_passkey_needs_the_second_step_first(tenant_a):
    user = tenant_a.users["member"]
    authenticator_for(user)
    client = _password_only(user)
    assert client.get(reverse("passkey-add")).url == reverse("two-factor-sign-in")
    refused = client.post(reverse("passkey-add-begin"), {"name": "Sneaky"}, **JSON)
    assert refused.status_code == 403 and refused.json()["code"] == "user_not_verified"
    refused = client.post(
        reverse("passkey-add-complete"),
        SoftPasskey().create({"challenge": "AAAA", "rp": {"id": "localhost"}}),
        content_type="application/json",
        **JSON,
    )
    assert refused.status_code == 403
    assert not WebAuthnCredential.objects.filter(user=user).exists()
    assert not _verified(client)


@pytest.mark.django_db
def test_a_user_with_an_app_adds_a_passkey_after_their_code(tenant_a):
    user = tenant_a.users["member"]
    device = authenticator_for(user)
    client = _password_only(user)
    client.post(reverse("two-factor-sign-in"), {"code": code_for(device)})
    passkey, complete = add_passkey(client, name="Phone")
    assert complete.json()["redirect_url"] == reverse("two-factor")
    # Both now work for the second step; the page offers both.
    again = _password_only(user)
    step = again.get(reverse("two-factor-sign-in")).content
    assert b"Enter the code from your authenticator app" in step
    assert b"Or use a passkey" in step
    assert use_passkey(again, passkey).status_code == 200


@pytest.mark.django_db
def test_the_steps_are_for_signed_in_users_and_by_post(tenant_a):
    anonymous = Client()
    for name in ("passkey-add-begin", "passkey-sign-in-begin", "passkey-sign-in-complete"):
        answer = anonymous.post(reverse(name), **JSON)
        assert answer.status_code == 401, name
        assert answer.json()["result"] == "signed-out"
    client = _password_only(tenant_a.users["member"])
    assert client.get(reverse("passkey-add-begin")).status_code == 405
    # No passkey yet: nothing to ask the browser for.
    none = client.post(reverse("passkey-sign-in-begin"), **JSON)
    assert none.status_code == 400 and none.json()["code"] == "no_passkey"


@pytest.mark.django_db
def test_a_user_removes_a_passkey_after_confirming(tenant_a):
    user = tenant_a.users["member"]
    client = _password_only(user)
    add_passkey(client, name="Laptop")
    add_passkey(client, name="Old phone")
    old = WebAuthnCredential.objects.get(user=user, name="Old phone")
    confirm = client.get(_remove_url(old))
    assert confirm.status_code == 200
    assert "Remove the passkey ‘Old phone’?" in confirm.content.decode()
    assert b"your backup codes will stop working" not in confirm.content
    done = client.post(_remove_url(old))
    assert done.url == reverse("two-factor")
    assert list(WebAuthnCredential.objects.filter(user=user).values_list("name", flat=True)) == [
        "Laptop"
    ]
    assert _events(user, "auth.passkey_removed") == ["Old phone"]
    assert two_factor.backup_codes_left(user) == 10
    assert _verified(client)


@pytest.mark.django_db
def test_removing_the_last_passkey_turns_two_factor_off_for_someone_who_may(tenant_a):
    user = tenant_a.users["member"]
    client = _password_only(user)
    add_passkey(client, name="Laptop")
    only = WebAuthnCredential.objects.get(user=user)
    assert b"your backup codes will stop working" in client.get(_remove_url(only)).content
    client.post(_remove_url(only))
    assert not two_factor.has_device(user)
    assert StaticDevice.objects.filter(user=user).count() == 0
    assert _events(user, "auth.passkey_removed") == ["Laptop; backup codes removed too, none left"]
    assert client.get(_overview(tenant_a)).status_code == 200
    # The password alone signs them in again.
    assert _password_only(user).get(_overview(tenant_a)).status_code == 200


@pytest.mark.django_db
def test_removing_the_last_passkey_sends_a_required_role_to_set_up_again(tenant_a):
    user = tenant_a.users["business_manager"]
    client = _password_only(user)
    add_passkey(client, name="Laptop")
    client.post(_remove_url(WebAuthnCredential.objects.get(user=user)))
    assert client.get(_overview(tenant_a)).url.startswith(reverse("two-factor-set-up"))


@pytest.mark.django_db
def test_removing_the_passkey_this_session_used_keeps_it_signed_in(tenant_a):
    user = tenant_a.users["member"]
    device = authenticator_for(user)
    first = _password_only(user)
    first.post(reverse("two-factor-sign-in"), {"code": code_for(device)})
    passkey, _ = add_passkey(first)
    client = _password_only(user)
    use_passkey(client, passkey)
    client.post(_remove_url(WebAuthnCredential.objects.get(user=user)))
    assert _verified(client)
    assert client.get(_overview(tenant_a)).status_code == 200


@pytest.mark.django_db
def test_no_one_sees_or_removes_another_users_passkey(tenant_a, tenant_b):
    owner = tenant_a.users["member"]
    add_passkey(_password_only(owner), name="Laptop")
    row = WebAuthnCredential.objects.get(user=owner)
    for stranger in (tenant_a.users["observer"], tenant_b.users["business_manager"]):
        client = _password_only(stranger)
        if two_factor.required_for(stranger):
            add_passkey(client, name="Mine")
        assert client.get(_remove_url(row)).status_code == 404
        assert client.post(_remove_url(row)).status_code == 404
        assert b"Laptop" not in client.get(reverse("two-factor")).content
    assert WebAuthnCredential.objects.filter(pk=row.pk, name="Laptop").exists()
    assert not _events(owner, "auth.passkey_removed")


@pytest.mark.django_db
def test_the_business_managers_reset_removes_passkeys_too(tenant_a, client_for):
    member = tenant_a.memberships["independent_chair"]
    add_passkey(_password_only(member.user), name="Laptop")
    url = reverse(
        "partnership:membership-two-factor-reset",
        kwargs={"partnership_slug": tenant_a.slug, "membership_uuid": member.uuid},
    )
    manager = client_for(tenant_a.users["business_manager"])
    assert manager.post(url, {"password": PASSWORD}).status_code == 302
    assert not WebAuthnCredential.objects.filter(user=member.user).exists()
    assert not two_factor.has_device(member.user)
    detail = AuditEvent.objects.get(kind="auth.two_factor_reset").detail
    assert "passkeys (1)" in detail and "backup codes (1)" in detail
    client = _password_only(member.user)
    assert client.get(_overview(tenant_a)).url.startswith(reverse("two-factor-set-up"))


def test_the_relying_party_is_the_sites_host(settings):
    # tests run on the development defaults: SITE_URL http://127.0.0.1:8000.
    assert settings.OTP_WEBAUTHN_RP_ID == "localhost"
    assert settings.OTP_WEBAUTHN_ALLOWED_ORIGINS == ["http://localhost:8000"]
    assert settings.OTP_WEBAUTHN_RP_NAME == "Safeguarding Partnership Manager"
    assert settings.OTP_WEBAUTHN_ALLOW_PASSWORDLESS_LOGIN is False


def test_a_deployment_with_passkeys_on_localhost_or_plain_http_is_not_ready(settings):
    from partnership.checks import passkeys_belong_to_the_service

    assert {w.id for w in passkeys_belong_to_the_service(None)} == {
        "partnership.W001",
        "partnership.W002",
    }
    settings.OTP_WEBAUTHN_RP_ID = "spm.example.org"
    settings.OTP_WEBAUTHN_ALLOWED_ORIGINS = ["https://spm.example.org"]
    assert passkeys_belong_to_the_service(None) == []


GARBAGE = [
    "",
    "null",
    "[]",
    '"text"',
    "not json",
    '{"id": 1}',
    '{"id": "x", "rawId": "x", "type": "public-key", "response": "x"}',
    '{"id": "x", "rawId": "!!", "type": "public-key", "response": {"clientDataJSON": "x"}}',
    '{"response": {"clientDataJSON": "' + "A" * 20_000 + '"}}',
]


@pytest.mark.django_db
def test_garbage_from_the_script_is_refused_never_a_500(tenant_a):
    user = tenant_a.users["member"]
    client = _password_only(user)
    passkey, _ = add_passkey(client, name="Laptop")
    again = _password_only(user)
    for body in GARBAGE:
        for begin, complete in (
            ("passkey-add-begin", "passkey-add-complete"),
            ("passkey-sign-in-begin", "passkey-sign-in-complete"),
        ):
            session = client if begin == "passkey-add-begin" else again
            session.post(reverse(begin), {"name": f"Key {len(body)} {begin}"}, **JSON)
            answer = session.post(reverse(complete), body, content_type="application/json", **JSON)
            assert 400 <= answer.status_code < 500, (complete, body[:60], answer.content[:200])
    assert not _verified(again)
    assert list(WebAuthnCredential.objects.filter(user=user).values_list("name", flat=True)) == [
        "Laptop"
    ]

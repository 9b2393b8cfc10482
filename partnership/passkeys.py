"""Passkeys (WebAuthn, through django-otp-webauthn): a second factor beside the
authenticator app and backup codes (partnership.two_factor).

A passkey is a django-otp device like the others, so everything that asks
whether a user has a second factor (TwoFactorMiddleware, the roles that must
have one, the business manager's reset) counts it with no change. The library
makes and checks the challenges; this module names, lists and removes a user's
passkeys and records each step in the audit log. Passkeys belong to a user,
never to a partnership: their tables have no partnership_id and, like
django-otp's own device tables, no row-level security policy (every query here
is by the signed-in user)."""

from django.http import Http404
from django_otp import DEVICE_ID_SESSION_KEY, devices_for_user
from django_otp import login as otp_login
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp_webauthn.models import WebAuthnCredential

from .auth_events import record_for_user
from .two_factor import has_app_or_passkey
from .writes import service

NAME_MAX_LENGTH = 64  # django-otp's Device.name


def passkeys_for(user):
    """The user's passkeys, oldest first."""
    return WebAuthnCredential.objects.filter(user=user, confirmed=True).order_by("created_at", "pk")


def load_passkey(user, passkey_id):
    """One of the user's own passkeys by its public id, or 404 (someone else's is
    as missing as one that never was)."""
    passkey = passkeys_for(user).filter(credential_id_sha256=passkey_id).first()
    if passkey is None:
        raise Http404("No such passkey")
    return passkey


def public_id(passkey):
    """What names a passkey in URLs: the SHA-256 of its credential id (never the
    global row id)."""
    return passkey.credential_id_sha256


def name_taken(user, name):
    return passkeys_for(user).filter(name__iexact=name.strip()).exists()


@service
def passkey_add(*, helper, user, state, data, name, acting_user):
    """Checks the browser's answer to a registration challenge (django-otp-webauthn
    raises if it is not right), stores the passkey under `name` and records it."""
    passkey = helper.register_complete(user=user, state=state, data=data)
    passkey.name = name[:NAME_MAX_LENGTH]
    passkey.save(update_fields=["name"])
    record_for_user("auth.passkey_added", user=acting_user, detail=passkey.name)
    return passkey


@service
def passkey_remove(*, passkey, acting_user):
    """Removes one of the user's passkeys; it no longer signs them in. With no
    passkey or app left, the backup codes go too (they stand in for one, never
    alone): two-factor sign-in is off, or set up again by those who must have it.
    Returns whether it is off."""
    user, name = passkey.user, passkey.name
    passkey.delete()
    off = not has_app_or_passkey(user)
    if off:
        StaticDevice.objects.filter(user=user).delete()
    record_for_user(
        "auth.passkey_removed",
        user=acting_user,
        detail=f"{name}; backup codes removed too, none left" if off else name,
    )
    return off


def keep_session_verified(request, removed_persistent_id):
    """After a passkey is removed: if it was the one this session passed the
    second step with, the session stays verified by another of the user's
    devices (they did pass the step), or by none when none is left, which sends
    someone who must have one to set it up again."""
    if request.session.get(DEVICE_ID_SESSION_KEY) != removed_persistent_id:
        return
    other = next(devices_for_user(request.user, confirmed=True), None)
    if other is not None:
        otp_login(request, other)
    else:
        request.session.pop(DEVICE_ID_SESSION_KEY, None)

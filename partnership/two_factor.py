"""Two-factor sign-in (django-otp): an authenticator app (TOTP), passkeys
(WebAuthn, partnership.passkeys) and one-time backup codes.

Required for anyone who is the business unit or the independent chair of any
partnership, and for the people who run the service (staff); offered to
everyone. After the password, someone with a device must enter a code before
any page opens; someone who must have one and has none is taken to set it up.
A passkey counts exactly as an authenticator does. A business manager can reset
a user's second factor when they lose it (every device goes, passkeys too; the
user sets it up again at their next sign-in); every step is in the audit log.

Codes are checked by django-otp, which refuses a code used before and slows down
guessing (each wrong code doubles the wait before the next is tried)."""

import secrets
from collections import Counter

from django.conf import settings
from django.core.mail import send_mail
from django.http import HttpResponseRedirect
from django.shortcuts import resolve_url
from django.template.loader import render_to_string
from django.urls import Resolver404, resolve
from django.utils.http import urlencode
from django_htmx.http import HttpResponseClientRedirect
from django_otp import DEVICE_ID_SESSION_KEY, devices_for_user
from django_otp import login as otp_login
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from audit.log import record

from .auth_events import record_for_user
from .models import Role
from .writes import service

# Roles whose holders must use two-factor sign-in.
REQUIRED_FOR = frozenset({Role.BUSINESS_MANAGER, Role.BUSINESS_OFFICER, Role.INDEPENDENT_CHAIR})
BACKUP_CODES = 10
APP_DEVICE_NAME = "Authenticator app"
BACKUP_DEVICE_NAME = "Backup codes"

# URL names an unverified user may still open (signing out, the steps themselves).
OPEN_BEFORE_SECOND_FACTOR = {
    "logout",
    "two-factor-sign-in",
    "two-factor-set-up",
    # Passkeys: used at the second step, or added as someone's first second
    # factor (django-otp-webauthn refuses to add one for a user who has a device
    # and has not passed the step; the add page sends them to it).
    "passkey-add",
    "passkey-add-begin",
    "passkey-add-complete",
    "passkey-sign-in-begin",
    "passkey-sign-in-complete",
    "healthz",
    "accessibility",
}


def is_verified(request):
    user = getattr(request, "user", None)
    return bool(user is not None and getattr(user, "is_verified", lambda: False)())


def required_for(user):
    """Whether `user` must use two-factor sign-in."""
    if user.is_staff or user.is_superuser:
        return True
    from .selectors import memberships_for_user

    return any(m.role in REQUIRED_FOR for m in memberships_for_user(user))


def has_device(user):
    return next(devices_for_user(user, confirmed=True), None) is not None


def app_device(user):
    return TOTPDevice.objects.filter(user=user, confirmed=True).first()


def is_backup_codes(device):
    return device.persistent_id.startswith("otp_static.")


def has_app_or_passkey(user, *, besides=None):
    """Whether the user has a second factor besides backup codes (and besides
    `besides`, a device about to go)."""
    going = besides.persistent_id if besides is not None else None
    return any(
        not is_backup_codes(device) and device.persistent_id != going
        for device in devices_for_user(user, confirmed=True)
    )


def backup_codes_left(user):
    return StaticToken.objects.filter(device__user=user, device__confirmed=True).count()


def pending_app_device(user):
    """The unconfirmed authenticator being set up (made on first visit, the same
    one until confirmed, so reloading the page keeps the QR code)."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name=APP_DEVICE_NAME, confirmed=False)
    return device


def verify(user, token):
    """The confirmed device that accepts `token` (an app code or a backup code),
    or None. Throttled per device by django-otp."""
    token = "".join(token.split()).lower()
    for device in devices_for_user(user, confirmed=True, for_verify=True):
        if device.verify_is_allowed()[0] and device.verify_token(token):
            return device
    return None


def throttled(user):
    """Seconds until the next code may be tried, or 0."""
    from django.utils import timezone

    waits = []
    for device in devices_for_user(user, confirmed=True):
        allowed, data = device.verify_is_allowed()
        if not allowed and data and data.get("locked_until"):
            waits.append((data["locked_until"] - timezone.now()).total_seconds())
    return max(0, int(max(waits, default=0)) + 1) if waits else 0


@service
def app_device_confirm(*, device, token, acting_user):
    """Confirms the authenticator being set up if `token` is right, replacing any
    earlier one, and makes a fresh set of backup codes. Returns the codes, or
    None for a wrong code."""
    device.refresh_from_db()
    if not device.verify_token("".join(token.split())):
        return None
    TOTPDevice.objects.filter(user=device.user).exclude(pk=device.pk).delete()
    device.confirmed = True
    device.save()
    codes = backup_codes_make(user=device.user, acting_user=acting_user)
    record_for_user("auth.two_factor_added", user=acting_user, detail=APP_DEVICE_NAME)
    return codes


@service
def backup_codes_make(*, user, acting_user):
    """A new set of one-time backup codes (the old ones stop working)."""
    device, _ = StaticDevice.objects.get_or_create(
        user=user, name=BACKUP_DEVICE_NAME, defaults={"confirmed": True}
    )
    device.token_set.all().delete()
    codes = [_backup_code() for _ in range(BACKUP_CODES)]
    for code in codes:
        device.token_set.create(token=code)
    record_for_user("auth.backup_codes_made", user=acting_user, detail=f"{len(codes)} codes")
    return codes


def _backup_code():
    alphabet = "abcdefghjkmnpqrstuvwxyz23456789"
    return "".join(secrets.choice(alphabet) for _ in range(10))


@service
def two_factor_reset(*, user, partnership, acting_user):
    """A business manager's recovery for someone who lost their phone and codes:
    removes their devices, so they set up again at their next sign-in, and
    tells them by email."""
    removed = Counter()
    for device in list(devices_for_user(user, confirmed=None)):
        removed[_kind(device)] += 1
        device.delete()
    what = ", ".join(f"{kind} ({count})" for kind, count in sorted(removed.items()))
    record(
        "auth.two_factor_reset",
        user=acting_user,
        partnership=partnership,
        obj=user,
        detail=f"{user.email}: removed {what or 'nothing'}",
    )
    context = {"user": user, "partnership": partnership, "by": acting_user}
    send_mail(
        subject="Your two-factor sign-in was reset",
        message=render_to_string("registration/email/two_factor_reset.txt", context),
        from_email=None,
        recipient_list=[user.email],
    )
    return sum(removed.values())


def _kind(device):
    app_label = device.persistent_id.split(".", 1)[0]
    return {
        "otp_totp": "authenticator app",
        "otp_static": "backup codes",
        "django_otp_webauthn": "passkeys",
    }.get(app_label, app_label)


def mark_verified(request, device):
    otp_login(request, device)


class TwoFactorMiddleware:
    """After the password, nothing opens until the second factor: users with a
    device are asked for a code, users who must have one and do not are taken to
    set it up. Goes after django-otp's OTPMiddleware."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        if not user.is_authenticated or is_verified(request) or self._open(request):
            return self.get_response(request)
        if has_device(user):
            return self._redirect(request, "two-factor-sign-in")
        if required_for(user):
            return self._redirect(request, "two-factor-set-up")
        return self.get_response(request)

    @staticmethod
    def _open(request):
        if request.path_info.startswith(settings.STATIC_URL):
            return True
        try:
            match = resolve(request.path_info)
        except Resolver404:
            return True  # a 404 page reveals nothing
        return match.url_name in OPEN_BEFORE_SECOND_FACTOR and not match.namespace

    @staticmethod
    def _redirect(request, url_name):
        url = resolve_url(url_name)
        if request.method == "GET" and not getattr(request, "htmx", False):
            url += "?" + urlencode({"next": request.get_full_path()})
        if getattr(request, "htmx", False):
            return HttpResponseClientRedirect(url)
        return HttpResponseRedirect(url)


__all__ = ["DEVICE_ID_SESSION_KEY", "TwoFactorMiddleware"]

"""Two-factor sign-in: the code after the password, setting up an authenticator
app, backup codes, and a business manager's reset for someone who lost theirs
(partnership.two_factor)."""

import segno
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render, resolve_url
from django.utils.http import url_has_allowed_host_and_scheme

from .. import passkeys, two_factor
from ..auth_events import record_for_user
from ..forms import ConfirmPasswordForm, TwoFactorCodeForm, TwoFactorSetUpForm
from ..loaders import load_membership
from ..permissions import can_reset_two_factor, refuse_unless, require
from .common import posted

BACKUP_CODES_SESSION_KEY = "backup_codes_to_show"


def next_url(request):
    """Where a sign-in step goes next: the `next` asked for, when it is ours."""
    url = request.POST.get("next") or request.GET.get("next") or ""
    if url and url_has_allowed_host_and_scheme(
        url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return url
    return resolve_url("home")  # what needs me, as after any sign-in


@login_required
def two_factor_sign_in(request):
    user = request.user
    if two_factor.is_verified(request):
        return redirect(next_url(request))
    if not two_factor.has_device(user):
        return redirect("two-factor-set-up")
    has_app = two_factor.app_device(user) is not None
    form = TwoFactorCodeForm(posted(request), user=user, has_app=has_app)
    if form.is_valid():
        two_factor.mark_verified(request, form.device)
        backup = two_factor.is_backup_codes(form.device)
        record_for_user(
            "auth.backup_code_used" if backup else "auth.two_factor_passed",
            user=user,
            request=request,
        )
        if backup:
            left = two_factor.backup_codes_left(user)
            messages.warning(
                request,
                f"You used a backup code: {left} left. Make new ones from "
                "'Two-factor sign-in' if you are running out.",
            )
        return redirect(next_url(request))
    if form.is_bound and form.data.get("code"):
        record_for_user("auth.two_factor_failed", user=user, request=request)
    return render(
        request,
        "registration/two_factor_sign_in.html",
        {
            "form": form,
            "next": next_url(request),
            "has_app": has_app,
            "has_passkeys": passkeys.passkeys_for(user).exists(),
        },
    )


@login_required
def two_factor_set_up(request):
    user = request.user
    if two_factor.has_device(user) and not two_factor.is_verified(request):
        # Replacing someone's authenticator needs their current one first.
        return redirect("two-factor-sign-in")
    device = two_factor.pending_app_device(user)
    form = TwoFactorSetUpForm(posted(request))
    if form.is_valid():
        codes = two_factor.app_device_confirm(
            device=device, token=form.cleaned_data["code"], acting_user=user
        )
        if codes is None:
            form.add_error(
                "code", "The code is not right. Check the app shows this service, and try again"
            )
        else:
            two_factor.mark_verified(request, two_factor.app_device(user))
            request.session[BACKUP_CODES_SESSION_KEY] = codes
            return redirect("two-factor-backup-codes")
    secret = device.config_url
    return render(
        request,
        "registration/two_factor_set_up.html",
        {
            "form": form,
            "qr_code": segno.make(secret, error="m").svg_data_uri(scale=5, border=2),
            "key": " ".join(_chunks(_base32(device), 4)),
            "required": two_factor.required_for(user),
            "replacing": two_factor.app_device(user) is not None,
            "has_device": two_factor.has_device(user),
        },
    )


def _base32(device):
    from base64 import b32encode

    return b32encode(device.bin_key).decode().rstrip("=")


def _chunks(text, size):
    return [text[i : i + size] for i in range(0, len(text), size)]


@login_required
def two_factor_backup_codes(request):
    """Shows a fresh set of backup codes once (after set-up, or after making new
    ones); a POST makes a new set."""
    if request.method == "POST":
        codes = two_factor.backup_codes_make(user=request.user, acting_user=request.user)
        request.session[BACKUP_CODES_SESSION_KEY] = codes
        return redirect("two-factor-backup-codes")
    codes = request.session.pop(BACKUP_CODES_SESSION_KEY, None)
    if codes is None:
        return redirect("two-factor")
    return render(
        request,
        "registration/two_factor_backup_codes.html",
        {"codes": codes, "continue_url": next_url(request)},
    )


@login_required
def two_factor_manage(request):
    user = request.user
    return render(
        request,
        "registration/two_factor.html",
        {
            "app_device": two_factor.app_device(user),
            "passkeys": [
                (passkey, passkeys.public_id(passkey)) for passkey in passkeys.passkeys_for(user)
            ],
            "has_device": two_factor.has_device(user),
            "codes_left": two_factor.backup_codes_left(user),
            "required": two_factor.required_for(user),
        },
    )


@require(can_reset_two_factor)
def membership_two_factor_reset(request, membership_uuid):
    membership = load_membership(request, membership_uuid)
    refuse_unless(membership.user_id != request.user.pk)
    form = ConfirmPasswordForm(posted(request), request=request)
    if form.is_valid():
        two_factor.two_factor_reset(
            user=membership.user, partnership=request.partnership, acting_user=request.user
        )
        messages.success(
            request,
            f"{membership.user}'s two-factor sign-in was reset: they set it up again "
            "when they next sign in",
        )
        return redirect(
            "partnership:membership-edit",
            partnership_slug=request.partnership.slug,
            membership_uuid=membership.uuid,
        )
    return render(
        request,
        "partnership/membership_two_factor_reset.html",
        {"form": form, "member": membership},
    )

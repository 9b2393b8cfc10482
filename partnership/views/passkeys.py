"""Passkeys as a second factor (partnership.passkeys): the page to add one, the
confirmation to remove one, and the JSON steps static/js/passkeys.mjs calls
around navigator.credentials. The steps are django-otp-webauthn's views, given a
name for the passkey, our next-page rule and the audit log."""

import json

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.utils.http import urlencode
from django.views.decorators.http import require_POST
from django_otp_webauthn import views as webauthn
from django_otp_webauthn.utils import rewrite_exceptions

from .. import passkeys, two_factor
from ..auth_events import record_for_user
from ..forms import PasskeyNameForm
from .common import posted
from .two_factor import BACKUP_CODES_SESSION_KEY, next_url

NAME_SESSION_KEY = "passkey_name"


@login_required
def passkey_add(request):
    """The form that names a new passkey; the script makes it on submit. Posted
    without the script (or with a name the begin step refused), the form shows
    its errors here and keeps what was typed."""
    user = request.user
    if two_factor.has_device(user) and not two_factor.is_verified(request):
        return redirect("two-factor-sign-in")  # adding one needs the second step first
    form = PasskeyNameForm(posted(request), user=user)
    if form.is_valid():
        form.add_error(
            None, "Your browser did not make the passkey. Check it can use passkeys, and try again"
        )
    return render(
        request,
        "registration/passkey_add.html",
        {
            "form": form,
            "first": not two_factor.has_device(user),
            "required": two_factor.required_for(user),
            "next": next_url(request),
        },
    )


@login_required
def passkey_remove(request, passkey_id):
    user = request.user
    passkey = passkeys.load_passkey(user, passkey_id)
    if request.method == "POST":
        removed_id = passkey.persistent_id
        passkeys.passkey_remove(passkey=passkey, acting_user=user)
        passkeys.keep_session_verified(request, removed_id)
        messages.success(request, f"Passkey '{passkey.name}' removed")
        return redirect("two-factor")
    return render(
        request,
        "registration/passkey_remove.html",
        {
            "passkey": passkey,
            "last": not two_factor.has_app_or_passkey(user, besides=passkey),
            "required": two_factor.required_for(user),
        },
    )


def _json_steps(view):
    """Signed-in users only (a script whose session ended gets 401 with the
    sign-in page: partnership.middleware.SessionEndedMiddleware), by POST."""
    return method_decorator([login_required, require_POST], name="dispatch")(view)


@_json_steps
class PasskeyAddBegin(webauthn.BeginCredentialRegistrationView):
    """The challenge for a new passkey, once its name is good."""

    def post(self, *args, **kwargs):
        form = PasskeyNameForm(self.request.POST, user=self.request.user)
        if not form.is_valid():
            return JsonResponse({"errors": form.errors.get_json_data()}, status=400)
        self.request.session[NAME_SESSION_KEY] = form.cleaned_data["name"]
        return super().post(*args, **kwargs)


@_json_steps
class PasskeyAddComplete(webauthn.CompleteCredentialRegistrationView):
    """Stores the passkey the browser made. Someone's first second factor turns
    two-factor sign-in on, with backup codes, as setting up an app does."""

    def post(self, *args, **kwargs):
        request, user = self.request, self.request.user
        state = self.get_state()
        name = request.session.pop(NAME_SESSION_KEY, "") or "Passkey"
        first = not two_factor.has_device(user)
        with rewrite_exceptions(logger=webauthn._get_pywebauthn_logger()):
            passkey = passkeys.passkey_add(
                helper=self.get_helper(),
                user=user,
                state=state,
                data=request.data,
                name=name,
                acting_user=user,
            )
        if not two_factor.is_verified(request):
            two_factor.mark_verified(request, passkey)
        if first:
            codes = two_factor.backup_codes_make(user=user, acting_user=user)
            request.session[BACKUP_CODES_SESSION_KEY] = codes
            url = reverse("two-factor-backup-codes") + "?" + urlencode({"next": next_url(request)})
        else:
            messages.success(request, f"Passkey '{passkey.name}' added")
            url = reverse("two-factor")
        return JsonResponse({"redirect_url": url})


@_json_steps
class PasskeySignInBegin(webauthn.BeginCredentialAuthenticationView):
    """The challenge for the second step, naming the user's own passkeys."""

    def post(self, *args, **kwargs):
        if not passkeys.passkeys_for(self.request.user).exists():
            return JsonResponse(
                {"detail": "You have no passkey. Enter a code instead", "code": "no_passkey"},
                status=400,
            )
        return super().post(*args, **kwargs)


@_json_steps
class PasskeySignInComplete(webauthn.CompleteCredentialAuthenticationView):
    """Checks the passkey's answer: the second step is passed, as with a code."""

    def dispatch(self, request, *args, **kwargs):
        response = super().dispatch(request, *args, **kwargs)
        if response.status_code >= 400:
            # A wrong or replayed answer, another user's passkey, a stale challenge.
            record_for_user(
                "auth.passkey_failed",
                user=request.user,
                request=request,
                detail=_error_code(response),
            )
        return response

    def complete_auth(self, device):
        two_factor.mark_verified(self.request, device)
        record_for_user(
            "auth.passkey_used", user=self.request.user, request=self.request, detail=device.name
        )

    def get_success_url(self):
        return next_url(self.request)


def _error_code(response):
    try:
        return str(json.loads(response.content).get("code", ""))[:100]
    except ValueError:
        return ""


passkey_add_begin = PasskeyAddBegin.as_view()
passkey_add_complete = PasskeyAddComplete.as_view()
passkey_sign_in_begin = PasskeySignInBegin.as_view()
passkey_sign_in_complete = PasskeySignInComplete.as_view()

"""Sign in, sign out and passwords (Django's views with GOV.UK forms)."""

from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.http import JsonResponse
from django.shortcuts import render, resolve_url
from django.urls import reverse_lazy
from django.views import csrf

from ..auth_events import record_for_user
from ..forms import ChangePasswordForm, NewPasswordForm, ResetPasswordForm, SignInForm
from ..middleware import from_script
from ..models import User


class SignInView(auth_views.LoginView):
    form_class = SignInForm
    redirect_authenticated_user = True

    def get_default_redirect_url(self):
        # Everyone lands on home, which asks "what needs me?" (their actions,
        # meetings, approvals) before the partnerships, even if there is one.
        return resolve_url("home")

    def get_context_data(self, **kwargs):
        # Sent here by a page whose session ended (SessionEndedMiddleware).
        ended = self.request.GET.get("session") == "ended"
        return {**super().get_context_data(**kwargs), "session_ended": ended}


sign_in = SignInView.as_view()


@login_required
def signed_in_again(request):
    """Where the sign-in opened in a new tab by a page whose session ended
    lands: that page saves by itself now, so this one only says to go back."""
    return render(request, "registration/signed_in_again.html")


def csrf_failure(request, reason=""):
    """A form's security token is out of date (the user signed in again
    elsewhere, which renews it). A page's script is told so in JSON, reads the
    new token and sends again; a browser's form gets Django's page."""
    if from_script(request):
        return JsonResponse({"result": "csrf", "message": "Out-of-date form token"}, status=403)
    return csrf.csrf_failure(request, reason=reason)


sign_out = auth_views.LogoutView.as_view()


class ResetPasswordView(auth_views.PasswordResetView):
    form_class = ResetPasswordForm

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "request": self.request}

    def form_valid(self, form):
        email = form.cleaned_data["email"].strip().lower()
        user = User.objects.filter(email__iexact=email).first()
        record_for_user(
            "auth.password_reset_requested",
            user=user,
            request=self.request,
            detail="" if user else f"No account for {email[:200]}",
        )
        return super().form_valid(form)


password_reset = ResetPasswordView.as_view(
    email_template_name="registration/password_reset_email.txt",
    html_email_template_name="registration/password_reset_email.html",
    subject_template_name="registration/password_reset_subject.txt",
)
password_reset_done = auth_views.PasswordResetDoneView.as_view()
password_reset_confirm = auth_views.PasswordResetConfirmView.as_view(form_class=NewPasswordForm)
password_reset_complete = auth_views.PasswordResetCompleteView.as_view()
password_change = auth_views.PasswordChangeView.as_view(
    form_class=ChangePasswordForm, success_url=reverse_lazy("password_change_done")
)
password_change_done = auth_views.PasswordChangeDoneView.as_view()

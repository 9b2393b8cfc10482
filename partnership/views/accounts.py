"""Sign in, sign out and passwords (Django's views with GOV.UK forms)."""

from django.contrib.auth import views as auth_views
from django.shortcuts import resolve_url
from django.urls import reverse_lazy

from ..forms import ChangePasswordForm, NewPasswordForm, ResetPasswordForm, SignInForm
from ..selectors import memberships_for_user


class SignInView(auth_views.LoginView):
    form_class = SignInForm
    redirect_authenticated_user = True

    def get_default_redirect_url(self):
        # Someone on one partnership goes straight to it; others choose at home.
        memberships = list(memberships_for_user(self.request.user)[:2])
        if len(memberships) == 1:
            return memberships[0].partnership.get_absolute_url()
        return resolve_url("home")


sign_in = SignInView.as_view()
sign_out = auth_views.LogoutView.as_view()
password_reset = auth_views.PasswordResetView.as_view(
    form_class=ResetPasswordForm,
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

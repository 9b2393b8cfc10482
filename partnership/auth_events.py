"""Sign-in events for the audit log: success, failure, lockout, sign-out and
password changes, each recorded once for every partnership the user belongs to
(so each partnership's business manager sees their own users' sign-ins), or
once with no partnership when the email address is no one's."""

from axes.signals import user_locked_out
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.db.models.signals import post_save

from audit.log import record

from .models import User


def record_for_user(kind, *, user, request=None, detail=""):
    """Records a user's security event in the log of each partnership they
    belong to (with no partnership when they belong to none)."""
    from .selectors import memberships_for_user

    memberships = memberships_for_user(user) if user is not None else []
    if not memberships:
        record(kind, request=request, user=user, detail=detail)
    for membership in memberships:
        record(kind, request=request, user=user, partnership=membership.partnership, detail=detail)


def _user_named(credentials):
    email = (credentials or {}).get("username") or (credentials or {}).get("email") or ""
    return User.objects.filter(email__iexact=email.strip()).first() if email else None


def signed_in(sender, request, user, **kwargs):
    record_for_user("auth.signed_in", user=user, request=request)


def signed_out(sender, request, user, **kwargs):
    if user is not None:
        record_for_user("auth.signed_out", user=user, request=request)


def sign_in_failed(sender, credentials, request=None, **kwargs):
    if request is not None:
        from .ratelimits import address, count

        count("sign-in-failures-per-address", address(request))
    email = (credentials or {}).get("username", "")
    user = _user_named(credentials)
    record_for_user(
        "auth.sign_in_failed",
        user=user,
        request=request,
        detail="" if user is not None else f"No account for {email[:200]}",
    )


def locked_out(sender, request, username=None, ip_address=None, **kwargs):
    user = _user_named({"username": username})
    record_for_user("auth.locked_out", user=user, request=request, detail=f"{username or ''}"[:200])


def password_changed(sender, instance, update_fields=None, created=False, **kwargs):
    if created or (update_fields is not None and "password" not in update_fields):
        return
    if getattr(instance, "_password", None) is not None:  # set_password() was called
        record_for_user("auth.password_changed", user=instance)


def connect():
    user_logged_in.connect(signed_in, dispatch_uid="audit_signed_in")
    user_logged_out.connect(signed_out, dispatch_uid="audit_signed_out")
    user_login_failed.connect(sign_in_failed, dispatch_uid="audit_sign_in_failed")
    user_locked_out.connect(locked_out, dispatch_uid="audit_locked_out")
    post_save.connect(password_changed, sender=User, dispatch_uid="audit_password_changed")

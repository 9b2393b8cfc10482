"""Writing to the audit log: `record(...)`, from anywhere, for anything worth
answering "who saw or did this, when, from where" about later."""

import contextvars

from django.db import connection

from .models import AuditEvent

# The request being served, so that an event recorded by a service (which takes
# no request) still says from where (audit.middleware sets it).
current_request = contextvars.ContextVar("audit_current_request", default=None)

# What the log records, in users' words. Apps add their own kinds here so the
# log page can name every one.
KINDS = {
    "auth.signed_in": "Signed in",
    "auth.sign_in_failed": "Sign-in failed",
    "auth.locked_out": "Locked out after failed sign-ins",
    "auth.signed_out": "Signed out",
    "permission.refused": "Refused access",
    "membership.changed": "Role or access changed",
    "membership.added": "User added",
    "paper.downloaded": "Confidential paper downloaded",
    "audit.exported": "Audit log exported",
    "permission.hidden": "Refused access to a record they may not see",
    "auth.two_factor_passed": "Passed two-factor sign-in",
    "auth.two_factor_failed": "Wrong two-factor code",
    "auth.backup_code_used": "Signed in with a backup code",
    "auth.two_factor_added": "Set up two-factor sign-in",
    "auth.backup_codes_made": "Made new backup codes",
    "auth.two_factor_reset": "Two-factor sign-in reset by a business manager",
    "auth.passkey_added": "Added a passkey",
    "auth.passkey_removed": "Removed a passkey",
    "auth.passkey_used": "Passed two-factor sign-in with a passkey",
    "auth.passkey_failed": "Passkey not accepted at two-factor sign-in",
    "auth.password_changed": "Changed their password",
    "auth.password_reset_requested": "Asked for a password reset link",
    "tenancy.crossed": "Acted across partnerships",
}


def register_kinds(kinds):
    """Apps name their own events: `register_kinds({"case.viewed": "Case viewed"})`."""
    for key, label in kinds.items():
        assert KINDS.get(key, label) == label, f"audit kind {key} named twice"
        KINDS[key] = label


def client_ip(request):
    """The client's address as the server saw it (behind our one proxy, the
    first X-Forwarded-For entry it appended)."""
    from django.conf import settings

    if getattr(settings, "BEHIND_TLS_PROXY", False):
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
        if forwarded:
            return forwarded.split(",")[-1].strip() or None
    return request.META.get("REMOTE_ADDR") or None


def record(kind, *, request=None, user=None, partnership=None, obj=None, detail=""):
    """Appends one event. `request` supplies who, from where and the partnership
    in view, unless `user` or `partnership` are given; `obj` any model instance
    the event is about (its type, uuid and name are kept)."""
    assert kind in KINDS, f"unknown audit kind {kind!r}: add it with register_kinds"
    if request is None:
        request = current_request.get()
    if user is None and request is not None:
        candidate = getattr(request, "user", None)
        user = candidate if candidate is not None and candidate.is_authenticated else None
    if partnership is None and request is not None:
        partnership = getattr(request, "partnership", None)
    if partnership is None and obj is not None:
        partnership_id = getattr(obj, "partnership_id", None)
    else:
        partnership_id = partnership.pk if partnership is not None else None
    event = AuditEvent(
        partnership_id=partnership_id,
        user=user,
        actor=(user.email if user is not None else "")[:254],
        kind=kind,
        detail=str(detail)[:500],
    )
    if obj is not None:
        event.object_type = obj._meta.label_lower
        event.object_uuid = getattr(obj, "uuid", None)
        event.object_label = str(obj)[:300]
    if request is not None:
        event.method = request.method or ""
        event.path = request.get_full_path()[:500]
        event.ip_address = client_ip(request)
        event.user_agent = request.META.get("HTTP_USER_AGENT", "")[:300]
    _append(event)
    return event


def _append(event):
    """INSERT without RETURNING: the app role may append an event about any
    partnership (or none) but read back only its own partnership's
    (partnership.rls), and an INSERT ... RETURNING must be able to read the
    row it wrote."""
    fields = [f for f in AuditEvent._meta.concrete_fields if not f.primary_key]
    columns = ", ".join(connection.ops.quote_name(f.column) for f in fields)
    values = [f.get_db_prep_save(f.pre_save(event, True), connection) for f in fields]
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {connection.ops.quote_name(AuditEvent._meta.db_table)} "  # noqa: S608 - names from the model
            f"({columns}) VALUES ({', '.join(['%s'] * len(fields))})",
            values,
        )

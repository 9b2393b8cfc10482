"""Writing to the audit log: `record(...)`, from anywhere, for anything worth
answering "who saw or did this, when, from where" about later."""

from .models import AuditEvent

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
    event.save(force_insert=True)
    return event

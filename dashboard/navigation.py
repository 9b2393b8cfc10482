"""The partnership menu. Each entry: label, URL name, the prefixes of the full
URL names ("namespace:name") that count as inside it, and the rule that decides
who sees it (None: every member)."""

from django.urls import reverse

from funding.permissions import can_view_funding
from partnership import permissions
from reviews.permissions import can_view_register

MENU = [
    (
        "Overview",
        "dashboard:overview",
        (
            "dashboard:overview",
            "dashboard:board-",
            "partnership:board-",
            "partnership:partnership-",
        ),
        None,
    ),
    ("Meetings", "meetings:meeting-list", ("meetings:",), None),
    ("Action log", "actions:log", ("actions:",), None),
    ("Case reviews", "reviews:register", ("reviews:",), can_view_register),
    ("Funding", "funding:years", ("funding:",), can_view_funding),
    ("Annual reports", "reports:list", ("reports:",), None),
    ("Partner agencies", "partnership:agency-list", ("partnership:agency-",), None),
    ("People", "partnership:person-list", ("partnership:person-",), permissions.can_view_people),
    (
        "Users and roles",
        "partnership:membership-list",
        ("partnership:membership-",),
        permissions.can_manage_memberships,
    ),
    ("Audit log", "dashboard:audit-log", ("dashboard:audit-",), permissions.can_read_audit_log),
]


def navigation(request):
    match = request.resolver_match
    here = f"{match.namespace}:{match.url_name}" if match else ""
    items = []
    for label, url_name, prefixes, check in MENU:
        if check is not None and not check(request.membership):
            continue
        items.append(
            {
                "label": label,
                "url": reverse(url_name, kwargs={"partnership_slug": request.partnership.slug}),
                "active": here.startswith(prefixes),
                "current": here == url_name,
            }
        )
    return items


def menu(request):
    """Context processor: the partnership menu on every partnership page."""
    if getattr(request, "partnership", None) is None:
        return {}
    return {"nav_items": navigation(request)}

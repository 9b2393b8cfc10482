"""The partnership menu. Each entry: label, URL name, the URL names (by prefix)
that count as inside it, and who sees it. Apps add their entries here. A prefix
with a colon names another app's URLs ("actions:"); one without, this app's."""

from django.urls import reverse

from . import permissions

MENU = [
    ("Overview", "partnership:overview", ("overview", "board-"), None),
    ("Meetings", "meetings:meeting-list", ("meetings:",), None),
    ("Action log", "actions:log", ("actions:",), None),
    ("Partner agencies", "partnership:agency-list", ("agency-",), None),
    ("People", "partnership:person-list", ("person-",), permissions.can_view_people),
    (
        "Users and roles",
        "partnership:membership-list",
        ("membership-",),
        permissions.can_manage_memberships,
    ),
]


def navigation(request):
    match = request.resolver_match
    here = match.url_name if match and match.namespace == "partnership" else ""
    full_name = f"{match.namespace}:{match.url_name}" if match else ""
    items = []
    for label, url_name, prefixes, check in MENU:
        if check is not None and not check(request.membership):
            continue
        items.append(
            {
                "label": label,
                "url": reverse(url_name, kwargs={"partnership_slug": request.partnership.slug}),
                "active": here.startswith(prefixes) or full_name.startswith(prefixes),
                "current": full_name == url_name,
            }
        )
    return items

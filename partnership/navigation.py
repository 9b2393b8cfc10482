"""The partnership menu. Each entry: label, URL name, the URL names (by prefix)
that count as inside it, and who sees it. Apps add their entries here."""

from django.urls import reverse

from . import permissions

MENU = [
    ("Overview", "partnership:overview", ("overview", "board-"), None),
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
    items = []
    for label, url_name, prefixes, check in MENU:
        if check is not None and not check(request.membership):
            continue
        items.append(
            {
                "label": label,
                "url": reverse(url_name, kwargs={"partnership_slug": request.partnership.slug}),
                "active": here.startswith(prefixes),
                "current": f"partnership:{here}" == url_name,
            }
        )
    return items

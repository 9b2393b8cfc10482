"""The home page's "Annual reports": each partnership's published reports, to
read and download (partners find them here)."""

from .selectors import published_reports


def panel(request, memberships):
    groups = published_reports(memberships)
    if not groups:
        return None
    return "dashboard/annual_report/_home_panel.html", {"groups": groups}

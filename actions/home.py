"""The home page's "My actions": every open action I own across all my
partnerships, grouped by partnership, overdue first (see partnership.views.home)."""

from .selectors import my_actions


def panel(request, memberships):
    if not memberships:
        return None
    # Read in each partnership's scope; the template only uses what was fetched.
    return "actions/_home_panel.html", {"groups": my_actions(memberships)}

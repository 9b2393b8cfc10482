"""The home page's panels ("what needs me?"), in page order. Each feature app
has a module `<app>.home` with `panel(request, memberships)` returning
(template_name, context), or None when it has nothing to show."""

from contextlib import nullcontext

from actions import home as actions_home
from meetings import home as meetings_home
from partnership.tenancy import in_partnership
from reviews import home as reviews_home

from .annual_report import home as annual_report_home

HOME_PANELS = [reviews_home, actions_home, meetings_home, annual_report_home]


def home_panels(request, memberships):
    panels = []
    # Most people belong to one partnership: its panels are then read inside it
    # once, where each panel stepping in and out set it and put it back again.
    one = in_partnership(memberships[0].partnership) if len(memberships) == 1 else nullcontext()
    with one:
        for module in HOME_PANELS:
            panel = module.panel(request, memberships)
            if panel is not None:
                panels.append(panel)
    return panels

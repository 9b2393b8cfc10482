import importlib

from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from ..selectors import memberships_for_user

# Apps that put a panel on the home page ("what needs me?"), in page order. Each
# has a module `<app>.home` with `panel(request, memberships)` returning
# (template_name, context) or None when it has nothing to show.
HOME_PANELS = ["actions", "meetings", "reviews"]


@login_required
def home(request):
    """What needs me, across every partnership I belong to; then my partnerships."""
    memberships = list(memberships_for_user(request.user))
    panels = []
    for app in HOME_PANELS:
        try:
            module = importlib.import_module(f"{app}.home")
        except ModuleNotFoundError as error:
            if error.name != f"{app}.home":
                raise
            continue
        panel = module.panel(request, memberships)
        if panel is not None:
            panels.append(panel)
    return render(request, "partnership/home.html", {"memberships": memberships, "panels": panels})


def accessibility(request):
    return render(request, "pages/accessibility.html")

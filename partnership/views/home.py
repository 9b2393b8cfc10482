from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from ..selectors import memberships_for_user


@login_required
def home(request):
    """What needs me, across every partnership I belong to."""
    return render(
        request, "partnership/home.html", {"memberships": memberships_for_user(request.user)}
    )


def accessibility(request):
    return render(request, "pages/accessibility.html")

from .selectors import memberships_for_user


def tenancy(request):
    """The partnership in view and the member's capabilities (`can`)."""
    partnership = getattr(request, "partnership", None)
    context = {
        "partnership": partnership,
        "membership": getattr(request, "membership", None),
        "can": getattr(request, "can", None),
    }
    if partnership is not None:
        # The middleware read them with the page's membership; callable, so
        # that a page without them (a test's) pays for the query only if shown.
        memberships = getattr(request, "memberships", None)
        context["other_partnerships"] = lambda: (
            len(memberships if memberships is not None else memberships_for_user(request.user)) > 1
        )
    return context

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
        # Callable, so only pages that show the link pay for the query.
        context["other_partnerships"] = lambda: len(memberships_for_user(request.user)) > 1
    return context

def posted(request):
    """The POST data, or None for a GET: a form bound to it is valid only when
    posted, and keeps what was typed when it is not."""
    return request.POST if request.method == "POST" else None

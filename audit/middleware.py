"""Lets audit.log.record() know the request being served, so an event recorded
deep in a service still says who, from where and on which page."""

from .log import current_request


class AuditRequestMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = current_request.set(request)
        try:
            return self.get_response(request)
        finally:
            current_request.reset(token)

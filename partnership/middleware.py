"""Request plumbing for tenancy, session lifetime and the Content Security Policy."""

import time

from django.conf import settings
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.http import Http404
from django.shortcuts import resolve_url
from django.urls import Resolver404, resolve
from django_htmx.http import HttpResponseClientRedirect
from django_scopes import scope, scopes_disabled

from .permissions import Capabilities
from .selectors import membership_for


class TenancyMiddleware:
    """Resolves `/p/<partnership_slug>/`, admits only active members and runs the
    view inside that partnership's scope.

    Anonymous users are sent to sign in (whether or not the partnership exists);
    signed-in non-members get 404, so a partnership's existence is never revealed.
    Outside tenant URLs no scope is open, so tenant queries there raise.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.partnership = None
        request.membership = None
        request.can = Capabilities(None)
        try:
            match = resolve(request.path_info)
        except Resolver404:
            return self.get_response(request)
        if match.app_name == "admin":
            # The Django admin is for superusers running the service, across partnerships.
            with scopes_disabled():
                return self.get_response(request)
        slug = match.kwargs.get("partnership_slug")
        if slug is None:
            return self.get_response(request)
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        membership = membership_for(request.user, slug)
        if membership is None:
            raise Http404("No such partnership")
        request.partnership = membership.partnership
        request.membership = membership
        request.can = Capabilities(membership)
        with scope(partnership=membership.partnership):
            return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        # Views take the partnership from request.partnership, never from the URL.
        view_kwargs.pop("partnership_slug", None)


class SessionLifetimeMiddleware:
    """Ends a session 10 hours after sign-in however active it is (idle expiry
    after 30 minutes is Django's own SESSION_COOKIE_AGE with
    SESSION_SAVE_EVERY_REQUEST)."""

    KEY = "signed_in_at"

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.user.is_authenticated:
            now = time.time()
            started = request.session.setdefault(self.KEY, now)
            if now - started > settings.SESSION_ABSOLUTE_LIFETIME:
                logout(request)
                if getattr(request, "htmx", False):
                    return HttpResponseClientRedirect(resolve_url(settings.LOGIN_URL))
                return redirect_to_login(request.get_full_path())
        return self.get_response(request)


class ContentSecurityPolicyMiddleware:
    """Scripts, styles and images from our own origin only; no inline script, no
    framing. User text (minutes) can therefore never run script in the page."""

    POLICY = "; ".join(
        [
            "default-src 'self'",
            "script-src 'self'",
            "style-src 'self'",
            "img-src 'self' data:",
            "font-src 'self'",
            "connect-src 'self'",
            "object-src 'none'",
            "base-uri 'self'",
            "form-action 'self'",
            "frame-ancestors 'none'",
        ]
    )

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if request.path_info.startswith("/admin/"):
            # The Django admin uses inline styles and scripts of its own.
            return response
        response.headers.setdefault("Content-Security-Policy", self.POLICY)
        return response

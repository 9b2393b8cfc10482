"""Request plumbing for tenancy, session lifetime and the Content Security Policy."""

import time
from urllib.parse import urlencode, urlsplit

from django.conf import settings
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import Http404, JsonResponse
from django.shortcuts import render, resolve_url
from django.urls import Resolver404, resolve
from django.utils.http import url_has_allowed_host_and_scheme

from audit.log import record

from .models import Partnership
from .permissions import Capabilities, Hidden
from .selectors import memberships_within
from .tenancy import across_partnerships, in_partnership, signed_in_as
from .two_factor import is_verified


class TenancyMiddleware:
    """Resolves `/p/<partnership_slug>/`, admits only active members and runs the
    request inside that partnership: the django-scopes scope and, in the same
    transaction as the view (ATOMIC_REQUESTS nests inside it), PostgreSQL's
    `app.partnership_id`, so row-level security holds every query to it.

    Anonymous users are sent to sign in (whether or not the partnership exists);
    signed-in non-members get 404, so a partnership's existence is never revealed.
    Outside tenant URLs a signed-in user's requests see their own memberships and
    no other tenant row; the admin, for staff who have passed two-factor sign-in,
    is the one audited way across partnerships.

    Refusals (403, and the 404 of a loader hiding a record the member may not
    see) are written to the audit log here, outside the view's transaction,
    which rolls back: the record of a refusal survives it.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.partnership = None
        request.membership = None
        request.memberships = None
        request.can = Capabilities(None)
        try:
            match = resolve(request.path_info)
        except Resolver404:
            return self.get_response(request)
        user = request.user if request.user.is_authenticated else None
        if match.app_name == "admin":
            if user is not None and user.is_staff and is_verified(request):
                with across_partnerships("admin", request=request):
                    return self.get_response(request)
            return self.get_response(request)
        slug = match.kwargs.get("partnership_slug")
        if slug is None:
            if user is None:
                return self.get_response(request)
            with signed_in_as(user):
                return self.get_response(request)
        if user is None:
            return redirect_to_login(request.get_full_path())
        partnership = Partnership.objects.filter(slug=slug).first()
        if partnership is not None:
            with in_partnership(partnership, user=user):
                membership, request.memberships = memberships_within(user, partnership)
                if membership is not None:
                    request.partnership = partnership
                    request.membership = membership
                    request.can = Capabilities(membership)
                    return self.get_response(request)
            record(
                "permission.refused",
                request=request,
                partnership=partnership,
                detail="Not a member of this partnership",
            )
        raise Http404("No such partnership")

    def process_view(self, request, view_func, view_args, view_kwargs):
        # Views take the partnership from request.partnership, never from the URL.
        view_kwargs.pop("partnership_slug", None)

    def process_exception(self, request, exception):
        # Called after the view's transaction has rolled back, still inside the
        # partnership's: the record is kept.
        if request.partnership is None:
            return None
        if isinstance(exception, PermissionDenied):
            record("permission.refused", request=request, detail=str(exception)[:500])
        elif isinstance(exception, Hidden):
            record("permission.hidden", request=request, detail=str(exception)[:500])
        return None


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
                # A script's request is answered by SessionEndedMiddleware.
                return redirect_to_login(request.get_full_path())
        return self.get_response(request)


def from_script(request):
    """Whether a page's script sent the request (htmx, or fetch asking for JSON)
    rather than the browser navigating: its answer is read by the script, never
    shown as a page."""
    return request.headers.get("HX-Request") == "true" or "application/json" in request.headers.get(
        "Accept", ""
    )


def page_of(request):
    """The page a script's request came from (path and query), when it is one of
    ours: htmx names it in HX-Current-URL, fetch in Referer."""
    url = request.headers.get("HX-Current-URL") or request.headers.get("Referer") or ""
    if not url or not url_has_allowed_host_and_scheme(
        url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return None
    parts = urlsplit(url)
    return parts.path + (f"?{parts.query}" if parts.query else "")


def session_ended(request):
    """401 for a script whose session has ended: JSON that says so, with the
    sign-in page that returns to the page the user was on (not the fragment the
    script asked for), and HX-Redirect so htmx goes there instead of swapping
    the sign-in form into the page."""
    query = {"session": "ended"}
    page = page_of(request)
    if page and not page.startswith(resolve_url(settings.LOGIN_URL)):
        query["next"] = page
    sign_in = f"{resolve_url(settings.LOGIN_URL)}?{urlencode(query)}"
    response = JsonResponse({"result": "signed-out", "sign_in": sign_in}, status=401)
    response["HX-Redirect"] = sign_in
    response["Cache-Control"] = "no-store"
    return response


class SessionEndedMiddleware:
    """A script's request that meets a signed-out user (the session expired, was
    ended elsewhere or lapsed after SESSION_ABSOLUTE_LIFETIME) gets 401 and the
    sign-in URL rather than a redirect to the sign-in page, which fetch and htmx
    would follow and show inside the page. Whichever layer sends the user to
    sign in (TenancyMiddleware, login_required, SessionLifetimeMiddleware), the
    answer to a script is this one. Goes after AuthenticationMiddleware."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if (
            response.status_code in (301, 302, 303, 307, 308)
            and not request.user.is_authenticated
            and from_script(request)
            and urlsplit(response.get("Location", "")).path == resolve_url(settings.LOGIN_URL)
        ):
            return session_ended(request)
        return response


class ContentSecurityPolicyMiddleware:
    """Scripts, styles and images from our own origin only; no inline script, no
    framing. User text (minutes) can therefore never run script in the page.
    Pages may not use the camera, microphone, location and the like
    (Permissions-Policy); Referrer-Policy is Django's SECURE_REFERRER_POLICY."""

    PERMISSIONS = ", ".join(
        f"{feature}=()"
        for feature in (
            "accelerometer",
            "camera",
            "display-capture",
            "geolocation",
            "gyroscope",
            "magnetometer",
            "microphone",
            "midi",
            "payment",
            "usb",
            "interest-cohort",
        )
    )

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
        response.headers.setdefault("Permissions-Policy", self.PERMISSIONS)
        if request.path_info.startswith("/admin/"):
            # The Django admin uses inline styles and scripts of its own.
            return response
        response.headers.setdefault("Content-Security-Policy", self.POLICY)
        return response


class RequestSizeLimitMiddleware:
    """Refuses a request body larger than MAX_REQUEST_BYTES before anything reads
    it (413). Each upload form has its own, smaller limit, explained beside the
    field; this stops anything bigger at the door."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        if length > settings.MAX_REQUEST_BYTES:
            response = render(request, "413.html", status=413)
            response["Connection"] = "close"
            return response
        return self.get_response(request)


class NulCharacterMiddleware:
    """Refuses (400) a query string or form field holding a NUL character: no
    browser form sends one, PostgreSQL cannot store or compare one, and every
    search box and filter would otherwise need its own guard (a `q` of "a%00b"
    was a 500 on the people list). Forms refuse it in their own fields too."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if _holds_nul(request.GET) or (
            request.method == "POST" and _holds_nul(_form_fields(request))
        ):
            return render(request, "400.html", status=400)
        return self.get_response(request)


def _form_fields(request):
    try:
        return request.POST
    except Exception:  # noqa: BLE001 - a body Django cannot parse is the view's to refuse
        return {}


def _holds_nul(data):
    if "\x00" in "".join(data.keys()):
        return True
    lists = data.lists() if hasattr(data, "lists") else ((k, [v]) for k, v in data.items())
    return any("\x00" in value for _, values in lists for value in values if isinstance(value, str))

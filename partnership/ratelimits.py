"""Rate limits on the doors an attacker knocks at: sign-in from one address
(besides django-axes' lockout of one account from one address), password reset
links and their emails. Counted in the cache (Redis in service), per window."""

from django.core.cache import cache

from audit.log import client_ip

HOUR = 60 * 60

# name: (requests allowed, per seconds)
LIMITS = {
    # Failed sign-ins from one address, whichever accounts they try (spraying).
    "sign-in-failures-per-address": (50, HOUR),
    # Password reset requests from one address.
    "password-reset-per-address": (10, HOUR),
    # Reset emails to one address: more are quietly not sent (the page is the
    # same whether or not the address has an account, or was limited).
    "password-reset-per-email": (3, HOUR),
}


def _key(name, subject):
    return f"ratelimit:{name}:{subject}"


def exceeded(name, subject):
    """Whether `subject` (an address, an email) has used up `name`'s limit."""
    allowed, _ = LIMITS[name]
    return (cache.get(_key(name, subject)) or 0) >= allowed


def count(name, subject):
    """Counts one more; returns True while still within the limit."""
    allowed, window = LIMITS[name]
    key = _key(name, subject)
    cache.add(key, 0, timeout=window)
    try:
        used = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=window)
        used = 1
    return used <= allowed


def address(request):
    return client_ip(request) or "unknown"

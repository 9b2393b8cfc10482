"""URLs of a partnership's pages, each view's resolved once and reused.

Django's `reverse` walks the URL patterns and checks the result against the
pattern's regular expression every time: 40-60 microseconds, a hundred times on
a 20-item minuting screen and fifty on a page of the action log. The varying
parts of our URLs are UUIDs (an action's, a meeting's, an item's), so each
view's URL is resolved once per partnership with stand-in UUIDs, and the real
ones are written into it; a URL with no UUID (the menu's) is resolved once.
`{% url %}` in every template is this function (partnership.templatetags.links);
arguments that cannot be a cache key fall through to Django's.
"""

import functools
import uuid

from django.conf import settings
from django.urls import get_script_prefix, get_urlconf
from django.urls import reverse as django_reverse

# Stand-ins for up to nine UUIDs in one URL: the same length, none inside another.
_MARKS = tuple(str(uuid.UUID(int=n)) for n in range(1, 10))


def reverse(viewname, args=None, kwargs=None, current_app=None):
    """django.urls.reverse, from a cache of URLs keyed by everything but the
    UUIDs in `kwargs` (a view's URL for an action is resolved once, for the
    menu's links once in all)."""
    kwargs = kwargs or {}
    varying = sorted(name for name, value in kwargs.items() if isinstance(value, uuid.UUID))
    if len(varying) > len(_MARKS) or not isinstance(viewname, str):
        return django_reverse(viewname, args=args, kwargs=kwargs, current_app=current_app)
    fixed = tuple(sorted((n, v) for n, v in kwargs.items() if not isinstance(v, uuid.UUID)))
    key = (
        viewname,
        tuple(args or ()),
        fixed,
        tuple(varying),
        current_app,
        get_script_prefix(),
        get_urlconf() or settings.ROOT_URLCONF,
    )
    try:
        url = _shape(*key)
    except TypeError:  # an argument that cannot be a key (a list): resolved each time
        return django_reverse(viewname, args=args, kwargs=kwargs, current_app=current_app)
    for name, mark in zip(varying, _MARKS, strict=False):
        url = url.replace(mark, str(kwargs[name]))
    return url


def row_urls(viewname, varying, **fixed):
    """`reverse` for many rows of one view whose URLs differ only in one UUID
    (a log's rows): a function from the UUID to its URL, the URL resolved once
    and each row's UUID written into it."""
    mark = _MARKS[0]
    url = reverse(viewname, kwargs={**fixed, varying: uuid.UUID(mark)})
    return lambda value: url.replace(mark, str(value))


@functools.lru_cache(maxsize=4096)
def _shape(viewname, args, fixed, varying, current_app, _script_prefix, _urlconf):
    """The URL with stand-ins for its UUIDs; keyed by the script prefix and the
    URL configuration too, which tests and deployments may change."""
    marks = {name: uuid.UUID(mark) for name, mark in zip(varying, _MARKS, strict=False)}
    return django_reverse(
        viewname, args=args or None, kwargs={**dict(fixed), **marks}, current_app=current_app
    )

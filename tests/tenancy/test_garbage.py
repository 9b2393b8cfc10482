"""Malformed values for every field of every form, on every tenant URL: never a
500. The fields are read from each page itself (every input, select and
textarea a role allowed there is shown), so a new form is covered the day it is
added; each is then sent values no browser form would offer: ids that are not
ids, NUL characters, numbers too big for any column, dates that do not exist,
five-digit years, several values for one field, a file where text belongs and
text where a file belongs."""

from html.parser import HTMLParser

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django_scopes import scopes_disabled

from .probes import PROBES

# Fields a page may read that its forms do not show (filters, buttons, moves).
ALWAYS = [
    "page", "sort", "q", "board", "owner", "status", "rag", "due_within", "overdue",
    "move", "remove", "at", "standing", "planned", "next", "version", "fingerprint",
    "kind", "year", "month", "item", "after", "meeting", "person", "on_behalf_of",
    "presenter", "purpose", "numbering", "role", "organisation", "reports_to",
    "lead_representative", "representing", "origin_item", "origin_meeting", "date_day",
    "date_month", "date_year", "narrative", "stage", "type", "filter", "agency",
    "add_standing", "add_planned", "include_inactive", "all",
]  # fmt: skip

# Each request gives each field a different one of these (rotating), so every
# field meets several kinds of garbage in a few requests.
VECTORS = [
    "not-a-uuid:sideways",
    "9" * 40,  # too big for any column, and for Decimal's precision
    "-1",
    "1e400",
    "NaN",
    "2026-02-31",
    "00000000-0000-4000-8000-000000000000",  # an id of nothing
    "x" * 20_000,
]
ROUNDS = 4
NUL = "a\x00b"  # alone: a request holding one is refused before any field is read


class _Fields(HTMLParser):
    def __init__(self):
        super().__init__()
        self.names, self.files = set(), set()

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag in {"input", "select", "textarea", "button"} and attrs.get("name"):
            if attrs.get("type") == "file":
                self.files.add(attrs["name"])
            else:
                self.names.add(attrs["name"])


def _fields(html):
    parser = _Fields()
    parser.feed(html)
    parser.names.discard("csrfmiddlewaretoken")
    return parser.names, parser.files


def _date_parts(names, value):
    """Date inputs come in threes (GOV.UK): a five-digit year and day 31 of February."""
    found = {}
    for name in names:
        if name.endswith("_year"):
            found[name] = value
        elif name.endswith("_month"):
            found[name] = "2"
        elif name.endswith("_day"):
            found[name] = "31"
    return found


def _send(client, method, url, data):
    response = getattr(client, method)(url, data)
    return response.status_code


@pytest.mark.parametrize("name", sorted(n for n, p in PROBES.items() if p.allowed))
def test_no_malformed_value_in_any_field_gives_a_server_error(name, tenant_a, client_for):
    probe = PROBES[name]
    with scopes_disabled():
        kwargs = probe.kwargs(tenant_a)
    url = reverse(name, kwargs={"partnership_slug": tenant_a.slug, **kwargs})
    role = sorted(probe.allowed)[0]
    client = client_for(tenant_a.users[role])
    client.raise_request_exception = False
    page = client.get(url)
    html = page.content.decode(errors="replace") if not page.streaming else ""
    names, files = _fields(html)
    failures = []
    keys = sorted(set(ALWAYS) | names)
    for n in range(ROUNDS + 1):
        if n == ROUNDS:
            values, label = dict.fromkeys(keys, NUL), "NUL"
        else:
            values = {key: VECTORS[(n + i) % len(VECTORS)] for i, key in enumerate(keys)}
            label = f"round {n}"
        if _send(client, "get", url, {key: values[key] for key in ALWAYS}) >= 500:
            failures.append(("GET", label))
        data = dict(values)
        # Date inputs come in threes (GOV.UK): a five-digit year, 31 February.
        data.update(_date_parts(names, "20261" if n % 2 else "x"))
        for field in files:
            data[field] = VECTORS[n % len(VECTORS)]  # text where a file belongs
        if _send(client, "post", url, data) >= 500:
            failures.append(("POST", label, {k: v[:20] for k, v in data.items()}))
    # Several values for each field, and a file where text belongs.
    many = {field: ["1", "not-a-uuid", ""] for field in names}
    many.update({field: SimpleUploadedFile("x.pdf", b"%PDF-1.4 garbage") for field in files})
    for field in sorted(names)[:1]:
        many[field] = SimpleUploadedFile("x.txt", b"text where a value belongs")
    status = _send(client, "post", url, many)
    if status >= 500:
        failures.append(("POST", "several values and files"))
    assert not failures, (role, url, sorted(names), failures)

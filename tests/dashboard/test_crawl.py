"""What users can click: from the home page, every role of a demo partnership
follows every link inside the partnership, every export button with its
filters, and every GET form submitted with the values it shows. No page may
answer 5xx, and no page may weigh more than 100 KB of HTML. The probes cover
what each app declares; this covers what the pages actually offer.

To stay fast on every `make test`, URLs are grouped by their route and the
names in their query string, and each group is visited a few times only (once
for a download)."""

import os
import re
from collections import Counter, deque
from html.parser import HTMLParser
from urllib.parse import parse_qsl, urlencode, urljoin, urlsplit

import pytest
from django.core.management import call_command
from django.urls import Resolver404, resolve
from django_scopes import scopes_disabled

from partnership.models import Membership, Partnership, Role

PAGE_LIMIT = 100 * 1024  # bytes of HTML
PER_SHAPE = 1  # pages per (route, query names)
PER_VIEW = 4  # pages per route, whatever their queries
PER_DOWNLOAD = 2  # downloads per route (one unfiltered, one filtered, say)
DEMO = "dudley"
# Pages over the limit that other work in hand slims down: reported, not failed.
# Remove an entry once its page is under the limit.
OVER_LIMIT_PENDING: set[str] = set()  # none: the minuting screen is under since the type-ahead


class _Page(HTMLParser):
    """The links and GET forms of a page (forms with their default values)."""

    def __init__(self):
        super().__init__()
        self.links, self.forms = [], []
        self._form = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "a" and attrs.get("href"):
            self.links.append(attrs["href"])
        elif tag == "form":
            method = (attrs.get("method") or "get").lower()
            self._form = None
            if method == "get":
                self._form = {"action": attrs.get("action") or "", "fields": []}
                self.forms.append(self._form)
        elif self._form is None or not attrs.get("name"):
            return
        elif tag == "input":
            kind = (attrs.get("type") or "text").lower()
            if kind in {"checkbox", "radio"} and "checked" not in attrs:
                return
            if kind in {"submit", "button", "image", "file"}:
                return
            self._form["fields"].append((attrs["name"], attrs.get("value") or ""))
        elif tag == "select":
            self._form["fields"].append([attrs["name"]])  # its value: _selected
        elif tag == "textarea":
            self._form["fields"].append((attrs["name"], ""))

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)

    def handle_endtag(self, tag):
        if tag == "form":
            self._form = None


def _parse(html):
    page = _Page()
    page.feed(html)
    # Select defaults: the selected option, else the first.
    for form in page.forms:
        fields = []
        for field in form["fields"]:
            if isinstance(field, list):
                fields.append((field[0], _selected(html, field[0])))
            else:
                fields.append(field)
        form["fields"] = fields
    return page


def _selected(html, name):
    match = re.search(rf'<select[^>]*name="{re.escape(name)}"[^>]*>(.*?)</select>', html, re.S)
    if not match:
        return ""
    options = re.findall(r"<option([^>]*)>", match.group(1))
    chosen = next((o for o in options if "selected" in o), options[0] if options else "")
    value = re.search(r'value="([^"]*)"', chosen)
    return value.group(1) if value else ""


def _shape(path, query):
    try:
        match = resolve(path)
    except Resolver404:
        return None
    return match.view_name, tuple(sorted({key for key, _ in parse_qsl(query)}))


def _crawl(client, slug):
    """Visits what this client can reach; returns (pages, problems, notes)."""
    inside = f"/p/{slug}/"
    queue = deque([("/", None), (inside, None)])
    seen_urls = set()
    visits = Counter()
    downloads = set()
    problems, notes = [], []
    pages = 0
    while queue:
        url, came_from = queue.popleft()
        if url in seen_urls:
            continue
        seen_urls.add(url)
        parts = urlsplit(url)
        shape = _shape(parts.path, parts.query)
        if shape is None:
            continue
        per_view = PER_DOWNLOAD if shape[0] in downloads else PER_VIEW
        if visits[shape] >= PER_SHAPE or visits[shape[0]] >= per_view:
            continue
        visits[shape] += 1
        visits[shape[0]] += 1
        response = client.get(url)
        pages += 1
        if response.status_code >= 500:
            problems.append((url, response.status_code))
            continue
        if response.status_code == 403:
            # A link the page offered that refuses: the page and the rule disagree.
            problems.append((url, f"403, linked from {came_from}"))
            continue
        if response.status_code in (301, 302):
            location = urljoin(url, response["Location"])
            if urlsplit(location).path.startswith(inside):
                queue.append((urlsplit(location)._replace(scheme="", netloc="").geturl(), url))
            continue
        content_type = response.get("Content-Type", "")
        if "Content-Disposition" in response or not content_type.startswith("text/html"):
            downloads.add(shape[0])
            continue
        html = response.content.decode()
        if len(response.content) > PAGE_LIMIT:
            weight = f"{len(response.content) / 1024:.0f} KB of HTML"
            (notes if shape[0] in OVER_LIMIT_PENDING else problems).append((url, weight))
        page = _parse(html)
        found = list(page.links)
        for form in page.forms:
            action = urljoin(url, form["action"]) if form["action"] else url
            action = urlsplit(action)._replace(query="", fragment="").geturl()
            found.append(f"{action}?{urlencode(form['fields'])}")
        for link in found:
            target = urlsplit(urljoin(url, link))
            if target.netloc not in ("", "testserver") or not target.path.startswith(inside):
                continue
            queue.append((target._replace(scheme="", netloc="", fragment="").geturl(), url))
    return pages, problems, notes


@pytest.fixture
def demo(db, settings, monkeypatch):
    settings.DEBUG = True
    # One demo partnership is enough, and a third of the time to seed.
    from partnership.demo import seed

    monkeypatch.setattr(seed, "PARTNERSHIPS", [p for p in seed.PARTNERSHIPS if p["slug"] == DEMO])
    call_command("seed_demo", verbosity=0)
    with scopes_disabled():
        return Partnership.objects.get(slug=DEMO)


def test_every_page_each_role_can_reach_answers_and_is_small(demo, client_for):
    with scopes_disabled():
        members = {
            role.value: Membership.objects.filter(partnership=demo, role=role, is_active=True)
            .select_related("user")
            .order_by("pk")
            .first()
            for role in Role
        }
    counts, problems, over = {}, {}, {}
    for role, membership in members.items():
        if membership is None:
            continue
        counts[role], found, notes = _crawl(client_for(membership.user), demo.slug)
        if found:
            problems[role] = found
        for url, weight in notes:
            over[resolve(urlsplit(url).path).view_name] = weight
    summary = ", ".join(f"{role} {count}" for role, count in counts.items())
    line = f"Pages crawled per role in {DEMO}: {summary}"
    if over:
        line += "; over 100 KB, pending: " + ", ".join(f"{v} ({w})" for v, w in over.items())
    if os.environ.get("CRAWL_REPORT"):
        with open(os.environ["CRAWL_REPORT"], "w") as report:
            report.write(line + "\n")
    print(line)
    assert len(counts) >= 5, counts
    assert all(count >= 20 for count in counts.values()), counts
    assert not problems, "\n".join(
        f"{role}: {url}: {what}" for role, found in problems.items() for url, what in found
    )

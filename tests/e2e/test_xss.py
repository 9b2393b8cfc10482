"""An XSS payload corpus through every free-text and rich-text field a user can
fill (people, boards, agenda items, minutes' discussion and decisions, actions
and their updates), into the pages that show them and the PDFs made from them:
0 executing, checked in Chromium (a payload that ran would call xss(); one the
CSP stopped would log a console error, which fails the test too; no element or
attribute a payload carries may reach the DOM), not by string matching alone."""

import datetime
import io

import pytest
from django.test import Client
from django.urls import reverse
from pypdf import PdfReader

from actions.services import action_update_add
from meetings.minutes import item_minutes_save, minutes_raise_action
from meetings.services import agenda_item_create, meeting_create
from partnership.services import board_create, person_create
from partnership.tenancy import in_partnership

from ..two_factor import needs_second_factor, pass_second_factor

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PAYLOADS = [
    "<script>xss('script')</script>",
    "<img src=x onerror=\"xss('img')\">",
    "<svg onload=\"xss('svg')\"><circle r=1></circle></svg>",
    "<svg><script>xss('svg-script')</script></svg>",
    "<a href=\"javascript:xss('link')\">click</a>",
    "<iframe src=\"javascript:xss('iframe')\"></iframe>",
    "\"><script>xss('break-out')</script>",
    "'><img src=x onerror=xss('quote')>",
    "<p style=\"width: expression(xss('css'))\">css</p>",
    "<div style=\"background:url(javascript:xss('css-url'))\">bg</div>",
    "<style>@import 'javascript:xss(1)';</style>",
    "<math><mtext><table><mglyph><style><img src=x onerror=xss('mxss')>",
    "<details open ontoggle=\"xss('toggle')\">",
    "<object data=\"javascript:xss('object')\"></object>",
    "javascript:xss('text')",
]
INJECTED = (
    "script:not([src]), [onerror], [onload], [ontoggle], iframe, object, "
    "a[href^='javascript' i], [style*='expression' i], [style*='javascript' i]"
)


def _world(tenant):
    manager = tenant.users["business_manager"]
    with in_partnership(tenant.partnership):
        people = [
            person_create(
                partnership=tenant.partnership,
                data={"full_name": payload[:200], "job_title": payload[:200]},
                acting_user=manager,
            )
            for payload in PAYLOADS
        ]
        for n, payload in enumerate(PAYLOADS):
            board_create(
                partnership=tenant.partnership,
                data={
                    "name": f"{n} {payload}"[:200],
                    "kind": "subgroup",
                    "reports_to": tenant.board,
                },
                acting_user=manager,
            )
        meeting = meeting_create(
            board=tenant.board,
            acting_user=manager,
            with_standing_items=False,
            date=datetime.date.today(),
            start_time=datetime.time(10),
            venue=PAYLOADS[0],
        )
        actions = []
        for n, payload in enumerate(PAYLOADS):
            item = agenda_item_create(meeting=meeting, acting_user=manager, title=payload[:200])
            item_minutes_save(
                item=item,
                discussion="".join(PAYLOADS) if n == 0 else payload,
                decisions=payload,
                version=0,
                acting_user=manager,
            )
            action = minutes_raise_action(
                item=item,
                description=payload,
                owners=[people[n]],
                due_date=None,
                acting_user=manager,
            )
            action_update_add(action=action, acting_user=manager, text=payload)
            actions.append(action)
    return meeting, actions, people


def _pages(tenant, meeting, actions, people):
    slug = {"partnership_slug": tenant.slug}
    yield reverse("home")
    yield reverse("dashboard:overview", kwargs=slug)
    yield reverse("dashboard:board-detail", kwargs={**slug, "board_uuid": tenant.board.uuid})
    yield reverse("dashboard:audit-log", kwargs=slug)
    m = {**slug, "meeting_uuid": meeting.uuid}
    for name in ("meeting-detail", "agenda", "minutes", "attendance"):
        yield reverse(f"meetings:{name}", kwargs=m)
    yield reverse("meetings:meeting-list", kwargs=slug)
    yield reverse("actions:log", kwargs=slug)
    for action in actions:
        yield reverse("actions:action-detail", kwargs={**slug, "action_uuid": action.uuid})
    yield reverse("partnership:person-list", kwargs=slug)
    for person in people[:5]:
        yield reverse("partnership:person-detail", kwargs={**slug, "person_uuid": person.uuid})


def _pdfs(tenant, meeting):
    slug = {"partnership_slug": tenant.slug}
    m = {**slug, "meeting_uuid": meeting.uuid}
    yield reverse("meetings:agenda-pdf", kwargs=m)
    yield reverse("meetings:minutes-pdf", kwargs=m)
    yield reverse("actions:export-pdf", kwargs=slug)


def test_no_payload_executes_in_any_page_or_pdf(page, live_server, sign_in, tenant_a):
    meeting, actions, people = _world(tenant_a)
    fired = []
    page.expose_function("xss", lambda where: fired.append((page.url, where)))
    sign_in(tenant_a.users["business_manager"])
    pages = list(_pages(tenant_a, meeting, actions, people))
    injected = {}
    for path in pages:
        response = page.goto(f"{live_server.url}{path}")
        assert response.status == 200, path
        page.wait_for_load_state("load")
        count = page.locator(INJECTED).count()
        if count:
            injected[path] = page.locator(INJECTED).evaluate_all("els => els.map(e => e.outerHTML)")
    # PDFs: rendered from the same text, with no script, no javascript: link,
    # and the payloads shown as the text they are.
    client = Client()
    user = tenant_a.users["business_manager"]
    client.force_login(user)
    if needs_second_factor(user):
        pass_second_factor(client, user)
    pdf_problems = []
    pdfs = list(_pdfs(tenant_a, meeting))
    for path in pdfs:
        response = client.get(path)
        assert response.status_code == 200 and response["Content-Type"] == "application/pdf", path
        body = b"".join(response.streaming_content) if response.streaming else response.content
        raw = body.replace(b" ", b"")
        if b"/JavaScript" in raw or b"/JS" in raw or b"javascript:" in raw.lower():
            pdf_problems.append(path)
        text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(body)).pages)
        assert "xss(" in text, path  # the payloads are there, as text
    print(
        f"\nXSS: {len(PAYLOADS)} payloads in 7 kinds of field; {len(pages)} pages and "
        f"{len(pdfs)} PDFs; {len(fired)} executed, {len(injected)} pages with injected markup, "
        f"{len(pdf_problems)} PDFs with script"
    )
    assert fired == []
    assert injected == {}
    assert pdf_problems == []

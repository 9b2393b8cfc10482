"""One long unbroken string (a pasted URL, an imported cell of 100,000
characters) never widens a page: the home page's My actions, the action log and
the import's pages stay within the window at desktop and phone widths, and the
import's scrolling tables can be reached from the keyboard (axe)."""

import datetime
import re

import pytest
from django.utils import timezone
from django_scopes import scopes_disabled
from playwright.sync_api import expect

from ..actions.factories import ActionFactory

UNBROKEN = "https://example.org/" + "a" * 100_000
WIDTHS = [1024, 320]


def _fits(page):
    return page.evaluate("() => [document.documentElement.scrollWidth, window.innerWidth]")


@pytest.mark.parametrize("width", WIDTHS)
def test_long_unbroken_text_wraps_on_home_and_action_log(
    page, live_server, sign_in, tenant_a, width
):
    with scopes_disabled():
        # Written before the limit on action text, or by an import that had none.
        ActionFactory(
            board=tenant_a.board,
            owners=[tenant_a.person],
            due_date=timezone.localdate() + datetime.timedelta(days=3),
            description=UNBROKEN,
        )
    page.set_viewport_size({"width": width, "height": 800})
    sign_in(tenant_a.users["member"])
    for path in ["/", f"/p/{tenant_a.slug}/actions/"]:
        page.goto(f"{live_server.url}{path}")
        expect(page.get_by_text("https://example.org/", exact=False).first).to_be_visible()
        scroll_width, window_width = _fits(page)
        assert scroll_width <= window_width, (path, width, scroll_width)


@pytest.mark.parametrize("width", WIDTHS)
def test_the_import_pages_stay_in_the_window_and_their_tables_are_focusable(
    page, live_server, sign_in, axe, tenant_a, settings, tmp_path, width
):
    settings.MEDIA_ROOT = tmp_path
    page.set_viewport_size({"width": width, "height": 800})
    sign_in(tenant_a.users["business_manager"])
    tracker = tmp_path / "tracker.csv"
    tracker.write_text(f"Action,Owner,Due date\n{UNBROKEN},MM,31/03/2030\nShort one,MM,\n")
    page.goto(f"{live_server.url}/p/{tenant_a.slug}/actions/import/?board={tenant_a.board.uuid}")
    page.get_by_label("Spreadsheet").set_input_files(str(tracker))
    page.get_by_role("button", name="Upload and continue").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Choose the columns")
    assert _fits(page)[0] <= width, _fits(page)
    axe()
    page.get_by_role("region", name="The first rows of the file, scrolling sideways").focus()
    page.get_by_role("button", name="Continue").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Check the actions")
    expect(page.get_by_role("table")).to_contain_text("2,000 or fewer")
    assert _fits(page)[0] <= width, _fits(page)
    axe()


def test_the_add_action_form_keeps_its_owners_after_back(page, live_server, sign_in, tenant_a):
    sign_in(tenant_a.users["business_manager"])
    base = f"{live_server.url}/p/{tenant_a.slug}/actions"
    page.goto(f"{base}/boards/{tenant_a.board.uuid}/")
    page.get_by_role("link", name="Add an action").click()
    page.get_by_label("Action", exact=True).fill("Review how we engage with schools")
    page.get_by_label("Owner 1", exact=True).fill("Morgan Member (MM)")
    page.get_by_label("Owner 2", exact=True).fill("All")
    # Off to check something (the log), then Back to finish the form.
    page.get_by_role("link", name="Back").first.click()
    expect(page).not_to_have_url(re.compile(r".*/new/.*"))
    page.go_back()
    expect(page.get_by_label("Owner 1", exact=True)).to_have_value("Morgan Member (MM)")
    expect(page.get_by_label("Owner 2", exact=True)).to_have_value("All")
    expect(page.get_by_label("Action", exact=True)).to_have_value(
        "Review how we engage with schools"
    )

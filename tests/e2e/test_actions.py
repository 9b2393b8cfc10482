"""The action log in a real browser: a board member filters to their overdue
actions, adds an update and completes one; the business unit raises an action,
imports a tracker and changes the settings. axe-core checks every page."""

import datetime
import re

import pytest
from django.utils import timezone
from django_scopes import scopes_disabled
from playwright.sync_api import expect

from actions.models import Action
from actions.owners import ALL

from ..actions.factories import ActionFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
DAY = datetime.timedelta(days=1)


@pytest.fixture
def log(tenant_a):
    today = timezone.localdate()
    return {
        "late": ActionFactory(
            board=tenant_a.board,
            owners=[tenant_a.person],
            due_date=today - 10 * DAY,
            description="Draft the funding letter to partners",
        ),
        "late_too": ActionFactory(
            board=tenant_a.board,
            owners=[ALL],
            due_date=today - 3 * DAY,
            description="Confirm when each partner's budget paper goes",
        ),
        "soon": ActionFactory(
            board=tenant_a.board,
            owners=[tenant_a.person],
            due_date=today + 2 * DAY,
            description="Circulate the summit agenda",
        ),
        "someone_elses": ActionFactory(
            board=tenant_a.board,
            owners=[tenant_a.agency],
            due_date=today - 5 * DAY,
            description="Present the fire service's safeguarding work",
        ),
    }


def _tab_to(page, name, limit=60):
    """Presses Tab until the element with this accessible text has focus."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        focused = page.evaluate("() => document.activeElement.innerText || ''")
        if focused.strip() == name:
            return
    raise AssertionError(f"Tab never reached {name!r}")


def test_a_board_member_updates_and_completes_their_overdue_actions(
    page, live_server, axe, sign_in, tenant_a, log
):
    sign_in(tenant_a.users["member"])
    # Home first (what needs me), then into the partnership.
    expect(page.get_by_role("main")).to_contain_text("Draft the funding letter to partners")
    page.get_by_role("link", name=tenant_a.partnership.name, exact=True).click()
    page.get_by_role("navigation", name="Menu").get_by_role("link", name="Action log").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Action log")
    axe()

    # Filter to my overdue actions.
    page.get_by_label("Only actions I own").check()
    page.get_by_label("Only overdue actions").check()
    page.get_by_role("button", name="Apply filters").first.click()
    table = page.get_by_role("table")
    expect(table.get_by_role("row")).to_have_count(3)  # header and two actions
    expect(table).to_contain_text("Draft the funding letter to partners")
    expect(table).to_contain_text("Confirm when each partner's budget paper goes")
    expect(table).not_to_contain_text("fire service")
    expect(table).to_contain_text("Red — overdue")
    expect(page.locator(".moj-filter__tag", has_text="Only overdue actions")).to_be_visible()
    axe()

    # Add an update, from the keyboard; htmx replaces the page's content in place.
    table.get_by_role("link", name=re.compile("Action .*1$")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Action 1")
    axe()
    page.evaluate("() => { window.stayedOnPage = true; }")
    page.get_by_label("Update", exact=True).focus()
    page.keyboard.type("Letters agreed with the chief executive; going out this week.")
    page.keyboard.press("Tab")  # to the status radios
    _tab_to(page, "Add update")
    page.keyboard.press("Enter")
    expect(page.locator(".govuk-notification-banner")).to_contain_text("Update added to action 1")
    expect(page.locator(".moj-timeline")).to_contain_text("going out this week")
    assert page.evaluate("() => window.stayedOnPage === true")  # no full page load
    axe()

    # Setting the RAG by hand without a reason is explained, and what was typed is kept.
    page.get_by_label("Update", exact=True).fill("All partners have replied")
    page.get_by_label("Amber", exact=True).check()
    page.get_by_role("button", name="Add update").click()
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_contain_text("Give a reason for setting the RAG by hand")
    expect(page.get_by_label("Update", exact=True)).to_have_value("All partners have replied")
    axe()
    page.get_by_label("Reason for setting the RAG by hand").fill("Letters out: maintain amber")
    page.get_by_role("button", name="Add update").click()
    expect(page.locator(".govuk-summary-list")).to_contain_text("Amber — set by hand")

    # Complete it.
    page.get_by_role("link", name="Mark as completed").click()
    axe()
    page.get_by_role("button", name="Mark as completed").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Enter what was done")
    axe()
    page.get_by_label("What was done").fill("Letters sent to all three partners.")
    page.get_by_role("button", name="Mark as completed").click()
    expect(page.locator(".govuk-notification-banner")).to_contain_text(
        "Action 1 marked as completed"
    )
    expect(page.locator(".govuk-summary-list")).to_contain_text("Green — completed")
    expect(page.get_by_role("link", name="Mark as completed")).to_have_count(0)
    axe()
    with scopes_disabled():
        action = Action.objects.get(pk=log["late"].pk)
        assert action.status == "completed"
        assert action.updates.count() == 4  # raised, two updates, completed

    # Someone else's action: readable, not theirs to update.
    page.goto(f"{live_server.url}{log['someone_elses'].get_absolute_url()}")
    expect(page.get_by_role("heading", name="Add an update")).to_have_count(0)

    # Home: My actions, overdue first.
    page.goto(f"{live_server.url}/")
    panel = page.locator("section", has=page.get_by_role("heading", name="My actions"))
    expect(panel.get_by_role("row").nth(1)).to_contain_text("Confirm when each partner")
    axe()


def test_the_business_unit_raises_imports_and_sets_reminders(
    page, live_server, axe, sign_in, tenant_a, log, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    sign_in(tenant_a.users["business_manager"])
    base = f"{live_server.url}/p/{tenant_a.slug}/actions"
    page.goto(f"{base}/boards/{tenant_a.board.uuid}/")
    axe()

    # Raise an action, with a mistake first.
    page.get_by_role("link", name="Add an action").click()
    axe()
    page.get_by_label("Action", exact=True).fill("Review how we engage with schools")
    page.get_by_label("Owner 1", exact=True).fill("Nobody Known")
    page.get_by_role("button", name="Add action").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("‘Nobody Known’ is not a person")
    axe()
    page.get_by_label("Owner 1", exact=True).fill("Morgan Member (MM)")
    page.get_by_label("Owner 2", exact=True).fill("All")
    page.locator("#id_due_date_0").fill("31")
    page.locator("#id_due_date_1").fill("3")
    page.locator("#id_due_date_2").fill("2030")
    page.get_by_role("button", name="Add action").click()
    expect(page.locator(".govuk-notification-banner")).to_contain_text("Action 5 added")
    expect(page.locator(".govuk-summary-list")).to_contain_text("Morgan Member, All")
    page.get_by_role("link", name="Change details").click()
    axe()

    # Import a tracker.
    page.goto(f"{base}/import/?board={tenant_a.board.uuid}")
    axe()
    tracker = tmp_path / "tracker.csv"
    tracker.write_text(
        "Action No,Action,Owner,Due date\n"
        "15,Draft letter to partners,MM,31/03/2030\n"
        "16,Update the neglect strategy,All,next month\n"
    )
    page.get_by_label("Spreadsheet").set_input_files(str(tracker))
    page.get_by_role("button", name="Upload and continue").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Choose the columns")
    axe()
    page.get_by_role("button", name="Continue").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Check the actions")
    expect(page.get_by_role("table")).to_contain_text("Due date ‘next month’ is not a date")
    axe()
    page.get_by_role("button", name="Import 1 action").click()
    expect(page.locator(".govuk-notification-banner")).to_contain_text("1 action imported")
    expect(page.get_by_role("table")).to_contain_text("Draft letter to partners")

    # Settings.
    page.get_by_role("link", name="Action log settings and reminders").click()
    axe()
    page.get_by_label("Warning window (days)").fill("0")
    page.get_by_role("button", name="Save settings").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("at least 1 day")
    axe()
    page.get_by_label("Warning window (days)").fill("14")
    page.get_by_role("button", name="Save settings").click()
    expect(page.locator(".govuk-notification-banner")).to_contain_text("settings saved")
    expect(page.get_by_text("in the next 14 days")).to_be_visible()

    # Overview shows each board's counts.
    page.goto(f"{live_server.url}/p/{tenant_a.slug}/")
    expect(
        page.locator(".app-tree__meta", has_text="Action log: 6 open, 3 overdue")
    ).to_be_visible()

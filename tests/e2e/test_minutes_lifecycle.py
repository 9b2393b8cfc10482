"""The minutes' way to approval in a real browser: the minute taker submits
from the end of the minuting screen, the independent chair returns them with
comments, the minute taker sees why, adds the date of the next meeting and
submits again, and the chair approves them outside a meeting with an amendment.
The meeting page then records who approved, when, where and the amendment's
words. axe-core checks every page on the way."""

import datetime

import pytest
from django_scopes import scope
from playwright.sync_api import expect

from meetings import minutes, services

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

COMMENTS = "Item 1: say who presented the feedback. Add the police deputy to the attendance."
AMENDMENT = "Item 1: the Vice Chair, not the Chair, presented the feedback."


@pytest.fixture
def held(tenant_a):
    """A meeting of the executive board held last week, minuted in draft."""
    with scope(partnership=tenant_a.partnership):
        meeting = services.meeting_create(
            board=tenant_a.board,
            acting_user=tenant_a.users["business_manager"],
            date=datetime.date.today() - datetime.timedelta(days=7),
            start_time=datetime.time(13, 0),
            venue="Council House",
        )
        minutes.item_minutes_save(
            item=meeting.items.get(kind="previous_minutes"),
            discussion="<p>The Chair presented feedback from the audit.</p>",
            decisions="",
            version=0,
            acting_user=tenant_a.users["minute_taker"],
        )
    return meeting


def test_submit_return_resubmit_and_approve(page, live_server, axe, sign_in, tenant_a, held):
    meeting_url = f"{live_server.url}{held.get_absolute_url()}"
    screen = f"{meeting_url}minutes/"

    # The minute taker finishes and submits from the end of the screen.
    sign_in(tenant_a.users["minute_taker"])
    page.goto(screen)
    axe()
    page.get_by_role("button", name="Submit for approval").click()
    expect(page.locator(".app-minutes-status")).to_contain_text("Submitted for approval")
    expect(page.locator(".govuk-tag").first).to_have_text("Minutes submitted for approval")
    axe()
    page.get_by_role("button", name="Sign out").click()

    # The independent chair finds them on her home page and returns them.
    sign_in(tenant_a.users["independent_chair"])
    page.goto(f"{live_server.url}/")
    expect(page.get_by_text("Minutes awaiting your approval")).to_be_visible()
    page.get_by_role("link", name=f"{tenant_a.board.name}, {held.date:%-d %B %Y}").click()
    axe()
    page.get_by_role("link", name="return them with comments").click()
    page.get_by_role("button", name="Return the minutes").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Enter what needs to change")
    axe()
    page.get_by_label("What needs to change").fill(COMMENTS)
    page.get_by_role("button", name="Return the minutes").click()
    expect(page.locator(".govuk-tag").first).to_have_text("Minutes in draft")
    page.goto(f"{live_server.url}/")
    expect(page.get_by_text("Minutes awaiting your approval")).to_have_count(0)
    page.get_by_role("button", name="Sign out").click()

    # The minute taker sees why, adds the next meeting's date, submits again.
    sign_in(tenant_a.users["minute_taker"])
    page.goto(screen)
    banner = page.locator(".govuk-notification-banner", has_text="Returned with comments")
    expect(banner).to_contain_text(COMMENTS)
    axe()
    page.get_by_role("link", name="Add the date of the next meeting").click()
    axe()
    next_date = datetime.date.today() + datetime.timedelta(days=49)
    page.locator("#id_next_meeting_date_0").fill(str(next_date.day))
    page.locator("#id_next_meeting_date_1").fill(str(next_date.month))
    page.locator("#id_next_meeting_date_2").fill(str(next_date.year))
    page.get_by_label("Time (optional)").fill("1pm")
    page.get_by_label("Venue (optional)").fill("Council House")
    page.get_by_role("button", name="Save").click()
    expect(page.locator("#next-meeting")).to_contain_text(f"{next_date:%-d %B %Y}, 1:00pm")
    page.get_by_role("button", name="Submit for approval").click()
    expect(page.locator(".app-minutes-status")).to_contain_text("Submitted for approval")
    page.get_by_role("button", name="Sign out").click()

    # The chair approves them from her home page: outside a meeting, amended.
    sign_in(tenant_a.users["independent_chair"])
    page.goto(f"{live_server.url}/")
    page.get_by_role("link", name=f"{tenant_a.board.name}, {held.date:%-d %B %Y}").click()
    expect(
        page.get_by_label("Outside a meeting (for example, by the chair by email)")
    ).to_be_checked()
    page.get_by_label("As a true and accurate record, with the following amendment").check()
    page.get_by_label("The amendment").fill(AMENDMENT)
    page.get_by_role("button", name="Approve the minutes").click()
    expect(page.locator(".govuk-tag").first).to_have_text("Minutes approved")
    record = page.locator(".app-approval")
    today = f"{datetime.date.today():%-d %B %Y}"
    expect(record).to_contain_text(f"outside a meeting, on {today}, with the following amendment:")
    expect(record).to_contain_text(AMENDMENT)
    history = page.locator(".app-minutes-history")
    expect(history.locator("li")).to_have_count(4)
    expect(history).to_contain_text("Returned with comments")
    axe()

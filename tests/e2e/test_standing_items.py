"""A board's standing items in a real browser: the business manager picks how
agendas are numbered and renames a standing item in place (htmx swaps the list,
focus goes where the keyboard needs it), through an error and back. axe on every
state of the page, and no console error after any swap."""

import re

import pytest
from django_scopes import scopes_disabled
from playwright.sync_api import expect

from meetings.models import StandingItem

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_business_manager_numbers_and_renames_standing_items_in_place(
    page, live_server, axe, sign_in, after_swap, tenant_a
):
    board = tenant_a.board
    settings = f"{live_server.url}/p/{tenant_a.slug}/meetings/boards/{board.uuid}/settings/"
    sign_in(tenant_a.users["business_manager"])
    page.goto(settings)
    expect(page.get_by_role("heading", level=1)).to_have_text("Meeting settings")
    standing = page.locator("#standing-items")
    rows = standing.locator("tbody tr")
    expect(rows).to_have_count(3)
    expect(rows.nth(0).locator("td").first).to_contain_text("Not numbered")
    expect(rows.nth(1).locator("td").first).to_have_text("1")
    axe()

    # Every item numbered, as Dudley's minutes are.
    page.get_by_label(re.compile("^Every item is numbered")).check()
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.locator(".govuk-notification-banner")).to_contain_text("Meeting settings")
    page.goto(settings)
    expect(rows.nth(0).locator("td").first).to_have_text("1")
    expect(rows.nth(2).locator("td").first).to_have_text("3")

    # Rename "Any other business" in place, from the keyboard.
    rename = page.get_by_role("link", name="Rename Any other business")
    rename.focus()
    after_swap(lambda: page.keyboard.press("Enter"))
    title = page.get_by_label("New title for ‘Any other business’")
    expect(title).to_be_focused()
    expect(title).to_have_value("Any other business")
    assert page.url == settings, "renamed in place, not on another page"
    axe()

    # A blank title: the GOV.UK error, in place, with the field kept open.
    title.fill("")
    after_swap(lambda: page.keyboard.press("Enter"))
    summary = standing.locator(".govuk-error-summary")
    expect(summary).to_contain_text("Enter the title of the standing item")
    expect(standing.locator(".govuk-error-message")).to_contain_text(
        "Enter the title of the standing item"
    )
    axe()

    title = page.get_by_label("New title for ‘Any other business’")
    title.fill("Any other business and close")
    after_swap(lambda: page.keyboard.press("Enter"))
    expect(standing.get_by_role("status")).to_contain_text(
        "‘Any other business’ renamed ‘Any other business and close’"
    )
    renamed = page.get_by_role("link", name="Rename Any other business and close")
    expect(renamed).to_be_focused()
    expect(rows.nth(2)).to_contain_text("Any other business and close")
    axe()

    # Cancel closes the field without saving.
    after_swap(lambda: page.get_by_role("link", name=re.compile("^Rename Welcome")).click())
    page.get_by_label(re.compile("^New title for")).fill("Never saved")
    after_swap(lambda: page.get_by_role("link", name=re.compile("^Cancel renaming")).click())
    expect(page.get_by_label(re.compile("^New title for"))).to_have_count(0)

    page.reload()
    expect(rows.nth(2)).to_contain_text("Any other business and close")
    with scopes_disabled():
        titles = list(
            StandingItem.objects.filter(board=board)
            .order_by("position")
            .values_list("title", flat=True)
        )
    assert titles == [
        "Welcome, introductions and apologies",
        "Minutes of the previous meeting, action log and matters arising",
        "Any other business and close",
    ]

"""Subscribing to a board's meetings from the board page, in a real browser."""

import pytest
from playwright.sync_api import expect

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_member_finds_and_replaces_their_calendar_link(page, live_server, axe, sign_in, tenant_a):
    sign_in(tenant_a.users["member"])
    page.goto(f"{live_server.url}{tenant_a.board.get_absolute_url()}")
    page.get_by_role("link", name="Subscribe to its meetings in your calendar app").click()
    link = page.get_by_label(f"Your link for {tenant_a.board.label}")
    old = link.input_value()
    assert "/calendar/" in old and old.endswith(".ics")
    axe()
    page.get_by_role("button", name="Replace my calendar links").click()
    expect(page.locator(".govuk-notification-banner")).to_contain_text("Old ones no longer work")
    assert link.input_value() != old
    axe()
    response = page.request.get(link.input_value())
    assert response.status == 200

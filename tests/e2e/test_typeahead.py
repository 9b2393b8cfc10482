"""The one type-ahead (static/js/typeahead.mjs) in a real browser: the combobox
pattern from the keyboard (arrows, Enter only while the list is open, Escape),
announced matches, Ctrl+Enter left to the page, "Create team" with its confirm
step, and axe with the list open."""

import re

import pytest
from django_scopes import scopes_disabled
from playwright.sync_api import expect

from actions.models import Action
from partnership.models import Team

from ..actions.factories import ActionFactory
from ..factories import PersonFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_owner_filter_from_the_keyboard(page, live_server, axe, sign_in, tenant_a):
    grant = PersonFactory(partnership=tenant_a.partnership, full_name="Philippa Grant")
    PersonFactory(partnership=tenant_a.partnership, full_name="Graham Norton")
    ActionFactory(board=tenant_a.board, owners=[grant], description="Grant's action")
    ActionFactory(board=tenant_a.board, owners=[tenant_a.agency], description="Agency action")
    sign_in(tenant_a.users["business_manager"])
    page.goto(f"{live_server.url}/p/{tenant_a.slug}/actions/")

    owner = page.get_by_role("combobox", name="Owner")
    expect(owner).to_have_attribute("aria-expanded", "false")
    owner.press_sequentially("gra")
    listbox = page.get_by_role("listbox", name="Suggestions: Owner")
    expect(listbox.get_by_role("option")).to_have_count(2)
    expect(owner).to_have_attribute("aria-expanded", "true")
    expect(page.locator("#app-typeahead-status")).to_contain_text("2 matches")
    axe()  # with the list open

    owner.press("ArrowDown")
    active = owner.get_attribute("aria-activedescendant")
    expect(page.locator(f"#{active}")).to_have_attribute("aria-selected", "true")
    owner.press("ArrowDown")
    owner.press("ArrowUp")
    expect(page.locator(f"#{owner.get_attribute('aria-activedescendant')}")).to_contain_text(
        "Graham Norton"
    )
    owner.press("Escape")
    expect(owner).to_have_attribute("aria-expanded", "false")

    owner.fill("")
    owner.press_sequentially("philippa")
    expect(listbox.get_by_role("option")).to_have_count(1)
    owner.press("ArrowDown")
    owner.press("Enter")  # picks: the list was open
    expect(owner).to_have_value("Philippa Grant")
    expect(owner).to_have_attribute("aria-expanded", "false")
    owner.press("Enter")  # submits: the list is closed
    expect(page).to_have_url(re.compile(r"owner=Philippa\+Grant"))
    expect(page.get_by_text("Grant's action")).to_be_visible()
    expect(page.get_by_text("Agency action")).to_have_count(0)


def test_owner_input_creates_a_team_after_confirming_and_leaves_ctrl_enter_alone(
    page, live_server, axe, sign_in, tenant_a
):
    sign_in(tenant_a.users["business_manager"])
    page.goto(f"{live_server.url}/p/{tenant_a.slug}/actions/new/?board={tenant_a.board.uuid}")
    page.evaluate(
        """() => document.addEventListener("keydown", (event) => {
             if (event.key === "Enter" && event.ctrlKey) window.ctrlEnter = !event.defaultPrevented;
           })"""
    )
    page.get_by_label("Action", exact=True).fill("Send the minutes to every partner")
    owner = page.get_by_role("combobox", name="Owner 1")
    owner.press_sequentially("Business Support Team")
    create = page.get_by_role("option", name="Create team ‘Business Support Team’")
    expect(create).to_be_visible()

    # Ctrl+Enter (the minuting screen's "add the action") is not the widget's.
    owner.press("ArrowDown")
    owner.press("Control+Enter")
    assert page.evaluate("() => window.ctrlEnter") is True
    expect(owner).to_have_value("Business Support Team")

    owner.press("Enter")  # the highlighted "Create team" option
    confirm = page.get_by_role("group", name="Create a team")
    expect(confirm).to_contain_text("Create a team called ‘Business Support Team’?")
    axe()
    confirm.get_by_role("button", name="Cancel").click()
    expect(confirm).to_have_count(0)
    expect(owner).to_be_focused()
    with scopes_disabled():
        assert not Team.objects.exists()

    owner.fill("")
    owner.press_sequentially("Business Support Team")
    page.get_by_role("option", name="Create team ‘Business Support Team’").click()
    page.get_by_role("button", name="Create team").click()
    expect(confirm).to_have_count(0)
    expect(owner).to_have_value("Business Support Team")
    with scopes_disabled():
        team = Team.objects.get(name="Business Support Team")
    page.get_by_role("button", name="Add action").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Action 1")
    with scopes_disabled():
        action = Action.objects.get(description="Send the minutes to every partner")
        assert [o.owner for o in action.owners.all()] == [team]


def test_several_owners_in_one_box_each_searched_at_the_caret(page, live_server, sign_in, tenant_a):
    PersonFactory(partnership=tenant_a.partnership, full_name="Ellen Foster", initials="EF")
    PersonFactory(partnership=tenant_a.partnership, full_name="Kit Walker", initials="KW")
    sign_in(tenant_a.users["business_manager"])
    page.goto(f"{live_server.url}/p/{tenant_a.slug}/actions/new/?board={tenant_a.board.uuid}")
    owner = page.get_by_role("combobox", name="Owner 1")
    owner.press_sequentially("Ellen")
    expect(page.get_by_role("option", name=re.compile("Ellen Foster"))).to_be_visible()
    owner.press("ArrowDown")
    owner.press("Enter")
    owner.press_sequentially("/kit")
    expect(page.get_by_role("option", name=re.compile("Kit Walker"))).to_be_visible()
    owner.press("ArrowDown")
    owner.press("Enter")
    expect(owner).to_have_value("Ellen Foster/Kit Walker")

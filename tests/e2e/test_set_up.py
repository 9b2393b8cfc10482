"""Setting up a new partnership in the browser, counting what it costs the
business manager (issue 12 item 11): page loads and form posts, printed; and
seating several people on a board at once from the people list."""

import re

import pytest
from django_scopes import scopes_disabled
from playwright.sync_api import expect

from partnership.models import Board, BoardMembership, Membership, PartnerAgency, Person

from ..factories import (
    BoardFactory,
    MembershipFactory,
    OrganisationFactory,
    PartnerAgencyFactory,
    PartnershipFactory,
    PersonFactory,
    UserFactory,
)
from .journeys import ACCOUNTS, AGENCIES, BOARD, PEOPLE, set_up_partnership

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_set_up_a_new_partnership(page, live_server, axe, sign_in):
    partnership = PartnershipFactory(name="Fairshire Safeguarding Partnership", slug="fairshire")
    manager = UserFactory(email="manager@fairshire.example.org")
    MembershipFactory(partnership=partnership, user=manager, role="business_manager")
    sign_in(manager)

    done = set_up_partnership(page, f"{live_server.url}/p/fairshire", check=axe)
    print(f"\nSetting up a partnership took {done.counter}")

    with scopes_disabled():
        assert PartnerAgency.objects.filter(partnership=partnership).count() == len(AGENCIES)
        assert Person.objects.filter(partnership=partnership).count() == len(PEOPLE)
        assert Membership.objects.filter(partnership=partnership).count() == 1 + len(ACCOUNTS)
        board = Board.objects.get(partnership=partnership, name=BOARD)
        seats = BoardMembership.objects.filter(board=board)
        assert sorted(s.person.full_name for s in seats) == sorted(
            name for name, *_, seat in PEOPLE if seat
        )
        assert board.meetings.count() == 1
    # What it cost is printed above; it must not grow back.
    assert done.counter.page_loads > 0 and done.counter.form_posts > 0


def test_the_business_manager_seats_several_people_on_a_board_from_the_people_list(
    page, live_server, axe, sign_in
):
    partnership = PartnershipFactory(name="Fairshire Safeguarding Partnership", slug="fairshire")
    manager = UserFactory(email="manager@fairshire.example.org")
    MembershipFactory(partnership=partnership, user=manager, role="business_manager")
    board = BoardFactory(partnership=partnership, name="Fairshire Executive")
    police = OrganisationFactory(name="Fairshire Police")
    PartnerAgencyFactory(partnership=partnership, organisation=police, display_name="The Force")
    names = ["Asha Bell", "Ben Carver", "Cleo Dunn", "Dev Evans"]
    for name in names:
        PersonFactory(partnership=partnership, full_name=name, organisation=police)
    sign_in(manager)

    page.goto(f"{live_server.url}/p/fairshire/people/")
    expect(page.get_by_role("heading", level=1)).to_have_text("People")
    # Each person's organisation as the partnership names it.
    expect(page.get_by_role("row", name=re.compile(names[0]))).to_contain_text("The Force")
    axe()

    # Nothing ticked: the GOV.UK error, and the choices made are kept.
    page.get_by_label("Add the people ticked to").select_option(label=board.name)
    page.get_by_role("button", name="Add to the board").click()
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_contain_text("Tick the people to add to the board")
    expect(page.get_by_label("Add the people ticked to")).to_have_value(str(board.uuid))
    axe()

    chosen = names[:3]
    for name in chosen:
        page.get_by_label(f"Choose {name}").check()
    page.get_by_role("group", name="As").get_by_label("Member", exact=True).check()
    page.get_by_role("button", name="Add to the board").click()
    expect(page.locator(".govuk-notification-banner")).to_contain_text(
        f"3 people added to {board.name}"
    )
    axe()

    # The board's page lists them as members.
    page.goto(f"{live_server.url}{board.get_absolute_url()}")
    expect(page.get_by_role("heading", level=1)).to_have_text(board.name)
    for name in chosen:
        row = page.get_by_role("row", name=re.compile(name))
        expect(row).to_contain_text("Member")
        expect(row).to_contain_text("The Force")
    expect(page.get_by_role("row", name=re.compile(names[3]))).to_have_count(0)
    axe()

    with scopes_disabled():
        seated = BoardMembership.objects.filter(board=board, role="member")
        assert sorted(s.person.full_name for s in seated) == chosen

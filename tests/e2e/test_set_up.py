"""Setting up a new partnership in the browser, counting what it costs the
business manager (issue 12 item 11): page loads and form posts, printed."""

import pytest
from django_scopes import scopes_disabled

from partnership.models import Board, BoardMembership, Membership, PartnerAgency, Person

from ..factories import MembershipFactory, PartnershipFactory, UserFactory
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

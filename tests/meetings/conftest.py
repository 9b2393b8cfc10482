import datetime

import pytest
from django.urls import reverse
from django_scopes import scope, scopes_disabled

from meetings import minutes, services
from meetings.models import AgendaItem
from partnership.models import BoardMembership, PartnerAgency

from ..factories import (
    BoardMembershipFactory,
    OrganisationFactory,
    PartnerAgencyFactory,
    PersonFactory,
)


@pytest.fixture
def in_scope(tenant_a):
    """Runs the test inside partnership A's scope (as a request would)."""
    with scope(partnership=tenant_a.partnership):
        yield


@pytest.fixture
def meeting(tenant_a, in_scope):
    """A meeting of A's executive board planned through the service: default
    standing items, then the items of the Herefordshire minutes' shape."""
    manager = tenant_a.users["business_manager"]
    meeting = services.meeting_create(
        board=tenant_a.board,
        acting_user=manager,
        date=datetime.date(2025, 12, 17),
        start_time=datetime.time(13, 0),
        end_time=datetime.time(14, 30),
        venue="Mordiford Room, Plough Lane, Hereford",
    )
    aob = meeting.items.get(title="Any other business")
    services.agenda_item_create(
        meeting=meeting,
        acting_user=manager,
        title="Feedback from the Quality and Effectiveness Group",
        purpose="assurance",
        presenter=tenant_a.person,
        after=meeting.items.get(kind=AgendaItem.Kind.PREVIOUS_MINUTES),
    )
    services.agenda_item_create(
        meeting=meeting,
        acting_user=manager,
        title="Case review: formal sign off (Child C)",
        is_confidential=True,
        after=meeting.items.get(title__startswith="Feedback"),
    )
    assert aob.pk
    return meeting


@pytest.fixture
def minuted(meeting, tenant_a):
    """The meeting with one item minuted in draft (test_pdf has a fuller one of
    its own)."""
    with scope(partnership=tenant_a.partnership):
        minutes.item_minutes_save(
            item=item(meeting, "Feedback"),
            discussion="<p>The Chair presented feedback.</p>",
            decisions="",
            version=0,
            acting_user=tenant_a.users["minute_taker"],
        )
    meeting.refresh_from_db()
    return meeting


def item(meeting, title):
    return meeting.items.get(title__startswith=title)


def url(name, tenant, **kwargs):
    return reverse(f"meetings:{name}", kwargs={"partnership_slug": tenant.slug, **kwargs})


@pytest.fixture
def statutory_partners(tenant_a):
    """Three statutory partners, with a member of the board for each (the
    standard cast's own agency becomes a relevant agency)."""
    with scopes_disabled():
        PartnerAgency.objects.filter(pk=tenant_a.agency.pk).update(kind=PartnerAgency.Kind.RELEVANT)
    seats = {}
    for name in ("Northshire Council", "Northshire Police", "Northshire ICB"):
        organisation = OrganisationFactory(name=name)
        PartnerAgencyFactory(
            partnership=tenant_a.partnership,
            organisation=organisation,
            kind=PartnerAgency.Kind.STATUTORY,
        )
        person = PersonFactory(partnership=tenant_a.partnership, organisation=organisation)
        seats[name] = BoardMembershipFactory(
            board=tenant_a.board, person=person, role=BoardMembership.Role.MEMBER
        )
    return seats

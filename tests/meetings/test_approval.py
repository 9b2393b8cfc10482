"""Approval by the chair or the independent chair freezes the minutes; later
corrections are amendments recorded beside them; then publication."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django_scopes import scope, scopes_disabled

from meetings import minutes, services
from meetings.models import ItemMinutes, Meeting, MinutesApproval
from partnership.models import BoardMembership

from ..factories import BoardMembershipFactory, MembershipFactory, PersonFactory, UserFactory
from .conftest import item, url


@pytest.fixture
def submitted(minuted, tenant_a):
    """The draft submitted for approval by the minute taker."""
    _submit(minuted, tenant_a)
    return minuted


def _submit(meeting, tenant):
    with scope(partnership=tenant.partnership):
        minutes.minutes_submit(meeting=meeting, acting_user=tenant.users["minute_taker"])
    meeting.refresh_from_db()


@pytest.fixture
def next_meeting(minuted, tenant_a):
    with scope(partnership=tenant_a.partnership):
        return services.meeting_create(
            board=tenant_a.board,
            acting_user=tenant_a.users["business_manager"],
            date=datetime.date(2026, 1, 28),
            venue="Online",
        )


def _approve(client, tenant, meeting, **data):
    return client.post(url("minutes-approve", tenant, meeting_uuid=meeting.uuid), data)


def test_the_independent_chair_approves_at_the_next_meetings_item(
    submitted, next_meeting, tenant_a, independent_chair_client
):
    minuted = submitted
    page = independent_chair_client.get(url("minutes-approve", tenant_a, meeting_uuid=minuted.uuid))
    assert "At the meeting on 28 January 2026" in page.content.decode()
    response = _approve(
        independent_chair_client, tenant_a, minuted, outcome="as_is", where=next_meeting.uuid
    )
    assert response.status_code == 302
    minuted.refresh_from_db()
    assert minuted.status == Meeting.Status.MINUTES_APPROVED
    with scopes_disabled():
        approval = MinutesApproval.objects.select_related("at_item").get(meeting=minuted)
    assert approval.approver_capacity == "Independent chair"
    assert approval.at_item.meeting == next_meeting
    assert approval.at_meeting == next_meeting
    assert approval.approved_on == next_meeting.date
    assert approval.amendment == ""


def test_the_boards_own_chair_approves_too_and_members_may_not(
    submitted, tenant_a, client_for, member_client
):
    minuted = submitted
    user = UserFactory()
    MembershipFactory(partnership=tenant_a.partnership, user=user, role="member")
    chair = PersonFactory(partnership=tenant_a.partnership, user=user, full_name="Liz Murphy")
    with scopes_disabled():
        BoardMembership.objects.filter(board=tenant_a.board, role="chair").update(
            end_date=datetime.date(2025, 1, 1), start_date=datetime.date(2024, 1, 1)
        )
    BoardMembershipFactory(board=tenant_a.board, person=chair, role=BoardMembership.Role.CHAIR)
    assert _approve(member_client, tenant_a, minuted, outcome="as_is").status_code == 403
    response = _approve(
        client_for(user), tenant_a, minuted, outcome="amended", amendment="", where="outside"
    )
    assert "Enter the amendment agreed" in response.content.decode()
    response = _approve(
        client_for(user),
        tenant_a,
        minuted,
        outcome="amended",
        amendment="Page 2: the early help group is operational, not strategic.",
        where="outside",
    )
    assert response.status_code == 302
    with scopes_disabled():
        approval = MinutesApproval.objects.get(meeting=minuted)
    assert approval.approver_capacity == "Chair"
    assert approval.approver_name == "Liz Murphy"  # as the partnership names her
    assert approval.amendment.startswith("Page 2")


def test_minutes_not_yet_held_cannot_be_approved(meeting, tenant_a):
    with scope(partnership=tenant_a.partnership), pytest.raises(ValidationError):
        minutes.minutes_approve(
            meeting=meeting, acting_user=tenant_a.users["independent_chair"], capacity="Chair"
        )


def test_approved_minutes_are_frozen_everywhere(submitted, tenant_a, minute_taker_client):
    minuted = submitted
    chair = tenant_a.users["independent_chair"]
    with scope(partnership=tenant_a.partnership):
        minutes.minutes_approve(meeting=minuted, acting_user=chair, capacity="Independent chair")
        feedback = item(minuted, "Feedback")
        with pytest.raises(ValidationError, match="approved"):
            minutes.item_minutes_save(
                item=feedback, discussion="Changed", decisions="", version=1, acting_user=chair
            )
        with pytest.raises(ValidationError, match="approved"):
            minutes.minutes_raise_action(
                item=feedback, description="x", owners=["all"], due_date=None, acting_user=chair
            )
        with pytest.raises(ValidationError, match="approved"):
            services.attendance_record(meeting=minuted, statuses={}, acting_user=chair)
        with pytest.raises(ValidationError, match="approved"):
            services.agenda_item_update(item=feedback, acting_user=chair, title="Renamed")
        with pytest.raises(ValidationError, match="already been approved"):
            minutes.minutes_approve(meeting=minuted, acting_user=chair, capacity="Chair")
        assert (
            ItemMinutes.objects.get(item=feedback).discussion
            == "<p>The Chair presented feedback.</p>"
        )
    page = minute_taker_client.get(url("minutes", tenant_a, meeting_uuid=minuted.uuid))
    html = page.content.decode()
    assert "These minutes were approved and cannot change" in html
    assert "data-autosave" not in html
    response = minute_taker_client.post(
        url("minutes-item", tenant_a, meeting_uuid=minuted.uuid, item_uuid=feedback.uuid),
        {
            f"m-{feedback.uuid}-discussion": "Sneaky",
            f"m-{feedback.uuid}-decisions": "",
            f"m-{feedback.uuid}-version": 1,
        },
    )
    assert (
        "The minutes have been approved: record an amendment instead" in response.content.decode()
    )


def test_corrections_after_approval_are_recorded_amendments(
    minuted, tenant_a, business_manager_client, independent_chair_client, member_client
):
    amend = url("minutes-amend", tenant_a, meeting_uuid=minuted.uuid)
    response = business_manager_client.post(amend, {"item": "", "text": "Too early"})
    assert "still a draft" in response.content.decode()
    _submit(minuted, tenant_a)
    _approve(independent_chair_client, tenant_a, minuted, outcome="as_is", where="outside")
    assert member_client.get(amend).status_code == 403
    with scopes_disabled():
        feedback = item(minuted, "Feedback")
    response = business_manager_client.post(
        amend, {"item": feedback.uuid, "text": "The Vice Chair, not the Chair, presented."}
    )
    assert response.status_code == 302
    detail = business_manager_client.get(minuted.get_absolute_url()).content.decode()
    assert "Amendments recorded after approval" in detail
    assert "The Vice Chair, not the Chair, presented." in detail
    with scopes_disabled():
        # The minutes themselves did not change.
        assert ItemMinutes.objects.get(item=feedback).discussion == (
            "<p>The Chair presented feedback.</p>"
        )


def test_minutes_are_published_only_once_approved(
    minuted, tenant_a, business_manager_client, independent_chair_client
):
    publish = url("minutes-publish", tenant_a, meeting_uuid=minuted.uuid)
    response = business_manager_client.post(publish)
    assert "Only approved minutes can be published" in response.content.decode()
    _submit(minuted, tenant_a)
    _approve(independent_chair_client, tenant_a, minuted, outcome="as_is", where="outside")
    assert business_manager_client.post(publish).status_code == 302
    minuted.refresh_from_db()
    assert minuted.status == Meeting.Status.PUBLISHED
    assert minuted.minutes_published_at is not None


def test_the_next_meetings_minuting_screen_shows_the_approval(
    minuted, next_meeting, tenant_a, independent_chair_client, minute_taker_client
):
    screen = url("minutes", tenant_a, meeting_uuid=next_meeting.uuid)
    html = minute_taker_client.get(screen).content.decode()
    assert "In draft: not yet submitted for approval" in html
    _submit(minuted, tenant_a)
    html = minute_taker_client.get(screen).content.decode()
    assert "Awaiting approval by the chair or the independent chair" in html
    _approve(
        independent_chair_client,
        tenant_a,
        minuted,
        outcome="amended",
        amendment="Page 2",
        where=next_meeting.uuid,
    )
    html = minute_taker_client.get(screen).content.decode()
    assert "Approved</strong> on" in html
    assert "with the following amendment: Page 2" in html

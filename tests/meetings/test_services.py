"""Meetings, agendas and the forward plan through their services."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from meetings import minutes, services
from meetings.models import AgendaItem, Attendance, Meeting
from partnership.models import BoardMembership

from ..factories import BoardMembershipFactory, PersonFactory
from .conftest import item
from .factories import ForwardPlanItemFactory, StandingItemFactory

pytestmark = pytest.mark.usefixtures("in_scope")


def _numbers(meeting):
    return [(i.number, i.title) for i in meeting.items.order_by("position")]


def test_a_new_meeting_starts_with_the_default_items_and_lists_the_board(tenant_a, meeting):
    assert [n for n, _ in _numbers(meeting)] == ["", "1", "2", "3", "4"]
    assert item(meeting, "Minutes of the previous").kind == AgendaItem.Kind.PREVIOUS_MINUTES
    listed = {row.person.full_name: row for row in meeting.attendance.all()}
    assert set(listed) == {"Morgan Member", "Chris Chair"}
    assert all(row.status == Attendance.Status.EXPECTED for row in listed.values())
    assert meeting.status == Meeting.Status.PLANNED


def test_a_meeting_takes_the_boards_standing_items_in_order(tenant_a):
    StandingItemFactory(board=tenant_a.board, position=2, title="Voice of the child")
    StandingItemFactory(
        board=tenant_a.board, position=1, title="Minutes and action log", kind="previous_minutes"
    )
    meeting = services.meeting_create(
        board=tenant_a.board,
        acting_user=tenant_a.users["business_manager"],
        date=datetime.date(2026, 1, 28),
        venue="Online",
    )
    assert _numbers(meeting) == [("1", "Minutes and action log"), ("2", "Voice of the child")]


def test_an_extraordinary_meeting_has_its_single_item(tenant_a):
    meeting = services.meeting_create(
        board=tenant_a.board,
        acting_user=tenant_a.users["business_manager"],
        date=datetime.date(2014, 12, 17),
        kind=Meeting.Kind.EXTRAORDINARY,
        subject="Child sexual exploitation",
        venue="Saltwells",
    )
    assert _numbers(meeting) == [("1", "Child sexual exploitation")]


def test_people_in_attendance_on_the_board_are_listed_but_not_as_members(tenant_a):
    officer = PersonFactory(partnership=tenant_a.partnership, full_name="Ed Hughes")
    BoardMembershipFactory(
        board=tenant_a.board, person=officer, role=BoardMembership.Role.IN_ATTENDANCE
    )
    meeting = services.meeting_create(
        board=tenant_a.board,
        acting_user=tenant_a.users["business_manager"],
        date=datetime.date(2026, 2, 4),
        venue="Online",
    )
    assert meeting.attendance.get(person=officer).is_member is False


def test_items_are_numbered_as_they_are_added_and_moved(tenant_a, meeting):
    manager = tenant_a.users["business_manager"]
    feedback = item(meeting, "Feedback")
    services.agenda_item_create(
        meeting=meeting, acting_user=manager, title="LADO", numbering="sub", after=feedback
    )
    services.agenda_item_create(
        meeting=meeting,
        acting_user=manager,
        title="CDOP",
        numbering="lettered",
        after=item(meeting, "LADO"),
    )
    assert _numbers(meeting) == [
        ("", "Welcome, introductions and apologies"),
        ("1", "Minutes of the previous meeting, action log and matters arising"),
        ("2", "Feedback from the Quality and Effectiveness Group"),
        ("2.1", "LADO"),
        ("2a", "CDOP"),
        ("3", "Case review: formal sign off (Child C)"),
        ("4", "Any other business"),
    ]
    moved = services.agenda_item_move(
        item=item(meeting, "Case review"), direction="up", acting_user=manager
    )
    assert moved
    # A lettered part belongs to whatever number comes before it.
    assert [n for n, _ in _numbers(meeting)][3:6] == ["2.1", "3", "3a"]
    # Moving the first item up is a no-op, not an error.
    welcome = item(meeting, "Welcome")
    assert not services.agenda_item_move(item=welcome, direction="up", acting_user=manager)


def test_moving_swaps_neighbours_and_renumbers(tenant_a, meeting):
    manager = tenant_a.users["business_manager"]
    services.agenda_item_move(item=item(meeting, "Any other"), direction="up", acting_user=manager)
    assert [t for _, t in _numbers(meeting)][-2:] == [
        "Any other business",
        "Case review: formal sign off (Child C)",
    ]
    assert [n for n, _ in _numbers(meeting)] == ["", "1", "2", "3", "4"]


def test_a_typed_number_is_kept_and_the_rest_count_on_from_it(tenant_a, meeting):
    services.agenda_item_update(
        item=item(meeting, "Feedback"), acting_user=tenant_a.users["business_manager"], number="2a"
    )
    services.agenda_item_create(
        meeting=meeting,
        acting_user=tenant_a.users["business_manager"],
        title="LADO",
        numbering="sub",
        after=item(meeting, "Feedback"),
    )
    assert [n for n, _ in _numbers(meeting)] == ["", "1", "2a", "2.1", "3", "4"]


def test_an_item_with_minutes_or_papers_cannot_be_removed(tenant_a, meeting):
    manager = tenant_a.users["business_manager"]
    feedback = item(meeting, "Feedback")
    minutes.item_minutes_save(
        item=feedback, discussion="Discussed", decisions="", version=0, acting_user=manager
    )
    with pytest.raises(ValidationError, match="minutes recorded"):
        services.agenda_item_remove(item=feedback, acting_user=manager)
    services.agenda_item_remove(item=item(meeting, "Any other"), acting_user=manager)
    assert [n for n, _ in _numbers(meeting)] == ["", "1", "2", "3"]


def test_standing_and_forward_plan_items_can_be_added_to_an_agenda(tenant_a, meeting):
    manager = tenant_a.users["business_manager"]
    standing = StandingItemFactory(board=tenant_a.board, title="Voice of the child")
    plan = ForwardPlanItemFactory(board=tenant_a.board, title="Section 11 audit", meeting=meeting)
    services.agenda_add_standing_items(meeting=meeting, standing=[standing], acting_user=manager)
    services.agenda_add_from_forward_plan(meeting=meeting, plan_items=[plan], acting_user=manager)
    added = item(meeting, "Section 11")
    assert added.forward_plan_item == plan
    assert _numbers(meeting)[-2:] == [("5", "Voice of the child"), ("6", "Section 11 audit")]


def test_publishing_the_agenda_moves_the_meeting_on_once(tenant_a, meeting):
    services.agenda_publish(meeting=meeting, acting_user=tenant_a.users["business_manager"])
    assert meeting.status == Meeting.Status.AGENDA_PUBLISHED
    assert meeting.agenda_published_at is not None
    with pytest.raises(ValidationError):
        services.agenda_publish(meeting=meeting, acting_user=tenant_a.users["business_manager"])


def test_statuses_never_go_back(tenant_a, meeting):
    services.advance(meeting, Meeting.Status.MINUTES_DRAFT)
    services.advance(meeting, Meeting.Status.HELD)
    assert meeting.status == Meeting.Status.MINUTES_DRAFT


def test_forward_plan_offers_for_a_meeting(tenant_a, meeting):
    from meetings.selectors import forward_plan_offers

    this_meeting = ForwardPlanItemFactory(board=tenant_a.board, title="For it", meeting=meeting)
    this_month = ForwardPlanItemFactory(
        board=tenant_a.board, title="December", month=datetime.date(2025, 12, 1)
    )
    unscheduled = ForwardPlanItemFactory(board=tenant_a.board, title="Some time", month=None)
    ForwardPlanItemFactory(board=tenant_a.board, title="Later", month=datetime.date(2026, 3, 1))
    ForwardPlanItemFactory(board=tenant_a.board, title="Dropped", month=None, is_withdrawn=True)
    ForwardPlanItemFactory(board=tenant_a.subgroup, title="Another board's", month=None)
    offers = forward_plan_offers(meeting)
    assert {o.title for o in offers} == {this_meeting.title, this_month.title, unscheduled.title}

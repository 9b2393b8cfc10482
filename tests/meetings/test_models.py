import datetime
from types import SimpleNamespace

import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone
from django_scopes import scopes_disabled

from meetings.models import Attendance, ItemMinutes, Meeting
from meetings.numbering import agenda_numbers
from partnership.tenancy import PartnershipMismatch, partnership_mismatches

from ..factories import BoardFactory
from .factories import (
    AgendaItemFactory,
    AttendanceFactory,
    ForwardPlanItemFactory,
    ItemMinutesFactory,
    MeetingFactory,
    PaperFactory,
)


def _items(*specs):
    return [
        SimpleNamespace(numbering=style, number=number or "", number_is_manual=bool(number))
        for style, number in specs
    ]


def test_numbering_counts_main_lettered_and_numbered_minutes():
    items = _items(
        ("none", None),
        ("main", None),
        ("main", None),
        ("lettered", None),
        ("sub", None),
        ("lettered", None),
        ("sub", None),
        ("main", None),
    )
    assert agenda_numbers(items) == ["", "1", "2", "2a", "2.1", "2b", "2.2", "3"]


def test_numbering_the_herefordshire_way_with_a_typed_number():
    """1, then 2a typed by hand (no item 2), minutes 2.1 to 2.5, 2b, 2.6, then 3."""
    items = _items(
        ("none", None),
        ("main", None),
        ("lettered", "2a"),
        *[("sub", None)] * 5,
        ("lettered", None),
        ("sub", None),
        ("main", None),
        ("main", None),
    )
    assert agenda_numbers(items) == [
        "",
        "1",
        "2a",
        "2.1",
        "2.2",
        "2.3",
        "2.4",
        "2.5",
        "2b",
        "2.6",
        "3",
        "4",
    ]


def test_a_typed_main_number_restarts_the_count():
    items = _items(("main", "5"), ("sub", None), ("main", None))
    assert agenda_numbers(items) == ["5", "5.1", "6"]


def test_a_typed_number_that_is_not_a_number_is_kept_and_counting_goes_on():
    items = _items(("main", None), ("main", "AOB"), ("main", None))
    assert agenda_numbers(items) == ["1", "AOB", "3"]


def test_children_take_their_partnership_from_their_parents(tenant_a):
    minutes = ItemMinutesFactory(
        item=AgendaItemFactory(meeting=MeetingFactory(board=tenant_a.board))
    )
    assert minutes.partnership_id == tenant_a.partnership.pk
    assert partnership_mismatches() == []


def test_a_one_to_one_child_pointing_into_another_partnership_is_refused(tenant_a, tenant_b):
    foreign_item = AgendaItemFactory(meeting=MeetingFactory(board=tenant_b.board))
    with scopes_disabled(), pytest.raises(PartnershipMismatch):
        ItemMinutes(partnership=tenant_a.partnership, item=foreign_item).save()


def test_attendance_of_someone_from_another_partnership_is_refused(tenant_a, tenant_b):
    meeting = MeetingFactory(board=tenant_a.board)
    with pytest.raises(PartnershipMismatch):
        AttendanceFactory(meeting=meeting, person=tenant_b.person)


@pytest.mark.parametrize(
    ("received", "late"),
    [
        (datetime.datetime(2025, 12, 11, 0, 0), False),
        (datetime.datetime(2025, 12, 11, 23, 59, 59), False),  # on the deadline day
        (datetime.datetime(2025, 12, 12, 0, 0), True),  # the day after it
        (datetime.datetime(2025, 12, 18, 9, 0), True),
    ],
)
def test_a_paper_is_late_after_the_deadline_day(tenant_a, received, late):
    """Herefordshire: seven days. Meeting on 18 December: due by the end of the 11th."""
    meeting = MeetingFactory(board=tenant_a.board, date=datetime.date(2025, 12, 18))
    paper = PaperFactory(
        item=AgendaItemFactory(meeting=meeting),
        received_at=timezone.make_aware(received),
    )
    assert meeting.paper_deadline == datetime.date(2025, 12, 11)
    assert paper.is_late is late
    assert paper.in_pack is not late


def test_the_deadline_follows_the_boards_late_paper_days(tenant_a):
    board = BoardFactory(partnership=tenant_a.partnership, late_paper_days=0)
    meeting = MeetingFactory(board=board, date=datetime.date(2025, 12, 18))
    assert meeting.paper_deadline == datetime.date(2025, 12, 18)


def test_a_late_paper_cannot_be_accepted_without_a_reason(tenant_a):
    paper = PaperFactory(item=AgendaItemFactory(meeting=MeetingFactory(board=tenant_a.board)))
    paper.late_accepted_at = timezone.now()
    with scopes_disabled(), pytest.raises(IntegrityError), transaction.atomic():
        paper.save()


def test_someone_is_listed_once_per_meeting_and_never_deputises_for_themselves(tenant_a):
    meeting = MeetingFactory(board=tenant_a.board)
    AttendanceFactory(meeting=meeting, person=tenant_a.person)
    with pytest.raises(IntegrityError), transaction.atomic():
        AttendanceFactory(meeting=meeting, person=tenant_a.person)
    with pytest.raises(IntegrityError), transaction.atomic():
        AttendanceFactory(
            meeting=MeetingFactory(board=tenant_a.board),
            person=tenant_a.person,
            on_behalf_of=tenant_a.person,
            status=Attendance.Status.PRESENT,
        )


def test_a_forward_plan_month_is_the_first_of_a_month(tenant_a):
    with pytest.raises(IntegrityError), transaction.atomic():
        ForwardPlanItemFactory(board=tenant_a.board, month=datetime.date(2030, 3, 2))


def test_statuses_only_count_forward(tenant_a):
    meeting = MeetingFactory(board=tenant_a.board, status=Meeting.Status.MINUTES_DRAFT)
    assert meeting.reached(Meeting.Status.HELD)
    assert not meeting.reached(Meeting.Status.MINUTES_APPROVED)
    assert not meeting.minutes_frozen
    meeting.status = Meeting.Status.PUBLISHED
    assert meeting.minutes_frozen

"""seed_demo gives every demo board meetings: approved minutes (one with an
amendment), minutes submitted for approval or returned with comments, each
naming the next meeting, and the next meeting with its agenda and papers."""

import pytest
from django.core.management import call_command
from django_scopes import scopes_disabled

from meetings.models import Meeting, MinutesApproval, MinutesTransition, Paper
from partnership.models import Board
from partnership.tenancy import partnership_mismatches


@pytest.fixture
def seeded(db, settings):
    settings.DEBUG = True
    call_command("seed_demo")


def test_every_demo_board_has_its_meetings(seeded):
    with scopes_disabled():
        for board in Board.objects.all():
            statuses = set(Meeting.objects.filter(board=board).values_list("status", flat=True))
            assert {"minutes_approved", "agenda_published", "planned"} <= statuses
            # Last week's minutes: with the chair, or (a subgroup's) returned.
            assert statuses & {"minutes_submitted", "minutes_draft"}
            upcoming = Meeting.objects.get(board=board, status="agenda_published")
            assert Paper.objects.filter(item__meeting=upcoming).count() == 2
        assert Meeting.objects.filter(status="published").exists()
        assert Paper.objects.filter(late_accepted_at__isnull=True).exists()
        # The minutes' life shows: submitted, returned with comments, approved
        # at a held meeting with the amendment's own words, the next meeting named.
        assert Meeting.objects.filter(status="minutes_submitted").exists()
        assert MinutesTransition.objects.filter(kind="returned").exclude(comments="").exists()
        amended = MinutesApproval.objects.exclude(amendment="").select_related("at_meeting")
        assert amended.exists()
        assert all(a.at_meeting.date == a.approved_on for a in amended)
        assert not Meeting.objects.filter(
            status__in=["minutes_submitted", "minutes_approved", "published"],
            next_meeting_date__isnull=True,
        ).exists()
    assert partnership_mismatches() == []


def test_seeding_again_adds_no_meetings(seeded):
    with scopes_disabled():
        before = Meeting.objects.count()
    call_command("seed_demo")
    with scopes_disabled():
        assert Meeting.objects.count() == before


def test_demo_agendas_number_the_welcome_as_each_board_does(seeded):
    with scopes_disabled():
        for slug, first in (("dudley", "1"), ("herefordshire", "")):
            board = Board.objects.get(partnership__slug=slug, kind="board")
            planned = Meeting.objects.filter(board=board, status="planned").latest("date")
            numbers = list(planned.items.order_by("position").values_list("number", flat=True))
            assert numbers[:2] == [first, "2" if first else "1"], slug

"""seed_demo gives every demo board meetings: approved minutes, draft minutes
awaiting approval, and the next meeting with its agenda and papers."""

import pytest
from django.core.management import call_command
from django_scopes import scopes_disabled

from meetings.models import Meeting, Paper
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
            assert {"minutes_approved", "minutes_draft", "agenda_published", "planned"} <= statuses
            upcoming = Meeting.objects.get(board=board, status="agenda_published")
            assert Paper.objects.filter(item__meeting=upcoming).count() == 2
        assert Meeting.objects.filter(status="published").exists()
        assert Paper.objects.filter(late_accepted_at__isnull=True).exists()
    assert partnership_mismatches() == []


def test_seeding_again_adds_no_meetings(seeded):
    with scopes_disabled():
        before = Meeting.objects.count()
    call_command("seed_demo")
    with scopes_disabled():
        assert Meeting.objects.count() == before

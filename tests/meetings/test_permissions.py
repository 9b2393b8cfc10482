"""The queries behind the home page's meetings panel are the permission rules as
querysets: they must agree with the functions the pages refuse with, for every
role, or a panel would offer what the page then refuses (or hide what it allows)."""

import datetime

import pytest
from django.utils import timezone
from django_scopes import scope, scopes_disabled

from meetings.models import Meeting
from meetings.permissions import boards_chaired_by, can_chair, can_upload_paper
from meetings.selectors import minutes_awaiting_approval, papers_due_from
from partnership.models import BoardMembership, Role

from ..factories import BoardMembershipFactory, PersonFactory
from .factories import AgendaItemFactory, MeetingFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def drafts(tenant_a):
    """Submitted, draft and approved minutes on both boards; the board member
    chairs the subgroup."""
    with scopes_disabled():
        BoardMembershipFactory(
            board=tenant_a.subgroup, person=tenant_a.person, role=BoardMembership.Role.CHAIR
        )
    return [
        MeetingFactory(board=board, status=Meeting.Status.MINUTES_SUBMITTED, date=date)
        for board, date in (
            (tenant_a.board, datetime.date(2026, 9, 1)),
            (tenant_a.subgroup, datetime.date(2026, 9, 8)),
        )
    ] + [
        MeetingFactory(board=board, status=status)
        for board in (tenant_a.board, tenant_a.subgroup)
        for status in (Meeting.Status.MINUTES_DRAFT, Meeting.Status.MINUTES_APPROVED)
    ]


def test_minutes_awaiting_approval_agree_with_who_may_chair(tenant_a, drafts):
    with scope(partnership=tenant_a.partnership):
        for role, membership in tenant_a.memberships.items():
            listed = set(minutes_awaiting_approval(membership))
            # The rule: submitted minutes, on a board this member chairs.
            expected = {
                m
                for m in drafts
                if m.status == Meeting.Status.MINUTES_SUBMITTED and can_chair(membership, m.board)
            }
            assert listed == expected, role
            chaired = set(boards_chaired_by(membership))
            assert chaired == {
                b for b in (tenant_a.board, tenant_a.subgroup) if can_chair(membership, b)
            }
        assert {m.board for m in minutes_awaiting_approval(tenant_a.memberships[Role.MEMBER])} == {
            tenant_a.subgroup
        }
        assert len(minutes_awaiting_approval(tenant_a.memberships[Role.INDEPENDENT_CHAIR])) == 2


def test_papers_due_agree_with_who_may_upload(tenant_a):
    """Every item the panel lists as due from me is one I may upload to; the
    confidential one is not listed for an observer who presents it."""
    coming = timezone.localdate() + datetime.timedelta(days=20)
    with scopes_disabled():
        observer_person = PersonFactory(
            partnership=tenant_a.partnership, user=tenant_a.users["observer"]
        )
    meeting = MeetingFactory(board=tenant_a.board, date=coming)
    items = [
        AgendaItemFactory(meeting=meeting, presenter=presenter, is_confidential=secret)
        for presenter in (tenant_a.person, observer_person)
        for secret in (False, True)
    ]
    with scope(partnership=tenant_a.partnership):
        for role in (Role.MEMBER, Role.OBSERVER):
            membership = tenant_a.memberships[role]
            listed = set(papers_due_from(membership))
            person = membership.person
            expected = {
                item
                for item in items
                if item.presenter_id == person.pk and can_upload_paper(membership, item)
            }
            assert listed == expected, role
        assert len(papers_due_from(tenant_a.memberships[Role.MEMBER])) == 2
        assert len(papers_due_from(tenant_a.memberships[Role.OBSERVER])) == 1

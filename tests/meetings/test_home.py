""" "My meetings" on the home page, across partnerships, by each membership's
permissions."""

import datetime

from django.utils import timezone
from django_scopes import scope

from meetings import minutes, services
from partnership.models import BoardMembership

from ..factories import BoardMembershipFactory, MembershipFactory, PersonFactory


def _meeting(tenant, board, days, **fields):
    with scope(partnership=tenant.partnership):
        return services.meeting_create(
            board=board,
            acting_user=tenant.users["business_manager"],
            date=timezone.localdate() + datetime.timedelta(days=days),
            venue="Council House",
            **fields,
        )


def _member_chairs_the_board(tenant):
    """The member (who has a login) becomes the board's only chair."""
    with scope(partnership=tenant.partnership):
        BoardMembership.objects.filter(board=tenant.board, role="chair").delete()
        BoardMembership.objects.filter(person=tenant.person).delete()
    BoardMembershipFactory(
        board=tenant.board, person=tenant.person, role=BoardMembership.Role.CHAIR
    )


def _minuted(tenant, meeting):
    """The meeting's first item minuted by the minute taker (a draft)."""
    with scope(partnership=tenant.partnership):
        minutes.item_minutes_save(
            item=meeting.items.first(),
            discussion="Minuted",
            decisions="",
            version=0,
            acting_user=tenant.users["minute_taker"],
        )


def test_a_member_sees_meetings_of_their_boards_and_papers_due_from_them(
    tenant_a, tenant_b, client_for
):
    user = tenant_a.users["member"]
    upcoming = _meeting(tenant_a, tenant_a.board, 10)
    _meeting(tenant_a, tenant_a.subgroup, 12)  # a board they do not sit on
    with scope(partnership=tenant_a.partnership):
        services.agenda_item_create(
            meeting=upcoming,
            acting_user=None,
            title="LADO annual report",
            presenter=tenant_a.person,
        )
    # The same person on another partnership's board.
    MembershipFactory(partnership=tenant_b.partnership, user=user, role="member")
    elsewhere = PersonFactory(partnership=tenant_b.partnership, user=user)
    BoardMembershipFactory(board=tenant_b.board, person=elsewhere)
    _meeting(tenant_b, tenant_b.board, 20)
    html = client_for(user).get("/").content.decode()
    assert "My meetings" in html
    assert html.count("Northshire Safeguarding Partnership Executive Board</a>") == 1
    assert "Quality and Effectiveness Group" not in html
    assert "Southshire Safeguarding Partnership Executive Board</a>" in html
    assert "Papers due from you" in html
    assert "LADO annual report" in html
    assert f"due by {upcoming.paper_deadline:%-d %B %Y}" in html


def test_minutes_awaiting_approval_go_to_the_chairs(tenant_a, client_for, member_client):
    held = _meeting(tenant_a, tenant_a.board, -7)
    _minuted(tenant_a, held)
    # A draft is the minute taker's: not on the chair's list until submitted.
    html = client_for(tenant_a.users["independent_chair"]).get("/").content.decode()
    assert "Minutes awaiting your approval" not in html
    with scope(partnership=tenant_a.partnership):
        minutes.minutes_submit(meeting=held, acting_user=tenant_a.users["minute_taker"])
    html = client_for(tenant_a.users["independent_chair"]).get("/").content.decode()
    assert "Minutes awaiting your approval" in html
    assert f"/meetings/{held.uuid}/minutes/approve/" in html
    assert "Minutes awaiting your approval" not in member_client.get("/").content.decode()
    # The board's own chair, once they have a login, sees them too.
    _member_chairs_the_board(tenant_a)
    assert "Minutes awaiting your approval" in member_client.get("/").content.decode()


def test_nothing_to_show_says_so(tenant_a, observer_client):
    html = observer_client.get("/").content.decode()
    assert "No meetings in the next 60 days" in html


def test_the_panel_reads_the_same_queries_however_many_meetings(
    tenant_a, member_client, count_queries
):
    """Each meeting's partnership is the member's own, known without a query:
    more meetings, papers and minutes to approve read nothing more."""
    _member_chairs_the_board(tenant_a)

    def add(n):
        coming = _meeting(tenant_a, tenant_a.board, 10 + n)
        held = _meeting(tenant_a, tenant_a.board, -7 - n)
        with scope(partnership=tenant_a.partnership):
            services.agenda_item_create(
                meeting=coming, acting_user=None, title=f"Paper {n}", presenter=tenant_a.person
            )
        _minuted(tenant_a, held)
        with scope(partnership=tenant_a.partnership):
            minutes.minutes_submit(meeting=held, acting_user=tenant_a.users["minute_taker"])
        return coming, held

    coming, held = add(0)
    one = count_queries(lambda: member_client.get("/"))
    for n in range(1, 4):
        add(n)
    html = member_client.get("/").content.decode()
    assert count_queries(lambda: member_client.get("/")) == one
    assert html.count("Paper ") == 4
    assert f"/p/{tenant_a.slug}/meetings/{held.uuid}/minutes/approve/" in html
    assert coming.get_absolute_url() in html


def test_the_panel_lists_what_the_rules_querysets_give_for_every_role(tenant_a, tenant_b):
    """My meetings is one statement (meetings.home.MY_MEETINGS_SQL): for every
    role it lists the meetings of `on_visible_boards`, the papers of
    `papers_due_from` and the minutes of `minutes_awaiting_approval`, each in
    their order, and nothing of another partnership."""
    from meetings.home import UPCOMING_DAYS, UPCOMING_LIMIT, _for
    from meetings.models import Meeting
    from meetings.selectors import minutes_awaiting_approval, papers_due_from
    from partnership.permissions import on_visible_boards
    from partnership.tenancy import in_partnership

    from ..conftest import ROLES
    from .factories import AgendaItemFactory, MeetingFactory, PaperFactory

    t, today = tenant_a, timezone.localdate()
    day = datetime.timedelta(days=1)
    submitted = Meeting.Status.MINUTES_SUBMITTED
    # The member chairs the subgroup; a chair seat of theirs on the board has ended.
    BoardMembershipFactory(board=t.subgroup, person=t.person, role="chair")
    BoardMembershipFactory(board=t.board, person=t.person, role="chair", end_date=today - 30 * day)
    # The observer is one of the partnership's people, presenting on the board.
    observer = PersonFactory(partnership=t.partnership, user=t.users["observer"])
    BoardMembershipFactory(board=t.board, person=observer)
    for board in (t.board, t.subgroup):
        for days in (-3, 0, 4, 9, 9, 20, 33, 59, 61):
            start = None if days == 9 and board == t.subgroup else datetime.time(10, days % 50)
            meeting = MeetingFactory(board=board, date=today + days * day, start_time=start)
            for presenter in (t.person, observer):
                AgendaItemFactory(meeting=meeting, presenter=presenter, title=f"{days} open")
                AgendaItemFactory(
                    meeting=meeting, presenter=presenter, title=f"{days} secret",
                    is_confidential=True,
                )  # fmt: skip
                PaperFactory(item=AgendaItemFactory(meeting=meeting, presenter=presenter))
        for days in (-40, -10):
            MeetingFactory(board=board, date=today + days * day, status=submitted)
    MeetingFactory(board=tenant_b.board, date=today + 2 * day)
    MeetingFactory(board=tenant_b.board, date=today - 5 * day, status=submitted)
    seen = set()
    with in_partnership(t.partnership):
        for role in ROLES:
            membership = t.memberships[role]
            found = _for(membership, today)
            upcoming = on_visible_boards(
                Meeting.objects.for_partnership(t.partnership), membership
            ).filter(date__range=(today, today + UPCOMING_DAYS * day))
            upcoming = upcoming.order_by("date", "start_time")[:UPCOMING_LIMIT]
            assert [m.uuid for m in found.upcoming] == [m.uuid for m in upcoming], role
            papers = papers_due_from(membership, today=today)
            assert [i.uuid for i in found.papers_due] == [i.uuid for i in papers], role
            assert [(i.title, i.deadline, i.overdue) for i in found.papers_due] == [
                (i.title, i.meeting.paper_deadline, i.meeting.paper_deadline < today)
                for i in papers
            ], role
            approve = minutes_awaiting_approval(membership)
            assert [m.uuid for m in found.to_approve] == [m.uuid for m in approve], role
            seen.add((role, len(found.upcoming), len(found.papers_due), len(found.to_approve)))
    # The member approves the subgroup's minutes, not the board's: that chair seat ended.
    assert ("member", 5, 32, 2) in seen
    assert ("observer", 5, 16, 0) in seen  # on every board, no confidential items
    assert ("independent_chair", 5, 0, 4) in seen

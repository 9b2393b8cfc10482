"""The action log's pages: what each role sees and may do, filters, forms."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone
from django_scopes import scopes_disabled

from actions import services
from actions.models import Action, ActionLogSettings, ActionUpdate
from actions.owners import ALL

from ..factories import BoardMembershipFactory, MembershipFactory, PersonFactory
from ..meetings.factories import AgendaItemFactory, MeetingFactory
from .factories import ActionFactory, many_actions

pytestmark = pytest.mark.django_db
DAY = datetime.timedelta(days=1)


def today():
    return timezone.localdate()


def url(name, tenant, **kwargs):
    return reverse(f"actions:{name}", kwargs={"partnership_slug": tenant.slug, **kwargs})


@pytest.fixture
def log(tenant_a):
    """Actions on the board (which the member sits on) and on the subgroup (which they don't)."""
    t = tenant_a
    return {
        "overdue": ActionFactory(
            board=t.board, owners=[t.person], due_date=today() - 20 * DAY,
            description="Draft the funding letter",
        ),
        "soon": ActionFactory(
            board=t.board, owners=[ALL], due_date=today() + 2 * DAY,
            description="Confirm the budget paper",
        ),
        "other": ActionFactory(
            board=t.board, owners=[t.agency], due_date=today() + 60 * DAY,
            description="Present fire service safeguarding work",
        ),
        "done": ActionFactory(
            board=t.board, owners=[t.person], status="completed",
            description="Publish the annual report",
        ),
        "hidden": ActionFactory(
            board=t.subgroup, owners=[t.person], due_date=today() - 5 * DAY,
            description="Audit of strategy discussions",
        ),
    }  # fmt: skip


def _descriptions(response):
    return {a.description for a in response.context["page"].object_list}


# The log ----------------------------------------------------------------------------------


def test_log_shows_open_actions_with_rag_words(log, business_manager_client, tenant_a):
    response = business_manager_client.get(url("log", tenant_a))
    assert response.status_code == 200
    assert _descriptions(response) == {
        "Draft the funding letter",
        "Confirm the budget paper",
        "Present fire service safeguarding work",
        "Audit of strategy discussions",
    }
    assert response.context["counts"] == {"red": 2, "amber": 1, "green": 1}
    body = response.content.decode()
    assert "Red — overdue" in body and "Amber — due soon" in body
    assert "Exec 1" in body  # board and number on the partnership-wide log


def test_a_member_sees_only_boards_they_sit_on(log, member_client, tenant_a):
    response = member_client.get(url("log", tenant_a))
    assert "Audit of strategy discussions" not in _descriptions(response)
    # A board they do not sit on is not theirs to know about: 404, as for another partnership's.
    subgroup_log = url("board-log", tenant_a, board_uuid=tenant_a.subgroup.uuid)
    assert member_client.get(subgroup_log).status_code == 404


OPEN = "&status=open&status=in_progress&status=carried_forward"


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("mine=1" + OPEN, {"Draft the funding letter", "Confirm the budget paper"}),
        ("mine=1", {"Draft the funding letter", "Confirm the budget paper",
                    "Publish the annual report"}),
        ("mine=1&overdue=1" + OPEN, {"Draft the funding letter"}),
        ("rag=amber" + OPEN, {"Confirm the budget paper"}),
        ("status=completed", {"Publish the annual report"}),
        ("due_within=7", {"Confirm the budget paper"}),
        ("q=funding", {"Draft the funding letter"}),
        ("q=Action+1", {"Draft the funding letter"}),
        ("owner=all", {"Confirm the budget paper"}),
        ("q=", {"Draft the funding letter", "Confirm the budget paper", "Publish the annual report",
                "Present fire service safeguarding work"}),
    ],
)  # fmt: skip
def test_member_filters(query, expected, log, member_client, tenant_a):
    response = member_client.get(url("log", tenant_a) + "?" + query)
    assert _descriptions(response) == expected


def test_filter_by_owner_board_and_origin_meeting(log, business_manager_client, tenant_a):
    meeting = MeetingFactory(board=tenant_a.board, date=datetime.date(2019, 12, 18))
    raised = ActionFactory(
        board=tenant_a.board,
        origin_item=AgendaItemFactory(meeting=meeting, number="2.3"),
        description="MASH Governance group to report in to the Q&E Group",
    )
    client = business_manager_client
    agency = f"agency:{tenant_a.agency.uuid}"
    assert _descriptions(client.get(url("log", tenant_a) + f"?owner={agency}")) == {
        "Present fire service safeguarding work"
    }
    by_board = client.get(url("log", tenant_a) + f"?board={tenant_a.subgroup.uuid}")
    assert _descriptions(by_board) == {"Audit of strategy discussions"}
    by_meeting = client.get(url("log", tenant_a) + f"?origin_meeting={meeting.uuid}")
    assert _descriptions(by_meeting) == {raised.description}
    assert "18.12.19 ref 2.3" in by_meeting.content.decode()


def _reference_choices(membership, board=None):
    """The filter's choices through the ORM rules: `visible_boards`, and the
    meetings of the actions `visible_actions` gives (on `board`)."""
    from actions.permissions import visible_actions
    from partnership.permissions import visible_boards

    boards = [(b.pk, b.uuid, b.name) for b in visible_boards(membership).order_by("name")]
    actions = visible_actions(membership).filter(origin_meeting__isnull=False)
    if board is not None:
        actions = actions.filter(board=board)
    rows = (
        actions.order_by()
        .values_list(
            "origin_meeting__uuid",
            "origin_meeting__board__short_name",
            "origin_meeting__board__name",
            "origin_meeting__date",
        )
        .distinct()
    )
    meetings = [(uuid, short or name, date) for uuid, short, name, date in rows]
    return boards, sorted(meetings, key=lambda row: (row[2], row[1]), reverse=True)


def test_filter_choices_are_the_boards_and_meetings_the_rules_give(log, tenant_a, tenant_b):
    """The filter's boards and meetings are one statement (filter_choices): for
    every role they are what `visible_boards` and `visible_actions` give,
    confidential origins and another partnership's meetings included."""
    from actions.selectors import filter_choices
    from partnership.tenancy import in_partnership

    from ..conftest import ROLES
    from ..factories import BoardFactory

    t = tenant_a
    BoardFactory(partnership=t.partnership, name="A closed group", is_active=False)
    board_meeting = MeetingFactory(board=t.board, date=datetime.date(2026, 1, 14))
    sub_meeting = MeetingFactory(board=t.subgroup, date=datetime.date(2026, 2, 11))
    secret_meeting = MeetingFactory(board=t.board, date=datetime.date(2026, 3, 11))
    ActionFactory(board=t.board, origin_item=AgendaItemFactory(meeting=board_meeting, number="1"))
    ActionFactory(board=t.board, origin_item=AgendaItemFactory(meeting=sub_meeting, number="2"))
    ActionFactory(board=t.subgroup, origin_item=AgendaItemFactory(meeting=sub_meeting, number="3"))
    secret = AgendaItemFactory(meeting=secret_meeting, number="4", is_confidential=True)
    ActionFactory(board=t.board, origin_item=secret)
    elsewhere = MeetingFactory(board=tenant_b.board, date=datetime.date(2026, 4, 8))
    ActionFactory(board=tenant_b.board, origin_item=AgendaItemFactory(meeting=elsewhere))
    with in_partnership(t.partnership):
        for role in ROLES:
            membership = t.memberships[role]
            for board in (None, t.board, t.subgroup):
                choices = filter_choices(membership, board=board)
                boards, meetings = _reference_choices(membership, board)
                assert choices.meetings == meetings, (role, board)
                assert choices.boards == ([] if board else boards), (role, board)
        manager = filter_choices(t.memberships["business_manager"])
        assert len(manager.boards) == 3
        assert {uuid for uuid, _, _ in manager.meetings} == {
            board_meeting.uuid,
            sub_meeting.uuid,
            secret_meeting.uuid,
        }
        observer = filter_choices(t.memberships["observer"])
        assert secret_meeting.uuid not in {uuid for uuid, _, _ in observer.meetings}
        member = filter_choices(t.memberships["member"])
        assert [name for _, _, name in member.boards] == [t.board.name]


def test_sorting_by_due_date(log, business_manager_client, tenant_a):
    response = business_manager_client.get(
        url("board-log", tenant_a, board_uuid=tenant_a.board.uuid) + "?sort=due" + OPEN
    )  # noqa: E501
    assert [a.description for a in response.context["page"].object_list] == [
        "Draft the funding letter",
        "Confirm the budget paper",
        "Present fire service safeguarding work",
    ]


def test_a_bad_filter_is_explained_not_an_error(log, business_manager_client, tenant_a):
    response = business_manager_client.get(
        url("log", tenant_a) + "?due_within=soon&board=nonsense&status=sleeping"
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert "govuk-error-summary" in body
    assert "Due within must be a number of days, like 14" in body
    # The valid part of the filter still applies: every status, all boards.
    assert len(response.context["page"].object_list) == 5


def test_export_links_keep_the_filters(log, business_manager_client, tenant_a):
    response = business_manager_client.get(url("log", tenant_a) + "?rag=red&sort=due")
    assert response.context["export_query"] == "rag=red&sort=due"
    board_log = business_manager_client.get(
        url("board-log", tenant_a, board_uuid=tenant_a.board.uuid)
    )  # noqa: E501
    assert f"board={tenant_a.board.uuid}" in board_log.context["export_query"]
    assert "status=open" in board_log.context["export_query"]


def test_selected_filters_can_each_be_removed(log, member_client, tenant_a):
    response = member_client.get(url("log", tenant_a) + "?mine=1&overdue=1")
    selected = dict(response.context["selected"])
    assert selected["Only actions I own"] == [("Only actions I own", "?overdue=1")]
    assert selected["Only overdue actions"] == [("Only overdue actions", "?mine=1")]


def test_the_log_pages_fifty_at_a_time(tenant_a, business_manager_client):
    many_actions(tenant_a.board, 120)
    page2 = business_manager_client.get(url("log", tenant_a) + "?page=2")
    assert len(page2.context["page"].object_list) == 50
    assert "Showing 51 to 100 of 120 actions" in page2.content.decode()


@pytest.mark.parametrize("asked", ["3", "99", "0", "-1", "two", "1e3"])
def test_a_page_past_the_last_or_not_a_page_shows_a_real_one_with_the_counts(
    asked, tenant_a, business_manager_client
):
    """The page's ids and the RAG counts come in one query; a page with no rows
    (past the last) falls back to counting on its own and shows the last page,
    and anything not a page number shows the first."""
    many_actions(tenant_a.board, 60, due_date=today() - datetime.timedelta(days=3))
    response = business_manager_client.get(url("log", tenant_a) + f"?page={asked}")
    assert response.status_code == 200
    page = response.context["page"]
    assert page.number == (2 if asked in {"3", "99"} else 1)
    assert len(page.object_list) == (10 if page.number == 2 else 50)
    assert response.context["counts"] == {"red": 60, "amber": 0, "green": 0}
    assert "of 60 actions" in response.content.decode()


def test_counts_under_a_rag_filter_are_of_the_whole_log(log, business_manager_client, tenant_a):
    response = business_manager_client.get(url("log", tenant_a) + "?rag=red&status=open")
    assert response.context["counts"]["red"] == 2
    assert response.context["page"].paginator.count == 2
    assert sum(response.context["counts"].values()) >= 2


def test_log_queries_do_not_grow_with_actions(tenant_a, business_manager_client, count_queries):
    owners = [tenant_a.person, tenant_a.subgroup, tenant_a.agency, ALL]
    many_actions(tenant_a.board, 10, owners=owners, due_date=today())
    path = url("log", tenant_a) + "?q=&sort=rag"
    few = count_queries(lambda: business_manager_client.get(path))
    many_actions(tenant_a.board, 490, owners=owners, due_date=today())
    assert count_queries(lambda: business_manager_client.get(path)) == few


# One action -------------------------------------------------------------------------------


def test_action_page_has_summary_timeline_and_rule(log, observer_client, tenant_a):
    action = log["overdue"]
    with scopes_disabled():
        services.action_update_add(
            action=action, acting_user=tenant_a.users["minute_taker"], text="Letters agreed"
        )
    response = observer_client.get(action.get_absolute_url())
    body = response.content.decode()
    assert "Action 1" in body and "Red — overdue" in body
    assert "Letters agreed" in body and "moj-timeline" in body
    assert "How RAG is worked out" in body
    # Observers read: no update form, no buttons.
    assert "Add update" not in body and "Mark as completed" not in body


def test_owner_adds_an_update_changing_status_due_date_and_rag(log, member_client, tenant_a):
    action = log["overdue"]
    new_due = today() + 30 * DAY
    response = member_client.post(
        url("action-update", tenant_a, action_uuid=action.uuid),
        {
            "text": "Letters sent to partners",
            "status": "in_progress",
            "due_date_day": new_due.day,
            "due_date_month": new_due.month,
            "due_date_year": new_due.year,
            "rag": "amber",
            "rag_reason": "Waiting on one partner: maintain amber",
            "version": action.version,
        },
    )
    assert response.status_code == 302
    with scopes_disabled():
        action.refresh_from_db()
        update = action.updates.filter(kind=ActionUpdate.Kind.UPDATE).get()
    assert (action.status, action.due_date, action.rag_override) == (
        "in_progress",
        new_due,
        "amber",
    )
    assert update.author == tenant_a.users["member"]
    assert update.rag_reason == "Waiting on one partner: maintain amber"


def test_rag_by_hand_without_a_reason_is_an_error_keeping_the_text(log, member_client, tenant_a):
    action = log["overdue"]
    response = member_client.post(
        url("action-update", tenant_a, action_uuid=action.uuid),
        {"text": "Nearly there", "status": "open", "rag": "green", "version": action.version},
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert "Give a reason for setting the RAG by hand" in body
    assert "Nearly there" in body


def test_an_update_over_a_newer_one_is_refused_clearly(log, member_client, tenant_a):
    action = log["overdue"]
    stale = action.version
    with scopes_disabled():
        services.action_update_add(action=action, acting_user=None, text="Someone else")
    response = member_client.post(
        url("action-update", tenant_a, action_uuid=action.uuid),
        {"text": "Mine", "status": "open", "rag": "computed", "version": stale},
    )
    assert response.status_code == 200
    assert "Someone else changed action 1" in response.content.decode()


def test_a_member_may_not_update_an_action_they_do_not_own(log, member_client, tenant_a):
    action = log["other"]  # owned by an agency the member does not lead
    assert member_client.get(action.get_absolute_url()).status_code == 200
    assert "Add update" not in member_client.get(action.get_absolute_url()).content.decode()
    response = member_client.post(
        url("action-update", tenant_a, action_uuid=action.uuid),
        {"text": "Sneaky", "status": "completed", "rag": "computed"},
    )
    assert response.status_code == 403


def test_a_member_updates_actions_owned_by_all_on_their_board(log, member_client, tenant_a):
    action = log["soon"]
    page = member_client.get(action.get_absolute_url()).content.decode()
    assert "Add update" in page and "Mark as completed" in page


def test_completing_needs_what_was_done(log, member_client, tenant_a):
    action = log["overdue"]
    path = url("action-complete", tenant_a, action_uuid=action.uuid)
    response = member_client.post(path, {"text": ""})
    assert "Enter what was done to complete the action" in response.content.decode()
    response = member_client.post(path, {"text": "Letters sent", "version": action.version})
    assert response.status_code == 302
    with scopes_disabled():
        action.refresh_from_db()
        assert action.status == "completed" and action.rag.label == "Green — completed"


def test_business_unit_raises_an_action_with_owners_typed(tenant_a, business_manager_client):
    PersonFactory(partnership=tenant_a.partnership, full_name="Philippa Grant")
    path = url("action-create", tenant_a) + f"?board={tenant_a.board.uuid}"
    form = business_manager_client.get(path)
    assert 'data-typeahead="/p/' in form.content.decode()
    response = business_manager_client.post(
        path,
        {
            "board": str(tenant_a.board.uuid),
            "description": "Review how the partnership engages with schools",
            "owners": ["PG/MM", "All", ""],
            "due_date_day": "31",
            "due_date_month": "3",
            "due_date_year": "2027",
            "origin_reference": "18.12.19 ref 2.5",
        },
    )
    assert response.status_code == 302
    with scopes_disabled():
        action = Action.objects.get(description__startswith="Review how")
        assert action.owner_labels() == ["Philippa Grant", "Morgan Member", "All"]
        assert action.origin_label == "18.12.19 ref 2.5"
        assert action.due_date == datetime.date(2027, 3, 31)


def test_unknown_owners_are_explained_and_what_was_typed_kept(tenant_a, business_manager_client):
    response = business_manager_client.post(
        url("action-create", tenant_a),
        {
            "board": str(tenant_a.board.uuid),
            "description": "Something",
            "owners": ["Zed Nobody"],
            "due_date_day": "31",
            "due_date_month": "March",
            "due_date_year": "2027",
        },
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert "‘Zed Nobody’ is not a person, team, group or agency in this partnership" in body
    assert 'value="Zed Nobody"' in body
    assert "must be a real date, written in numbers" in body
    assert 'href="#id_owners"' in body and 'id="id_owners"' in body


def test_business_unit_edits_an_action(log, business_manager_client, tenant_a):
    action = log["other"]
    response = business_manager_client.post(
        url("action-edit", tenant_a, action_uuid=action.uuid),
        {
            "description": "Present fire service safeguarding work in May",
            "owners": [str(tenant_a.agency.organisation.label), "Morgan Member"],
            "version": action.version,
        },
    )
    assert response.status_code == 302
    with scopes_disabled():
        action.refresh_from_db()
        edit = action.updates.get(kind=ActionUpdate.Kind.EDITED)
        assert action.owner_labels()[1] == "Morgan Member"
    assert action.due_date is None
    assert "Action wording changed" in edit.changes()


def test_settings_are_the_business_units(tenant_a, business_manager_client):
    path = url("settings", tenant_a)
    response = business_manager_client.post(path, {"warning_days": "0"})
    assert "The warning window must be at least 1 day" in response.content.decode()
    response = business_manager_client.post(path, {"warning_days": "14"})
    assert response.status_code == 302
    with scopes_disabled():
        saved = ActionLogSettings.objects.get(partnership=tenant_a.partnership)
    assert (saved.warning_days, saved.reminders_enabled) == (14, False)


# Around the log ---------------------------------------------------------------------------


def test_overview_and_board_page_show_action_counts(log, member_client, tenant_a):
    overview = member_client.get(f"/p/{tenant_a.slug}/").content.decode()
    assert "3 open, <strong>1 overdue</strong>" in overview
    board = member_client.get(tenant_a.board.get_absolute_url()).content.decode()
    assert "Open the Exec action log" in board


def test_my_actions_across_partnerships_overdue_first(log, tenant_a, tenant_b, client_for):
    user = tenant_a.users["member"]
    MembershipFactory(partnership=tenant_b.partnership, user=user, role="member")
    person_b = PersonFactory(partnership=tenant_b.partnership, user=user, full_name="Morgan B")
    BoardMembershipFactory(board=tenant_b.board, person=person_b)
    ActionFactory(board=tenant_b.board, owners=[person_b], description="Southshire action")
    ActionFactory(board=tenant_b.subgroup, owners=[person_b], description="Not on their boards")
    response = client_for(user).get("/")
    (_, panel), *_ = response.context["panels"]
    groups = {g.partnership.slug: [a.description for a in g.actions] for g in panel["groups"]}
    assert groups == {
        "northshire": ["Draft the funding letter", "Confirm the budget paper"],
        "southshire": ["Southshire action"],
    }
    assert "My actions" in response.content.decode()


def test_my_actions_queries_do_not_grow(tenant_a, client_for, count_queries):
    client = client_for(tenant_a.users["member"])
    many_actions(tenant_a.board, 10, owners=[tenant_a.person, ALL], due_date=today())
    few = count_queries(lambda: client.get("/"))
    many_actions(tenant_a.board, 490, owners=[tenant_a.person, ALL], due_date=today())
    assert count_queries(lambda: client.get("/")) == few


def test_my_actions_shows_the_most_urgent_and_counts_the_rest(tenant_a, client_for):
    """Someone who owns 40 open actions sees the 15 most urgent on their home
    page (overdue first), with how many there are and how many are overdue, and
    a link to all of them in the log."""
    from actions.selectors import MY_ACTIONS_SHOWN

    many_actions(tenant_a.board, 30, owners=[tenant_a.person], due_date=today() + 9 * DAY)
    many_actions(tenant_a.board, 10, owners=[tenant_a.person], due_date=today() - 3 * DAY)
    response = client_for(tenant_a.users["member"]).get("/")
    (_, panel), *_ = response.context["panels"]
    (group,) = panel["groups"]
    assert len(group.actions) == MY_ACTIONS_SHOWN < group.count == 40
    assert group.overdue_count == 10
    assert all(a.overdue for a in group.actions[:10]) and not group.actions[10].overdue
    html = response.content.decode()
    assert "10 overdue" in html
    assert "See all 40 of your open actions in the" in html
    assert "mine=1" in html


def test_an_action_too_long_is_refused_with_what_was_typed_kept(tenant_a, business_manager_client):
    text = "https://example.org/" + "x" * 100_000  # a paste gone wrong, unbroken
    response = business_manager_client.post(
        url("action-create", tenant_a),
        {"board": str(tenant_a.board.uuid), "description": text, "owners": ["All"]},
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert "The action must be 2,000 characters or fewer" in body
    assert 'href="#id_description"' in body and text in body
    with scopes_disabled():
        assert not Action.objects.filter(partnership=tenant_a.partnership).exists()


def test_a_five_digit_year_is_explained(tenant_a, business_manager_client):
    response = business_manager_client.post(
        url("action-create", tenant_a),
        {
            "board": str(tenant_a.board.uuid),
            "description": "Something",
            "owners": ["All"],
            "due_date_day": "31",
            "due_date_month": "3",
            "due_date_year": "20261",
        },
    )
    assert "Year must include 4 numbers" in response.content.decode()


def test_log_queries_and_size_do_not_grow_with_people(
    tenant_a, business_manager_client, count_queries
):
    """Issue 11 item 14: the owner filter is a type-ahead, so neither the log's
    queries nor its HTML grow with the partnership's people (or its actions)."""
    from ..factories import PersonFactory

    many_actions(tenant_a.board, 10, owners=[tenant_a.person], due_date=today())
    path = url("log", tenant_a)
    board_log = url("board-log", tenant_a, board_uuid=tenant_a.board.uuid)
    few = count_queries(lambda: business_manager_client.get(path))
    few_board = count_queries(lambda: business_manager_client.get(board_log))
    small = len(business_manager_client.get(path).content)
    people = [
        PersonFactory(partnership=tenant_a.partnership, full_name=f"Zara Quinlan {n:03d}")
        for n in range(150)
    ]
    many_actions(tenant_a.board, 200, owners=[people[0]], due_date=today())
    assert count_queries(lambda: business_manager_client.get(path)) == few
    assert count_queries(lambda: business_manager_client.get(board_log)) == few_board
    body = business_manager_client.get(path).content.decode()
    assert "Zara Quinlan 149" not in body  # nobody listed who is not on the page
    assert body.count("<option") < 60
    # Fifty rows a page, whatever the size of the partnership (bytes per row vary).
    assert len(body) < small * 4

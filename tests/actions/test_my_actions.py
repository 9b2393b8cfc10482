"""My actions read in one statement (`actions.selectors.MY_ACTIONS_SQL`) says
what the ORM's rules say: the actions a person owns in every way of owning
(`actions.owners.people_owning_ways`), open, on boards they may view and not
raised at confidential items unless they may read them (`visible_actions`), in
the same order, with the same counts."""

import datetime

import pytest
from django.db.models import Count, F, Sum, Window
from django.utils import timezone
from django_scopes import scopes_disabled

from actions import services
from actions.models import Action, ActionLogSettings
from actions.owners import ALL
from actions.permissions import visible_actions
from actions.selectors import actions_for_list, my_actions, owned_by, rag_rule_for

from ..factories import BoardFactory, BoardMembershipFactory, PersonFactory, TeamFactory
from ..meetings.factories import AgendaItemFactory, MeetingFactory
from .factories import ActionFactory

pytestmark = pytest.mark.django_db
DAY = datetime.timedelta(days=1)


def _orm(membership, rule):
    """My actions as the ORM wrote it before it was one statement: the rules'
    own querysets, the most urgent first, with the two counts."""
    actions = list(
        actions_for_list(visible_actions(membership), rule, plain=True)
        .open()
        .filter(owned_by(membership.person))
        .annotate(owned_count=Window(Count("pk")), overdue_total=Window(Sum("overdue")))
        .order_by("-overdue", F("due_date").asc(nulls_last=True), "board__name", "number")
    )
    return actions


@pytest.fixture
def owned(tenant_a):
    """Morgan Member owns actions in every way there is, and sees some she
    does not own, on boards she sits on and boards she no longer does."""
    today = timezone.localdate()
    p = tenant_a.partnership
    morgan = tenant_a.person
    chaired = BoardFactory(partnership=p, name="Learning and Improvement Group", kind="subgroup")
    BoardMembershipFactory(board=chaired, person=morgan, role="vice_chair")
    # A seat that ended yesterday gives neither "All" there nor the group's actions.
    BoardMembershipFactory(
        board=tenant_a.subgroup, person=morgan, role="chair", end_date=today - DAY
    )
    team = TeamFactory(partnership=p, name="Business Support Team", members=[morgan])
    agency = tenant_a.agency
    agency.lead_representative = morgan
    agency.save()
    someone = PersonFactory(partnership=p, full_name="Sam Other")
    secret = AgendaItemFactory(meeting=MeetingFactory(board=tenant_a.board), is_confidential=True)
    made = {
        "named": ActionFactory(board=tenant_a.board, owners=[morgan], due_date=today + 3 * DAY),
        "all here": ActionFactory(board=tenant_a.board, owners=[ALL], due_date=today - 9 * DAY),
        "all on a board left": ActionFactory(board=tenant_a.subgroup, owners=[ALL]),
        "group chaired": ActionFactory(board=chaired, owners=[chaired], due_date=today - 2 * DAY),
        "group once chaired": ActionFactory(board=tenant_a.board, owners=[tenant_a.subgroup]),
        "team": ActionFactory(board=tenant_a.board, owners=[team], due_date=None),
        "agency led": ActionFactory(board=chaired, owners=[agency], due_date=today + 30 * DAY),
        "not hers": ActionFactory(board=tenant_a.board, owners=[someone]),
        "closed": ActionFactory(
            board=tenant_a.board, owners=[morgan], status=Action.Status.COMPLETED
        ),
        "confidential": ActionFactory(
            board=tenant_a.board, owners=[morgan], origin_item=secret, due_date=today + DAY
        ),
        "set red by hand": ActionFactory(
            board=tenant_a.board,
            owners=[morgan, someone],
            due_date=today + 60 * DAY,
        ),
    }
    with scopes_disabled():
        services.action_update_add(
            action=made["set red by hand"], acting_user=None, rag="red", rag_reason="At risk"
        )
    return made


def _shown(membership):
    (group,) = my_actions([membership], shown=100)
    return group


def test_every_way_of_owning_and_only_those(tenant_a, owned):
    group = _shown(tenant_a.memberships["member"])
    assert sorted(a.description for a in group.actions) == sorted(
        owned[name].description
        for name in (
            "named",
            "all here",
            "group chaired",
            "team",
            "agency led",
            "confidential",
            "set red by hand",
        )
    )


def test_rows_order_and_counts_agree_with_the_orm(tenant_a, owned):
    membership = tenant_a.memberships["member"]
    group = _shown(membership)
    with scopes_disabled():
        rule = rag_rule_for(tenant_a.partnership)
        expected = _orm(membership, rule)
    assert [a.description for a in group.actions] == [a.description for a in expected]
    assert group.count == expected[0].owned_count == len(expected)
    assert group.overdue_count == expected[0].overdue_total == 2
    with scopes_disabled():
        for row, action in zip(group.actions, expected, strict=True):
            assert row.url == action.get_absolute_url()
            assert row.board_label == action.board.label
            assert (row.number, row.due_date) == (action.number, action.due_date)
            assert row.overdue == bool(action.overdue)
            assert row.rag == action.rag


def test_the_most_urgent_are_shown_and_all_are_counted(tenant_a, owned):
    (group,) = my_actions([tenant_a.memberships["member"]], shown=2)
    assert [a.description for a in group.actions] == [
        owned["all here"].description,
        owned["group chaired"].description,
    ]
    assert (group.count, group.overdue_count, group.more) == (7, 2, True)


def test_an_observer_does_not_see_what_was_raised_in_confidence(tenant_a, owned):
    membership = tenant_a.memberships["observer"]
    watcher = PersonFactory(
        partnership=tenant_a.partnership, user=membership.user, full_name="Olly Observer"
    )
    open_one = ActionFactory(board=tenant_a.board, owners=[watcher], description="Open item")
    secret = AgendaItemFactory(meeting=MeetingFactory(board=tenant_a.board), is_confidential=True)
    ActionFactory(board=tenant_a.board, owners=[watcher], origin_item=secret)
    group = _shown(membership)
    assert [a.description for a in group.actions] == [open_one.description]
    with scopes_disabled():
        assert len(_orm(membership, rag_rule_for(tenant_a.partnership))) == 1


def test_nothing_for_someone_without_a_person_or_a_live_membership(tenant_a, owned):
    assert my_actions([tenant_a.memberships["business_manager"]]) == []
    membership = tenant_a.memberships["member"]
    membership.is_active = False
    membership.save()
    assert my_actions([membership]) == []


def test_another_partnerships_actions_are_not_read(tenant_a, tenant_b, owned):
    ActionFactory(board=tenant_b.board, owners=[ALL], description="Southshire's")
    ActionFactory(board=tenant_b.board, owners=[tenant_b.person], description="Theirs")
    group = _shown(tenant_a.memberships["member"])
    assert not {"Southshire's", "Theirs"} & {a.description for a in group.actions}


def test_amber_follows_the_partnerships_warning_window(tenant_a, owned):
    """The window is read in the same statement: with 45 days, an action due in
    30 is amber, as the model says."""
    with scopes_disabled():
        ActionLogSettings.objects.create(partnership=tenant_a.partnership, warning_days=45)
    group = _shown(tenant_a.memberships["member"])
    (row,) = [a for a in group.actions if a.description == owned["agency led"].description]
    assert row.rag.colour == "amber"
    with scopes_disabled():
        assert row.rag == Action.objects.get(pk=owned["agency led"].pk).rag

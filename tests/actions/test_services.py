import datetime
import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django_scopes import scope, scopes_disabled

from actions import services
from actions.models import Action, ActionCounter, ActionOwner, ActionUpdate
from actions.owners import ALL
from meetings.models import AgendaItem

from ..factories import BoardFactory, PersonFactory
from ..meetings.factories import AgendaItemFactory, MeetingFactory
from .factories import ActionFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def in_a(tenant_a):
    with scope(partnership=tenant_a.partnership):
        yield tenant_a


def _create(tenant, **kwargs):
    return services.action_create(
        board=kwargs.pop("board", tenant.board),
        description=kwargs.pop("description", "Draft the letter to partners"),
        owners=kwargs.pop("owners", [tenant.person]),
        acting_user=tenant.users["business_manager"],
        **kwargs,
    )


def test_numbers_are_sequential_per_board(in_a):
    first, second = _create(in_a), _create(in_a)
    other = _create(in_a, board=in_a.subgroup)
    assert (first.number, second.number, other.number) == (1, 2, 1)


def test_numbers_are_never_reused(in_a):
    first, second = _create(in_a), _create(in_a)
    with scopes_disabled():
        second.owners.all().delete()
        second.updates.all().delete()
        second.delete()
    assert _create(in_a).number == 3
    assert first.number == 1


def test_numbering_continues_after_numbers_already_used(in_a):
    action = _create(in_a)
    ActionCounter.objects.all().delete()
    assert _create(in_a).number == action.number + 1


def test_create_writes_the_first_update(in_a):
    meeting = MeetingFactory(board=in_a.board, date=datetime.date(2019, 10, 23))
    item = AgendaItemFactory(meeting=meeting, number="4.1")
    action = _create(in_a, origin_item=item, due_date=datetime.date(2020, 1, 10))
    assert action.origin_meeting == meeting
    assert action.origin_label == "23.10.19 ref 4.1"
    (update,) = action.updates.all()
    assert update.kind == ActionUpdate.Kind.RAISED
    assert update.text.startswith("Action raised at Exec on 23 October 2019, item 4.1")
    assert update.author == in_a.users["business_manager"]


def test_an_item_of_another_meeting_is_refused(in_a):
    meeting = MeetingFactory(board=in_a.board)
    item = AgendaItemFactory(meeting=MeetingFactory(board=in_a.board))
    with pytest.raises(ValidationError, match="not on that meeting"):
        _create(in_a, origin_meeting=meeting, origin_item=item)
    assert not AgendaItem.objects.filter(actions__isnull=False).exists()


def test_owners_may_be_people_groups_agencies_and_all(in_a):
    second = PersonFactory(partnership=in_a.partnership, full_name="Kate Wright")
    action = _create(in_a, owners=[in_a.person, second, in_a.subgroup, in_a.agency, ALL])
    assert [o.owner for o in action.owners.all()] == [
        in_a.person,
        second,
        in_a.subgroup,
        in_a.agency,
        ALL,
    ]
    assert action.owner_labels()[-1] == "All"


def test_owners_of_another_partnership_are_refused(in_a, tenant_b):
    with pytest.raises(ValidationError, match="not in this partnership"):
        _create(in_a, owners=[tenant_b.person])
    assert not Action.objects.exists()


def test_an_empty_description_is_refused(in_a):
    with pytest.raises(ValidationError, match="Enter the action"):
        _create(in_a, description="  ")


def test_an_update_records_text_and_changes(in_a):
    action = _create(in_a, due_date=datetime.date(2020, 1, 10))
    update = services.action_update_add(
        action=action,
        acting_user=in_a.users["member"],
        text="Letters agreed with the chief executive",
        status=Action.Status.IN_PROGRESS,
        due_date=datetime.date(2020, 3, 31),
    )
    assert update.changes() == [
        "Status changed from Open to In progress",
        "Due date changed from 10 January 2020 to 31 March 2020",
    ]
    action.refresh_from_db()
    assert action.status == Action.Status.IN_PROGRESS
    assert action.due_date == datetime.date(2020, 3, 31)
    assert action.version == 2
    assert action.updates.count() == 2


def test_an_update_that_says_and_changes_nothing_is_refused(in_a):
    action = _create(in_a)
    with pytest.raises(ValidationError, match="Enter an update"):
        services.action_update_add(action=action, acting_user=None, text="  ")


def test_rag_by_hand_needs_a_reason_which_is_kept(in_a):
    action = _create(in_a)
    with pytest.raises(ValidationError, match="reason"):
        services.action_update_add(action=action, acting_user=None, rag="amber")
    services.action_update_add(
        action=action, acting_user=None, rag="amber", rag_reason="Maintain amber: not started"
    )
    action.refresh_from_db()
    assert action.rag.label == "Amber — set by hand"
    assert action.rag.reason == "Maintain amber: not started"
    update = services.action_update_add(action=action, acting_user=None, rag="computed")
    assert update.changes() == ["RAG returned to the rule"]
    action.refresh_from_db()
    assert action.rag.label == "Green — on track"
    assert action.rag_reason == ""


def test_completing_keeps_the_history_and_turns_green(in_a):
    action = _create(in_a, due_date=datetime.date(2020, 1, 10))
    services.action_complete(action=action, acting_user=None, text="Completed – change to green")
    action.refresh_from_db()
    assert action.status == Action.Status.COMPLETED
    assert action.completed_on is not None
    assert action.rag.label == "Green — completed"
    assert action.updates.count() == 2
    services.action_update_add(action=action, acting_user=None, status=Action.Status.OPEN)
    action.refresh_from_db()
    assert action.completed_on is None
    assert action.rag.colour == "red"


def test_completing_returns_a_rag_set_by_hand_to_the_rule(in_a):
    action = _create(in_a)
    services.action_update_add(action=action, acting_user=None, rag="amber", rag_reason="Maintain")
    update = services.action_complete(action=action, acting_user=None, text="Done")
    assert update.changes() == ["Status changed from Open to Completed", "RAG returned to the rule"]
    action.refresh_from_db()
    assert action.rag.label == "Green — completed"


def test_a_change_over_a_newer_one_is_refused(in_a):
    action = _create(in_a)
    stale_version = action.version
    services.action_update_add(action=action, acting_user=None, text="First")
    with pytest.raises(services.ActionConflict):
        services.action_update_add(
            action=action, acting_user=None, text="Second", expected_version=stale_version
        )


def test_edit_writes_what_changed(in_a):
    action = _create(in_a)
    update = services.action_edit(
        action=action,
        acting_user=None,
        description="Draft the letter and send it",
        owners=[in_a.person, ALL],
        due_date=datetime.date(2026, 3, 1),
    )
    assert update.changes() == [
        "Due date changed from none to 1 March 2026",
        "Action wording changed",
        "Owners changed from Morgan Member to Morgan Member, All",
    ]
    assert (
        services.action_edit(
            action=action,
            acting_user=None,
            description="Draft the letter and send it",
            owners=[in_a.person, ALL],
            due_date=datetime.date(2026, 3, 1),
        )
        is None
    )


def test_who_owned_an_action_is_kept_in_its_history(in_a):
    action = _create(in_a, owners=[in_a.person])
    services.action_edit(
        action=action,
        acting_user=in_a.users["business_manager"],
        description=action.description,
        owners=[ALL],
        due_date=None,
    )
    history = ActionOwner.history.filter(action_id=action.pk).order_by("history_id")
    assert [(h.history_type, h.person_id, h.all_members) for h in history] == [
        ("+", in_a.person.pk, False),
        ("-", in_a.person.pk, False),
        ("+", None, True),
    ]
    assert history.last().history_user == in_a.users["business_manager"]


def test_child_rows_share_the_partnership_of_their_action(in_a):
    from partnership.tenancy import partnership_mismatches

    action = _create(in_a, owners=[in_a.person, in_a.subgroup, ALL])
    services.action_update_add(action=action, acting_user=None, text="Update")
    assert {o.partnership_id for o in action.owners.all()} == {in_a.partnership.pk}
    assert partnership_mismatches() == []


def test_factory_makes_actions(tenant_a):
    action = ActionFactory(board=tenant_a.board, owners=[tenant_a.person])
    assert action.number == 1


@pytest.mark.django_db(transaction=True)
def test_concurrent_creation_never_shares_a_number(tenant_a):
    board = BoardFactory(partnership=tenant_a.partnership, name="Busy board")
    numbers, errors = [], []
    barrier = threading.Barrier(6)

    def raise_one():
        try:
            barrier.wait()
            with scope(partnership=tenant_a.partnership):
                action = services.action_create(
                    board=board, description="At once", owners=[], acting_user=None
                )
            numbers.append(action.number)
        except Exception as error:  # noqa: BLE001 - reported below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=raise_one) for _ in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert sorted(numbers) == [1, 2, 3, 4, 5, 6]

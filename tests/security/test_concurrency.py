"""K clients at once on the same minute item and the same action, each on its
own database connection, through the services the pages call: no update is
lost, and every client whose save did not go in is told (the conflict the page
shows), then keeps its work by saving again over the newer version."""

import threading

import pytest
from django.db import connection
from django_scopes import scopes_disabled

from actions.models import Action, ActionUpdate
from actions.services import ActionConflict, action_update_add
from meetings.minutes import MinutesConflict, item_minutes_save
from meetings.models import ItemMinutes
from partnership.tenancy import in_partnership
from tests.actions.factories import ActionFactory
from tests.meetings.factories import AgendaItemFactory, MeetingFactory

K = 8
pytestmark = pytest.mark.django_db(transaction=True)


def _at_once(work):
    """Runs work(k) for k in 0..K-1 in K threads released together; returns
    [(k, result or exception)]."""
    barrier = threading.Barrier(K)
    results = []

    def run(k):
        try:
            barrier.wait()
            results.append((k, work(k)))
        except Exception as error:  # noqa: BLE001 - each outcome is counted
            results.append((k, error))
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(k,)) for k in range(K)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results


def _retrying(save, conflict):
    """A client that, told of a conflict, re-reads and saves its work again."""
    for _ in range(50):
        try:
            return save()
        except conflict:
            continue
    raise AssertionError("never saved")


def test_k_clients_saving_one_minute_item(tenant_a):
    meeting = MeetingFactory(partnership=tenant_a.partnership, board=tenant_a.board)
    item = AgendaItemFactory(meeting=meeting, title="Performance report")
    user = tenant_a.users["minute_taker"]

    def first(k):
        with in_partnership(tenant_a.partnership):
            return item_minutes_save(
                item=item,
                discussion=f"<p>From client {k}</p>",
                decisions="",
                version=0,
                acting_user=user,
            )

    results = _at_once(first)
    saved = [k for k, r in results if not isinstance(r, Exception)]
    told = [k for k, r in results if isinstance(r, MinutesConflict)]
    with scopes_disabled():
        minutes = ItemMinutes.objects.get(item=item)
    assert len(saved) == 1 and len(told) == K - 1
    assert minutes.discussion == f"<p>From client {saved[0]}</p>"  # the one that went in

    def append(k):
        def save():
            with in_partnership(tenant_a.partnership):
                current = ItemMinutes.objects.get(item=item)
                return item_minutes_save(
                    item=item,
                    discussion=current.discussion + f"<p>Line {k}</p>",
                    decisions="",
                    version=current.version,
                    acting_user=user,
                )

        return _retrying(save, MinutesConflict)

    again = _at_once(append)
    assert all(not isinstance(r, Exception) for _, r in again), again
    with scopes_disabled():
        minutes = ItemMinutes.objects.get(item=item)
    kept = sum(f"<p>Line {k}</p>" in minutes.discussion for k in range(K))
    print(
        f"\nconcurrency, one minute item: {K} clients at once, 1 saved, {len(told)} told of "
        f"a conflict; retrying, {kept} of {K} edits kept, {K - kept} lost"
    )
    assert kept == K and minutes.version == 1 + K


def test_k_clients_updating_one_action(tenant_a):
    action = ActionFactory(board=tenant_a.board, owners=[tenant_a.person])
    with scopes_disabled():
        version = Action.objects.get(pk=action.pk).version
    user = tenant_a.users["business_manager"]

    def update(k, expected):
        with in_partnership(tenant_a.partnership):
            fresh = Action.objects.get(pk=action.pk)
            return action_update_add(
                action=fresh, acting_user=user, text=f"Update {k}", expected_version=expected(fresh)
            )

    results = _at_once(lambda k: update(k, lambda fresh: version))
    saved = [k for k, r in results if not isinstance(r, Exception)]
    told = [k for k, r in results if isinstance(r, ActionConflict)]
    assert len(saved) == 1 and len(told) == K - 1
    assert all("Someone else changed action" in str(r) for k, r in results if k in told)

    again = _at_once(
        lambda k: (
            _retrying(lambda: update(k, lambda fresh: fresh.version), ActionConflict)
            if k in told
            else None
        )
    )
    assert all(not isinstance(r, Exception) for _, r in again), again
    with scopes_disabled():
        texts = set(
            ActionUpdate.objects.filter(action=action, kind=ActionUpdate.Kind.UPDATE).values_list(
                "text", flat=True
            )
        )
        final = Action.objects.get(pk=action.pk).version
    kept = sum(f"Update {k}" in texts for k in range(K))
    print(
        f"\nconcurrency, one action: {K} clients at once, 1 saved, {len(told)} told of a "
        f"conflict; retrying, {kept} of {K} updates kept, {K - kept} lost"
    )
    assert kept == K and final == version + K

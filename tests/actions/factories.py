"""Actions for tests, made through the service (so numbers, owners and the first
update are as in real use), outside any scope like the other factories."""

import factory
from django.db import transaction
from django_scopes import scopes_disabled

from actions import services
from actions.models import Action

from ..factories import BoardFactory


class ActionFactory(factory.Factory):
    class Meta:
        model = Action

    board = factory.SubFactory(BoardFactory)
    description = factory.Sequence(lambda n: f"Circulate the briefing pack, version {n}")
    owners = factory.LazyFunction(list)
    due_date = None
    status = Action.Status.OPEN
    acting_user = None

    @classmethod
    def _create(cls, model_class, *, board, owners, status, **kwargs):
        with scopes_disabled(), transaction.atomic():
            action = services._action_create(board=board, owners=owners, **kwargs)
            if status != Action.Status.OPEN:
                services.action_update_add(
                    action=action, acting_user=kwargs.get("acting_user"), status=status
                )
            return Action.objects.select_related("board", "partnership").get(pk=action.pk)


def many_actions(board, count, *, owners=(), due_date=None, with_updates=True):
    """`count` more actions on `board` at once (bulk inserts), each with its owners
    and a raised update and a text update: for query-count and scale tests."""
    from django.db.models import Max

    from actions.models import ActionCounter, ActionOwner, ActionUpdate
    from actions.owners import ALL
    from partnership.models import Board, PartnerAgency, Person

    with scopes_disabled(), transaction.atomic():
        start = (Action.objects.filter(board=board).aggregate(n=Max("number"))["n"] or 0) + 1
        actions = Action.objects.bulk_create(
            Action(
                partnership_id=board.partnership_id,
                board=board,
                number=start + n,
                description=f"Bulk action {start + n}",
                due_date=due_date,
            )
            for n in range(count)
        )
        ActionOwner.objects.bulk_create(
            ActionOwner(
                partnership_id=board.partnership_id,
                action=action,
                person=owner if isinstance(owner, Person) else None,
                board=owner if isinstance(owner, Board) else None,
                agency=owner if isinstance(owner, PartnerAgency) else None,
                all_members=owner == ALL,
                position=position,
            )
            for action in actions
            for position, owner in enumerate(owners)
        )
        if with_updates:
            ActionUpdate.objects.bulk_create(
                ActionUpdate(
                    partnership_id=board.partnership_id, action=action, kind=kind, text=text
                )
                for action in actions
                for kind, text in (("raised", "Action raised"), ("update", "Going well"))
            )
        ActionCounter.objects.update_or_create(
            board=board,
            defaults={"partnership_id": board.partnership_id, "last_number": start + count - 1},
        )
    return actions

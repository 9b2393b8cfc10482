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

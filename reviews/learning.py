"""Writes for a review's learning: recommendations, each raised as actions on
the review's action plan in the action log (through the actions services, so
they are numbered, owned, dated and reminded like any action), and the
dissemination of the learning. An action names its review by reference
("LCSPR 2025/02, recommendation 3"), never by the case's pseudonym: the action
log is read by people who are not on the panel."""

from django.core.exceptions import ValidationError

from actions.services import action_create
from partnership.writes import model_update, service

from .models import Dissemination, Recommendation, RecommendationAction


@service
def recommendation_add(*, review, text, acting_user):
    last = review.recommendations.order_by("-number").first()
    return Recommendation.objects.create(
        review=review, number=(last.number + 1) if last else 1, text=text.strip()
    )


@service
def recommendation_update(*, recommendation, data, acting_user):
    return model_update(
        instance=Recommendation.objects.select_for_update().get(pk=recommendation.pk),
        data=data,
        fields=("text", "reason_not_implemented"),
    )


@service
def recommendation_raise_action(
    *, recommendation, board, description, owners, due_date, acting_user
):
    """Puts an action for the recommendation on `board`'s action log."""
    if board.partnership_id != recommendation.partnership_id:
        raise ValidationError("That board is not in this partnership")
    action = action_create(
        board=board,
        description=description,
        owners=owners,
        due_date=due_date,
        origin_reference=recommendation.reference,
        acting_user=acting_user,
    )
    RecommendationAction.objects.create(recommendation=recommendation, action=action)
    return action


@service
def dissemination_add(*, case, data, acting_user):
    return Dissemination.objects.create(
        case=case,
        kind=data["kind"],
        held_on=data["held_on"],
        audience=data["audience"].strip(),
        reached=data.get("reached"),
        notes=data.get("notes", "").strip(),
    )

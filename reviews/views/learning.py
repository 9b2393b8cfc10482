"""A review's learning: recommendations, their actions on the action log, and
dissemination."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect

from partnership.permissions import refuse_unless

from .. import learning
from ..forms import DisseminationForm, RecommendationActionForm, RecommendationForm
from ..loaders import load_case, load_recommendation
from ..models import ReviewSettings
from ..permissions import can_edit_case
from ..progress import review_for
from .common import form_page, posted


def _editable(request, case_uuid):
    case = load_case(request, case_uuid)
    refuse_unless(can_edit_case(request.membership, case))
    return case


def recommendation_add(request, case_uuid):
    case = _editable(request, case_uuid)
    review = review_for(case)
    if review.pk is None:
        raise Http404("No review has been commissioned")
    form = RecommendationForm(posted(request))
    del form.fields["reason_not_implemented"]
    if form.is_valid():
        recommendation = learning.recommendation_add(
            review=review, text=form.cleaned_data["text"], acting_user=request.user
        )
        messages.success(request, f"Recommendation {recommendation.number} added")
        return redirect(case)
    return form_page(
        request, form, title="Add a recommendation", caption=case.reference,
        back=case.get_absolute_url(),
    )  # fmt: skip


def recommendation_edit(request, case_uuid, recommendation_uuid):
    case = _editable(request, case_uuid)
    recommendation = load_recommendation(request, case, recommendation_uuid)
    form = RecommendationForm(
        posted(request),
        initial={
            "text": recommendation.text,
            "reason_not_implemented": recommendation.reason_not_implemented,
        },
    )
    if form.is_valid():
        learning.recommendation_update(
            recommendation=recommendation, data=form.cleaned_data, acting_user=request.user
        )
        messages.success(request, f"Recommendation {recommendation.number} saved")
        return redirect(case)
    return form_page(
        request,
        form,
        title=f"Recommendation {recommendation.number}",
        caption=case.reference,
        back=case.get_absolute_url(),
    )


def recommendation_action(request, case_uuid, recommendation_uuid):
    case = _editable(request, case_uuid)
    recommendation = load_recommendation(request, case, recommendation_uuid)
    form = RecommendationActionForm(
        posted(request),
        partnership=request.partnership,
        default_board=ReviewSettings.for_partnership(request.partnership).action_plan_board,
    )
    if form.is_valid():
        data = form.cleaned_data
        try:
            action = learning.recommendation_raise_action(
                recommendation=recommendation,
                board=data["board"],
                description=data["description"],
                owners=data["owners"],
                due_date=data["due_date"],
                acting_user=request.user,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request, f"Action {action.number} added to the {action.board} action log"
            )
            return redirect(case)
    return form_page(
        request,
        form,
        title="Add an action to the review action plan",
        caption=recommendation.reference,
        back=case.get_absolute_url(),
        intro=f"It goes on the action log as \u201c{recommendation.reference}\u201d: the "
        "action log never names the case.",
    )


def dissemination_add(request, case_uuid):
    case = _editable(request, case_uuid)
    form = DisseminationForm(posted(request), partnership=request.partnership)
    if form.is_valid():
        learning.dissemination_add(case=case, data=form.cleaned_data, acting_user=request.user)
        messages.success(request, "Dissemination recorded")
        return redirect(case)
    return form_page(
        request, form, title="Record how the learning was shared", caption=case.reference,
        back=case.get_absolute_url(),
    )  # fmt: skip

"""Everything a case's page shows, read up front in a fixed number of queries."""

from django.core.exceptions import ObjectDoesNotExist
from django.db.models import Count, Prefetch, Q
from django.utils import timezone

from .clocks import working_days_between
from .models import (
    CaseLink,
    CaseTypeChange,
    RapidReview,
    RecommendationAction,
    ReportVersion,
    Review,
    ReviewSettings,
    SignOff,
)
from .progress import staggering_clashes
from .selectors import case_clocks
from .stages import next_stages
from .versions import required_signatories


def clocks_with_days(case, today=None):
    today = today or timezone.localdate()
    clocks = case_clocks(case)
    for clock in clocks:
        clock.current_state = clock.state(today)
        clock.days_left = clock.working_days_left(today)
    return clocks


def _one(model, **lookup):
    return model.objects.filter(**lookup).first()


def case_page_context(request, case):
    rapid = (
        RapidReview.objects.filter(case=case)
        .select_related("decided_by")
        .prefetch_related("agencies__organisation", "sign_offs")
        .first()
    )
    review = (
        Review.objects.filter(case=case)
        .select_related("lead_reviewer", "publication", "case__partnership")
        .prefetch_related(
            "stage_changes__changed_by",
            Prefetch(
                "versions",
                queryset=ReportVersion.objects.annotate(
                    open_requests=Count("change_requests", filter=_open_requests()),
                    all_requests=Count("change_requests"),
                )
                .select_related("uploaded_by", "partnership")
                .prefetch_related(
                    Prefetch("sign_offs", queryset=SignOff.objects.order_by("signed_at"))
                )
                .order_by("kind", "-number"),
            ),
            "family_contacts",
            "qa_submissions",
            "quality_markers",
            "recommendations",
        )
        .first()
    )
    recommendation_actions = {}
    publication = None
    clashes = []
    latest_report = None
    signatories = []
    if review is not None:
        for link in RecommendationAction.objects.filter(
            recommendation__review=review
        ).select_related("action__board", "action__partnership"):
            recommendation_actions.setdefault(link.recommendation_id, []).append(link.action)
        for recommendation in review.recommendations.all():
            recommendation.action_list = recommendation_actions.get(recommendation.pk, [])
        publication = getattr(review, "publication", None) if _has_publication(review) else None
        if publication is not None and publication.published_on is None:
            clashes = staggering_clashes(
                review=review, planned_on=publication.planned_on, partnership=case.partnership_id
            )
        reports = [v for v in review.versions.all() if v.kind == ReportVersion.Kind.REPORT]
        latest_report = reports[0] if reports else None
        signed = {s.capacity: s for s in latest_report.sign_offs.all()} if latest_report else {}
        signed_users = (
            {s.signatory_id: s for s in latest_report.sign_offs.all()} if latest_report else {}
        )
        for label, users in required_signatories(case.partnership_id, case.review_type):
            if users is None:
                signatories.append((label, signed.get("Independent chair")))
            else:
                signatories.append(
                    (label, next((signed_users[u] for u in users if u in signed_users), None))
                )
    return {
        "case": case,
        "may": request.can.on(case),
        "settings_row": ReviewSettings.for_partnership(case.partnership_id),
        "subjects": list(case.subjects.all()),
        "clocks": clocks_with_days(case),
        "type_changes": list(CaseTypeChange.objects.filter(case=case).select_related("changed_by")),
        "links": list(CaseLink.objects.filter(case=case).select_related("related_case")),
        "themes": list(case.themes.order_by("name")),
        "rapid": rapid,
        "review": review,
        "next_stages": next_stages(review.stage) if review else [],
        "publication": publication,
        "staggering_clashes": clashes,
        "latest_report": latest_report,
        "may_sign": request.can.on(latest_report).sign if latest_report else False,
        "signatories": signatories,
        "disseminations": list(case.disseminations.all()),
        "today": timezone.localdate(),
        "working_days_between": working_days_between,
    }


def _open_requests():
    return Q(change_requests__response="")


def _has_publication(review):
    try:
        return review.publication is not None
    except ObjectDoesNotExist:
        return False

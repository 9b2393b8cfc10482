"""What the annual report (dashboard) reads about case reviews: the contract
between the reviews app and the report builder.

`review_evidence(partnership=..., start=..., end=...)` answers for one report
period. A partnership that records no cases here gets `recorded` False and
zeros: the report says so rather than showing a row of zeros as if it were
evidence. Reviews are named by their reference ("LCSPR 2025/02"), never by a
case's pseudonym."""

import datetime
from dataclasses import dataclass, field

from partnership.tenancy import in_partnership


@dataclass
class ReviewLine:
    """One review, named as the public report may name it (never a case's
    pseudonym unless it was published under it)."""

    reference: str
    kind: str  # "Local child safeguarding practice review", "Safeguarding adult review"...
    stage: str
    started_on: datetime.date | None = None
    concluded_on: datetime.date | None = None
    published_on: datetime.date | None = None
    findings: str = ""


@dataclass
class RecommendationLine:
    review: str
    recommendation: str
    implemented: bool
    reason_not_implemented: str = ""
    actions: int = 0  # actions raised on the action plan for it


@dataclass
class DisseminationLine:
    date: datetime.date
    kind: str  # "Lessons learned briefing", "7-minute briefing", "Training"...
    audience: str
    review: str


@dataclass
class ReviewEvidence:
    recorded: bool = False  # False: the partnership records no reviews here yet
    notifications: int = 0
    rapid_reviews: int = 0
    started: list = field(default_factory=list)  # [ReviewLine]
    concluded: list = field(default_factory=list)  # [ReviewLine] (SAB Sch 2 para 4(d))
    ongoing: list = field(default_factory=list)  # [ReviewLine] (para 4(e))
    published: list = field(default_factory=list)  # [ReviewLine]
    by_kind: list = field(default_factory=list)  # [(kind label, count)]
    themes: list = field(default_factory=list)  # [(theme, count)]
    recommendations: list = field(default_factory=list)  # [RecommendationLine] (para 4(f), (g))
    dissemination: list = field(default_factory=list)  # [DisseminationLine]


def review_evidence(*, partnership, start, end):
    """Case review evidence for the period start..end (inclusive), read across
    every case of the partnership (the report is the partnership's, not a
    reader's): reviews named by reference only. Reads in the partnership's own
    scope, so it answers the same from a request, a task or a command."""
    with in_partnership(partnership):
        return _evidence(partnership, start, end)


def _evidence(partnership, start, end):
    from django.db.models import Q

    from actions.models import Action

    from .models import (
        Case,
        Dissemination,
        RapidReview,
        Recommendation,
        RecommendationAction,
        Review,
        ReviewType,
        Stage,
    )
    from .selectors import theme_counts, with_opened_on

    cases = Case.objects.for_partnership(partnership)
    if not cases.exists():
        return ReviewEvidence()
    types, stages = dict(ReviewType.choices), dict(Stage.choices)
    reviews = list(
        Review.objects.for_partnership(partnership)
        .select_related("case", "publication")
        .order_by("case__reference")
    )

    def line(review):
        publication = getattr(review, "publication", None) if _has(review, "publication") else None
        return ReviewLine(
            reference=review.case.reference,
            kind=types[review.case.review_type],
            stage=stages[review.stage],
            started_on=review.commissioned_on or review.case.decision_date,
            concluded_on=review.signed_off_on,
            published_on=publication.published_on if publication else None,
        )

    def within(day):
        return day is not None and start <= day <= end

    lines = [(review, line(review)) for review in reviews]
    active = (
        with_opened_on(cases)
        .filter(opened_on__lte=end)
        .filter(Q(closed_on__isnull=True) | Q(closed_on__gte=start))
    )
    by_kind = {}
    for review_type in active.values_list("review_type", flat=True):
        label = types[review_type]
        by_kind[label] = by_kind.get(label, 0) + 1
    concluded_ids = [r.pk for r, ln in lines if within(ln.concluded_on)]
    recommendations = list(
        Recommendation.objects.filter(review_id__in=concluded_ids)
        .select_related("review__case")
        .order_by("review__case__reference", "number")
    )
    statuses = {}
    for recommendation_id, status in RecommendationAction.objects.filter(
        recommendation__in=recommendations
    ).values_list("recommendation_id", "action__status"):
        statuses.setdefault(recommendation_id, []).append(status)
    closed = {Action.Status.COMPLETED, Action.Status.NO_LONGER_REQUIRED}
    return ReviewEvidence(
        recorded=True,
        notifications=cases.filter(
            kind=Case.Kind.NOTIFICATION, notified_date__range=(start, end)
        ).count(),
        rapid_reviews=RapidReview.objects.for_partnership(partnership)
        .filter(Q(sent_to_panel_on__range=(start, end)) | Q(decided_on__range=(start, end)))
        .count(),
        started=[ln for _, ln in lines if within(ln.started_on)],
        concluded=[ln for _, ln in lines if within(ln.concluded_on)],
        ongoing=[
            ln
            for review, ln in lines
            if (ln.started_on is None or ln.started_on <= end)
            and (ln.concluded_on is None or ln.concluded_on > end)
            and review.stage != Stage.NOT_PUBLISHED
        ],
        published=[ln for _, ln in lines if within(ln.published_on)],
        by_kind=sorted(by_kind.items()),
        themes=theme_counts(active),
        recommendations=[
            RecommendationLine(
                review=rec.review.case.reference,
                recommendation=rec.text,
                implemented=bool(statuses.get(rec.pk))
                and all(status in closed for status in statuses[rec.pk]),
                reason_not_implemented=rec.reason_not_implemented,
                actions=len(statuses.get(rec.pk, [])),
            )
            for rec in recommendations
        ],
        dissemination=[
            DisseminationLine(
                date=item.held_on,
                kind=item.get_kind_display(),
                audience=item.audience,
                review=item.case.reference,
            )
            for item in Dissemination.objects.for_partnership(partnership)
            .filter(held_on__range=(start, end))
            .select_related("case")
            .order_by("held_on")
        ],
    )


def _has(obj, name):
    from django.core.exceptions import ObjectDoesNotExist

    try:
        return getattr(obj, name) is not None
    except ObjectDoesNotExist:
        return False

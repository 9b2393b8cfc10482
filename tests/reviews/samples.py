"""Sample case review objects for the isolation probe (tests/samples.py): a
notification converted to an LCSPR, at its final draft with a report version,
a change request and a recommendation; a DARDR with a quality assurance
submission; a SAR. Nobody is on their panels: only the business unit and the
independent chair see them."""

import datetime

from reviews import learning, progress, services, versions
from reviews.models import (
    ClockRule,
    LearningTheme,
    QualitySubmission,
    Recommendation,
    ReportVersion,
)
from tests.samples import sample

from .factories import make_case, make_review


@sample("case")
def _case(tenant):
    user = tenant.users["business_manager"]
    # The partnership records real identifiers, so the business unit may reveal them.
    services.review_settings_save(
        partnership=tenant.partnership, data={"identifiers_enabled": True}, acting_user=user
    )
    case = make_case(
        tenant.partnership,
        user=user,
        notified_date=datetime.date(2025, 12, 23),
        pseudonym="Family M",
    )
    progress.rapid_review_decide(
        case=case,
        recommendation="lcspr",
        rationale="Learning about information sharing between health and the police",
        decided_on=datetime.date(2026, 1, 14),
        acting_user=user,
    )
    review = make_review(case, user=user)
    report = review.versions.filter(kind="report").first()
    versions.change_request_add(
        version=report,
        data={"request": "Correct paragraph 4.2", "section": "4.2"},
        acting_user=user,
    )
    learning.recommendation_add(
        review=review, text="Partners share the safety plan with the GP", acting_user=user
    )
    return case


@sample("version")
def _version(tenant):
    return ReportVersion.objects.filter(review__case=tenant.sample("case"), kind="report").first()


@sample("change_request")
def _change_request(tenant):
    return tenant.sample("version").change_requests.first()


@sample("recommendation")
def _recommendation(tenant):
    return Recommendation.objects.filter(review__case=tenant.sample("case")).first()


@sample("dardr_case")
def _dardr(tenant):
    user = tenant.users["business_manager"]
    case = make_case(
        tenant.partnership,
        user=user,
        kind="domestic_abuse",
        review_type="dardr",
        pseudonym="Adult D",
        subjects={1: {"pseudonym": "Adult D", "age_band": "25_64"}},
        decision_date=datetime.date(2025, 10, 1),
    )
    review = make_review(case, user=user, stage="commissioned")
    progress.qa_submission_save(
        review=review, data={"submitted_on": datetime.date(2026, 2, 2)}, acting_user=user
    )
    return case


@sample("qa_submission")
def _qa(tenant):
    return QualitySubmission.objects.filter(review__case=tenant.sample("dardr_case")).first()


@sample("sar_case")
def _sar(tenant):
    user = tenant.users["business_manager"]
    case = make_case(
        tenant.partnership,
        user=user,
        kind="adult_referral",
        review_type="sar",
        pseudonym="Arthur",
        subjects={1: {"pseudonym": "Arthur", "age_band": "65_plus"}},
        criteria="s44_mandatory",
        decision_date=datetime.date(2025, 11, 3),
    )
    make_review(case, user=user, stage="commissioned")
    return case


@sample("clock_rule")
def _clock_rule(tenant):
    tenant.sample("case")  # seeds the national rules
    return ClockRule.objects.filter(partnership=tenant.partnership, key="rapid_review").first()


@sample("theme")
def _theme(tenant):
    services.themes_ensure(tenant.partnership)
    return LearningTheme.objects.filter(partnership=tenant.partnership).first()


@sample("signatory")
def _signatory(tenant):
    return services.signatory_add(
        partnership=tenant.partnership,
        review_type="sar",
        membership=tenant.memberships["business_officer"],
        capacity="Director of Adult Social Care",
        acting_user=tenant.users["business_manager"],
    )

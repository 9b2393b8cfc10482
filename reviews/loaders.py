"""Loading case review records for a request: 404 for anything in a case the
member may not see, exactly as for another partnership's (a case's panel page,
a version, its file, a change request...)."""

from partnership.loaders import load

from .models import (
    Case,
    ChangeRequest,
    ClockRule,
    LearningTheme,
    QualitySubmission,
    Recommendation,
    ReportVersion,
    Signatory,
)
from .permissions import can_view_case


def load_case(request, case_uuid):
    return load(
        request,
        Case.objects.select_related(
            "partnership", "notifier", "referring_agency__organisation", "rapid_review", "review"
        ),
        visible=can_view_case,
        uuid=case_uuid,
    )


def load_version(request, case, version_uuid):
    return load(
        request,
        ReportVersion.objects.filter(review__case=case).select_related(
            "partnership", "review__case", "uploaded_by"
        ),
        uuid=version_uuid,
    )


def load_change_request(request, version, request_uuid):
    return load(
        request,
        ChangeRequest.objects.filter(version=version).select_related("agency__organisation"),
        uuid=request_uuid,
    )


def load_recommendation(request, case, recommendation_uuid):
    return load(
        request,
        Recommendation.objects.filter(review__case=case).select_related("review__case"),
        uuid=recommendation_uuid,
    )


def load_qa_submission(request, case, submission_uuid):
    return load(request, QualitySubmission.objects.filter(review__case=case), uuid=submission_uuid)


def load_clock_rule(request, rule_uuid):
    return load(request, ClockRule.objects.all(), uuid=rule_uuid)


def load_theme(request, theme_uuid):
    return load(request, LearningTheme.objects.all(), uuid=theme_uuid)


def load_signatory(request, signatory_uuid):
    return load(request, Signatory.objects.select_related("membership__user"), uuid=signatory_uuid)

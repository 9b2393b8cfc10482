"""Case reviews: cases (notifications and referrals), statutory clocks, rapid
reviews, reviews with their report versions, sign-off and publication, and the
learning they lead to. One module per concept."""

from .cases import (
    AgeBand,
    Case,
    CaseGroupObjectPermission,
    CaseLink,
    CaseSubject,
    CaseTheme,
    CaseTypeChange,
    CaseUserObjectPermission,
    LearningTheme,
    ReviewSettings,
    ReviewType,
)
from .clocks import CaseClock, ClockReminder, ClockRule
from .learning import Dissemination, Recommendation, RecommendationAction
from .reviews import (
    ChangeRequest,
    FamilyContact,
    Publication,
    QualityMarker,
    QualitySubmission,
    RapidReview,
    RapidReviewAgency,
    RapidReviewSignOff,
    ReportVersion,
    Review,
    Signatory,
    SignOff,
    Stage,
    StageChange,
)

__all__ = [
    "AgeBand",
    "Case",
    "CaseClock",
    "CaseGroupObjectPermission",
    "CaseLink",
    "CaseSubject",
    "CaseTheme",
    "CaseTypeChange",
    "CaseUserObjectPermission",
    "ChangeRequest",
    "ClockReminder",
    "ClockRule",
    "Dissemination",
    "FamilyContact",
    "LearningTheme",
    "Publication",
    "QualityMarker",
    "QualitySubmission",
    "RapidReview",
    "RapidReviewAgency",
    "RapidReviewSignOff",
    "Recommendation",
    "RecommendationAction",
    "ReportVersion",
    "Review",
    "ReviewSettings",
    "ReviewType",
    "SignOff",
    "Signatory",
    "Stage",
    "StageChange",
]

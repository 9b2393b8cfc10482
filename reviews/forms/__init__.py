"""Forms for case reviews. Forms own validation; the services own the rules that
must hold whoever calls them."""

from .cases import CaseForm, CaseLinkForm, IdentifiersForm, PanelForm, RetentionForm
from .learning import DisseminationForm, RecommendationActionForm, RecommendationForm
from .rapid import DecisionForm, RapidReviewForm, RapidSignOffForm
from .register import RegisterFilterForm
from .reviews import (
    AnswerForm,
    AnyStageField,
    ChangeRequestForm,
    FamilyContactForm,
    PublicationForm,
    QualityMarkersForm,
    QualitySubmissionForm,
    ReviewForm,
    StageForm,
    VersionUploadForm,
)
from .settings import ClockRuleForm, ReviewSettingsForm, SignatoryForm, ThemeForm

__all__ = [
    "AnswerForm",
    "AnyStageField",
    "CaseForm",
    "CaseLinkForm",
    "ChangeRequestForm",
    "ClockRuleForm",
    "DecisionForm",
    "DisseminationForm",
    "FamilyContactForm",
    "IdentifiersForm",
    "PanelForm",
    "PublicationForm",
    "QualityMarkersForm",
    "QualitySubmissionForm",
    "RapidReviewForm",
    "RapidSignOffForm",
    "RecommendationActionForm",
    "RecommendationForm",
    "RegisterFilterForm",
    "RetentionForm",
    "ReviewForm",
    "ReviewSettingsForm",
    "SignatoryForm",
    "StageForm",
    "ThemeForm",
    "VersionUploadForm",
]

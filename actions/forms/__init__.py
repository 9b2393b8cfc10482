"""Forms for the action log: filters, raising and changing actions, updates, completion,
the partnership's settings and importing a tracker."""

from .actions import ActionForm, OwnerInputs, OwnersField
from .filters import (
    MAX_OWNERS,
    RAG_FILTERS,
    ActionFilterForm,
    LongSelect,
    describe_filters,
    read_filters,
)
from .imports import ImportColumnsForm, ImportConfirmForm, ImportUploadForm
from .updates import ActionCompleteForm, ActionLogSettingsForm, ActionUpdateForm

__all__ = [
    "ActionCompleteForm",
    "ActionFilterForm",
    "ActionForm",
    "ActionLogSettingsForm",
    "ActionUpdateForm",
    "ImportColumnsForm",
    "ImportConfirmForm",
    "ImportUploadForm",
    "LongSelect",
    "MAX_OWNERS",
    "OwnerInputs",
    "OwnersField",
    "RAG_FILTERS",
    "describe_filters",
    "read_filters",
]

"""The rapid review, its decision and the safeguarding partners' sign-off."""

from django import forms

from govuk.forms import GovukDateField, GovukForm
from partnership.forms import TenantModelForm
from partnership.models import PartnerAgency

from ..models import (
    RapidReview,
    RapidReviewSignOff,
)
from ..progress import RAPID_FIELDS

# Rapid reviews ---------------------------------------------------------------------


class RapidReviewForm(TenantModelForm):
    agencies = forms.ModelMultipleChoiceField(
        label="Agencies taking part",
        required=False,
        queryset=PartnerAgency.objects.none(),
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = RapidReview
        error_messages = {
            "meeting_date": {"required": "Enter the date of the rapid review meeting"}
        }
        fields = list(RAPID_FIELDS)
        widgets = {
            name: forms.Textarea(attrs={"rows": 4})
            for name in ("facts", "immediate_actions", "learning_potential", "panel_response")
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["meeting_date"].required = True
        self.fields["agencies"].queryset = PartnerAgency.objects.for_partnership(
            self.partnership
        ).select_related("organisation")
        self.fields["agencies"].label_from_instance = lambda a: a.organisation.name
        if self.instance.pk:
            self.initial["agencies"] = list(self.instance.agencies.all())

    def clean(self):
        data = super().clean()
        if data.get("panel_response", "").strip() and not data.get("panel_response_on"):
            self.add_error("panel_response_on", "Enter the date of the Panel's response")
        return data


class DecisionForm(GovukForm):
    recommendation = forms.ChoiceField(
        label="The rapid review recommends",
        choices=RapidReview.Recommendation.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose what the rapid review recommends"},
    )
    rationale = forms.CharField(
        label="Reasons",
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": "Enter the reasons for the recommendation"},
    )
    decided_on = GovukDateField(label="Date decided")


class RapidSignOffForm(GovukForm):
    partner = forms.ChoiceField(
        label="Safeguarding partner",
        choices=RapidReviewSignOff.Partner.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose the safeguarding partner"},
    )
    capacity = forms.ChoiceField(
        label="Signed as",
        choices=RapidReviewSignOff.Capacity.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose lead or delegated safeguarding partner"},
    )
    name = forms.CharField(
        label="Name", max_length=200, error_messages={"required": "Enter who signed it off"}
    )
    signed_on = GovukDateField(label="Date signed off")

"""The partnership's review settings, clock rules, learning themes and signatories."""

from django import forms

from govuk.forms import GovukForm
from partnership.forms import TenantModelForm
from partnership.models import Membership, Role

from ..models import (
    ClockRule,
    ReviewSettings,
    ReviewType,
)

# Settings ---------------------------------------------------------------------------


class ReviewSettingsForm(TenantModelForm):
    class Meta:
        model = ReviewSettings
        fields = [
            "identifiers_enabled",
            "staggering_days",
            "reminders_enabled",
            "action_plan_board",
        ]
        widgets = {"staggering_days": forms.NumberInput(attrs={"class": "govuk-input--width-3"})}
        error_messages = {
            "staggering_days": {
                "required": "Enter the staggering interval in working days",
                "invalid": "The staggering interval must be a whole number of working days",
            }
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["action_plan_board"].empty_label = "Choose each time"
        for value, label in ReviewType.choices:
            self.fields[f"retention_{value}"] = forms.IntegerField(
                label=f"{label}: years kept after closing",
                min_value=1,
                max_value=100,
                initial=self.instance.years_for(value),
                widget=forms.NumberInput(attrs={"class": "govuk-input--width-3"}),
                error_messages={
                    "required": "Enter how many years records are kept",
                    "invalid": "Enter a whole number of years",
                    "min_value": "Keep records for at least 1 year",
                    "max_value": "Enter 100 years or fewer",
                },
            )

    def clean_staggering_days(self):
        days = self.cleaned_data["staggering_days"]
        if not 1 <= days <= 60:
            raise forms.ValidationError(
                "The staggering interval must be between 1 and 60 working days"
            )
        return days

    def settings_data(self):
        data = {name: self.cleaned_data[name] for name in self._meta.fields}
        data["retention_years"] = {
            value: self.cleaned_data[f"retention_{value}"] for value, _ in ReviewType.choices
        }
        return data

    def retention_fields(self):
        return [self[f"retention_{value}"] for value, _ in ReviewType.choices]

    def main_fields(self):
        return [self[name] for name in self._meta.fields]


class ClockRuleForm(TenantModelForm):
    review_types = forms.MultipleChoiceField(
        label="Applies to",
        choices=ReviewType.choices,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": "Choose the types of review the rule applies to"},
    )

    class Meta:
        model = ClockRule
        fields = [
            "name",
            "amount",
            "unit",
            "direction",
            "start_event",
            "end_event",
            "review_types",
            "source",
            "is_active",
        ]
        widgets = {
            "amount": forms.NumberInput(attrs={"class": "govuk-input--width-3"}),
            "unit": forms.RadioSelect,
            "direction": forms.RadioSelect,
        }
        error_messages = {
            "name": {"required": "Enter the clock's name"},
            "amount": {
                "required": "Enter how many days or months",
                "invalid": "Enter a whole number",
            },
        }

    def clean_amount(self):
        amount = self.cleaned_data["amount"]
        if not 1 <= amount <= 400:
            raise forms.ValidationError("Enter a number between 1 and 400")
        return amount

    def clean(self):
        data = super().clean()
        if data.get("start_event") and data.get("start_event") == data.get("end_event"):
            self.add_error("end_event", "A clock must stop at a different event from its start")
        return data


class ThemeForm(GovukForm):
    name = forms.CharField(
        label="Theme", max_length=100, error_messages={"required": "Enter the theme"}
    )
    is_active = forms.BooleanField(label="In use", required=False, initial=True)


class SignatoryForm(GovukForm):
    review_type = forms.ChoiceField(
        label="Type of review",
        choices=[("", "Choose a type")] + [c for c in ReviewType.choices if c[0] != "none"],
        error_messages={"required": "Choose the type of review"},
    )
    membership = forms.ChoiceField(
        label="Who signs", error_messages={"required": "Choose who signs"}
    )
    capacity = forms.CharField(
        label="Signs as",
        max_length=100,
        help_text="For example, Director of Adult Social Care",
        error_messages={"required": "Enter the capacity they sign in"},
    )

    def __init__(self, *args, partnership, **kwargs):
        super().__init__(*args, **kwargs)
        self.members = {
            str(m.uuid): m
            for m in Membership.objects.for_partnership(partnership)
            .filter(is_active=True)
            .exclude(role__in=[Role.INDEPENDENT_CHAIR, Role.OBSERVER])
            .select_related("user")
        }
        self.fields["membership"].choices = [("", "Choose a person")] + [
            (k, m.user.get_full_name() or m.user.email)
            for k, m in sorted(self.members.items(), key=lambda kv: str(kv[1].user))
        ]

    def clean_membership(self):
        return self.members[self.cleaned_data["membership"]]

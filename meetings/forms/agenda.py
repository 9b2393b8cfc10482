"""Agenda items and papers."""

from django import forms

from govuk.forms import GovukForm
from partnership.forms import TenantModelForm

from .. import papers
from ..limits import too_long
from ..models import (
    AgendaItem,
)
from .fields import PURPOSE_CHOICES, active_people

# Agenda -------------------------------------------------------------------------


class AgendaItemForm(TenantModelForm):
    after = forms.ChoiceField(label="Where on the agenda", required=False)
    number = forms.CharField(
        label="Number (optional)",
        required=False,
        max_length=10,
        help_text="Leave blank to number it automatically. Type one (like 2a) to set it.",
        widget=forms.TextInput(attrs={"class": "govuk-input--width-4", "spellcheck": "false"}),
    )
    previous_minutes = forms.BooleanField(
        label="This item agrees the previous minutes and reviews the action log",
        required=False,
    )

    class Meta:
        model = AgendaItem
        fields = [
            "title",
            "numbering",
            "number",
            "purpose",
            "presenter",
            "minutes_allowed",
            "is_confidential",
        ]
        widgets = {
            "numbering": forms.RadioSelect,
            "purpose": forms.RadioSelect(choices=PURPOSE_CHOICES),
            "minutes_allowed": forms.NumberInput(attrs={"class": "govuk-input--width-3"}),
        }
        labels = {
            "numbering": "Numbering",
            "minutes_allowed": "Minutes allowed (optional)",
            "is_confidential": "Confidential (OFFICIAL-SENSITIVE): left out of public versions",
        }

    field_order = ["title", "after", "numbering", "number"]

    def __init__(self, *args, meeting, **kwargs):
        super().__init__(*args, **kwargs)
        self.meeting = meeting
        self.fields["title"].error_messages["required"] = "Enter the item's title"
        self.fields["purpose"].choices = PURPOSE_CHOICES
        self.fields["presenter"].queryset = active_people(self.partnership)
        self.fields["presenter"].empty_label = "No one named"
        self.fields["presenter"].help_text = "They are asked for the item's paper"
        self.fields["previous_minutes"].initial = self.instance.is_previous_minutes
        if not self.instance.number_is_manual:
            self.initial["number"] = ""
        others = [i for i in meeting.items.order_by("position") if i.pk != self.instance.pk]
        if self.instance.pk:
            del self.fields["after"]
        else:
            self.fields["after"].choices = [("", "At the end")] + [
                (str(i.uuid), f"After {i}") for i in others
            ]
        self._others = others

    def clean_number(self):
        number = self.cleaned_data["number"].strip()
        if number and any(other.number == number for other in self._others):
            raise forms.ValidationError(f"Another item is already numbered {number}")
        return number

    def clean_after(self):
        chosen = self.cleaned_data.get("after")
        if not chosen:
            return None
        return next((i for i in self._others if str(i.uuid) == chosen), None)

    def service_fields(self):
        """The cleaned values, as the agenda services take them."""
        data = self.cleaned_data
        fields = {name: data[name] for name in self._meta.fields}
        fields["number_is_manual"] = bool(data["number"])
        fields["kind"] = (
            AgendaItem.Kind.PREVIOUS_MINUTES if data["previous_minutes"] else AgendaItem.Kind.ITEM
        )
        return fields


# Papers -------------------------------------------------------------------------


class PaperForm(GovukForm):
    title = forms.CharField(
        max_length=300, error_messages={"required": "Enter the paper's title"}, label="Title"
    )
    file = forms.FileField(
        label="File",
        help_text=f"A {papers.ACCEPTED} file, smaller than {papers.max_size_label()}",
        error_messages={"required": "Select a file", "empty": "The selected file is empty"},
    )
    # The content checks are the upload service's (documents.uploads.inspect); the view
    # shows what it refuses as an error on this field.


REASON_LIMIT = 2_000


class LatePaperForm(GovukForm):
    reason = forms.CharField(
        label="Why is the late paper accepted?",
        max_length=REASON_LIMIT,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={
            "required": "Enter why the late paper is accepted",
            "max_length": too_long("The reason", REASON_LIMIT),
        },
        help_text="Recorded with the paper, for example: urgent decision needed before March",
    )

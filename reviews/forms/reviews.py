"""A review's progress: details, stages, report versions, change requests, family contacts,
quality assurance and publication."""

from django import forms

from govuk.forms import GovukForm
from partnership.forms import TenantModelForm
from partnership.models import PartnerAgency

from ..models import (
    ChangeRequest,
    FamilyContact,
    Publication,
    QualitySubmission,
    ReportVersion,
    Review,
    ReviewType,
    Stage,
)
from ..models.reviews import SCIE_QUALITY_MARKERS
from ..stages import next_stages

# Reviews ----------------------------------------------------------------------------


class ReviewForm(TenantModelForm):
    class Meta:
        model = Review
        fields = ["lead_reviewer", "commissioned_on", "sar_library_submitted_on"]

    def __init__(self, *args, case, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["lead_reviewer"].empty_label = "Not yet chosen"
        self.fields["lead_reviewer"].queryset = self.fields["lead_reviewer"].queryset.filter(
            is_active=True
        )
        self.fields["commissioned_on"].required = True
        if case.review_type != ReviewType.SAR:
            del self.fields["sar_library_submitted_on"]


class AnyStageField(forms.ChoiceField):
    """Offers the allowed next stages but accepts any stage, so a move that is
    not allowed is refused by the service with the reason, not as an unknown
    choice."""

    def valid_value(self, value):
        return value in Stage.values


class StageForm(GovukForm):
    stage = AnyStageField(
        label="Move the review to",
        widget=forms.RadioSelect,
        error_messages={"required": "Choose the stage the review moves to"},
    )
    note = forms.CharField(
        label="Note",
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="Needed when the review is not being published: say why",
    )

    def __init__(self, *args, review, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["stage"].choices = next_stages(review.stage)


class VersionUploadForm(GovukForm):
    kind = forms.ChoiceField(
        label="What it is",
        choices=ReportVersion.Kind.choices,
        widget=forms.RadioSelect,
        initial=ReportVersion.Kind.REPORT,
    )
    file = forms.FileField(
        label="File",
        help_text="A PDF, Word (.docx) or Excel (.xlsx) file smaller than 20 MB",
        error_messages={"required": "Select a file", "empty": "The selected file is empty"},
    )
    summary_of_changes = forms.CharField(
        label="Summary of changes",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="What changed since the last version",
    )


class ChangeRequestForm(GovukForm):
    agency = forms.ModelChoiceField(
        label="Requested by (agency)", required=False, queryset=PartnerAgency.objects.none()
    )
    section = forms.CharField(
        label="Section or paragraph", required=False, max_length=100,
        widget=forms.TextInput(attrs={"class": "govuk-input--width-10"}),
    )  # fmt: skip
    request = forms.CharField(
        label="Requested change",
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": "Enter the change requested"},
    )

    def __init__(self, *args, partnership, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agency"].queryset = PartnerAgency.objects.for_partnership(
            partnership
        ).select_related("organisation")
        self.fields["agency"].empty_label = "Not recorded"
        self.fields["agency"].label_from_instance = lambda a: a.organisation.name


class AnswerForm(GovukForm):
    response = forms.ChoiceField(
        label="Answer",
        choices=ChangeRequest.Response.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose whether the change is agreed"},
    )
    response_reason = forms.CharField(
        label="Reason",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Needed when the change is not agreed",
    )

    def clean(self):
        data = super().clean()
        if data.get("response") == "not_agreed" and not data.get("response_reason", "").strip():
            self.add_error("response_reason", "Enter why the change is not agreed")
        return data


class FamilyContactForm(TenantModelForm):
    class Meta:
        model = FamilyContact
        fields = ["contact_on", "with_whom", "method", "summary", "report_shared"]
        widgets = {"method": forms.RadioSelect, "summary": forms.Textarea(attrs={"rows": 3})}


class QualitySubmissionForm(TenantModelForm):
    class Meta:
        model = QualitySubmission
        fields = ["submitted_on", "outcome", "feedback_on", "feedback"]
        widgets = {"outcome": forms.RadioSelect, "feedback": forms.Textarea(attrs={"rows": 4})}

    def clean(self):
        data = super().clean()
        if data.get("outcome") not in (None, "awaiting") and not data.get("feedback_on"):
            self.add_error("feedback_on", "Enter the date of the feedback letter")
        feedback_on, submitted_on = data.get("feedback_on"), data.get("submitted_on")
        if feedback_on and submitted_on and feedback_on < submitted_on:
            self.add_error("feedback_on", "The feedback must be dated after the submission")
        return data


class QualityMarkersForm(GovukForm):
    def __init__(self, *args, review, **kwargs):
        super().__init__(*args, **kwargs)
        existing = {m.marker: m for m in review.quality_markers.all()}
        for number, label in SCIE_QUALITY_MARKERS:
            found = existing.get(number)
            self.fields[f"met_{number}"] = forms.BooleanField(
                label=f"{number}. {label}", required=False, initial=found.met if found else False
            )
            self.fields[f"note_{number}"] = forms.CharField(
                label=f"Note on marker {number}",
                required=False,
                max_length=1000,
                initial=found.note if found else "",
            )

    def markers(self):
        data = self.cleaned_data
        return {
            n: (data.get(f"met_{n}", False), data.get(f"note_{n}", "").strip())
            for n, _ in SCIE_QUALITY_MARKERS
        }


class PublicationForm(TenantModelForm):
    places = forms.MultipleChoiceField(
        label="Where",
        required=False,
        choices=Publication.Place.choices,
        widget=forms.CheckboxSelectMultiple,
    )
    link = forms.URLField(
        label="Link to the published report",
        required=False,
        assume_scheme="https",
        error_messages={"invalid": "Enter a web address, like https://www.example.org/report"},
    )

    class Meta:
        model = Publication
        fields = [
            "planned_on",
            "published_on",
            "places",
            "anonymised",
            "panel_notified_on",
            "link",
            "media_note",
        ]
        widgets = {"media_note": forms.Textarea(attrs={"rows": 3})}

    def clean(self):
        data = super().clean()
        if data.get("published_on") and not data.get("places"):
            self.add_error("places", "Choose where it was published")
        return data

"""Forms for case reviews. Forms own validation; the services own the rules that
must hold whoever calls them."""

import datetime

from django import forms
from django.db.models import Q

from actions.forms import OwnersField
from actions.owners import ALL, OwnerDirectory, owner_label
from govuk.forms import GovukDateField, GovukForm
from partnership.forms import TenantModelForm
from partnership.models import Board, Membership, PartnerAgency, Role

from .models import (
    AgeBand,
    Case,
    CaseSubject,
    ChangeRequest,
    ClockRule,
    Dissemination,
    FamilyContact,
    LearningTheme,
    Publication,
    QualitySubmission,
    RapidReview,
    RapidReviewSignOff,
    ReportVersion,
    Review,
    ReviewSettings,
    ReviewType,
    Stage,
)
from .models.reviews import SCIE_QUALITY_MARKERS
from .progress import RAPID_FIELDS
from .services import CASE_FIELDS
from .stages import next_stages

TIME_FORMATS = ["%H:%M", "%I:%M%p", "%I%p", "%I:%M %p", "%I %p", "%H.%M", "%I.%M%p"]


class FlexibleTimeField(forms.TimeField):
    """A time typed as people write it: 13:30, 1:30pm, 1pm."""

    def __init__(self, **kwargs):
        super().__init__(
            input_formats=TIME_FORMATS,
            error_messages={"invalid": "Enter a time like 1:30pm or 13:30"},
            **kwargs,
        )

    def to_python(self, value):
        if isinstance(value, str):
            value = value.strip().lower().replace(" ", "")
        return super().to_python(value)


# Cases ----------------------------------------------------------------------------


class CaseForm(TenantModelForm):
    """A case's details, its children or adults (up to four) and, when editing,
    its status, themes and the reason for a change of type."""

    type_change_reason = forms.CharField(
        label="Why the type of review is changing",
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="Only when you change the type, for example: rapid review recommended an LCSPR",
    )
    themes = forms.ModelMultipleChoiceField(
        label="Learning themes",
        required=False,
        queryset=LearningTheme.objects.none(),
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = Case
        fields = [*CASE_FIELDS[:3], "review_type", "no_review_reason", "status", *CASE_FIELDS[3:]]
        field_classes = {"incident_time": FlexibleTimeField}
        widgets = {
            "kind": forms.RadioSelect,
            "status": forms.RadioSelect,
            "reference": forms.TextInput(attrs={"class": "govuk-input--width-10"}),
            "steis_number": forms.TextInput(attrs={"class": "govuk-input--width-10"}),
            "panel_reference": forms.TextInput(attrs={"class": "govuk-input--width-10"}),
            "incident_time": forms.TextInput(attrs={"class": "govuk-input--width-5"}),
            "summary": forms.Textarea(attrs={"rows": 5}),
            "no_review_reason": forms.Textarea(attrs={"rows": 2}),
            "criteria_notes": forms.Textarea(attrs={"rows": 3}),
            "legal_hold_reason": forms.Textarea(attrs={"rows": 2}),
        }
        help_texts = {
            "reference": "Leave blank to number it for you, like LCSPR 2025/03",
            "incident_time": "For example, 1:30pm. Leave blank if not known.",
            "summary": "What happened, briefly. Use pseudonyms, never names.",
            "decision_date": "The rapid review records this for you when it decides",
        }
        labels = {"referring_agency": "Referring agency"}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        editing = self.instance.pk is not None
        self.fields["pseudonym"].error_messages["required"] = "Enter the case's pseudonym"
        self.fields["reference"].required = False
        self.fields["notifier"].empty_label = "Not recorded"
        self.fields["referring_agency"].empty_label = "Not recorded"
        self.fields["referring_agency"].queryset = self.fields[
            "referring_agency"
        ].queryset.select_related("organisation")
        self.fields["referring_agency"].label_from_instance = lambda a: a.organisation.name
        self.fields["notifier"].queryset = self.fields["notifier"].queryset.filter(is_active=True)
        self.fields["criteria"].choices = Case.Criteria.choices
        if editing:
            self.fields["themes"].queryset = (
                LearningTheme.objects.for_partnership(self.partnership)
                .filter(Q(is_active=True) | Q(cases=self.instance))
                .distinct()
            )
            self.initial["themes"] = list(self.instance.themes.all())
        else:
            for name in ("type_change_reason", "status", "themes"):
                del self.fields[name]
        subjects = {s.position: s for s in self.instance.subjects.all()} if editing else {}
        for n in range(1, CaseSubject.MAX + 1):
            subject = subjects.get(n)
            who = "child or adult"
            self.fields[f"subject_{n}_pseudonym"] = forms.CharField(
                label=f"{'First' if n == 1 else ('Second', 'Third', 'Fourth')[n - 2]} {who}: "
                "pseudonym",
                required=False,
                max_length=100,
                initial=subject.pseudonym if subject else "",
                help_text="For example, Child C" if n == 1 else "Leave blank if none",
            )
            self.fields[f"subject_{n}_age_band"] = forms.ChoiceField(
                label="Age band",
                required=False,
                choices=[("", "Not recorded"), *AgeBand.choices],
                initial=subject.age_band if subject else "",
            )
            self.fields[f"subject_{n}_looked_after"] = forms.BooleanField(
                label="Looked-after child",
                required=False,
                initial=subject.looked_after if subject else False,
            )
            self.fields[f"subject_{n}_care_leaver"] = forms.BooleanField(
                label="Care leaver (a care leaver's death up to 24 needs no rapid review)",
                required=False,
                initial=subject.care_leaver if subject else False,
            )

    def subject_groups(self):
        """[(number, [bound fields])] for the template."""
        parts = ("pseudonym", "age_band", "looked_after", "care_leaver")
        return [
            (n, [self[f"subject_{n}_{part}"] for part in parts])
            for n in range(1, CaseSubject.MAX + 1)
        ]

    def main_fields(self):
        return [f for f in self.visible_fields() if not f.name.startswith("subject_")]

    def clean_reference(self):
        reference = " ".join(self.cleaned_data.get("reference", "").split())
        if not reference:
            return ""
        clash = Case.objects.for_partnership(self.partnership).filter(reference__iexact=reference)
        if self.instance.pk:
            clash = clash.exclude(pk=self.instance.pk)
        if clash.exists():
            raise forms.ValidationError("There is already a case with this reference")
        return reference

    def clean(self):
        data = super().clean()
        if (
            data.get("review_type") == ReviewType.NONE
            and not data.get("no_review_reason", "").strip()
        ):
            self.add_error("no_review_reason", "Enter why there is no further review")
        if data.get("legal_hold") and not data.get("legal_hold_reason", "").strip():
            self.add_error("legal_hold_reason", "Enter why the case is on legal hold")
        aware, notified = data.get("aware_date"), data.get("notified_date")
        if aware and notified and notified < aware:
            self.add_error(
                "notified_date",
                "The date notified must be the same as or after the date the local authority "
                "became aware",
            )
        today = datetime.date.today()
        for name in ("incident_date", "aware_date", "notified_date"):
            if data.get(name) and data[name] > today + datetime.timedelta(days=1):
                self.add_error(name, "The date must be today or in the past")
        for subject in self.instance.subjects.all() if self.instance.pk else []:
            blank = not data.get(f"subject_{subject.position}_pseudonym", "").strip()
            if blank and subject.has_identifiers:
                self.add_error(
                    f"subject_{subject.position}_pseudonym",
                    f"{subject.pseudonym} has real identifiers recorded: they cannot be removed "
                    "from the case",
                )
        changing = data.get("review_type") not in (None, self.instance.review_type)
        if self.instance.pk and changing and not data.get("type_change_reason", "").strip():
            self.add_error("type_change_reason", "Enter why the type of review is changing")
        return data

    def subjects(self):
        data = self.cleaned_data
        return {
            n: {
                "pseudonym": data.get(f"subject_{n}_pseudonym", "").strip(),
                "age_band": data.get(f"subject_{n}_age_band", ""),
                "looked_after": data.get(f"subject_{n}_looked_after", False),
                "care_leaver": data.get(f"subject_{n}_care_leaver", False),
            }
            for n in range(1, CaseSubject.MAX + 1)
        }

    def case_data(self):
        return {
            name: self.cleaned_data[name] for name in self._meta.fields if name in self.cleaned_data
        }


class IdentifiersForm(GovukForm):
    """Real names and dates of birth, one pair per child or adult."""

    def __init__(self, *args, subjects, **kwargs):
        super().__init__(*args, **kwargs)
        self.subjects = subjects
        for subject in subjects:
            self.fields[f"name_{subject.pk}"] = forms.CharField(
                label=f"{subject.pseudonym}: real name", required=False, max_length=200
            )
            self.fields[f"born_{subject.pk}"] = GovukDateField(
                label=f"{subject.pseudonym}: date of birth",
                required=False,
                help_text="For example, 27 3 2019. Leave blank to keep what is recorded.",
            )

    def clean(self):
        data = super().clean()
        if self.subjects and not self.errors and not self.identifiers():
            self.add_error(
                f"name_{self.subjects[0].pk}", "Enter a real name or date of birth to record"
            )
        return data

    def identifiers(self):
        """{subject pk: (name or None, date of birth or None)}: None keeps what
        is recorded (a blank box never erases an identifier)."""
        found = {}
        for s in self.subjects:
            name = (self.cleaned_data.get(f"name_{s.pk}") or "").strip() or None
            born = self.cleaned_data.get(f"born_{s.pk}")
            if name or born:
                found[s.pk] = (name, born)
        return found


class CaseLinkForm(GovukForm):
    related_case = forms.ChoiceField(label="A case recorded here", required=False)
    description = forms.CharField(
        label="How it is related",
        max_length=300,
        help_text="For example, Joint SAR and DARDR with the community safety partnership",
        error_messages={"required": "Enter how the review is related"},
    )
    external_reference = forms.CharField(
        label="Their reference", required=False, max_length=60,
        help_text="For a review elsewhere, for example Sandwell LCSPR 2024/05",
    )  # fmt: skip

    def __init__(self, *args, case, **kwargs):
        super().__init__(*args, **kwargs)
        self.cases = {
            str(c.uuid): c
            for c in Case.objects.for_partnership(case.partnership_id).exclude(pk=case.pk)
        }
        self.fields["related_case"].choices = [("", "None: a review elsewhere")] + [
            (key, c.reference)
            for key, c in sorted(self.cases.items(), key=lambda kv: kv[1].reference)
        ]

    def clean_related_case(self):
        return self.cases.get(self.cleaned_data.get("related_case") or "")


class PanelForm(GovukForm):
    member = forms.ChoiceField(
        label="Add someone to the panel",
        help_text="Board members and minute takers with an account. The business unit and "
        "the independent chair see every case already.",
        error_messages={"required": "Choose who to add to the panel"},
    )

    def __init__(self, *args, partnership, exclude_users=(), **kwargs):
        super().__init__(*args, **kwargs)
        candidates = (
            Membership.objects.for_partnership(partnership)
            .filter(is_active=True, role__in=[Role.MEMBER, Role.MINUTE_TAKER])
            .exclude(user_id__in=exclude_users)
            .select_related("user")
            .order_by("user__last_name", "user__first_name")
        )
        self.members = {str(m.uuid): m for m in candidates}
        self.fields["member"].choices = [("", "Choose a person")] + [
            (key, f"{m.user.get_full_name() or m.user.email} ({m.get_role_display()})")
            for key, m in self.members.items()
        ]

    def clean_member(self):
        return self.members[self.cleaned_data["member"]]


class RetentionForm(GovukForm):
    retain_until = GovukDateField(label="Keep the records until")
    note = forms.CharField(
        label="Reason",
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": "Enter the reason for the decision"},
    )

    def clean_retain_until(self):
        day = self.cleaned_data["retain_until"]
        if day and day <= datetime.date.today():
            raise forms.ValidationError("Keep the records until a date in the future")
        return day


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


# Learning ---------------------------------------------------------------------------


class RecommendationForm(GovukForm):
    text = forms.CharField(
        label="Recommendation",
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": "Enter the recommendation"},
    )
    reason_not_implemented = forms.CharField(
        label="Why it will not be implemented",
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="Only if partners decide not to implement it",
    )


class RecommendationActionForm(GovukForm):
    board = forms.ChoiceField(
        label="Action log",
        help_text="The review action plan goes on this board's or group's log",
        error_messages={"required": "Choose whose action log it goes on"},
    )
    description = forms.CharField(
        label="Action",
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Enter the action"},
    )
    owners = OwnersField(
        label="Owners",
        help_text="A name, initials, a group, an agency, or All. Separate several with /.",
    )
    due_date = GovukDateField(label="Due date")

    def __init__(self, *args, partnership, default_board=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.boards = {
            str(b.uuid): b
            for b in Board.objects.for_partnership(partnership).filter(is_active=True)
        }
        self.fields["board"].choices = [("", "Choose a board or group")] + [
            (k, b.name) for k, b in sorted(self.boards.items(), key=lambda kv: kv[1].name)
        ]
        if default_board is not None:
            self.initial["board"] = str(default_board.uuid)
        directory = OwnerDirectory(default_board, partnership=partnership)
        self.fields["owners"].directory = directory
        self.fields["owners"].widget.options = [
            "All" if o == ALL else owner_label(o) for o in directory.all_owners()
        ]

    def clean_board(self):
        return self.boards.get(self.cleaned_data["board"])


class DisseminationForm(TenantModelForm):
    class Meta:
        model = Dissemination
        fields = ["kind", "held_on", "audience", "reached", "notes"]
        widgets = {
            "kind": forms.RadioSelect,
            "reached": forms.NumberInput(attrs={"class": "govuk-input--width-5"}),
            "notes": forms.Textarea(attrs={"rows": 2}),
        }


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


# The register's filters -----------------------------------------------------------


class RegisterFilterForm(GovukForm):
    q = forms.CharField(
        label="Search", required=False, max_length=100,
        help_text="A reference, pseudonym, StEIS number or Panel reference",
    )  # fmt: skip
    review_type = forms.MultipleChoiceField(
        label="Type of review",
        required=False,
        choices=ReviewType.choices,
        widget=forms.CheckboxSelectMultiple,
    )
    stage = forms.MultipleChoiceField(
        label="Stage",
        required=False,
        choices=[*Stage.choices, ("none", "Not yet a review")],
        widget=forms.CheckboxSelectMultiple,
    )
    status = forms.MultipleChoiceField(
        label="Status", required=False, choices=Case.Status.choices,
        widget=forms.CheckboxSelectMultiple,
    )  # fmt: skip
    clock = forms.ChoiceField(
        label="Clocks",
        required=False,
        choices=[
            ("", "Any"),
            ("overdue", "A clock is overdue"),
            ("due_soon", "A clock falls due in the next 10 working days"),
        ],
    )
    theme = forms.ChoiceField(label="Learning theme", required=False)
    year = forms.IntegerField(
        label="Year",
        help_text="When the local authority became aware",
        required=False,
        min_value=2000,
        max_value=2100,
        widget=forms.NumberInput(attrs={"class": "govuk-input--width-4"}),
        error_messages={
            "invalid": "Enter a year like 2025",
            "min_value": "Enter a year from 2000",
            "max_value": "Enter a year before 2100",
        },
    )

    def __init__(self, *args, partnership, **kwargs):
        super().__init__(*args, **kwargs)
        self.themes = {str(t.uuid): t for t in LearningTheme.objects.for_partnership(partnership)}
        self.fields["theme"].choices = [("", "Any theme")] + [
            (k, t.name) for k, t in sorted(self.themes.items(), key=lambda kv: kv[1].name)
        ]

    def filters(self):
        from .selectors import RegisterFilters

        self.is_valid()
        data = {k: v for k, v in getattr(self, "cleaned_data", {}).items() if k not in self.errors}
        return RegisterFilters(
            query=(data.get("q") or "").strip(),
            types=data.get("review_type") or [],
            stages=data.get("stage") or [],
            statuses=data.get("status") or [],
            clock=data.get("clock") or "",
            theme=self.themes.get(data.get("theme") or ""),
            year=data.get("year"),
        )

    def selected(self):
        """The applied filters as MoJ filter tags: [(heading, [(label, link
        without it)])]."""
        if not self.is_bound:
            return []
        self.is_valid()
        found = []
        for name, field in self.fields.items():
            if name in self.errors:
                continue
            value = self.cleaned_data.get(name)
            values = value if isinstance(value, list) else [value]
            tags = []
            for one in values:
                if one in (None, ""):
                    continue
                raw = str(one.uuid) if hasattr(one, "uuid") else str(one)
                choices = dict(getattr(field, "choices", []) or [])
                label = str(choices.get(raw, one))
                rest = self.data.copy()
                rest.pop("page", None)
                rest.setlist(name, [v for v in rest.getlist(name) if v != raw])
                tags.append((label, "?" + (rest.urlencode() or "q=")))
            if tags:
                found.append((field.label, tags))
        return found

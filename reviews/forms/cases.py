"""Recording a case: its details, real identifiers, related reviews, panel and retention."""

import datetime

from django import forms
from django.db.models import Q

from govuk.forms import GovukDateField, GovukForm, GovukTimeField
from partnership.forms import TenantModelForm
from partnership.models import Membership, Role

from ..models import (
    AgeBand,
    Case,
    CaseSubject,
    LearningTheme,
    ReviewType,
)
from ..services import CASE_FIELDS

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
        field_classes = {"incident_time": GovukTimeField}
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
        self.fields["incident_time"].name = "time of the incident"
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

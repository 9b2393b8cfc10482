"""The case review register's filters."""

from django import forms

from govuk.forms import GovukForm

from ..models import (
    Case,
    LearningTheme,
    ReviewType,
    Stage,
)
from ..selectors import RegisterFilters

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

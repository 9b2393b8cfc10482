"""Forms for the annual report builder, in GOV.UK words, keeping what was typed."""

import datetime

from django import forms
from django.utils import timezone
from django_scopes.forms import SafeModelChoiceField

from govuk.forms import GovukDateField, GovukForm
from partnership.forms import ConfirmPasswordForm
from partnership.models import Person

from .evidence import KINDS
from .models import AnnualReport

MONTH_CHOICES = [(m, datetime.date(2000, m, 1).strftime("%B")) for m in range(1, 13)]


class ReportCreateForm(GovukForm):
    kind = forms.ChoiceField(
        label="What kind of report",
        choices=AnnualReport.Kind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose the kind of report"},
    )
    headings = forms.ChoiceField(
        label="Headings for the children's report",
        choices=AnnualReport.Headings.choices,
        initial=AnnualReport.Headings.STATUTORY,
        widget=forms.RadioSelect,
        help_text="A Safeguarding Adults Board report always follows the Care Act's content",
        required=False,
    )
    start_month = forms.TypedChoiceField(
        label="The period starts in",
        coerce=int,
        choices=MONTH_CHOICES,
        help_text="A children's report covers any 12 months the partners choose; a Safeguarding "
        "Adults Board report covers the financial year",
    )
    start_year = forms.TypedChoiceField(label="Of the year", coerce=int)
    title = forms.CharField(
        required=False,
        max_length=200,
        help_text="Leave blank for, for example, “Dudley Safeguarding Children Partnership "
        "yearly report 2025 to 2026”",
    )

    def __init__(self, *args, partnership, **kwargs):
        this_year = timezone.localdate().year
        kwargs.setdefault(
            "initial",
            {
                "start_month": partnership.financial_year_start_month,
                "start_year": this_year - 1,
                "kind": "combined"
                if partnership.covers_children and partnership.covers_adults
                else ("adults" if partnership.covers_adults else "children"),
            },
        )
        super().__init__(*args, **kwargs)
        self.partnership = partnership
        self.fields["start_year"].choices = [
            (year, str(year)) for year in range(this_year, this_year - 6, -1)
        ]

    def clean(self):
        data = super().clean()
        kind = data.get("kind")
        if kind in ("adults", "combined") and data.get("start_month") not in (
            None,
            self.partnership.financial_year_start_month,
        ):
            self.add_error(
                "start_month",
                "A Safeguarding Adults Board report covers the financial year: it starts in "
                + self.partnership.get_financial_year_start_month_display(),
            )
        if data.get("start_month") and data.get("start_year"):
            data["start_date"] = datetime.date(data["start_year"], data["start_month"], 1)
        data["headings"] = data.get("headings") or AnnualReport.Headings.STATUTORY
        return data


class ReportDetailsForm(GovukForm):
    title = forms.CharField(max_length=200, error_messages={"required": "Enter the title"})
    send_within_days = forms.IntegerField(
        label="Send the published report within (days)",
        min_value=1,
        max_value=90,
        widget=forms.NumberInput(attrs={"class": "govuk-input--width-3"}),
        help_text="Working Together asks for 7 days after publication",
        error_messages={
            "required": "Enter the number of days",
            "invalid": "Enter the number of days as a whole number, like 7",
            "min_value": "The number of days must be at least 1",
            "max_value": "The number of days must be 90 or fewer",
        },
    )
    send_within_working_days = forms.BooleanField(
        label="Count working days only (not weekends or bank holidays)", required=False
    )
    version = forms.IntegerField(widget=forms.HiddenInput)


class SummaryForm(GovukForm):
    young_people_summary = forms.CharField(
        label="Summary for children and young people",
        widget=forms.Textarea(attrs={"rows": 12}),
        max_length=5000,
        help_text="One page in plain words: what the partnership did this year and why it "
        "matters to them. The key numbers are added for you",
        error_messages={
            "required": "Write the summary",
            "max_length": "Keep the summary to one page: 5,000 characters or fewer",
        },
    )
    version = forms.IntegerField(widget=forms.HiddenInput)


class SectionForm(GovukForm):
    narrative = forms.CharField(
        required=False,
        widget=forms.Textarea(attrs={"rows": 14}),
        max_length=30000,
        error_messages={"max_length": "Keep the narrative to 30,000 characters or fewer"},
    )
    version = forms.IntegerField(widget=forms.HiddenInput)
    included = forms.MultipleChoiceField(
        choices=list(KINDS.items()), required=False, widget=forms.MultipleHiddenInput
    )
    add = forms.ChoiceField(choices=list(KINDS.items()), required=False)
    remove = forms.ChoiceField(choices=list(KINDS.items()), required=False)
    sentence = forms.ChoiceField(choices=list(KINDS.items()), required=False)

    def __init__(self, *args, section, **kwargs):
        kwargs.setdefault(
            "initial",
            {
                "narrative": section.narrative,
                "version": section.version,
                "included": section.evidence_included,
            },
        )
        super().__init__(*args, **kwargs)
        self.fields["narrative"].label = section.heading
        if section.guidance:
            self.fields["narrative"].help_text = section.guidance


class PriorityForm(GovukForm):
    title = forms.CharField(
        label="Priority",
        max_length=300,
        error_messages={"required": "Enter the priority"},
        help_text="For example, Neglect: recognising it earlier",
    )
    impact = forms.CharField(
        label="Its impact",
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text="What difference it made for children, young people, adults and families, "
        "and how you know. Not only how many attended",
    )


class SignatoryForm(GovukForm):
    person = SafeModelChoiceField(
        queryset=Person.objects.none(),
        label="Who signs",
        empty_label="Choose a person",
        help_text="Only people who sign in to the service can sign",
        error_messages={"required": "Choose who signs"},
    )
    capacity = forms.CharField(
        label="Signs as",
        max_length=200,
        help_text="For example, Chief Constable, West Midlands Police",
        error_messages={"required": "Enter what they sign as"},
    )
    is_scrutineer = forms.BooleanField(
        label="Gives the independent scrutineer's statement", required=False
    )

    def __init__(self, *args, partnership, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = (
            Person.objects.for_partnership(partnership)
            .filter(
                is_active=True,
                user__isnull=False,
                user__memberships__partnership=partnership,
                user__memberships__is_active=True,
            )
            .select_related("organisation")
            .distinct()
        )


class SignForm(ConfirmPasswordForm):
    """Signing off: the scrutineer's statement (for the one who gives it), a
    confirmation, and the signatory's password entered again."""

    statement = forms.CharField(
        label="Independent scrutineer's statement",
        widget=forms.Textarea(attrs={"rows": 8}),
        max_length=10000,
        help_text="Your view of how effective the arrangements have been: it is published "
        "with the report",
        error_messages={"required": "Write your statement as independent scrutineer"},
    )
    confirm = forms.BooleanField(
        label="I have read the copy for signature and sign it off",
        error_messages={"required": "Confirm that you have read the report and sign it off"},
    )

    field_order = ["statement", "confirm", "password"]

    def __init__(self, *args, scrutineer, **kwargs):
        super().__init__(*args, **kwargs)
        if not scrutineer:
            del self.fields["statement"]
        self.order_fields(self.field_order)


class SendingForm(GovukForm):
    sent_on = GovukDateField(label="Date sent", help_text="For example, 12 7 2026")
    sent_how = forms.CharField(
        label="How it was sent",
        max_length=300,
        help_text="For example, emailed to the Panel's mailbox",
        error_messages={"required": "Say how it was sent"},
    )

    def __init__(self, *args, published_on, **kwargs):
        super().__init__(*args, **kwargs)
        self.published_on = published_on

    def clean_sent_on(self):
        sent_on = self.cleaned_data["sent_on"]
        if sent_on and sent_on > timezone.localdate():
            raise forms.ValidationError("The date sent must be today or in the past")
        if sent_on and sent_on < self.published_on:
            raise forms.ValidationError(
                f"The date sent must be on or after the day it was published, "
                f"{self.published_on:%-d %B %Y}"
            )
        return sent_on

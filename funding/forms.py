"""Forms for financial years, the funding formula, budget lines, contributions
and chases. Amounts are typed as people write them ("£250,000", "1,250.50")
and cleaned to Decimal pounds and pence; every error is in GOV.UK words and
keeps what was typed."""

import datetime
import re
from decimal import Decimal, InvalidOperation

from django import forms
from django.utils import timezone

from govuk.forms import GovukDateField, GovukForm
from partnership.forms import TenantModelForm
from partnership.models import PartnerAgency

from .formula import HUNDRED, percentages_total
from .models import BudgetLine, Contribution, FinancialYear, year_label
from .selectors import formula_order
from .services import CONTRIBUTION_FIELDS

MAX_MONEY = Decimal("9999999999.99")


class MoneyInput(forms.TextInput):
    """The GOV.UK text input with a "£" prefix."""

    template_name = "funding/widgets/money.html"

    def __init__(self, attrs=None):
        super().__init__(
            {
                "class": "govuk-input--width-10",
                "inputmode": "decimal",
                "spellcheck": "false",
                "autocomplete": "off",
                **(attrs or {}),
            }
        )


class MoneyField(forms.Field):
    """Pounds and pence, to the penny: "£250,000", "250000", "1,250.50"."""

    widget = MoneyInput

    def __init__(self, *, name="the amount", allow_zero=False, **kwargs):
        super().__init__(**kwargs)
        self.name = name
        self.allow_zero = allow_zero
        self.error_messages["required"] = f"Enter {name}"

    def prepare_value(self, value):
        if isinstance(value, Decimal):
            return f"{value:,.2f}".removesuffix(".00")
        return value

    def to_python(self, value):
        text = re.sub(r"[\s,£]", "", str(value or ""))
        if not text:
            return None
        example = "like £250,000 or £1,250.50"
        if not re.fullmatch(r"\d+(\.\d+)?", text):
            raise forms.ValidationError(
                f"{self._cap()} must be an amount of money, {example}", code="invalid"
            )
        try:
            amount = Decimal(text)
        except InvalidOperation:
            raise forms.ValidationError(
                f"{self._cap()} must be an amount of money, {example}", code="invalid"
            ) from None
        # Too large first: a number longer than Decimal's precision cannot be rounded.
        if amount > MAX_MONEY:
            raise forms.ValidationError(f"{self._cap()} is too large", code="max")
        if amount != amount.quantize(Decimal("0.01")):
            raise forms.ValidationError(
                f"{self._cap()} must be in pounds and pence, with no more than 2 digits "
                "after the point",
                code="pennies",
            )
        if amount == 0 and not self.allow_zero:
            raise forms.ValidationError(f"{self._cap()} must be more than £0", code="zero")
        return amount.quantize(Decimal("0.01"))

    def _cap(self):
        return self.name[:1].upper() + self.name[1:]


class PercentageField(forms.Field):
    widget = forms.TextInput(
        attrs={
            "class": "govuk-input--width-4",
            "inputmode": "decimal",
            "spellcheck": "false",
            "autocomplete": "off",
        }
    )

    def __init__(self, *, partner, **kwargs):
        super().__init__(**kwargs)
        self.partner = partner

    def prepare_value(self, value):
        if isinstance(value, Decimal):
            return f"{value.normalize():f}"
        return value

    def to_python(self, value):
        text = str(value or "").strip().removesuffix("%").strip()
        if not text:
            return None
        message = f"Enter {self.partner}'s percentage as a number, like 33.34"
        if not re.fullmatch(r"\d+(\.\d+)?", text):
            raise forms.ValidationError(message, code="invalid")
        percentage = Decimal(text)
        # The range first: a number longer than Decimal's precision cannot be rounded.
        if not Decimal("0") < percentage <= HUNDRED:
            raise forms.ValidationError(
                f"{self.partner}'s percentage must be more than 0 and no more than 100",
                code="range",
            )
        if percentage != percentage.quantize(Decimal("0.01")):
            raise forms.ValidationError(
                f"{self.partner}'s percentage can have no more than 2 digits after the point",
                code="places",
            )
        return percentage


# Financial years ------------------------------------------------------------------


class FinancialYearCreateForm(GovukForm):
    starts_in = forms.TypedChoiceField(
        label="Financial year", coerce=int, error_messages={"required": "Choose the year"}
    )
    target_budget = MoneyField(
        name="the target budget",
        allow_zero=True,
        label="Target budget",
        help_text="The cash the partners fund between them this year",
    )
    notes = forms.CharField(
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="For example, what the partners agreed and when",
    )

    def __init__(self, *args, partnership, taken, **kwargs):
        super().__init__(*args, **kwargs)
        self.partnership = partnership
        month = partnership.financial_year_start_month
        this_year = timezone.localdate().year
        choices = []
        for year in range(this_year + 1, this_year - 6, -1):
            start = datetime.date(year, month, 1)
            if start in taken:
                continue
            end = datetime.date(year + 1, month, 1) - datetime.timedelta(days=1)
            label = f"{year_label(start, end)} ({start:%B %Y} to {end:%B %Y})"
            choices.append((year, label))
        self.fields["starts_in"].choices = [("", "Choose a year"), *choices]


class FinancialYearForm(GovukForm):
    target_budget = MoneyField(
        name="the target budget",
        allow_zero=True,
        label="Target budget",
        help_text="The cash the partners fund between them this year",
    )
    notes = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 3}))


class FundingFormulaForm(GovukForm):
    """The formula and, for each active partner agency, whether it is in it
    and (for percentages) its percentage. Percentages must add up to 100."""

    formula = forms.ChoiceField(
        label="How the target budget is shared",
        choices=FinancialYear.Formula.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose how the budget is shared"},
    )

    def __init__(self, *args, year, agencies, **kwargs):
        shares = {share.agency_id: share for share in year.shares.all()}
        initial = {"formula": year.formula}
        for agency in agencies:
            share = shares.get(agency.pk)
            initial[f"in_{agency.uuid}"] = share is not None
            initial[f"pct_{agency.uuid}"] = share.percentage if share else None
        super().__init__(*args, initial=initial, **kwargs)
        self.year = year
        self.agencies = formula_order(agencies)
        for agency in self.agencies:
            name = agency.organisation.label
            self.fields[f"in_{agency.uuid}"] = forms.BooleanField(
                label=f"{agency.organisation} pays a share", required=False
            )
            self.fields[f"pct_{agency.uuid}"] = PercentageField(
                partner=name, label=f"{name}: percentage", required=False
            )

    def rows(self):
        """(agency, checkbox, percentage) for the template."""
        return [
            (agency, self[f"in_{agency.uuid}"], self[f"pct_{agency.uuid}"])
            for agency in self.agencies
        ]

    def clean(self):
        data = super().clean()
        chosen = [a for a in self.agencies if data.get(f"in_{a.uuid}")]
        if not chosen:
            self.add_error(
                f"in_{self.agencies[0].uuid}" if self.agencies else None,
                "Choose at least one partner to share the budget",
            )
            return data
        if data.get("formula") == FinancialYear.Formula.PERCENTAGES:
            for agency in chosen:
                key = f"pct_{agency.uuid}"
                if key in data and data[key] is None:
                    self.add_error(key, f"Enter {agency.organisation.label}'s percentage")
            if self.errors:
                return data
            total = percentages_total(data[f"pct_{a.uuid}"] for a in chosen)
            if total != HUNDRED:
                self.add_error(
                    f"pct_{chosen[0].uuid}",
                    f"The percentages must add up to 100. They add up to {total.normalize():f}",
                )
        data["shares"] = {a: data.get(f"pct_{a.uuid}") for a in chosen}
        return data


# Budget lines ---------------------------------------------------------------------


class BudgetLineForm(TenantModelForm):
    planned = MoneyField(name="the planned amount", allow_zero=True, label="Planned")
    actual = MoneyField(
        name="the actual amount",
        allow_zero=True,
        label="Actual",
        required=False,
        help_text="Leave blank until it is known",
    )

    class Meta:
        model = BudgetLine
        fields = ["category", "description", "planned", "actual"]
        widgets = {"category": forms.RadioSelect}
        labels = {"category": "What it pays for"}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["category"].error_messages["required"] = "Choose what it pays for"


# Contributions --------------------------------------------------------------------


class ContributionForm(TenantModelForm):
    amount = MoneyField(
        name="the amount",
        label="Amount",
        help_text="For a contribution in kind, what it is worth",
    )

    class Meta:
        model = Contribution
        fields = ["agency", *CONTRIBUTION_FIELDS]
        widgets = {
            "kind": forms.RadioSelect,
            "status": forms.RadioSelect,
            "notes": forms.Textarea(attrs={"rows": 3}),
            "invoice_reference": forms.TextInput(attrs={"class": "govuk-input--width-20"}),
        }
        labels = {
            "agency": "Partner agency",
            "kind": "Cash or in kind",
            "description": "What it is",
        }
        help_texts = {
            "invoiced_on": "For cash. Left blank, an invoiced contribution is dated today",
            "received_on": "Left blank, a received contribution is dated today",
        }

    def __init__(self, *args, agency=None, **kwargs):
        super().__init__(*args, **kwargs)
        agencies = self.fields["agency"].queryset.select_related("organisation")
        self.fields["agency"].queryset = agencies.order_by("kind", "organisation__name")
        self.fields["agency"].empty_label = "Choose a partner agency"
        self.fields["agency"].error_messages["required"] = "Choose the partner agency"
        self.fields[
            "status"
        ].help_text = (
            "Cash is pledged, then invoiced, then received; in kind is pledged, then received"
        )
        if self.instance.pk:
            del self.fields["agency"]  # a contribution stays with its partner
        elif agency is not None and not self.is_bound:
            self.initial["agency"] = agency.pk

    def clean(self):
        data = super().clean()
        kind, status = data.get("kind"), data.get("status")
        if kind == Contribution.Kind.IN_KIND:
            if not (data.get("description") or "").strip():
                self.add_error("description", "Describe the contribution in kind")
            if status == Contribution.Status.INVOICED:
                self.add_error(
                    "status", "A contribution in kind is pledged or received, not invoiced"
                )
        today = timezone.localdate()
        # A status is never recorded without the day it was reached: today, unless given.
        if status == Contribution.Status.INVOICED and not data.get("invoiced_on"):
            data["invoiced_on"] = today
        if status == Contribution.Status.RECEIVED and not data.get("received_on"):
            data["received_on"] = today
        dates = [
            ("pledged_on", "pledged"),
            ("invoiced_on", "invoiced"),
            ("received_on", "received"),
        ]
        for name, word in dates:
            value = data.get(name)
            if value and value > today:
                self.add_error(name, f"The date it was {word} must be today or in the past")
        pledged, invoiced, received = (data.get(name) for name, _ in dates)
        if pledged and invoiced and invoiced < pledged:
            self.add_error("invoiced_on", "The invoice date must be on or after the pledge date")
        if received and (invoiced or pledged) and received < (invoiced or pledged):
            self.add_error(
                "received_on",
                "The date it was received must be on or after it was pledged or invoiced",
            )
        return data


class FundingChaseForm(GovukForm):
    chased_on = GovukDateField(label="Date chased", help_text="For example, 12 1 2026")
    note = forms.CharField(
        label="What happened",
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Who you chased, how, and what they said",
        error_messages={
            "required": "Say who you chased and what they said",
            "max_length": "Keep it to 500 characters or fewer",
        },
    )

    def clean_chased_on(self):
        chased_on = self.cleaned_data["chased_on"]
        if chased_on and chased_on > timezone.localdate():
            raise forms.ValidationError("The date chased must be today or in the past")
        return chased_on


def partner_agencies(partnership):
    return PartnerAgency.objects.for_partnership(partnership).select_related("organisation")

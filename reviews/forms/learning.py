"""Recommendations, the actions they become, and dissemination of the learning."""

from django import forms

from actions.forms import OwnersField
from actions.owners import ALL, OwnerDirectory, owner_label
from govuk.forms import GovukDateField, GovukForm
from partnership.forms import TenantModelForm
from partnership.models import Board

from ..models import (
    Dissemination,
)

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

"""The minuting screen's forms: item minutes, actions raised, numbered minutes, approval,
amendments and the review of open actions."""

from django import forms

from govuk.forms import GovukDateField, GovukForm
from partnership.pickers import typeahead_attrs

from .. import action_log

# Minutes ------------------------------------------------------------------------


class ItemMinutesForm(GovukForm):
    discussion = forms.CharField(
        label="Discussion",
        required=False,
        widget=forms.Textarea(attrs={"rows": 8, "data-rich-text": "", "spellcheck": "true"}),
        help_text="Leave a blank line between paragraphs; start a line with - for a bullet",
    )
    decisions = forms.CharField(
        label="Decisions",
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="One per line",
    )
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)

    def __init__(self, *args, item, **kwargs):
        super().__init__(*args, prefix=f"m-{item.uuid}", **kwargs)


class RaiseActionForm(GovukForm):
    description = forms.CharField(
        label="Action",
        max_length=2000,
        error_messages={"required": "Enter the action"},
        widget=forms.Textarea(attrs={"rows": 2, "data-action-description": ""}),
    )
    owners = forms.CharField(
        label="Owner",
        max_length=300,
        help_text="Names or initials, separated by / (for example EF/KW), a team, or All",
        error_messages={"required": "Enter who owns the action"},
        widget=forms.TextInput(
            attrs={
                "autocomplete": "off",
                "spellcheck": "false",
                "data-owner-typeahead": "",
            }
        ),
    )
    due_date = GovukDateField(
        label="Due date (optional)", required=False, help_text="For example, 31 1 2026"
    )

    def __init__(self, *args, item, **kwargs):
        super().__init__(*args, prefix=f"a-{item.uuid}", **kwargs)
        self.item = item
        # Owners from the server's type-ahead (people, teams, groups, agencies,
        # All), never the whole people list in the page.
        self.fields["owners"].widget.attrs.update(
            typeahead_attrs(
                item.meeting.partnership,
                ("all", "person", "team", "board", "agency"),
                multiple=True,
                create_team=True,
            )
        )

    def clean_owners(self):
        return action_log.owners_from_text(self.item.meeting.board, self.cleaned_data["owners"])


class AddMinuteForm(GovukForm):
    title = forms.CharField(
        label="Title of the new minute",
        max_length=300,
        help_text="For example: LADO, or Action – MASH governance",
        error_messages={"required": "Enter a title for the new minute"},
    )


class ApprovalForm(GovukForm):
    AS_IS, AMENDED = "as_is", "amended"
    outcome = forms.ChoiceField(
        label="The minutes were approved",
        widget=forms.RadioSelect,
        choices=[
            (AS_IS, "As a true and accurate record"),
            (AMENDED, "As a true and accurate record, with the following amendment"),
        ],
        error_messages={"required": "Choose how the minutes were approved"},
    )
    amendment = forms.CharField(
        label="The amendment",
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text="Only if approved with an amendment: what should be changed, as agreed",
    )

    def clean(self):
        data = super().clean()
        if data.get("outcome") == self.AMENDED and not data.get("amendment", "").strip():
            self.add_error("amendment", "Enter the amendment agreed")
        if data.get("outcome") == self.AS_IS:
            data["amendment"] = ""
        return data


class AmendmentForm(GovukForm):
    item = forms.ChoiceField(label="Which part of the minutes", required=False)
    text = forms.CharField(
        label="The correction",
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={"required": "Enter the correction"},
    )

    def __init__(self, *args, items, **kwargs):
        super().__init__(*args, **kwargs)
        self.items = list(items)
        self.fields["item"].choices = [("", "The minutes as a whole")] + [
            (str(i.uuid), str(i)) for i in self.items
        ]

    def clean_item(self):
        chosen = self.cleaned_data.get("item")
        return next((i for i in self.items if str(i.uuid) == chosen), None)


class ReviewActionForm(GovukForm):
    text = forms.CharField(
        label="Update", required=False, widget=forms.Textarea(attrs={"rows": 2}), max_length=4000
    )
    status = forms.ChoiceField(label="Status", required=False)
    rag = forms.ChoiceField(label="RAG", required=False)

    def __init__(self, *args, action, status_choices, rag_choices, **kwargs):
        super().__init__(*args, prefix=f"r-{action.uuid}", **kwargs)
        self.fields["status"].choices = [("", "No change")] + list(status_choices)
        self.fields["rag"].choices = [("", "No change")] + list(rag_choices)
        self.fields["text"].label = f"Update on action {action.number}"

    def clean(self):
        data = super().clean()
        if not (data.get("text", "").strip() or data.get("status") or data.get("rag")):
            self.add_error("text", "Enter an update, or change the status or RAG")
        if data.get("rag") in {"red", "amber", "green"} and not data.get("text", "").strip():
            self.add_error("text", "Enter why the RAG changes")
        return data

"""Adding an update to an action, completing it, and the partnership's action log settings."""

from django import forms

from govuk.forms import GovukDateField, GovukForm
from partnership.forms import TenantModelForm

from ..models import Action, ActionLogSettings

# Updates and completion ----------------------------------------------------------------


class ActionUpdateForm(GovukForm):
    RAG_CHOICES = [
        ("computed", "Worked out by the rule"),
        ("red", "Red"),
        ("amber", "Amber"),
        ("green", "Green"),
    ]

    text = forms.CharField(
        label="Update",
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="What has happened since the last update",
    )
    status = forms.ChoiceField(
        label="Status", choices=Action.Status.choices, widget=forms.RadioSelect
    )
    due_date = GovukDateField(
        label="Due date",
        required=False,
        help_text="Change it to move the deadline. For example, 31 3 2026.",
    )
    rag = forms.ChoiceField(label="RAG", choices=RAG_CHOICES, widget=forms.RadioSelect)
    rag_reason = forms.CharField(
        label="Reason for setting the RAG by hand",
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="Needed when you choose red, amber or green yourself",
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, action, **kwargs):
        super().__init__(*args, **kwargs)
        self.action = action
        self.initial.update(
            status=action.status,
            due_date=action.due_date,
            rag=action.rag_override or "computed",
            rag_reason=action.rag_reason,
            version=action.version,
        )

    def clean(self):
        data = super().clean()
        rag = data.get("rag")
        if rag in ("red", "amber", "green") and not (data.get("rag_reason") or "").strip():
            self.add_error("rag_reason", "Give a reason for setting the RAG by hand")
        if self.errors:
            return data
        if not (data.get("text") or "").strip() and not self.changes():
            self.add_error("text", "Enter an update, or change the status, due date or RAG")
        return data

    def changes(self):
        """Keyword arguments for action_update_add: only what differs from now."""
        data, action = self.cleaned_data, self.action
        changed = {}
        if data.get("status") and data["status"] != action.status:
            changed["status"] = data["status"]
        if data.get("due_date") and data["due_date"] != action.due_date:
            changed["due_date"] = data["due_date"]
        rag, reason = data.get("rag"), (data.get("rag_reason") or "").strip()
        if rag == "computed" and action.rag_override:
            changed["rag"] = "computed"
        elif rag in ("red", "amber", "green") and (
            rag != action.rag_override or reason != action.rag_reason
        ):
            changed.update(rag=rag, rag_reason=reason)
        return changed


class ActionCompleteForm(GovukForm):
    text = forms.CharField(
        label="What was done",
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="It goes on the action's timeline, for the next meeting's review",
        error_messages={"required": "Enter what was done to complete the action"},
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)


class ActionLogSettingsForm(TenantModelForm):
    class Meta:
        model = ActionLogSettings
        fields = ["warning_days", "reminders_enabled"]
        widgets = {"warning_days": forms.NumberInput(attrs={"class": "govuk-input--width-3"})}
        error_messages = {
            "warning_days": {
                "required": "Enter the warning window in days",
                "invalid": "The warning window must be a whole number of days, like 7",
                "min_value": "The warning window must be at least 1 day",
                "max_value": "The warning window must be 60 days or fewer",
            }
        }

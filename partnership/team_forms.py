"""Forms for teams: a team's name, and who is in it (people picked with the
type-ahead, or typed by name)."""

from django import forms

from govuk.forms import GovukForm

from .models import Team
from .pickers import PersonPickField


class TeamForm(GovukForm):
    name = forms.CharField(
        label="Name of the team",
        max_length=200,
        help_text="As minutes name it, for example Business Support Team",
        error_messages={"required": "Enter the name of the team"},
    )
    add_member = PersonPickField(
        label="Add a member (optional)",
        required=False,
        help_text="Type a name and choose the person. Members are reminded of the team's actions.",
    )
    is_active = forms.BooleanField(
        label="The team still exists",
        required=False,
        help_text="Untick when a team is disbanded: its name stays on past actions.",
    )

    def __init__(self, *args, partnership, team=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.partnership = partnership
        self.team = team
        self.fields["add_member"].enable(partnership)
        if team is None:
            del self.fields["is_active"]
        else:
            members = list(team.members.order_by("full_name"))
            self.members = {str(p.uuid): p for p in members}
            self.fields["remove"] = forms.MultipleChoiceField(
                label="Remove from the team",
                required=False,
                choices=[(key, p.full_name) for key, p in self.members.items()],
                widget=forms.CheckboxSelectMultiple,
            )
            self.initial.setdefault("name", team.name)
            self.initial.setdefault("is_active", team.is_active)

    def clean_name(self):
        name = " ".join(self.cleaned_data["name"].split())
        clash = Team.objects.for_partnership(self.partnership).filter(name__iexact=name)
        if self.team is not None:
            clash = clash.exclude(pk=self.team.pk)
        if clash.exists():
            raise forms.ValidationError(f"There is already a team called {name}")
        return name

    def removed(self):
        return [self.members[key] for key in self.cleaned_data.get("remove", [])]

"""Forms for partnerships, people, agencies, boards and memberships."""

import uuid as uuid_module

from django import forms
from django.contrib.auth import authenticate
from django.contrib.auth.forms import (
    AuthenticationForm,
    PasswordChangeForm,
    PasswordResetForm,
    SetPasswordForm,
)
from django_scopes.forms import SafeModelChoiceField, SafeModelMultipleChoiceField

from govuk.forms import (
    GovukForm,
    GovukFormMixin,
    GovukModelForm,
    GovukModelFormMetaclass,
    govuk_formfield,
)

from .models import (
    Board,
    BoardMembership,
    Membership,
    Organisation,
    PartnerAgency,
    Partnership,
    Person,
    Role,
    User,
)
from .pickers import PersonPickField
from .tenancy import TenantModel


def tenant_formfield(field, **kwargs):
    """Model fields to form fields for tenant forms. A choice of tenant rows
    starts empty (building it at import time, outside any scope, would raise);
    TenantModelForm fills it with the partnership's rows."""
    if field.many_to_one and issubclass(field.related_model, TenantModel):
        return field.formfield(form_class=SafeModelChoiceField, **kwargs)
    if field.many_to_many and issubclass(field.related_model, TenantModel):
        return field.formfield(form_class=SafeModelMultipleChoiceField, **kwargs)
    return govuk_formfield(field, **kwargs)


class TenantModelFormMetaclass(GovukModelFormMetaclass):
    default_formfield_callback = staticmethod(tenant_formfield)


class TenantModelForm(GovukModelForm, metaclass=TenantModelFormMetaclass):
    """A ModelForm for one partnership's rows: every choice of another tenant
    row offers only this partnership's, and a new row is created in it."""

    def __init__(self, *args, partnership, **kwargs):
        super().__init__(*args, **kwargs)
        self.partnership = partnership
        if self.instance.partnership_id is None:
            self.instance.partnership = partnership
        for form_field in self.fields.values():
            queryset = getattr(form_field, "queryset", None)
            if queryset is not None and issubclass(queryset.model, TenantModel):
                form_field.queryset = queryset.model.objects.for_partnership(partnership)


# Sign in and passwords ---------------------------------------------------------


class SignInForm(GovukFormMixin, AuthenticationForm):
    error_messages = {
        "invalid_login": "Enter a correct email address and password",
        "inactive": "This account has been closed",
    }

    def __init__(self, request=None, *args, **kwargs):
        super().__init__(request, *args, **kwargs)
        self.fields["username"].label = "Email address"
        self.fields["username"].widget = forms.EmailInput(
            attrs={"autocomplete": "username", "spellcheck": "false"}
        )
        self.fields["password"].label = "Password"
        self.fields["username"].error_messages["required"] = "Enter your email address"
        self.fields["password"].error_messages["required"] = "Enter your password"

    def clean_username(self):
        return self.cleaned_data["username"].strip().lower()

    def clean(self):
        from .ratelimits import address, exceeded

        if self.request is not None and exceeded(
            "sign-in-failures-per-address", address(self.request)
        ):
            raise forms.ValidationError(
                "There have been too many failed sign-ins from your network. "
                "Wait an hour, then try again",
                code="rate_limited",
            )
        return super().clean()


class ResetPasswordForm(GovukFormMixin, PasswordResetForm):
    def __init__(self, *args, request=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.request = request
        self.fields["email"].label = "Email address"
        self.fields["email"].widget.attrs.update(autocomplete="email", spellcheck="false")
        self.fields["email"].error_messages["required"] = "Enter your email address"
        self.fields["email"].error_messages["invalid"] = (
            "Enter an email address in the correct format, like name@example.org"
        )

    def clean(self):
        from .ratelimits import address, count

        data = super().clean()
        if self.request is not None and not count(
            "password-reset-per-address", address(self.request)
        ):
            raise forms.ValidationError(
                "You have asked for too many reset links. Wait an hour, then try again",
                code="rate_limited",
            )
        return data

    def get_users(self, email):
        from .ratelimits import count

        # Invited users have no password yet; they reset to set one. Past the
        # limit for this address, no more emails go (and the page says the same).
        if not count("password-reset-per-email", email.strip().lower()):
            return User.objects.none()
        return User.objects.filter(email__iexact=email, is_active=True)


class NewPasswordForm(GovukFormMixin, SetPasswordForm):
    pass


class ChangePasswordForm(GovukFormMixin, PasswordChangeForm):
    pass


class ConfirmPasswordForm(GovukForm):
    """A signed, dated act (signing off a review version or an annual report)
    needs the signatory to enter their password again, however recently they
    signed in. Wrong passwords count towards the sign-in lockout."""

    password = forms.CharField(
        label="Your password",
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
        error_messages={"required": "Enter your password to sign"},
    )

    def __init__(self, *args, request, **kwargs):
        super().__init__(*args, **kwargs)
        self.request = request

    def clean_password(self):
        password = self.cleaned_data["password"]
        user = self.request.user
        confirmed = authenticate(self.request, username=user.email, password=password)
        if confirmed is None or confirmed.pk != user.pk:
            raise forms.ValidationError("The password is not right. Enter your own password")
        return password


def _code_field(label, help_text, **attrs):
    """A one-time code: pasting and password managers work (nothing blocks
    paste; `autocomplete="one-time-code"`), as WCAG 2.2's 3.3.8 asks."""
    return forms.CharField(
        label=label,
        help_text=help_text,
        max_length=20,
        widget=forms.TextInput(
            attrs={
                "autocomplete": "one-time-code",
                "spellcheck": "false",
                "class": "govuk-input--width-10",
                **attrs,
            }
        ),
        error_messages={"required": "Enter the code from your authenticator app"},
    )


class TwoFactorCodeForm(GovukForm):
    """The second step of signing in: an app's code or a backup code."""

    code = _code_field(
        "Code",
        "The 6-digit code your authenticator app shows now, or one of your backup codes",
        autocapitalize="none",
    )

    def __init__(self, *args, user, has_app=True, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.device = None
        if not has_app:  # passkeys only: the box takes backup codes
            self.fields["code"].help_text = "One of the backup codes you saved"
            self.fields["code"].error_messages["required"] = "Enter one of your backup codes"

    def clean_code(self):
        from .two_factor import throttled, verify

        code = self.cleaned_data["code"]
        wait = throttled(self.user)
        if wait:
            raise forms.ValidationError(
                f"You have entered too many wrong codes. Wait {wait} seconds, then try again"
            )
        self.device = verify(self.user, code)
        if self.device is None:
            raise forms.ValidationError(
                "The code is not right. Enter the code your app shows now, or a backup code"
            )
        return code


class TwoFactorSetUpForm(GovukForm):
    code = _code_field(
        "Code from your authenticator app",
        "After adding the account, your app shows a 6-digit code",
        inputmode="numeric",
    )

    def clean_code(self):
        code = "".join(self.cleaned_data["code"].split())
        if not code.isdigit() or len(code) != 6:
            raise forms.ValidationError("Enter the 6-digit code, like 123456")
        return code


class PasskeyNameForm(GovukForm):
    """The name a user gives a passkey they add, so they can tell theirs apart."""

    name = forms.CharField(
        label="Name this passkey",
        help_text="So you can tell your passkeys apart, for example 'Work laptop' or 'Phone'",
        max_length=64,
        widget=forms.TextInput(attrs={"class": "govuk-input--width-20", "autocomplete": "off"}),
        error_messages={
            "required": "Enter a name for the passkey",
            "max_length": "The name must be 64 characters or fewer",
        },
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user

    def clean_name(self):
        from .passkeys import name_taken

        name = " ".join(self.cleaned_data["name"].split())
        if not name:
            raise forms.ValidationError("Enter a name for the passkey")
        if name_taken(self.user, name):
            raise forms.ValidationError(
                f"You already have a passkey called '{name}'. Give this one another name"
            )
        return name


# The partnership itself -------------------------------------------------------------


class PartnershipForm(GovukModelForm):
    class Meta:
        model = Partnership
        fields = [
            "name",
            "areas_covered",
            "covers_children",
            "covers_adults",
            "financial_year_start_month",
            "meeting_planners",
        ]
        labels = {
            "financial_year_start_month": "Financial year starts in",
            "meeting_planners": "Who plans meetings and builds agendas?",
        }
        widgets = {"meeting_planners": forms.RadioSelect}

    def clean(self):
        data = super().clean()
        if not data.get("covers_children") and not data.get("covers_adults"):
            self.add_error("covers_children", "Choose children, adults or both")
        return data


# Partner agencies and organisations ----------------------------------------------


class PartnerAgencyForm(TenantModelForm):
    """An organisation's part in the partnership: pick a known organisation or
    name a new one (organisations are shared across partnerships)."""

    new_organisation_name = forms.CharField(
        label="Or add a new organisation: name", required=False, max_length=200
    )
    new_organisation_short_name = forms.CharField(
        label="Short name", required=False, max_length=40, help_text="For example, WMP or BCPFT"
    )
    new_organisation_kind = forms.ChoiceField(
        label="Kind of organisation",
        required=False,
        choices=[("", "Choose a kind")] + Organisation.Kind.choices,
    )
    lead_representative = PersonPickField(
        label="Lead representative",
        required=False,
        help_text="Who speaks for this organisation here: type their name and choose them",
    )

    class Meta:
        model = PartnerAgency
        fields = ["organisation", "kind", "display_name", "lead_representative", "is_active"]
        widgets = {"kind": forms.RadioSelect}
        labels = {"organisation": "Organisation"}
        help_texts = {"lead_representative": "Who speaks for this organisation here"}

    field_order = [
        "organisation",
        "new_organisation_name",
        "new_organisation_short_name",
        "new_organisation_kind",
        "kind",
        "display_name",
        "lead_representative",
        "is_active",
    ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].required = False
        self.fields["organisation"].empty_label = "Choose an organisation"
        self.fields["organisation"].queryset = Organisation.objects.order_by("name")
        self.fields["lead_representative"].enable(self.partnership)
        if self.instance.pk and self.instance.lead_representative_id:
            self.initial.setdefault("lead_representative", self.instance.lead_representative)
            self.fields["lead_representative"].keep = self.instance.lead_representative
        if self.instance.pk:
            # An agency is one organisation's part here: that does not change.
            for name in (
                "organisation",
                "new_organisation_name",
                "new_organisation_short_name",
                "new_organisation_kind",
            ):
                del self.fields[name]
        else:
            del self.fields["is_active"]

    def clean(self):
        data = super().clean()
        if self.instance.pk:
            return data
        chosen, new_name = data.get("organisation"), data.get("new_organisation_name", "").strip()
        if chosen and new_name:
            self.add_error(
                "new_organisation_name", "Choose an organisation or add a new one, not both"
            )
        elif not chosen and not new_name:
            self.add_error("organisation", "Choose an organisation, or add a new one below")
        elif new_name:
            existing = Organisation.objects.filter(name__iexact=new_name).first()
            if existing:
                data["organisation"] = existing
            elif not data.get("new_organisation_kind"):
                self.add_error("new_organisation_kind", "Choose the kind of organisation")
        organisation = data.get("organisation")
        if organisation and (
            PartnerAgency.objects.for_partnership(self.partnership)
            .filter(organisation=organisation)
            .exists()
        ):
            self.add_error(
                "organisation" if chosen else "new_organisation_name",
                f"{organisation} is already a partner agency here",
            )
        return data


# People ------------------------------------------------------------------------


class PersonForm(TenantModelForm):
    """A person; when adding one, in the same form (fewer steps to set up a
    partnership): their agency, picked or new; their seats on boards; and an
    account with a role."""

    NEW_AGENCY = "new"

    class Meta:
        model = Person
        fields = ["full_name", "initials", "job_title", "organisation", "email", "is_active"]
        help_texts = {
            "initials": "As minutes write them. Leave blank to use the initials of the name.",
            "email": "For action reminders and meeting papers. Leave blank for people without one.",
        }
        widgets = {
            "full_name": forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
            "initials": forms.TextInput(attrs={"class": "govuk-input--width-5"}),
            "email": forms.EmailInput(attrs={"spellcheck": "false"}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["full_name"].error_messages["required"] = "Enter the person's name"
        self.fields["organisation"].empty_label = "None or not known"
        if self.instance.pk:
            return
        del self.fields["is_active"]
        # Adding someone: their agency here rather than any organisation.
        del self.fields["organisation"]
        self.agencies = {
            str(a.uuid): a
            for a in PartnerAgency.objects.for_partnership(self.partnership)
            .filter(is_active=True)
            .select_related("organisation")
            .order_by("organisation__name")
        }
        self.fields["agency"] = forms.ChoiceField(
            label="Agency",
            required=False,
            help_text="The partner agency they work for",
            choices=[("", "None or not known")]
            + [(k, str(a)) for k, a in self.agencies.items()]
            + [(self.NEW_AGENCY, "A new agency (name it below)")],
        )
        self.fields["new_agency_name"] = forms.CharField(
            label="New agency: name", required=False, max_length=200
        )
        self.fields["new_agency_short_name"] = forms.CharField(
            label="New agency: short name",
            required=False,
            max_length=40,
            help_text="For example, WMP or BCPFT",
        )
        self.fields["new_agency_kind"] = forms.ChoiceField(
            label="New agency: kind of organisation",
            required=False,
            choices=[("", "Choose a kind")] + Organisation.Kind.choices,
        )
        self.fields["new_agency_statutory"] = forms.BooleanField(
            label="New agency: a statutory partner (local authority, health or police)",
            required=False,
        )
        self.boards = {
            str(b.uuid): b
            for b in Board.objects.for_partnership(self.partnership)
            .filter(is_active=True)
            .order_by("name")
        }
        if self.boards:
            self.fields["boards"] = forms.MultipleChoiceField(
                label="Sits on (optional)",
                required=False,
                choices=[(k, b.name) for k, b in self.boards.items()],
                widget=forms.CheckboxSelectMultiple,
            )
            self.fields["seat_role"] = forms.ChoiceField(
                label="As",
                required=False,
                initial=BoardMembership.Role.MEMBER,
                choices=BoardMembership.Role.choices,
                widget=forms.RadioSelect,
            )
        self.fields["account_role"] = forms.ChoiceField(
            label="Can sign in (optional)",
            required=False,
            initial="",
            choices=[("", "No account: named in minutes only")] + Role.choices,
            widget=forms.RadioSelect,
            help_text="They get an email to set a password. Needs their email address.",
        )
        self.order_fields(
            [
                "full_name",
                "initials",
                "job_title",
                "email",
                "agency",
                "new_agency_name",
                "new_agency_short_name",
                "new_agency_kind",
                "new_agency_statutory",
                "boards",
                "seat_role",
                "account_role",
            ]
        )

    def clean_initials(self):
        initials = self.cleaned_data["initials"].strip()
        return initials or Person.initials_from(self.cleaned_data.get("full_name", ""))

    def clean(self):
        data = super().clean()
        if self.instance.pk:
            return data
        choice = data.get("agency")
        name = " ".join(data.get("new_agency_name", "").split())
        data["agency"] = self.agencies.get(choice) if choice else None
        if choice == self.NEW_AGENCY or (name and not choice):
            if not name:
                self.add_error("new_agency_name", "Enter the name of the new agency")
            else:
                existing = Organisation.objects.filter(name__iexact=name).first()
                if existing and any(
                    a.organisation_id == existing.pk for a in self.agencies.values()
                ):
                    self.add_error(
                        "new_agency_name", f"{existing} is already a partner agency here"
                    )
                elif existing is None and not data.get("new_agency_kind"):
                    self.add_error("new_agency_kind", "Choose the kind of organisation")
                data["new_agency"] = {
                    "organisation": existing,
                    "new_organisation_name": name,
                    "new_organisation_short_name": data.get("new_agency_short_name", ""),
                    "new_organisation_kind": data.get("new_agency_kind"),
                    "kind": PartnerAgency.Kind.STATUTORY
                    if data.get("new_agency_statutory")
                    else PartnerAgency.Kind.RELEVANT,
                }
        elif name:
            self.add_error("new_agency_name", "Choose an agency or add a new one, not both")
        data["boards"] = [self.boards[k] for k in data.get("boards", []) if k in self.boards]
        if data["boards"] and not data.get("seat_role"):
            self.add_error("seat_role", "Choose how they sit on the board")
        if data.get("account_role") and not data.get("email"):
            self.add_error("email", "Enter their email address to give them an account")
        if data.get("account_role") and data.get("email"):
            email = data["email"].strip().lower()
            if (
                Membership.objects.for_partnership(self.partnership)
                .filter(user__email__iexact=email)
                .exists()
            ):
                self.add_error("email", f"{email} is already a user of this partnership")
        return data


# Boards --------------------------------------------------------------------------


class BoardForm(TenantModelForm):
    class Meta:
        model = Board
        fields = [
            "name",
            "short_name",
            "kind",
            "reports_to",
            "terms_of_reference",
            "tor_version",
            "tor_date",
            "late_paper_days",
            "is_active",
        ]
        widgets = {
            "kind": forms.RadioSelect,
            "short_name": forms.TextInput(attrs={"class": "govuk-input--width-10"}),
            "tor_version": forms.TextInput(attrs={"class": "govuk-input--width-5"}),
            "late_paper_days": forms.NumberInput(attrs={"class": "govuk-input--width-3"}),
            "terms_of_reference": forms.Textarea(attrs={"rows": 8}),
        }
        help_texts = {
            "short_name": "As used in minutes, for example Q&E",
            "reports_to": "The board or group this one reports to",
            "late_paper_days": "Papers received later than this are marked late",
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["name"].error_messages["required"] = "Enter the name of the board or group"
        self.fields["reports_to"].empty_label = "Reports to no one (a top-level board)"
        if self.instance.pk:
            below = _reporting_descendants(self.instance)
            self.fields["reports_to"].queryset = self.fields["reports_to"].queryset.exclude(
                pk__in=below | {self.instance.pk}
            )
        else:
            del self.fields["is_active"]

    def clean_name(self):
        name = self.cleaned_data["name"].strip()
        clash = Board.objects.for_partnership(self.partnership).filter(name__iexact=name)
        if self.instance.pk:
            clash = clash.exclude(pk=self.instance.pk)
        if clash.exists():
            raise forms.ValidationError("There is already a board or group with this name")
        return name


def _reporting_descendants(board):
    """Primary keys of every group reporting to `board`, directly or not (it
    cannot report to any of them: that would make a loop)."""
    edges = Board.objects.for_partnership(board.partnership_id).values_list("pk", "reports_to_id")
    children = {}
    for pk, parent in edges:
        children.setdefault(parent, []).append(pk)
    found, stack = set(), [board.pk]
    while stack:
        for child in children.get(stack.pop(), []):
            if child not in found:
                found.add(child)
                stack.append(child)
    return found


class BoardMembershipForm(TenantModelForm):
    class Meta:
        model = BoardMembership
        fields = ["person", "role", "representing", "start_date", "end_date"]
        widgets = {"role": forms.RadioSelect}
        help_texts = {"end_date": "Leave blank while they still sit on the board"}

    # Typed or picked from the type-ahead: never a list of every person.
    person = PersonPickField(
        label="Person",
        help_text="Type their name and choose them",
        error_messages={"required": "Choose the person"},
    )

    def __init__(self, *args, board, **kwargs):
        super().__init__(*args, **kwargs)
        self.board = board
        self.instance.board = board
        self.fields["person"].enable(self.partnership)
        if self.instance.pk:
            self.initial.setdefault("person", self.instance.person)
            # Someone who has left keeps their seat's history: not asked again.
            self.fields["person"].keep = self.instance.person
        self.fields["representing"].empty_label = "Their own organisation"
        self.fields["representing"].help_text = "When they attend on behalf of another organisation"

    def clean(self):
        data = super().clean()
        person, role = data.get("person"), data.get("role")
        start, end = data.get("start_date"), data.get("end_date")
        if start and end and end < start:
            self.add_error("end_date", "The end date must be the same as or after the start date")
        if person is None or role is None or self.errors:
            return data
        others = BoardMembership.objects.for_partnership(self.partnership).filter(
            board=self.board, end_date__isnull=True
        )
        if self.instance.pk:
            others = others.exclude(pk=self.instance.pk)
        if end is None and others.filter(person=person).exists():
            self.add_error("person", f"{person} already sits on {self.board}")
        if end is None and role in (BoardMembership.Role.CHAIR, BoardMembership.Role.VICE_CHAIR):
            holder = others.filter(role=role).select_related("person").first()
            if holder:
                self.add_error(
                    "role",
                    f"{holder.person} is {self.board}'s {holder.get_role_display().lower()}: "
                    "give their seat an end date first",
                )
        return data

    def save(self, commit=True):
        seat = super().save(commit=False)
        if seat.representing_id is None and seat.person.organisation_id:
            seat.representing = seat.person.organisation
        if commit:
            seat.save()
        return seat


class BoardSeatsForm(GovukForm):
    """Seats the people ticked on the people list on one board, with one role."""

    # The ticks in the people table (checked against the database in clean).
    people = forms.Field(label="People", required=False, widget=forms.MultipleHiddenInput)
    board = forms.ChoiceField(
        label="Add the people ticked to",
        error_messages={"required": "Choose the board or group"},
    )
    role = forms.ChoiceField(
        label="As",
        choices=BoardMembership.Role.choices,
        initial=BoardMembership.Role.MEMBER,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose how they sit on the board"},
    )

    def __init__(self, *args, partnership, **kwargs):
        super().__init__(*args, **kwargs)
        self.partnership = partnership
        self.boards = {
            str(b.uuid): b
            for b in Board.objects.for_partnership(partnership)
            .filter(is_active=True)
            .order_by("name")
        }
        self.fields["board"].choices = [("", "Choose a board or group")] + [
            (k, b.name) for k, b in self.boards.items()
        ]

    def clean_board(self):
        return self.boards[self.cleaned_data["board"]]

    def clean(self):
        data = super().clean()
        keys = data.get("people") or []
        valid = []
        for key in keys[:200] if isinstance(keys, list) else []:
            try:
                valid.append(str(uuid_module.UUID(key)))
            except ValueError:
                continue
        people = list(
            Person.objects.for_partnership(self.partnership).filter(uuid__in=valid, is_active=True)
        )
        if not people:
            self.add_error("people", "Tick the people to add to the board")
        data["people"] = people
        return data


# Users' memberships ---------------------------------------------------------------


class MembershipInviteForm(GovukForm):
    email = forms.EmailField(
        label="Email address",
        widget=forms.EmailInput(attrs={"spellcheck": "false", "autocomplete": "off"}),
        error_messages={
            "required": "Enter their email address",
            "invalid": "Enter an email address in the correct format, like name@example.org",
        },
    )
    first_name = forms.CharField(
        max_length=150, error_messages={"required": "Enter their first name"}
    )
    last_name = forms.CharField(
        max_length=150, error_messages={"required": "Enter their last name"}
    )
    role = forms.ChoiceField(
        choices=Role.choices, widget=forms.RadioSelect, error_messages={"required": "Choose a role"}
    )

    def clean_email(self):
        return self.cleaned_data["email"].strip().lower()


class MembershipForm(GovukForm):
    role = forms.ChoiceField(choices=Role.choices, widget=forms.RadioSelect)
    is_active = forms.BooleanField(
        label="Can sign in to this partnership",
        required=False,
        help_text="Untick when someone leaves: their name stays in past records.",
    )

"""The partnership's case review settings: identifiers, staggering, reminders,
retention, the statutory clock rules, the learning themes and who signs off."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse

from partnership.permissions import require

from .. import services
from ..clocks import rules_ensure
from ..forms import ClockRuleForm, ReviewSettingsForm, SignatoryForm, ThemeForm
from ..loaders import load_clock_rule, load_signatory, load_theme
from ..models import ClockRule, LearningTheme, ReviewSettings, Signatory
from ..permissions import can_manage_review_settings
from .common import form_page, posted


def _back(request):
    return reverse("reviews:settings", args=[request.partnership.slug])


@require(can_manage_review_settings)
def settings_page(request):
    rules_ensure(request.partnership)
    services.themes_ensure(request.partnership)
    current = ReviewSettings.for_partnership(request.partnership)
    form = ReviewSettingsForm(posted(request), instance=current, partnership=request.partnership)
    if form.is_valid():
        services.review_settings_save(
            partnership=request.partnership, data=form.settings_data(), acting_user=request.user
        )
        messages.success(request, "Case review settings saved")
        return redirect(_back(request))
    partnership = request.partnership
    return render(
        request,
        "reviews/settings.html",
        {
            "form": form,
            "rules": ClockRule.objects.for_partnership(partnership).order_by("pk"),
            "themes": LearningTheme.objects.for_partnership(partnership).order_by("name"),
            "signatories": Signatory.objects.for_partnership(partnership).select_related(
                "membership__user"
            ),
        },
    )


def _rule_form(request, rule):
    form = ClockRuleForm(posted(request), instance=rule, partnership=request.partnership)
    if form.is_valid():
        data = {name: form.cleaned_data[name] for name in services.RULE_FIELDS}
        try:
            saved, recomputed = services.clock_rule_save(
                partnership=request.partnership,
                rule=rule if rule.pk else None,
                data=data,
                acting_user=request.user,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, f"{saved.name} saved: {recomputed} open clocks recomputed")
            return redirect(_back(request))
    return form_page(
        request,
        form,
        title=rule.name if rule.pk else "Add a clock",
        caption="Statutory clocks",
        back=_back(request),
        intro="Changing a rule recomputes the open clocks of open cases; clocks already met "
        "keep the date they were met against. The change is written to the audit log.",
    )


@require(can_manage_review_settings)
def clock_rule_create(request):
    return _rule_form(request, ClockRule(partnership=request.partnership))


@require(can_manage_review_settings)
def clock_rule_edit(request, rule_uuid):
    return _rule_form(request, load_clock_rule(request, rule_uuid))


def _theme_form(request, theme):
    initial = {"name": theme.name, "is_active": theme.is_active} if theme else {}
    form = ThemeForm(posted(request), initial=initial)
    if theme is None:
        del form.fields["is_active"]
    if form.is_valid():
        try:
            services.theme_save(
                partnership=request.partnership,
                theme=theme,
                name=form.cleaned_data["name"],
                is_active=form.cleaned_data.get("is_active", True),
                acting_user=request.user,
            )
        except ValidationError as error:
            form.add_error("name", error.message_dict.get("name", error.messages))
        else:
            messages.success(request, "Learning theme saved")
            return redirect(_back(request))
    return form_page(
        request,
        form,
        title="Change a learning theme" if theme else "Add a learning theme",
        caption="Learning themes",
        back=_back(request),
    )


@require(can_manage_review_settings)
def theme_create(request):
    return _theme_form(request, None)


@require(can_manage_review_settings)
def theme_edit(request, theme_uuid):
    return _theme_form(request, load_theme(request, theme_uuid))


@require(can_manage_review_settings)
def signatory_add(request):
    form = SignatoryForm(posted(request), partnership=request.partnership)
    if form.is_valid():
        try:
            services.signatory_add(
                partnership=request.partnership, acting_user=request.user, **form.cleaned_data
            )
        except ValidationError as error:
            form.add_error("membership", error.message_dict.get("membership", error.messages))
        else:
            messages.success(request, "Signatory added")
            return redirect(_back(request))
    return form_page(
        request,
        form,
        title="Add a signatory",
        caption="Who signs off reviews",
        back=_back(request),
        intro="The independent chair signs off every review. Add anyone else the "
        "partnership's arrangements name for a type of review.",
    )


@require(can_manage_review_settings)
def signatory_remove(request, signatory_uuid):
    signatory = load_signatory(request, signatory_uuid)
    name = signatory.membership.user.get_full_name() or signatory.membership.user.email
    if request.method == "POST":
        services.signatory_remove(signatory=signatory, acting_user=request.user)
        messages.success(
            request, f"{name} no longer signs off {signatory.get_review_type_display()}"
        )
        return redirect(_back(request))
    return render(
        request,
        "reviews/confirm.html",
        {
            "title": f"Remove {name} as a signatory?",
            "caption": signatory.get_review_type_display(),
            "text": "Sign-offs they have already given stay on record.",
            "submit": "Remove",
            "back": _back(request),
        },
    )

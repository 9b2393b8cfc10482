"""Writes for cases: recording and changing a case (its type changes kept, never
overwritten), its children or adults, real identifiers (encrypted), related
reviews, the review panel, retention decisions, and the partnership's settings
and clock rules. Keyword-only, cleaned data, one transaction, acting_user named
in the history (partnership.writes)."""

import datetime
import re

from django.contrib.auth.models import Permission
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from audit.log import record
from partnership.writes import model_update, service

from . import crypto
from .clocks import clocks_recompute_for_rule, clocks_refresh, rules_ensure
from .models import (
    Case,
    CaseLink,
    CaseSubject,
    CaseTheme,
    CaseTypeChange,
    CaseUserObjectPermission,
    ClockRule,
    LearningTheme,
    ReviewSettings,
    Signatory,
)
from .models.cases import SHORT_TYPE
from .permissions import PANEL_PERMISSION

# In the order the case form asks for them.
CASE_FIELDS = (
    "kind",
    "reference",
    "pseudonym",
    "steis_number",
    "incident_date",
    "incident_time",
    "incident_place",
    "aware_date",
    "notified_date",
    "panel_reference",
    "notifier",
    "referring_agency",
    "summary",
    "criteria",
    "criteria_notes",
    "decision_date",
    "legal_hold",
    "legal_hold_reason",
)
SUBJECT_FIELDS = ("pseudonym", "age_band", "looked_after", "care_leaver")
RULE_FIELDS = (
    "name",
    "start_event",
    "end_event",
    "amount",
    "unit",
    "direction",
    "review_types",
    "source",
    "is_active",
)


def _locked(instance):
    return type(instance).objects.select_for_update().get(pk=instance.pk)


def next_reference(partnership, review_type, year):
    """ "LCSPR 2025/03": the type's short name, the year and the next number of
    that year (any type), as partnerships number them."""
    pattern = rf" {year}/(\d+)$"
    used = Case.objects.for_partnership(partnership).filter(reference__regex=pattern)
    numbers = [
        int(re.search(pattern, r).group(1)) for r in used.values_list("reference", flat=True)
    ]
    return f"{SHORT_TYPE[review_type]} {year}/{max(numbers, default=0) + 1:02d}"


@service
def case_create(*, partnership, data, subjects, acting_user):
    """Records a new notification or referral (and its clocks)."""
    rules_ensure(partnership)
    case = Case(partnership=partnership)
    for name in (*CASE_FIELDS, "review_type", "no_review_reason"):
        if name in data:
            setattr(case, name, data[name])
    if not case.reference:
        year = (case.aware_date or timezone.localdate()).year
        case.reference = next_reference(partnership, case.review_type, year)
    try:
        with transaction.atomic():
            case.save()
    except IntegrityError:
        raise ValidationError(
            {"reference": "There is already a case with this reference"}
        ) from None
    _subjects_save(case, subjects)
    clocks_refresh(case)
    record("case.created", user=acting_user, partnership=partnership, obj=case)
    return case


@service
def case_update(*, case, data, subjects=None, type_change_reason="", acting_user):
    """Changes a case's details. A change of type is recorded (CaseTypeChange);
    closing dates the closure; clocks follow the new dates."""
    locked = _locked(case)
    wanted_type = data.get("review_type", locked.review_type)
    if wanted_type != locked.review_type:
        _change_type(
            locked,
            to_type=wanted_type,
            reason=type_change_reason,
            no_review_reason=data.get("no_review_reason", ""),
            acting_user=acting_user,
        )
    elif "no_review_reason" in data:
        model_update(instance=locked, data=data, fields=["no_review_reason"])
    fields = list(CASE_FIELDS)
    if "status" in data:
        data = dict(data)
        if data["status"] == Case.Status.CLOSED and locked.closed_on is None:
            data["closed_on"] = timezone.localdate()
        elif data["status"] != Case.Status.CLOSED:
            data["closed_on"] = None
        fields += ["status", "closed_on"]
    try:
        with transaction.atomic():
            changed = model_update(instance=locked, data=data, fields=fields)
    except IntegrityError:
        raise ValidationError(
            {"reference": "There is already a case with this reference"}
        ) from None
    if subjects is not None:
        _subjects_save(locked, subjects)
    clocks_refresh(locked)
    _refresh(case, locked)
    return changed


def _refresh(case, locked):
    for field in locked._meta.concrete_fields:
        setattr(case, field.attname, getattr(locked, field.attname))


def _change_type(case, *, to_type, reason, no_review_reason="", acting_user, on=None):
    if to_type == "none" and not (no_review_reason or case.no_review_reason).strip():
        raise ValidationError(
            {"no_review_reason": "Enter why there is no further review"}, code="reason"
        )
    CaseTypeChange.objects.create(
        case=case,
        from_type=case.review_type,
        to_type=to_type,
        changed_on=on or timezone.localdate(),
        reason=(reason or "").strip(),
        changed_by=acting_user,
    )
    case.review_type = to_type
    fields = ["review_type", "updated_at"]
    if to_type == "none":
        case.no_review_reason = (no_review_reason or case.no_review_reason).strip()
        fields.append("no_review_reason")
    case.save(update_fields=fields)


@service
def case_change_type(*, case, to_type, reason, acting_user, no_review_reason="", on=None):
    """Converts a case to another type of review, keeping the change."""
    locked = _locked(case)
    if to_type == locked.review_type:
        return None
    _change_type(
        locked,
        to_type=to_type,
        reason=reason,
        no_review_reason=no_review_reason,
        acting_user=acting_user,
        on=on,
    )
    clocks_refresh(locked)
    _refresh(case, locked)
    return locked


def _subjects_save(case, subjects):
    """`subjects`: {position: {pseudonym, age_band, looked_after, care_leaver}};
    a position without a pseudonym removes who was there."""
    existing = {s.position: s for s in CaseSubject.objects.filter(case=case)}
    for position, values in sorted(subjects.items()):
        if not 1 <= position <= CaseSubject.MAX:
            raise ValidationError("A case concerns at most four children or adults")
        subject = existing.get(position)
        if not values.get("pseudonym"):
            if subject is not None:
                subject.delete()
            continue
        if subject is None:
            subject = CaseSubject(case=case, position=position)
            for name in SUBJECT_FIELDS:
                setattr(subject, name, values.get(name, getattr(subject, name)))
            subject.save()
        else:
            model_update(instance=subject, data=values, fields=SUBJECT_FIELDS)


@service
def identifiers_save(*, case, identifiers, acting_user):
    """Records real names and dates of birth, encrypted, where the partnership
    has switched them on. `identifiers`: {subject pk: (name, date of birth)};
    None leaves that one as it is."""
    if not ReviewSettings.for_partnership(case.partnership_id).identifiers_enabled:
        raise ValidationError("This partnership does not record real identifiers")
    changed = []
    for subject in CaseSubject.objects.filter(case=case).select_for_update():
        if subject.pk not in identifiers:
            continue
        name, born = identifiers[subject.pk]
        if name:
            subject.name_encrypted = crypto.encrypt(name.strip())
        if born:
            subject.date_of_birth_encrypted = crypto.encrypt(born.isoformat())
        subject.save(update_fields=["name_encrypted", "date_of_birth_encrypted", "updated_at"])
        changed.append(subject.pseudonym)
    if changed:
        record(
            "case.identifiers_changed",
            user=acting_user,
            partnership=case.partnership,
            obj=case,
            detail=", ".join(changed),
        )
    return changed


def identifiers_reveal(*, case, request):
    """The real identifiers of the case's children or adults, decrypted; the
    reveal is written to the access log first."""
    record("case.identifiers_revealed", request=request, obj=case)
    revealed = []
    for subject in case.subjects.all():
        try:
            name = crypto.decrypt(subject.name_encrypted)
            born = crypto.decrypt(subject.date_of_birth_encrypted)
        except crypto.UnreadableIdentifier:
            name, born = None, None
        revealed.append((subject, name, datetime.date.fromisoformat(born) if born else None))
    return revealed


@service
def case_link_add(*, case, related_case, description, external_reference, acting_user):
    if related_case is not None and related_case.pk == case.pk:
        raise ValidationError("A case cannot be linked to itself")
    return CaseLink.objects.create(
        case=case,
        related_case=related_case,
        description=description.strip(),
        external_reference=external_reference.strip(),
    )


@service
def case_themes_set(*, case, themes, acting_user):
    current = set(CaseTheme.objects.filter(case=case).values_list("theme_id", flat=True))
    wanted = {theme.pk for theme in themes}
    CaseTheme.objects.filter(case=case, theme_id__in=current - wanted).delete()
    for theme in themes:
        if theme.pk not in current:
            CaseTheme.objects.create(case=case, theme=theme)
    return wanted != current


# The review panel -------------------------------------------------------------------


@service
def panel_change(*, case, membership, grant, acting_user):
    """Grants (`grant=True`) or revokes a member's place on the case's review
    panel: the django-guardian object permission `reviews.sit_on_panel`. Both
    are written to the access log. Returns whether anything changed."""
    if membership.partnership_id != case.partnership_id:
        raise ValidationError("That person is not a member of this partnership")
    permission = Permission.objects.get(
        content_type__app_label="reviews", codename=PANEL_PERMISSION
    )
    rows = CaseUserObjectPermission.objects.filter(
        content_object=case, user_id=membership.user_id, permission=permission
    )
    if grant:
        if rows.exists():
            return False
        CaseUserObjectPermission.objects.create(
            content_object=case,
            partnership_id=case.partnership_id,
            user_id=membership.user_id,
            permission=permission,
            granted_by=acting_user,
        )
    else:
        if not rows.exists():
            return False
        rows.delete()
    record(
        "case.panel_granted" if grant else "case.panel_revoked",
        user=acting_user,
        partnership=case.partnership,
        obj=case,
        detail=membership.user.email,
    )
    return True


# Retention ----------------------------------------------------------------------------


@service
def retention_decide(*, case, retain_until, note, acting_user):
    """Records the decision on a case past its retention period: keep it until a
    date, with the reason. Nothing is ever deleted here."""
    if not (note or "").strip():
        raise ValidationError({"note": "Enter the reason for the decision"})
    changed = model_update(
        instance=_locked(case),
        data={"retain_until": retain_until, "retention_note": note.strip()},
        fields=["retain_until", "retention_note"],
    )
    record(
        "case.retention_decided",
        user=acting_user,
        partnership=case.partnership,
        obj=case,
        detail=f"Keep until {retain_until:%-d %B %Y}: {note.strip()}"[:500],
    )
    return changed


# Settings, rules, themes and signatories ------------------------------------------


@service
def review_settings_save(*, partnership, data, acting_user):
    found = ReviewSettings.objects.for_partnership(partnership).select_for_update().first()
    if found is None:
        found = ReviewSettings(partnership=partnership)
        found.save()
    return model_update(
        instance=found,
        data=data,
        fields=(
            "identifiers_enabled",
            "staggering_days",
            "reminders_enabled",
            "action_plan_board",
            "retention_years",
        ),
    )


@service
def clock_rule_save(*, partnership, rule=None, data, acting_user):
    """Adds or changes a clock rule; a change recomputes the open clocks of open
    cases and is written to the audit log with what changed."""
    if rule is None:
        rule = ClockRule(partnership=partnership)
        for name in RULE_FIELDS:
            if name in data:
                setattr(rule, name, data[name])
        rule.full_clean(exclude=["partnership"])
        rule.save()
        changed, before = RULE_FIELDS, ""
    else:
        rule = _locked(rule)
        before = rule.describe
        changed = model_update(instance=rule, data=data, fields=RULE_FIELDS)
        if not changed:
            return rule, 0
    recomputed = clocks_recompute_for_rule(rule)
    record(
        "clock_rule.changed",
        user=acting_user,
        partnership=partnership,
        obj=rule,
        detail=(
            f"{rule.name}: {before + ' -> ' if before else ''}{rule.describe}"
            f"{'' if rule.is_active else ' (not in use)'}; {recomputed} open clocks recomputed"
        ),
    )
    return rule, recomputed


def themes_ensure(partnership):
    if LearningTheme.objects.for_partnership(partnership).exists():
        return
    for name in LearningTheme.DEFAULTS:
        LearningTheme.objects.create(partnership=partnership, name=name)


@service
def theme_save(*, partnership, theme=None, name, is_active=True, acting_user):
    name = name.strip()
    clash = LearningTheme.objects.for_partnership(partnership).filter(name__iexact=name)
    if theme is not None:
        clash = clash.exclude(pk=theme.pk)
    if clash.exists():
        raise ValidationError({"name": "There is already a theme with this name"})
    if theme is None:
        return LearningTheme.objects.create(partnership=partnership, name=name)
    model_update(
        instance=_locked(theme),
        data={"name": name, "is_active": is_active},
        fields=("name", "is_active"),
    )
    return theme


@service
def signatory_add(*, partnership, review_type, membership, capacity, acting_user):
    if (
        Signatory.objects.for_partnership(partnership)
        .filter(review_type=review_type, membership=membership)
        .exists()
    ):
        raise ValidationError({"membership": "They already sign off this type of review"})
    return Signatory.objects.create(
        partnership=partnership,
        review_type=review_type,
        membership=membership,
        capacity=capacity.strip(),
    )


@service
def signatory_remove(*, signatory, acting_user):
    signatory.delete()

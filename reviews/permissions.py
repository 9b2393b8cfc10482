"""Who may do what with case reviews, built on partnership.permissions.

Cases are confidential by default: a case is seen by the business unit, the
independent chair and the people on its review panel (a django-guardian object
permission, `reviews.sit_on_panel`, granted on the case's panel page). Anyone
else, other board members included, sees only anonymous counts, and every case
URL answers them 404. `visible_cases` is `can_view_case` as a queryset; a test
proves they agree. The panel is read from the guardian rows directly rather
than through `user.has_perm`, which answers yes to any superuser.
"""

from partnership.models import Role
from partnership.permissions import (
    BUSINESS_UNIT,
    active_role,
    can_read_audit_log,
    is_business_unit,
    rule,
)

from .models import Case, CaseUserObjectPermission, ReviewSettings, Signatory

PANEL_PERMISSION = "sit_on_panel"
SEES_EVERY_CASE = BUSINESS_UNIT | {Role.INDEPENDENT_CHAIR}


def _panel_rows(membership):
    return CaseUserObjectPermission.objects.filter(
        partnership_id=membership.partnership_id,
        user_id=membership.user_id,
        permission__codename=PANEL_PERMISSION,
    )


def on_panel(membership, case) -> bool:
    return _panel_rows(membership).filter(content_object_id=case.pk).exists()


@rule("view", on="reviews.Case")
def can_view_case(membership, case) -> bool:
    role = active_role(membership)
    if role is None or case.partnership_id != membership.partnership_id:
        return False
    return role in SEES_EVERY_CASE or on_panel(membership, case)


def visible_cases(membership):
    """The cases this member may see: the twin of `can_view_case`."""
    role = active_role(membership)
    if role is None:
        return Case.objects.none()
    cases = Case.objects.for_partnership(membership.partnership_id)
    if role in SEES_EVERY_CASE:
        return cases
    return cases.filter(pk__in=_panel_rows(membership).values("content_object_id"))


@rule()
def can_view_register(membership) -> bool:
    """The register with pseudonyms (and its menu entry): whoever may see at
    least one case. Everyone else gets anonymous counts."""
    role = active_role(membership)
    if role is None:
        return False
    return role in SEES_EVERY_CASE or _panel_rows(membership).exists()


@rule()
def can_manage_cases(membership) -> bool:
    """Record cases, rapid reviews, reviews, versions and publication."""
    return is_business_unit(membership)


@rule("edit", on="reviews.Case")
def can_edit_case(membership, case) -> bool:
    return can_manage_cases(membership) and can_view_case(membership, case)


@rule("manage_panel", on="reviews.Case")
def can_manage_panel(membership, case) -> bool:
    return can_edit_case(membership, case)


@rule("reveal", on="reviews.Case")
def can_reveal_identifiers(membership, case) -> bool:
    """Real identifiers: the business unit alone, where the partnership records them."""
    return (
        can_edit_case(membership, case)
        and ReviewSettings.for_partnership(case.partnership_id).identifiers_enabled
    )


@rule("read_access_log", on="reviews.Case")
def can_read_case_access_log(membership, case) -> bool:
    return can_read_audit_log(membership) and can_view_case(membership, case)


@rule("request_change", on="reviews.Case")
def can_request_change(membership, case) -> bool:
    """Partners on the panel (and the business unit, for them) ask for changes to
    a version; observers never sit on panels, the chair scrutinises."""
    return can_view_case(membership, case) and active_role(membership) != Role.INDEPENDENT_CHAIR


@rule()
def can_manage_review_settings(membership) -> bool:
    return is_business_unit(membership)


def signatory_capacity(membership, review_type):
    """How this member signs off a review of this type ("Independent chair"), or
    None if the partnership's arrangements do not name them."""
    role = active_role(membership)
    if role is None:
        return None
    if role == Role.INDEPENDENT_CHAIR:
        return "Independent chair"
    named = (
        Signatory.objects.for_partnership(membership.partnership_id)
        .filter(review_type=review_type, membership=membership)
        .first()
    )
    return named.capacity if named is not None else None


@rule("sign", on="reviews.ReportVersion")
def can_sign_version(membership, version) -> bool:
    """Sign off a final report version: a named signatory who may see the case,
    while the review is at its final draft, on its latest report, once."""
    review = version.review
    case = review.case
    if not can_view_case(membership, case):
        return False
    if version.kind != version.Kind.REPORT or review.stage != "final_draft":
        return False
    if signatory_capacity(membership, case.review_type) is None:
        return False
    latest = review.versions.filter(kind=version.kind).order_by("-number").first()
    if latest is None or latest.pk != version.pk:
        return False
    return not version.sign_offs.filter(signatory_id=membership.user_id).exists()

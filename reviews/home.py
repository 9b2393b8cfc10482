"""Case reviews on the home page, across every partnership the user belongs to:
what awaits their sign-off (the independent chair, and anyone the arrangements
name) and, for the business unit, clocks overdue or falling due in the next 10
working days. Each partnership is read in its own scope, with that membership's
rights."""

from dataclasses import dataclass, field

from django.utils import timezone

from partnership.models import Role
from partnership.permissions import is_business_unit
from partnership.tenancy import in_partnership

from .models import ReportVersion, Signatory, Stage
from .permissions import can_sign_version, visible_cases
from .selectors import DueClocks, clocks_due, soonest_clocks

CLOCK_LIMIT = 5


@dataclass
class PartnershipReviews:
    membership: object
    to_sign: list = field(default_factory=list)
    due: DueClocks = field(default_factory=lambda: DueClocks(clocks=[], count=0))

    @property
    def partnership(self):
        return self.membership.partnership


def panel(request, memberships):
    found = []
    today = timezone.localdate()
    for membership in memberships:
        with in_partnership(membership.partnership):
            reviews = _for(membership, today)
        if reviews.to_sign or reviews.due.clocks:
            found.append(reviews)
    if not found:
        return None
    return "reviews/_home_panel.html", {"by_partnership": found}


def awaiting_sign_off(membership):
    """The latest report versions at final draft this member may sign now."""
    signs = membership.role == Role.INDEPENDENT_CHAIR or (
        Signatory.objects.for_partnership(membership.partnership_id)
        .filter(membership=membership)
        .exists()
    )
    if not signs or not membership.is_active:
        return []
    versions = (
        ReportVersion.objects.filter(
            review__case__in=visible_cases(membership),
            review__stage=Stage.FINAL_DRAFT,
            kind=ReportVersion.Kind.REPORT,
        )
        .exclude(sign_offs__signatory_id=membership.user_id)
        .select_related("review__case", "partnership")
        .order_by("review__case__reference", "-number")
    )
    latest = {}
    for version in versions:
        latest.setdefault(version.review_id, version)
    return [v for v in latest.values() if can_sign_version(membership, v)]


def _for(membership, today):
    found = PartnershipReviews(membership=membership)
    found.to_sign = awaiting_sign_off(membership)
    if is_business_unit(membership):
        clocks = clocks_due(membership=membership, today=today)
        found.due = soonest_clocks(
            clocks, limit=CLOCK_LIMIT, partnership=membership.partnership, today=today
        )
    return found

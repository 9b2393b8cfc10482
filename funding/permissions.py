"""Who may see and change the partnership's funding, built on
partnership.permissions.

- The business unit and the independent chair see every partner's figures; the
  business unit records them.
- Everyone else at a partner agency (a board member, an observer, the minute
  taker) sees their own agency's figures only: a police representative never
  sees health's. A member's agency is the PartnerAgency whose organisation is
  their Person's organisation here. Someone at no partner agency (a lay
  member) has no figures to see.
- The partnership's budget (what the money is spent on) is shared with everyone
  who may see any figures: the partners agree it together.

`visible_funding_agencies` is `can_view_agency_funding` as a queryset; every
selector, page, export and the annual report's evidence start from it, and a
test proves the two agree.
"""

from partnership.models import PartnerAgency, Role
from partnership.permissions import active_role, is_business_unit, rule


def own_agency(membership):
    """The partner agency this member works for here, or None."""
    if active_role(membership) is None:
        return None
    person = membership.person
    if person is None or person.organisation_id is None:
        return None
    return (
        PartnerAgency.objects.for_partnership(membership.partnership_id)
        .filter(organisation_id=person.organisation_id)
        .select_related("organisation")
        .first()
    )


@rule()
def can_see_all_funding(membership) -> bool:
    return is_business_unit(membership) or active_role(membership) == Role.INDEPENDENT_CHAIR


@rule()
def can_manage_funding(membership) -> bool:
    """Financial years, the formula, budget lines, contributions and chases."""
    return is_business_unit(membership)


@rule()
def can_view_funding(membership) -> bool:
    """The funding pages at all: everyone who has any figures to see."""
    return can_see_all_funding(membership) or own_agency(membership) is not None


@rule("view_funding", on="partnership.PartnerAgency")
def can_view_agency_funding(membership, agency) -> bool:
    if active_role(membership) is None or agency.partnership_id != membership.partnership_id:
        return False
    if can_see_all_funding(membership):
        return True
    mine = own_agency(membership)
    return mine is not None and mine.pk == agency.pk


def visible_funding_agencies(membership):
    """The partner agencies whose figures this member may see, as a queryset:
    the twin of `can_view_agency_funding`."""
    if active_role(membership) is None:
        return PartnerAgency.objects.none()
    agencies = PartnerAgency.objects.for_partnership(membership.partnership_id)
    if can_see_all_funding(membership):
        return agencies
    person = membership.person
    if person is None or person.organisation_id is None:
        return agencies.none()
    return agencies.filter(organisation_id=person.organisation_id)

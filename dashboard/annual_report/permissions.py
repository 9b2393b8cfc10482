"""Who may do what with annual reports, built on partnership.permissions.

- The business unit builds reports; the business unit and the independent
  chair see drafts and their evidence (which names every partner's funding, so
  a police representative never sees health's figures before publication).
- The people a submitted report names as signatories see its signing copy and
  sign it (they sign what they read).
- Once published, every member sees the report and downloads its PDF.

`visible_reports` is `can_view_report` as a queryset; a test proves they agree.
"""

from django.db.models import Q

from partnership.models import Role
from partnership.permissions import active_role, is_business_unit, rule

from .models import AnnualReport, ReportSignatory


@rule()
def can_manage_annual_reports(membership) -> bool:
    return is_business_unit(membership)


@rule()
def can_see_report_drafts(membership) -> bool:
    return is_business_unit(membership) or active_role(membership) == Role.INDEPENDENT_CHAIR


def is_signatory(membership, report) -> bool:
    person = membership.person if active_role(membership) is not None else None
    return (
        person is not None and ReportSignatory.objects.filter(report=report, person=person).exists()
    )


@rule("view", on="dashboard.AnnualReport")
def can_view_report(membership, report) -> bool:
    if active_role(membership) is None or report.partnership_id != membership.partnership_id:
        return False
    if report.is_published or can_see_report_drafts(membership):
        return True
    return not report.is_draft and is_signatory(membership, report)


def visible_reports(membership):
    """The reports this member may open: the twin of `can_view_report`."""
    if active_role(membership) is None:
        return AnnualReport.objects.none()
    reports = AnnualReport.objects.for_partnership(membership.partnership_id)
    if can_see_report_drafts(membership):
        return reports
    published = Q(status=AnnualReport.Status.PUBLISHED)
    person = membership.person
    if person is None:
        return reports.filter(published)
    signing = ReportSignatory.objects.filter(person=person).values("report_id")
    return reports.filter(published | (~Q(status=AnnualReport.Status.DRAFT) & Q(pk__in=signing)))


@rule("view_evidence", on="dashboard.AnnualReport")
def can_view_report_evidence(membership, report) -> bool:
    """The builder, its evidence, charts and draft previews."""
    return can_view_report(membership, report) and (
        report.is_published or can_see_report_drafts(membership)
    )


@rule("edit", on="dashboard.AnnualReport")
def can_edit_report(membership, report) -> bool:
    return can_manage_annual_reports(membership) and report.is_draft


@rule("sign", on="dashboard.AnnualReport")
def can_sign_report(membership, report) -> bool:
    """A named signatory who has not yet signed the copy now up for signature."""
    if report.status != AnnualReport.Status.SUBMITTED or not report.signing_sha256:
        return False
    person = membership.person if active_role(membership) is not None else None
    if person is None:
        return False
    signatory = ReportSignatory.objects.filter(report=report, person=person).first()
    return (
        signatory is not None
        and not signatory.sign_offs.filter(sha256=report.signing_sha256).exists()
    )


@rule("publish", on="dashboard.AnnualReport")
def can_publish_report(membership, report) -> bool:
    return can_manage_annual_reports(membership) and report.status in (
        AnnualReport.Status.SIGNED_OFF,
    )


@rule("record_sending", on="dashboard.AnnualReport")
def can_record_sending(membership, report) -> bool:
    return can_manage_annual_reports(membership) and report.is_published

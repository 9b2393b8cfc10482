"""Reads for the annual report pages and the home panel."""

import datetime
from dataclasses import dataclass

from django.utils import timezone

from partnership.tenancy import in_partnership
from partnership.working_days import add_working_days

from .models import AnnualReport, ReportSignOff


def report_overview(report):
    """Everything the report's page lists: sections, priorities, signatories
    (each with whether they signed the current copy), sign-offs, recipients."""
    sections = list(report.sections.order_by("position"))
    for section in sections:
        section.report = report
    signatories = list(report.signatories.select_related("person", "person__user"))
    sign_offs = list(
        ReportSignOff.objects.filter(report=report)
        .select_related("signatory")
        .order_by("signed_at")
    )
    current = {s.signatory_id: s for s in sign_offs if s.sha256 == report.signing_sha256}
    for signatory in signatories:
        signatory.current_sign_off = current.get(signatory.pk) if report.signing_sha256 else None
    return {
        "sections": sections,
        "priorities": list(report.priorities.all()),
        "signatories": signatories,
        "sign_offs": sign_offs,
        "recipients": list(report.recipients.select_related("recorded_by")),
    }


@dataclass
class Sending:
    due: datetime.date
    sent: int
    total: int

    @property
    def overdue(self):
        return self.sent < self.total and timezone.localdate() > self.due


def send_by(report):
    """The day the published report must have gone to its recipients."""
    published = timezone.localdate(report.published_at)
    if report.send_within_working_days:
        return add_working_days(published, report.send_within_days)
    return published + datetime.timedelta(days=report.send_within_days)


def sending_due(report):
    recipients = list(report.recipients.all())
    return Sending(
        due=send_by(report),
        sent=sum(1 for r in recipients if r.sent_on is not None),
        total=len(recipients),
    )


@dataclass
class PublishedReports:
    membership: object
    reports: list

    @property
    def partnership(self):
        return self.membership.partnership


def published_reports(memberships, *, limit=3):
    """Each partnership's latest published reports, for the home page: every
    member may download a published report."""
    groups = []
    for membership in memberships:
        with in_partnership(membership.partnership):
            # What the links and dates need: not the snapshot of every figure
            # and word the report holds (JSON read and parsed for nothing).
            reports = list(
                AnnualReport.objects.for_partnership(membership.partnership)
                .filter(status=AnnualReport.Status.PUBLISHED)
                .only("title", "period", "start_date", "published_at", "summary_pdf")
                .order_by("-start_date")[:limit]
            )
        if reports:
            groups.append(PublishedReports(membership=membership, reports=reports))
    return groups

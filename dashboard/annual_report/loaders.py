"""Loading annual reports for a request: by period ("2025-26"), inside the
request's partnership, only if the member may see the report; otherwise 404."""

from django.http import Http404

from partnership.loaders import load

from .models import AnnualReport, ReportPriority, ReportRecipient, ReportSection, ReportSignatory
from .permissions import can_view_report


def load_report(request, period):
    if len(period) > 10:
        raise Http404("No such report")
    return load(
        request,
        AnnualReport.objects.select_related("partnership", "signing_job", "publish_job"),
        visible=can_view_report,
        period=period,
    )


def load_section(request, report, section_uuid):
    section = load(request, ReportSection.objects.filter(report=report), uuid=section_uuid)
    section.report = report
    return section


def load_priority(request, report, priority_uuid):
    return load(request, ReportPriority.objects.filter(report=report), uuid=priority_uuid)


def load_signatory(request, report, signatory_uuid):
    return load(
        request,
        ReportSignatory.objects.filter(report=report).select_related("person"),
        uuid=signatory_uuid,
    )


def load_recipient(request, report, recipient_uuid):
    return load(request, ReportRecipient.objects.filter(report=report), uuid=recipient_uuid)

"""Sample annual reports for the isolation probe (tests/samples.py): a draft
for each partnership, for a period of its own (so naming B's period on A's URL
finds nothing), with the independent chair as its signatory."""

import datetime

from dashboard.annual_report import services
from partnership.models import Person
from tests.samples import sample


def chair_person(tenant):
    user = tenant.users["independent_chair"]
    person = Person.objects.filter(partnership=tenant.partnership, user=user).first()
    return person or Person.objects.create(
        partnership=tenant.partnership, user=user, full_name="Indira Chair", initials="IC"
    )


@sample("annual_report")
def _annual_report(tenant):
    chair_person(tenant)
    start = datetime.date(2025 if tenant.slug == "northshire" else 2023, 4, 1)
    return services.report_create(
        partnership=tenant.partnership,
        kind="children",
        headings="statutory",
        start_date=start,
        acting_user=tenant.users["business_manager"],
    )


@sample("report_section")
def _report_section(tenant):
    return tenant.sample("annual_report").sections.order_by("position").first()


@sample("report_priority")
def _report_priority(tenant):
    return services.priority_save(
        report=tenant.sample("annual_report"),
        title="Neglect: recognising it earlier",
        impact="",
        acting_user=None,
    )


@sample("report_signatory")
def _report_signatory(tenant):
    return tenant.sample("annual_report").signatories.first()


@sample("report_recipient")
def _report_recipient(tenant):
    return tenant.sample("annual_report").recipients.first()

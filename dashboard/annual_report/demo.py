"""Demo annual reports: last year's, published (Dudley's children's report,
with the meetings of that year behind its evidence, a deputy among them), and
this year's in progress in every demo partnership (Walsall's combined, for
children and adults), some headings written and some not, so the completeness check has
something to say. Idempotent: a partnership with any report is left alone.

Narratives are invented, drawn from the published minutes in the examples
(Dudley's participation group, its CSE funding bid, Signs of Safety training)."""

import datetime

from django.utils import timezone

from meetings import services as meeting_services
from partnership.models import BoardMembership, Person

from . import documents, services
from .models import AnnualReport

NARRATIVES = {
    "activity": (
        "The partnership board met quarterly, with the Quality Assurance and Communications "
        "Group, the Child Death Overview Panel and the Training Subgroup reporting to it. "
        "Each of the three safeguarding partners was represented at every board meeting, "
        "twice by a deputy with the authority to take decisions."
    ),
    "effectiveness": (
        "The independent scrutineer found the arrangements effective in holding partners to "
        "account: actions from the action log were reviewed at every meeting, and those "
        "overdue were escalated to the lead partner."
    ),
    "impact": (
        "After the multi-agency neglect training, referrals for neglect from schools rose by a "
        "third, and the audit of 40 cases found earlier help offered in 31 of them."
    ),
    "little_progress": (
        "Progress on early help assessment figures was slow: two agencies have not yet "
        "provided quarterly figures. The board has asked each lead partner to report by June."
    ),
    "review_actions": (
        "The partners agreed the recommendations of the Family M review and raised each as an "
        "action with an owner. A seven-minute briefing went to every agency."
    ),
    "voice": (
        "Young people of the Participation Task Group reviewed services and asked every "
        "subgroup to keep the voice of the child as a standing item; it now is."
    ),
    "funding": (
        "The three safeguarding partners funded the arrangements equally, and relevant "
        "agencies gave venues and training capacity in kind."
    ),
}
SUMMARY = (
    "This year the people who keep children safe in our area (the council, the police and "
    "the NHS) met every few months to check they were working together well.\n\n"
    "Young people told us that services should take them seriously and that they want one "
    "place to find help. Every group now has to listen to young people at every meeting.\n\n"
    "We trained school staff to spot neglect earlier, and more children got help sooner."
)
PRIORITIES = [
    (
        "Neglect: recognising it earlier",
        "Referrals for neglect from schools rose by a third after the training.",
    ),
    (
        "Child exploitation",
        "A £50,000 bid to the police and crime commissioner funds work with young people at "
        "risk; 15 young people were supported.",
    ),
    ("Hearing the voice of the child", ""),
]
# Rendering PDFs takes seconds: one published report shows the whole story.
PUBLISHED = {"dudley"}


def _this_period_start(partnership, today):
    month = partnership.financial_year_start_month
    year = today.year if today.month >= month else today.year - 1
    return datetime.date(year, month, 1)


def seed(demo):
    partnership = demo.partnership
    if AnnualReport.objects.for_partnership(partnership).exists():
        return
    manager = demo.users["business_manager"][0]
    kind = "combined" if partnership.covers_adults else "children"
    this_start = _this_period_start(partnership, timezone.localdate())
    if partnership.slug in PUBLISHED:
        last_start = this_start.replace(year=this_start.year - 1)
        _last_years_meetings(demo, last_start)
        _published(demo, kind, last_start, manager)
    _in_progress(demo, kind, this_start, manager)


def _last_years_meetings(demo, start):
    """Four meetings of each board in the year, one with a deputy."""
    manager = demo.users["business_manager"][0]
    for board in demo.boards.values():
        seats = list(
            BoardMembership.objects.filter(board=board, end_date__isnull=True)
            .exclude(role__in=["in_attendance", "adviser"])
            .select_related("person")
        )
        for quarter in range(4):
            date = start + datetime.timedelta(days=45 + 91 * quarter)
            date += datetime.timedelta(days=(2 - date.weekday()) % 7)  # a Wednesday
            meeting = meeting_services.meeting_create(
                board=board, acting_user=manager, date=date, with_standing_items=False
            )
            statuses = {}
            for index, seat in enumerate(seats):
                away = index and (index + quarter) % 4 == 3
                statuses[seat.person_id] = "apologies" if away else "present"
            meeting_services.attendance_record(
                meeting=meeting, statuses=statuses, acting_user=manager
            )
            away = [s.person for s in seats if statuses[s.person_id] == "apologies"]
            if away and quarter == 1:
                deputy, _ = Person.objects.get_or_create(
                    partnership=demo.partnership,
                    full_name=f"Deputy for {away[0].full_name}",
                    defaults={"organisation": away[0].organisation, "job_title": "Deputy"},
                )
                meeting_services.attendance_add(
                    meeting=meeting,
                    status="present",
                    person=deputy,
                    on_behalf_of=away[0],
                    acting_user=manager,
                )


def _write(report, *, complete):
    for section in report.sections.all():
        key = section.key.removeprefix("sab_")
        text = NARRATIVES.get(key) or NARRATIVES.get(section.key)
        if text is None and (complete or section.position % 2):
            text = (
                f"{section.heading}: the partners' work this year is described here, with the "
                "evidence beside it."
            )
        if text is None:
            continue
        services.section_save(
            section=section,
            narrative=text,
            included=section.evidence_suggested[:2],
            version=section.version,
            acting_user=None,
        )
    listed = set(report.priorities.values_list("title", flat=True))  # carried from last year
    for title, impact in PRIORITIES:
        if title in listed:
            continue
        if complete and not impact:
            impact = "Every subgroup now hears from young people at each meeting."
        services.priority_save(report=report, title=title, impact=impact, acting_user=None)
    if report.covers_children and complete:
        services.report_update(
            report=report, data={"young_people_summary": SUMMARY}, version=None, acting_user=None
        )


def _published(demo, kind, start, manager):
    report = services.report_create(
        partnership=demo.partnership,
        kind=kind,
        headings="arrangements" if demo.partnership.slug == "walsall" else "statutory",
        start_date=start,
        acting_user=manager,
    )
    _write(report, complete=True)
    services.report_submit(report=report, acting_user=manager, queue=False)
    report.refresh_from_db()
    documents.render_signing_copy(report, acting_user=manager)
    report.refresh_from_db()
    for signatory in report.signatories.select_related("person__user"):
        services.report_sign(
            report=report,
            person=signatory.person,
            statement=(
                "Having scrutinised the arrangements through the year, I find them effective, "
                "with the reservations about early help set out in the report."
                if signatory.is_scrutineer
                else ""
            ),
            acting_user=signatory.person.user,
        )
    report.refresh_from_db()
    documents.render_publication(report, acting_user=manager)
    report.refresh_from_db()
    for recipient in report.recipients.all()[:1]:
        services.recipient_sent(
            recipient=recipient,
            sent_on=timezone.localdate(report.published_at),
            sent_how="Emailed with a link to the partnership website",
            acting_user=manager,
        )


def _in_progress(demo, kind, start, manager):
    report = services.report_create(
        partnership=demo.partnership,
        kind=kind,
        headings="statutory",
        start_date=start,
        acting_user=manager,
    )
    _write(report, complete=False)

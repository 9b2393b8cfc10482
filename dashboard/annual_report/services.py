"""Writes for annual reports: keyword-only, cleaned data, one transaction each,
the acting user named in the history (partnership.writes). A report changes only
while it is a draft; submitting freezes it; signatures are never changed; a
published PDF is never replaced."""

import datetime
import hashlib

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.utils import timezone

from audit.log import record
from documents.services import document_request
from partnership.models import Membership, PartnerAgency, Role
from partnership.writes import model_update, service

from . import completeness, evidence
from .headings import recipients_for, sections_for
from .models import (
    AnnualReport,
    ReportPriority,
    ReportRecipient,
    ReportSection,
    ReportSignatory,
    ReportSignOff,
    period_label,
)

REPORT_FIELDS = ("title", "send_within_days", "send_within_working_days", "young_people_summary")


class ReportConflict(ValidationError):
    """Someone else saved first: the newer text is kept, never overwritten."""


def _locked(instance):
    return type(instance).objects.select_for_update().get(pk=instance.pk)


def _locked_report(report, *, expect=None):
    fresh = AnnualReport.objects.select_for_update().select_related("partnership").get(pk=report.pk)
    if expect is not None and fresh.status not in expect:
        raise ValidationError(
            f"The report is {fresh.get_status_display().lower()}: it cannot be changed now",
            code="status",
        )
    return fresh


def default_title(partnership, kind, start, end):
    words = {
        "children": "yearly report",
        "adults": "Safeguarding Adults Board annual report",
        "combined": "annual report",
    }[kind]
    return f"{partnership.name} {words} {start.year} to {end.year}"


def period_end(start):
    return datetime.date(start.year + 1, start.month, 1) - datetime.timedelta(days=1)


def _chair_person(partnership):
    membership = (
        Membership.objects.for_partnership(partnership)
        .filter(role=Role.INDEPENDENT_CHAIR, is_active=True)
        .select_related("user")
        .first()
    )
    return membership.person if membership is not None else None


def default_signatories(partnership, kind):
    """[(person, capacity, is_scrutineer)]: for a children's (or combined)
    report the lead representatives of the statutory partners who can sign in
    here, and the independent chair with the scrutineer's statement; for a SAB
    report its independent chair."""
    found = []
    if kind in ("children", "combined"):
        leads = (
            PartnerAgency.objects.for_partnership(partnership)
            .filter(kind=PartnerAgency.Kind.STATUTORY, is_active=True)
            .exclude(lead_representative__isnull=True)
            .select_related("organisation", "lead_representative__user")
            .order_by("organisation__name")
        )
        members = set(
            Membership.objects.for_partnership(partnership)
            .filter(is_active=True)
            .values_list("user_id", flat=True)
        )
        for agency in leads:
            person = agency.lead_representative
            if person.user_id in members:
                found.append((person, f"Lead safeguarding partner, {agency.organisation}", False))
    chair = _chair_person(partnership)
    if chair is not None and chair not in [p for p, _, _ in found]:
        if kind == "adults":
            found.append((chair, "Independent chair, Safeguarding Adults Board", False))
        else:
            found.append((chair, "Independent chair and scrutineer", True))
    return found


@service
def report_create(*, partnership, kind, headings, start_date, acting_user, title=""):
    """A new draft report for the twelve months from `start_date`, with the
    headings of its kind, the recipients the law names, the default signatories
    and last report's priorities (titles only, for this year's impact)."""
    start = start_date.replace(day=1)
    end = period_end(start)
    period = period_label(start, end)
    reports = AnnualReport.objects.for_partnership(partnership)
    if reports.filter(period=period).exists():
        raise ValidationError(f"There is already a report for {period}", code="exists")
    if reports.filter(start_date__lte=end, end_date__gte=start).exists():
        raise ValidationError("Another report already covers part of that period", code="overlap")
    report = AnnualReport.objects.create(
        partnership=partnership,
        kind=kind,
        headings=headings if kind != "adults" else AnnualReport.Headings.STATUTORY,
        title=title.strip() or default_title(partnership, kind, start, end),
        start_date=start,
        end_date=end,
        period=period,
    )
    for position, (part, key, heading, guidance, statutory, suggested) in enumerate(
        sections_for(kind, report.headings), start=1
    ):
        ReportSection.objects.create(
            report=report,
            position=position,
            key=key,
            part=part,
            heading=heading,
            guidance=guidance,
            is_statutory=statutory,
            evidence_suggested=suggested,
        )
    for position, name in enumerate(recipients_for(kind), start=1):
        ReportRecipient.objects.create(report=report, name=name, position=position)
    for position, (person, capacity, scrutineer) in enumerate(
        default_signatories(partnership, kind), start=1
    ):
        ReportSignatory.objects.create(
            report=report,
            person=person,
            capacity=capacity,
            is_scrutineer=scrutineer,
            position=position,
        )
    last = (
        reports.filter(start_date__lt=start).exclude(pk=report.pk).order_by("-start_date").first()
    )
    if last is not None:
        for priority in last.priorities.all():
            ReportPriority.objects.create(
                report=report, title=priority.title, position=priority.position
            )
    return report


@service
def report_update(*, report, data, version, acting_user):
    fresh = _locked_report(report, expect=[AnnualReport.Status.DRAFT])
    if version is not None and fresh.version != int(version):
        raise ReportConflict(
            "Someone else changed the report while you were working on it. "
            "Check their changes below, then make yours again.",
            code="conflict",
        )
    changed = model_update(instance=fresh, data=data, fields=REPORT_FIELDS)
    if changed:
        fresh.version += 1
        fresh.save(update_fields=["version", "updated_at"])
    return changed


@service
def section_save(*, section, narrative, included, version, acting_user):
    """Saves a section's narrative and the evidence included in it. A save
    based on an older version than the one stored is a conflict: nothing is
    overwritten."""
    _locked_report(section.report, expect=[AnnualReport.Status.DRAFT])
    fresh = _locked(section)
    if int(version) != fresh.version:
        raise ReportConflict(
            "Someone else saved this section while you were working on it. "
            "Their text is below; copy anything of yours across, then save again.",
            code="conflict",
        )
    included = [kind for kind in evidence.KINDS if kind in set(included)]
    if fresh.narrative == narrative and fresh.evidence_included == included:
        return fresh
    fresh.narrative = narrative
    fresh.evidence_included = included
    fresh.version += 1
    fresh.save(update_fields=["narrative", "evidence_included", "version", "updated_at"])
    return fresh


@service
def priority_save(*, report, title, impact, acting_user, priority=None):
    _locked_report(report, expect=[AnnualReport.Status.DRAFT])
    if priority is None:
        position = report.priorities.count() + 1
        return ReportPriority.objects.create(
            report=report, title=title.strip(), impact=impact.strip(), position=position
        )
    model_update(
        instance=_locked(priority),
        data={"title": title.strip(), "impact": impact.strip()},
        fields=("title", "impact"),
    )
    return priority


@service
def priority_remove(*, priority, acting_user):
    _locked_report(priority.report, expect=[AnnualReport.Status.DRAFT])
    _locked(priority).delete()


@service
def signatory_add(*, report, person, capacity, is_scrutineer, acting_user):
    _locked_report(report, expect=[AnnualReport.Status.DRAFT])
    if report.signatories.filter(person=person).exists():
        raise ValidationError(f"{person} is already named to sign", code="exists")
    return ReportSignatory.objects.create(
        report=report,
        person=person,
        capacity=capacity.strip(),
        is_scrutineer=is_scrutineer,
        position=report.signatories.count() + 1,
    )


@service
def signatory_remove(*, signatory, acting_user):
    _locked_report(signatory.report, expect=[AnnualReport.Status.DRAFT])
    if signatory.sign_offs.exists():
        raise ValidationError(
            f"{signatory.person} has signed an earlier version: they stay named", code="signed"
        )
    _locked(signatory).delete()


def report_content(report, gathered):
    """Everything the report's PDF says, as plain data: what submission freezes."""
    sections = list(report.sections.order_by("position"))
    return {
        "partnership": report.partnership.name,
        "title": report.title,
        "kind": report.kind,
        "kind_label": report.get_kind_display(),
        "start_date": report.start_date,
        "end_date": report.end_date,
        "sections": [
            {
                "part": s.part,
                "heading": s.heading,
                "narrative": s.narrative,
                "evidence": list(s.evidence_included),
                "statutory": s.is_statutory,
            }
            for s in sections
        ],
        "priorities": gathered["priorities"],
        "young_people_summary": report.young_people_summary,
        "signatories": [
            {"name": s.person.full_name, "capacity": s.capacity, "scrutineer": s.is_scrutineer}
            for s in report.signatories.select_related("person")
        ],
        "recipients": list(report.recipients.values_list("name", flat=True)),
        "evidence": gathered,
    }


def report_gaps(report, gathered):
    return completeness.gaps(
        report,
        gathered,
        list(report.sections.order_by("position")),
        list(report.priorities.all()),
        list(report.signatories.select_related("person")),
    )


@service
def report_submit(*, report, acting_user, queue=True):
    """Freezes the draft (its text and the evidence as it stands today) and has
    the signing copy rendered in the background (`queue=False`: the caller
    renders it, as the demo does). Refused while the completeness check lists
    anything."""
    report = _locked_report(report, expect=[AnnualReport.Status.DRAFT])
    gathered = evidence.gather(report)
    if report_gaps(report, gathered):
        raise ValidationError(
            "The report is not complete yet: see what is missing", code="incomplete"
        )
    report.snapshot = evidence.freeze(report_content(report, gathered))
    report.status = AnnualReport.Status.SUBMITTED
    report.submitted_at = timezone.now()
    report.submitted_by = acting_user
    report.signing_sha256 = ""
    report.signing_pdf = ""
    if queue:
        report.signing_job = document_request(
            partnership=report.partnership,
            kind="annual_report.signing_copy",
            title=f"{report.title}: copy for signature",
            params={"report": str(report.uuid)},
            acting_user=acting_user,
        )
    report.save()
    record("annual_report.submitted", user=acting_user, obj=report)
    return report


@service
def report_return_to_draft(*, report, acting_user):
    """Back to draft (to change it before it is signed off). Signatures given
    stay on record, but they were given to a copy that no longer stands: the
    report must be signed again once resubmitted."""
    report = _locked_report(
        report, expect=[AnnualReport.Status.SUBMITTED, AnnualReport.Status.SIGNED_OFF]
    )
    report.status = AnnualReport.Status.DRAFT
    report.snapshot = None
    report.signed_off_at = None
    report.version += 1
    report.save()
    record("annual_report.returned", user=acting_user, obj=report)
    return report


@service
def signing_copy_store(*, report, pdf, acting_user):
    """Keeps the rendered signing copy and its SHA-256 (the documents task)."""
    report = _locked_report(report)
    if report.status != AnnualReport.Status.SUBMITTED or report.signing_sha256:
        return report
    report.signing_pdf.save("for-signature.pdf", ContentFile(pdf), save=False)
    report.signing_sha256 = hashlib.sha256(pdf).hexdigest()
    report.save(update_fields=["signing_pdf", "signing_sha256", "updated_at"])
    return report


@service
def report_sign(*, report, person, statement, acting_user, request=None):
    """`person` signs the copy up for signature: an immutable record of who,
    when and the SHA-256 of that PDF. When everyone named has signed it, the
    report is signed off."""
    report = _locked_report(report, expect=[AnnualReport.Status.SUBMITTED])
    if not report.signing_sha256:
        raise ValidationError("The copy for signature is still being prepared", code="not_ready")
    signatory = report.signatories.filter(person=person).first()
    if signatory is None:
        raise ValidationError("You are not named to sign this report", code="not_named")
    if signatory.is_scrutineer and not statement.strip():
        raise ValidationError("Write the independent scrutineer's statement", code="statement")
    if signatory.sign_offs.filter(sha256=report.signing_sha256).exists():
        raise ValidationError("You have already signed this copy", code="signed")
    sign_off = ReportSignOff.objects.create(
        report=report,
        signatory=signatory,
        user=acting_user,
        name=person.full_name,
        capacity=signatory.capacity,
        signed_at=timezone.now(),
        sha256=report.signing_sha256,
        statement=statement.strip(),
    )
    record(
        "annual_report.signed",
        request=request,
        user=acting_user,
        obj=report,
        detail=f"SHA-256 {report.signing_sha256}",
    )
    waiting = report.signatories.exclude(sign_offs__sha256=report.signing_sha256)
    if not waiting.exists():
        report.status = AnnualReport.Status.SIGNED_OFF
        report.signed_off_at = sign_off.signed_at
        report.save(update_fields=["status", "signed_off_at", "updated_at"])
    return sign_off


@service
def report_publish(*, report, acting_user):
    """Has the published PDF (and the summary for children and young people)
    rendered once, in the background; the report is published when it is
    stored (publication_store)."""
    report = _locked_report(report, expect=[AnnualReport.Status.SIGNED_OFF])
    job = report.publish_job
    if job is not None and not job.is_finished:
        return report
    report.publish_job = document_request(
        partnership=report.partnership,
        kind="annual_report.publish",
        title=f"{report.title}: published PDF",
        params={"report": str(report.uuid), "by": acting_user.pk if acting_user else None},
        acting_user=acting_user,
    )
    report.save(update_fields=["publish_job", "updated_at"])
    return report


@service
def publication_store(*, report, report_pdf, summary_pdf, published_at, acting_user):
    """Stores the published PDFs with their SHA-256 and publishes the report.
    Once stored they are never replaced (the database refuses)."""
    with_lock = _locked_report(report)
    if with_lock.is_published:
        return with_lock
    with_lock.report_pdf.save("report.pdf", ContentFile(report_pdf), save=False)
    with_lock.report_sha256 = hashlib.sha256(report_pdf).hexdigest()
    if summary_pdf is not None:
        with_lock.summary_pdf.save("summary.pdf", ContentFile(summary_pdf), save=False)
        with_lock.summary_sha256 = hashlib.sha256(summary_pdf).hexdigest()
    with_lock.status = AnnualReport.Status.PUBLISHED
    with_lock.published_at = published_at
    with_lock.published_by = acting_user
    with_lock.save()
    record(
        "annual_report.published",
        user=acting_user,
        obj=with_lock,
        detail=f"SHA-256 {with_lock.report_sha256}",
    )
    return with_lock


@service
def recipient_sent(*, recipient, sent_on, sent_how, acting_user):
    """Records that the published report went to `recipient` (once)."""
    fresh = _locked(recipient)
    if fresh.sent_on is not None:
        raise ValidationError(f"Sending to {fresh.name} is already recorded", code="sent")
    if not recipient.report.is_published:
        raise ValidationError("The report is not published yet", code="unpublished")
    fresh.sent_on = sent_on
    fresh.sent_how = sent_how.strip()
    fresh.recorded_by = acting_user
    fresh.save(update_fields=["sent_on", "sent_how", "recorded_by", "updated_at"])
    return fresh

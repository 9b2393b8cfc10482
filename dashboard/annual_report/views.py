"""The annual report builder's pages, under /p/<slug>/reports/annual/. Thin:
load, check, call a service or selector, render."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone

from documents.downloads import name_download
from documents.services import document_request
from partnership.permissions import hide_unless, refuse_unless, require
from partnership.views.common import posted

from . import evidence as evidence_module
from . import services
from .charts import CHARTS, chart_svg, has_chart
from .completeness import gaps
from .documents import filename, frozen_content
from .evidence import KINDS
from .forms import (
    PriorityForm,
    ReportCreateForm,
    ReportDetailsForm,
    SectionForm,
    SendingForm,
    SignatoryForm,
    SignForm,
    SummaryForm,
)
from .loaders import load_priority, load_recipient, load_report, load_section, load_signatory
from .permissions import (
    can_edit_report,
    can_manage_annual_reports,
    can_publish_report,
    can_record_sending,
    can_sign_report,
    can_view_report_evidence,
    visible_reports,
)
from .selectors import report_overview, sending_due


def _evidence_of(report):
    """The report's evidence: frozen once submitted, live while a draft."""
    if report.snapshot:
        return frozen_content(report)["evidence"]
    return evidence_module.gather(report)


def _chart_urls(report, found, kinds):
    return {kind: report.url("chart", kind=kind) for kind in kinds if has_chart(kind, found)}


def report_list(request):
    reports = visible_reports(request.membership).order_by("-start_date")
    return render(request, "dashboard/annual_report/list.html", {"reports": list(reports)})


@require(can_manage_annual_reports)
def report_create(request):
    form = ReportCreateForm(posted(request), partnership=request.partnership)
    if form.is_valid():
        data = form.cleaned_data
        try:
            report = services.report_create(
                partnership=request.partnership,
                kind=data["kind"],
                headings=data["headings"],
                start_date=data["start_date"],
                title=data["title"],
                acting_user=request.user,
            )
        except ValidationError as problem:
            form.add_error("start_year", problem.messages[0])
        else:
            messages.success(request, f"{report.title} started")
            return redirect(report)
    return render(request, "dashboard/annual_report/create.html", {"form": form})


def report_detail(request, period):
    report = load_report(request, period)
    context = {"report": report, "may": request.can.on(report)}
    if can_view_report_evidence(request.membership, report):
        context.update(report_overview(report))
        if report.is_draft:
            found = evidence_module.gather(report)
            context["gaps"] = gaps(
                report,
                found,
                context["sections"],
                context["priorities"],
                context["signatories"],
            )
    if report.is_published:
        context["sending"] = sending_due(report)
    return render(request, "dashboard/annual_report/detail.html", context)


@require(can_manage_annual_reports)
def report_edit(request, period):
    report = load_report(request, period)
    refuse_unless(can_edit_report(request.membership, report))
    initial = {
        "title": report.title,
        "send_within_days": report.send_within_days,
        "send_within_working_days": report.send_within_working_days,
        "version": report.version,
    }
    form = ReportDetailsForm(posted(request), initial=initial)
    if form.is_valid():
        data = dict(form.cleaned_data)
        try:
            services.report_update(
                report=report, data=data, version=data.pop("version"), acting_user=request.user
            )
        except ValidationError as problem:
            form.add_error(None, problem.messages[0])
        else:
            messages.success(request, "Report details saved")
            return redirect(report)
    return render(request, "dashboard/annual_report/edit.html", {"form": form, "report": report})


@require(can_manage_annual_reports)
def summary_edit(request, period):
    report = load_report(request, period)
    refuse_unless(can_edit_report(request.membership, report) and report.covers_children)
    form = SummaryForm(
        posted(request),
        initial={"young_people_summary": report.young_people_summary, "version": report.version},
    )
    if form.is_valid():
        try:
            services.report_update(
                report=report,
                data={"young_people_summary": form.cleaned_data["young_people_summary"]},
                version=form.cleaned_data["version"],
                acting_user=request.user,
            )
        except ValidationError as problem:
            form.add_error(None, problem.messages[0])
        else:
            messages.success(request, "Summary for children and young people saved")
            return redirect(report)
    return render(request, "dashboard/annual_report/summary.html", {"form": form, "report": report})


def section_edit(request, period, section_uuid):
    """A heading's narrative, with the evidence beside it ready to insert: each
    button saves what was typed along with what it does."""
    report = load_report(request, period)
    refuse_unless(can_view_report_evidence(request.membership, report))
    section = load_section(request, report, section_uuid)
    editable = can_edit_report(request.membership, report)
    if request.method == "POST":
        refuse_unless(editable)
    form = SectionForm(posted(request), section=section)
    if form.is_valid():
        data = form.cleaned_data
        included = list(data["included"])
        narrative = data["narrative"]
        if data["add"] and data["add"] not in included:
            included.append(data["add"])
        if data["remove"] in included:
            included.remove(data["remove"])
        if data["sentence"]:
            sentence = evidence_module.sentence(data["sentence"], evidence_module.gather(report))
            narrative = f"{narrative.rstrip()}\n\n{sentence}".strip()
        try:
            services.section_save(
                section=section,
                narrative=narrative,
                included=included,
                version=data["version"],
                acting_user=request.user,
            )
        except ValidationError as problem:
            form.add_error("narrative", problem.messages[0])
            section.refresh_from_db()
            form.data = form.data.copy()
            form.data["version"] = section.version
        else:
            if data["add"] or data["remove"] or data["sentence"]:
                return redirect(section.get_absolute_url() + "#evidence")
            messages.success(request, f"“{section.heading}” saved")
            return redirect(report.url("detail") + "#sections")
    found = _evidence_of(report)
    others = [k for k in KINDS if k not in section.evidence_suggested]
    blocks = [
        {
            "kind": kind,
            "label": KINDS[kind],
            "suggested": kind in section.evidence_suggested,
            "included": kind in section.evidence_included,
            "sentence": evidence_module.sentence(kind, found),
        }
        for kind in [*section.evidence_suggested, *others]
    ]
    return render(
        request,
        "dashboard/annual_report/section.html",
        {
            "report": report,
            "section": section,
            "form": form,
            "editable": editable,
            "blocks": blocks,
            "evidence": found,
            "charts": _chart_urls(report, found, KINDS),
            "chart_width": 440,  # half the page: the SVG scales to it
            "chart_alt": CHARTS,
            "no_reviews": evidence_module.NO_REVIEWS,
        },
    )


@require(can_manage_annual_reports)
def priorities(request, period):
    report = load_report(request, period)
    form = PriorityForm(posted(request))
    if request.method == "POST":
        refuse_unless(can_edit_report(request.membership, report))
    if form.is_valid():
        services.priority_save(report=report, acting_user=request.user, **form.cleaned_data)
        messages.success(request, "Priority added")
        return redirect(report.url("priorities"))
    return render(
        request,
        "dashboard/annual_report/priorities.html",
        {"report": report, "form": form, "priorities": list(report.priorities.all())},
    )


@require(can_manage_annual_reports)
def priority_edit(request, period, priority_uuid):
    report = load_report(request, period)
    priority = load_priority(request, report, priority_uuid)
    if request.method == "POST":
        refuse_unless(can_edit_report(request.membership, report))
        if "remove" in request.POST:
            services.priority_remove(priority=priority, acting_user=request.user)
            messages.success(request, f"Priority “{priority.title}” taken off the report")
            return redirect(report.url("priorities"))
    form = PriorityForm(
        posted(request), initial={"title": priority.title, "impact": priority.impact}
    )
    if form.is_valid():
        services.priority_save(
            report=report, priority=priority, acting_user=request.user, **form.cleaned_data
        )
        messages.success(request, f"Priority “{form.cleaned_data['title']}” saved")
        return redirect(report.url("priorities"))
    return render(
        request,
        "dashboard/annual_report/priority_form.html",
        {"report": report, "priority": priority, "form": form},
    )


@require(can_manage_annual_reports)
def signatories(request, period):
    report = load_report(request, period)
    form = SignatoryForm(posted(request), partnership=request.partnership)
    if request.method == "POST":
        refuse_unless(can_edit_report(request.membership, report))
    if form.is_valid():
        try:
            services.signatory_add(report=report, acting_user=request.user, **form.cleaned_data)
        except ValidationError as problem:
            form.add_error("person", problem.messages[0])
        else:
            messages.success(request, f"{form.cleaned_data['person']} will sign the report")
            return redirect(report.url("signatories"))
    return render(
        request,
        "dashboard/annual_report/signatories.html",
        {
            "report": report,
            "form": form,
            "signatories": list(report.signatories.select_related("person", "person__user")),
        },
    )


@require(can_manage_annual_reports)
def signatory_remove(request, period, signatory_uuid):
    """A confirmation page; the POST takes the signatory off the report."""
    report = load_report(request, period)
    refuse_unless(can_edit_report(request.membership, report))
    signatory = load_signatory(request, report, signatory_uuid)
    if request.method != "POST":
        return render(
            request,
            "dashboard/annual_report/signatory_remove.html",
            {"report": report, "signatory": signatory},
        )
    try:
        services.signatory_remove(signatory=signatory, acting_user=request.user)
    except ValidationError as problem:
        messages.error(request, problem.messages[0])
    else:
        messages.success(request, f"{signatory.person} will not sign the report")
    return redirect(report.url("signatories"))


def preview(request, period):
    """A draft PDF with the DRAFT mark, rendered in the background (the GET
    offers it, the POST asks for it)."""
    report = load_report(request, period)
    refuse_unless(can_view_report_evidence(request.membership, report))
    if request.method != "POST":
        return render(request, "dashboard/annual_report/preview.html", {"report": report})
    job = document_request(
        partnership=request.partnership,
        kind="annual_report.preview",
        title=f"{report.title}: preview",
        params={"report": str(report.uuid)},
        acting_user=request.user,
    )
    return redirect(job)


@require(can_manage_annual_reports)
def submit(request, period):
    report = load_report(request, period)
    refuse_unless(can_edit_report(request.membership, report))
    found = evidence_module.gather(report)
    overview = report_overview(report)
    missing = gaps(
        report, found, overview["sections"], overview["priorities"], overview["signatories"]
    )
    error = None
    if request.method == "POST" and not missing:
        try:
            services.report_submit(report=report, acting_user=request.user)
        except ValidationError as problem:
            error = problem.messages[0]
        else:
            messages.success(request, "Report submitted: the copy for signature is being prepared")
            return redirect(report)
    return render(
        request,
        "dashboard/annual_report/submit.html",
        {"report": report, "gaps": missing, "error": error, **overview},
    )


@require(can_manage_annual_reports)
def return_to_draft(request, period):
    report = load_report(request, period)
    refuse_unless(report.status in ("submitted", "signed_off"))
    if request.method == "POST":
        services.report_return_to_draft(report=report, acting_user=request.user)
        messages.success(request, "The report is a draft again: it must be signed again")
        return redirect(report)
    return render(request, "dashboard/annual_report/return.html", {"report": report})


def signing_pdf(request, period):
    report = load_report(request, period)
    if not report.signing_sha256 or report.is_draft:
        raise Http404("No copy for signature")
    return _stored(report.signing_pdf, filename(report, "for-signature"))


def sign(request, period):
    """Only someone who may sign the copy now up for signature finds this page."""
    report = load_report(request, period)
    hide_unless(can_sign_report(request.membership, report))
    signatory = report.signatories.get(person=request.membership.person)
    form = SignForm(posted(request), request=request, scrutineer=signatory.is_scrutineer)
    if form.is_valid():
        try:
            services.report_sign(
                report=report,
                person=signatory.person,
                statement=form.cleaned_data.get("statement", ""),
                acting_user=request.user,
                request=request,
            )
        except ValidationError as problem:
            form.add_error(None, problem.messages[0])
        else:
            messages.success(request, f"You signed off {report.title}")
            return redirect(report)
    return render(
        request,
        "dashboard/annual_report/sign.html",
        {"report": report, "signatory": signatory, "form": form},
    )


@require(can_manage_annual_reports)
def publish(request, period):
    report = load_report(request, period)
    if request.method == "POST":
        refuse_unless(can_publish_report(request.membership, report))
        services.report_publish(report=report, acting_user=request.user)
        messages.success(request, "Publishing: the PDF is being prepared")
        return redirect(report)
    refuse_unless(can_publish_report(request.membership, report) or report.is_published)
    return render(request, "dashboard/annual_report/publish.html", {"report": report})


def status(request, period):
    """The rendering's progress, for the report page to poll (htmx)."""
    report = load_report(request, period)
    refuse_unless(can_view_report_evidence(request.membership, report) or report.is_published)
    return render(
        request,
        "dashboard/annual_report/_status.html",
        {"report": report, "may": request.can.on(report)},
    )


def report_pdf(request, period):
    """The published report: exactly the file stored when it was published."""
    report = load_report(request, period)
    if not report.is_published:
        raise Http404("Not published")
    return _stored(report.report_pdf, filename(report))


def summary_pdf(request, period):
    report = load_report(request, period)
    if not report.is_published or not report.summary_pdf:
        raise Http404("Not published")
    return _stored(report.summary_pdf, filename(report, "summary-for-young-people"))


def _stored(field, name):
    response = FileResponse(field.open("rb"), content_type="application/pdf")
    return name_download(response, name, inline=True)


# An SVG shown as an image runs no script; its own styles are allowed, nothing else.
CHART_POLICY = "default-src 'none'; style-src 'unsafe-inline'"


def chart(request, period, kind):
    report = load_report(request, period)
    refuse_unless(can_view_report_evidence(request.membership, report))
    if kind not in CHARTS:
        raise Http404("No such chart")
    svg = chart_svg(kind, _evidence_of(report), empty=True)
    response = HttpResponse(svg, content_type="image/svg+xml")
    response["Content-Security-Policy"] = CHART_POLICY
    response["Cache-Control"] = "private, no-store"
    return response


@require(can_manage_annual_reports)
def recipient_sent(request, period, recipient_uuid):
    report = load_report(request, period)
    refuse_unless(can_record_sending(request.membership, report))
    recipient = load_recipient(request, report, recipient_uuid)
    recipient.report = report
    refuse_unless(recipient.sent_on is None)
    form = SendingForm(posted(request), published_on=timezone.localdate(report.published_at))
    if form.is_valid():
        try:
            services.recipient_sent(
                recipient=recipient, acting_user=request.user, **form.cleaned_data
            )
        except ValidationError as problem:
            form.add_error(None, problem.messages[0])
        else:
            messages.success(request, f"Sending to {recipient.name} recorded")
            return redirect(report.url("detail") + "#recipients")
    return render(
        request,
        "dashboard/annual_report/sending.html",
        {"report": report, "recipient": recipient, "form": form},
    )

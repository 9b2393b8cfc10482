"""The report's PDFs, rendered in the background through `documents`:

- a draft preview (with the DRAFT mark), from the report as it stands;
- the copy for signature, from the content frozen at submission: its SHA-256 is
  what each signatory signs;
- the published report and the summary for children and young people, rendered
  once from the same frozen content plus the signatures, stored, and served
  unchanged for ever after.

Each PDF has a cover, contents with page numbers, a running header and footer,
"Page X of Y", tables whose header repeats on every page, charts (SVG, each
beside its table), and is tagged PDF/UA-1 with its language and title."""

from django.template.loader import render_to_string
from django.utils import timezone

from documents.registry import renderer
from documents.render import html_to_pdf
from partnership.models import User

from . import evidence, services
from .charts import CHARTS, chart_svg
from .models import AnnualReport


def charts_for(content):
    """({kind: src}, resources): each chart the report's sections include, drawn
    once, to embed by path."""
    wanted = {kind for section in content["sections"] for kind in section["evidence"]}
    sources, resources = {}, {}
    for kind in sorted(wanted & CHARTS.keys()):
        svg = chart_svg(kind, content["evidence"])
        if svg is not None:
            path = f"/charts/{kind}.svg"
            sources[kind] = path
            resources[path] = (svg, "image/svg+xml")
    return sources, resources


def key_numbers(content):
    """The summary for children and young people's few big numbers."""
    found = content["evidence"]
    numbers = []
    held = sum(row["held"] for row in found["meetings"])
    if held:
        numbers.append((held, "meetings where partners planned how to keep you safe"))
    agencies = len(found["attendance"])
    if agencies:
        numbers.append((agencies, "organisations working together"))
    done = sum(row["completed"] for row in found["actions"])
    if done:
        numbers.append((done, "jobs the partners agreed to do and finished"))
    if found["reviews"]["recorded"] and found["reviews"]["published"]:
        numbers.append((len(found["reviews"]["published"]), "reviews published to learn from"))
    return numbers


def _context(report, content, **extra):
    sources, resources = charts_for(content)
    parts = []
    for number, section in enumerate(content["sections"], start=1):
        section = {**section, "anchor": f"section-{number}"}
        if not parts or parts[-1]["part"] != section["part"]:
            parts.append({"part": section["part"], "sections": []})
        parts[-1]["sections"].append(section)
    context = {
        "partnership": report.partnership,
        "report": report,
        "content": content,
        "parts": parts,
        "evidence": content["evidence"],
        "charts": sources,
        "chart_alt": CHARTS,
        "no_reviews": evidence.NO_REVIEWS,
        "marking": "OFFICIAL",
        **extra,
    }
    return context, resources


def report_html(report, content, **extra):
    """(HTML, resources) of the report's PDF: what WeasyPrint is given."""
    context, resources = _context(report, content, **extra)
    return render_to_string("dashboard/annual_report/pdf/report.html", context), resources


def report_pdf(report, content, **extra):
    html, resources = report_html(report, content, **extra)
    return html_to_pdf(html, resources=resources)


def summary_pdf(report, content, **extra):
    context, resources = _context(report, content, numbers=key_numbers(content), **extra)
    html = render_to_string("dashboard/annual_report/pdf/summary.html", context)
    return html_to_pdf(html, resources=resources)


def live_content(report):
    return services.report_content(report, evidence.gather(report))


def frozen_content(report):
    return evidence.thaw(report.snapshot)


def _report(job):
    return AnnualReport.objects.select_related("partnership").get(uuid=job.params["report"])


def filename(report, what="report"):
    return f"{report.partnership.slug}-{what}-{report.period}.pdf"


@renderer("annual_report.preview")
def preview(job):
    report = _report(job)
    content = frozen_content(report) if report.snapshot else live_content(report)
    pdf = report_pdf(report, content, draft=not report.is_published, preview=True)
    return pdf, filename(report, "report-draft"), "application/pdf"


@renderer("annual_report.signing_copy")
def signing_copy(job):
    pdf = render_signing_copy(_report(job), acting_user=job.requested_by)
    return pdf, filename(_report(job), "for-signature"), "application/pdf"


def render_signing_copy(report, *, acting_user):
    """The copy for signature, rendered once from the frozen content and kept."""
    if report.signing_sha256:  # already rendered: the copy people sign never changes
        return report.signing_pdf.read()
    pdf = report_pdf(report, frozen_content(report), for_signature=True)
    services.signing_copy_store(report=report, pdf=pdf, acting_user=acting_user)
    return pdf


@renderer("annual_report.publish")
def publish(job):
    report = _report(job)
    by = User.objects.filter(pk=job.params.get("by")).first() or job.requested_by
    return render_publication(report, acting_user=by), filename(report), "application/pdf"


def render_publication(report, *, acting_user):
    """Renders the published PDF once; a report already published keeps its file."""
    if report.is_published:
        return report.report_pdf.read()
    content = frozen_content(report)
    published_at = timezone.now()
    sign_offs = list(report.sign_offs.filter(sha256=report.signing_sha256).order_by("signed_at"))
    extra = {"published_at": published_at, "sign_offs": sign_offs}
    pdf = report_pdf(report, content, **extra)
    summary = summary_pdf(report, content, **extra) if report.covers_children else None
    services.publication_store(
        report=report,
        report_pdf=pdf,
        summary_pdf=summary,
        acting_user=acting_user,
        published_at=published_at,
    )
    return pdf

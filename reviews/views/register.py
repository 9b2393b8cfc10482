"""The case review register, its exports, the clock dashboard and the board
summary PDF. Members who may see no case get anonymous counts only."""

import csv
import io

from django.shortcuts import redirect, render
from django.utils import timezone

from audit.log import record
from documents.render import file_response, pdf_response
from documents.services import document_request
from documents.spreadsheets import neutralise
from documents.xlsx import Workbook
from govuk.pagination import paginate
from partnership.permissions import require

from ..clocks import rules_ensure, working_days_between
from ..documents import summary_filename, summary_pdf
from ..forms import RegisterFilterForm
from ..models import Stage
from ..permissions import can_view_register
from ..selectors import anonymous_counts, clocks_due, register, summary_rows
from ..services import themes_ensure

PER_PAGE = 50
PDF_IN_REQUEST = 60


def _filtered(request):
    form = RegisterFilterForm(request.GET or None, partnership=request.partnership)
    return form, register(membership=request.membership, filters=form.filters())


def register_page(request):
    if not can_view_register(request.membership):
        return render(
            request,
            "reviews/register_counts.html",
            {"counts": anonymous_counts(request.partnership)},
        )
    rules_ensure(request.partnership)
    themes_ensure(request.partnership)
    form, cases = _filtered(request)
    page = paginate(request, cases, per_page=PER_PAGE)
    today = timezone.localdate()
    for case in page.object_list:
        if case.next_clock_due is not None:
            case.days_left = working_days_between(today, case.next_clock_due)
            case.next_state = "overdue" if case.next_clock_due < today else "due"
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "reviews/register.html",
        {
            "form": form if form.errors else None,
            "filter_form": form,
            "page": page,
            "selected": form.selected(),
            "export_query": query.urlencode(),
            "stages": dict(Stage.choices),
        },
    )


HEADERS = [
    "Reference",
    "Pseudonym",
    "Type of review",
    "Stage",
    "Status",
    "StEIS number",
    "National Panel reference",
    "Became aware",
    "Notified",
    "Next clock",
    "Next clock due",
]


def _rows(cases):
    stages = dict(Stage.choices)
    for case in cases:
        stage = getattr(getattr(case, "review", None), "stage", "")
        yield [
            case.reference,
            case.pseudonym,
            case.get_review_type_display(),
            stages.get(stage, ""),
            case.get_status_display(),
            case.steis_number,
            case.panel_reference,
            case.aware_date,
            case.notified_date,
            case.next_clock_name or "",
            case.next_clock_due,
        ]


@require(can_view_register)
def register_csv(request):
    form, cases = _filtered(request)
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(HEADERS)
    for row in _rows(cases):
        writer.writerow(
            neutralise(f"{v:%d/%m/%Y}" if hasattr(v, "strftime") else ("" if v is None else v))
            for v in row
        )
    record("case.exported", request=request, detail=f"CSV {request.GET.urlencode()}"[:500])
    return file_response(
        out.getvalue().encode("utf-8-sig"), _filename(request, "csv"), "text/csv; charset=utf-8"
    )


@require(can_view_register)
def register_xlsx(request):
    form, cases = _filtered(request)
    book = Workbook()
    sheet = book.add_sheet("Case review register")
    sheet.append(HEADERS, bold=True)
    for row in _rows(cases):
        sheet.append([neutralise(v) for v in row])
    content = book.save()
    record("case.exported", request=request, detail=f"Excel {request.GET.urlencode()}"[:500])
    return file_response(
        content,
        _filename(request, "xlsx"),
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )


def _filename(request, extension):
    return f"case-review-register-{request.partnership.slug}-{timezone.localdate()}.{extension}"


@require(can_view_register)
def clock_dashboard(request):
    today = timezone.localdate()
    clocks = list(clocks_due(membership=request.membership, today=today))
    for clock in clocks:
        clock.current_state = clock.state(today)
        clock.days_left = working_days_between(today, clock.due_on)
    return render(
        request,
        "reviews/clocks.html",
        {
            "overdue": [c for c in clocks if c.due_on < today],
            "upcoming": [c for c in clocks if c.due_on >= today],
        },
    )


@require(can_view_register)
def summary(request):
    with_narrative = request.GET.get("narrative") == "1"
    count = len(summary_rows(membership=request.membership))
    record("case.downloaded", request=request, detail="Board summary PDF")
    if count > PDF_IN_REQUEST:
        job = document_request(
            partnership=request.partnership,
            kind="reviews.summary_pdf",
            title=f"Case reviews: summary for the board ({count} reviews)",
            params={"narrative": with_narrative},
            acting_user=request.user,
        )
        return redirect(job)
    pdf = summary_pdf(
        partnership=request.partnership,
        membership=request.membership,
        with_narrative=with_narrative,
    )
    return pdf_response(pdf, summary_filename(request.partnership))

"""The filtered log as CSV, Excel or PDF, with the same filter parameters as the
log page. Each is built inside the request (and its partnership's scope); a PDF
of a long log is rendered in the background instead (documents app)."""

from django.shortcuts import redirect

from documents.render import file_response, pdf_response
from documents.services import document_request

from ..exports import csv_bytes, export_filename, export_title, pdf_bytes, xlsx_bytes
from ..forms import describe_filters, read_filters
from ..selectors import action_log, rag_rule_for

# Beyond this many actions a PDF takes long enough to render in the background.
PDF_IN_REQUEST = 150


def _filtered(request, *, plain=False):
    form, filters = read_filters(request.GET, membership=request.membership)
    rule = rag_rule_for(request.partnership)
    actions = action_log(membership=request.membership, filters=filters, rule=rule, plain=plain)
    return form, filters, rule, actions


def _materialise(actions, rule):
    found = list(actions)
    for action in found:
        action._rag_rule = rule
    return found


def export_csv(request):
    form, filters, rule, actions = _filtered(request, plain=True)
    return file_response(
        csv_bytes(actions, rule=rule, partnership_id=request.partnership.pk),
        export_filename(request.partnership, filters, "csv"),
        "text/csv; charset=utf-8",
    )


def export_xlsx(request):
    form, filters, rule, actions = _filtered(request, plain=True)
    return file_response(
        xlsx_bytes(
            actions, rule=rule, partnership_id=request.partnership.pk, title=export_title(filters)
        ),
        export_filename(request.partnership, filters, "xlsx"),
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )


def export_pdf(request):
    form, filters, rule, actions = _filtered(request)
    title = export_title(filters)
    count = actions.count()
    if count > PDF_IN_REQUEST:
        job = document_request(
            partnership=request.partnership,
            kind="actions.log_pdf",
            title=f"{title} ({count:,} actions)",
            params={"query": request.GET.urlencode()},
            acting_user=request.user,
        )
        return redirect(job)
    pdf = pdf_bytes(
        _materialise(actions, rule),
        partnership=request.partnership,
        title=title,
        description=describe_filters(form),
        one_board=filters.board is not None,
    )
    return pdf_response(pdf, export_filename(request.partnership, filters, "pdf"), inline=False)

"""The action log PDF rendered in the background (for long logs), with the
filters and permissions of the member who asked for it."""

from django.http import QueryDict

from documents.registry import renderer
from partnership.models import Membership

from .exports import export_filename, export_title, pdf_bytes
from .forms import describe_filters, read_filters
from .selectors import action_log, rag_rule_for


@renderer("actions.log_pdf")
def action_log_pdf(job):
    membership = (
        Membership.objects.filter(
            partnership=job.partnership, user=job.requested_by, is_active=True
        )
        .select_related("partnership")
        .first()
    )
    if membership is None:
        raise PermissionError("The member who asked for this document no longer has access")
    form, filters = read_filters(QueryDict(job.params.get("query", "")), membership=membership)
    rule = rag_rule_for(job.partnership)
    actions = list(action_log(membership=membership, filters=filters, rule=rule))
    for action in actions:
        action._rag_rule = rule
    pdf = pdf_bytes(
        actions,
        partnership=job.partnership,
        title=export_title(filters),
        description=describe_filters(form),
        one_board=filters.board is not None,
    )
    return pdf, export_filename(job.partnership, filters, "pdf"), "application/pdf"

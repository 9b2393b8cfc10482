"""The action log: a board's, or the partnership's across every board the member
may view, with filters, search, sorting, counts per RAG and pagination."""

from django.shortcuts import render

from govuk.pagination import paginate
from partnership.loaders import load_board

from ..forms import read_filters
from ..rag import rule_text
from ..selectors import action_log, rag_counts, rag_rule_for, rows_of

PER_PAGE = 50


def log(request):
    return _log_page(request, board=None)


def board_log(request, board_uuid):
    return _log_page(request, board=load_board(request, board_uuid))


def _log_page(request, board):
    form, filters = read_filters(request.GET, membership=request.membership, board=board)
    rule = rag_rule_for(request.partnership)
    without_rag = action_log(
        membership=request.membership, filters=filters, rule=rule, with_rag_filter=False
    )
    actions = action_log(membership=request.membership, filters=filters, rule=rule)
    counts = rag_counts(without_rag)
    # Without a RAG filter the log is the counted rows: no second count.
    total = None if filters.rags else sum(counts.values())
    # The page is cut from the ids alone, then its rows are read whole.
    page = paginate(request, actions.values_list("pk", flat=True), per_page=PER_PAGE, count=total)
    page.object_list = rows_of(page.object_list, rule=rule, partnership=request.partnership)
    return render(
        request,
        "actions/log.html",
        {
            "form": form,
            "filter_form": form,
            "board": board,
            "page": page,
            "counts": counts,
            "selected": form.selected(),
            "export_query": form.querystring(),
            "rule_text": rule_text(rule.warning_days),
        },
    )

"""The action log: a board's, or the partnership's across every board the member
may view, with filters, search, sorting, counts per RAG and pagination."""

from django.core.paginator import Page, Paginator
from django.shortcuts import render

from govuk.pagination import paginate
from partnership.loaders import load_board

from ..forms import read_filters
from ..rag import rule_text
from ..selectors import action_log, page_with_counts, rag_counts, rag_rule_for, rows_of

PER_PAGE = 50


def _page_number(request):
    """The page asked for; anything but a whole number from 1 is page 1 (a
    number past the last page is found when it has no rows)."""
    number = request.GET.get("page", "")
    return int(number) if number.isdigit() and 0 < int(number) < 10**6 else 1


def log(request):
    return _log_page(request, board=None)


def board_log(request, board_uuid):
    return _log_page(request, board=load_board(request, board_uuid))


def _log_page(request, board):
    form, filters = read_filters(request.GET, membership=request.membership, board=board)
    rule = rag_rule_for(request.partnership)
    actions = action_log(membership=request.membership, filters=filters, rule=rule, plain=True)
    page = None
    if not filters.rags:
        # Without a RAG filter the counts are over the log itself: they come
        # with the page's ids, in one query.
        number = _page_number(request)
        ids, counts = page_with_counts(actions, number=number, per_page=PER_PAGE)
        if ids is not None:
            paginator = Paginator(actions, PER_PAGE)
            paginator.count = sum(counts.values())  # a cached_property: its value
            page = Page(ids, number, paginator)
    if page is None:
        # A RAG filter, or a page past the last: the counts are their own query.
        counts = rag_counts(
            action_log(
                membership=request.membership,
                filters=filters,
                rule=rule,
                with_rag_filter=False,
                plain=True,
            )
        )
        total = None if filters.rags else sum(counts.values())
        page = paginate(
            request, actions.values_list("pk", flat=True), per_page=PER_PAGE, count=total
        )
    # The page is cut from the ids alone, then its rows are read.
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

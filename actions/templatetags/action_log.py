"""The action log's rows, written in Python as Django's admin writes its change
list's (`items_for_result`): fifty rows through the template engine took 5 ms
of the log page's 8 ms render (each row a dozen lookups, four filters and an
include), at every page of every log. Every value is escaped here as the
template escaped it (`html.escape`, which Django's `escape` calls);
tests/actions/test_log_rows.py proves the rows are the ones the template wrote."""

from html import escape

from django import template
from django.utils.safestring import mark_safe
from django.utils.text import Truncator

from govuk.dates import day

register = template.Library()


@register.simple_tag
def log_table_rows(rows, *, show_board):
    """The `<tr>` of each `LogRow` (`actions.selectors.log_rows`); the board's
    label before each number on a log of every board (`show_board`)."""
    return mark_safe("".join(_row(row, show_board) for row in rows))  # noqa: S308 (escaped in _row)


def _row(row, show_board):
    board = f"{escape(row.board_label)} " if show_board else ""
    origin = (
        f'<br><span class="app-secondary app-nowrap">{escape(row.origin_label)}</span>'
        if row.origin_label
        else ""
    )
    update = (
        f'<span class="app-secondary">{escape(day(row.latest_update_on))}:</span>'
        f" {escape(_words(row.latest_update_text, 40))}"
        if row.latest_update_text
        else ""
    )
    return (
        '        <tr class="govuk-table__row">\n'
        '          <td class="govuk-table__cell"><a class="govuk-link govuk-!-font-weight-bold"'
        f' href="{escape(row.url)}"><span class="govuk-visually-hidden">Action </span>'
        f"{board}{row.number}</a>{origin}</td>\n"
        f'          <td class="govuk-table__cell">{escape(_words(row.description, 60))}</td>\n'
        f'          <td class="govuk-table__cell">{escape(row.owners_display)}</td>\n'
        f'          <td class="govuk-table__cell">{escape(day(row.due_date) or "None")}</td>\n'
        f'          <td class="govuk-table__cell">{escape(row.status_display)}<br>'
        f"{rag_tag(row.rag)}</td>\n"
        f'          <td class="govuk-table__cell">{update}</td>\n'
        "        </tr>\n"
    )


@register.simple_tag
def rag_tag(rag):
    """An action's RAG as a GOV.UK tag: its colour and the words for it."""
    return mark_safe(  # noqa: S308 (escaped here)
        f'<strong class="govuk-tag {escape(rag.tag_class)} app-rag-tag">'
        f"{escape(rag.label)}</strong>"
    )


def _words(text, count):
    """As the `truncatewords` filter cuts text."""
    return Truncator(text).words(count, truncate=" …")

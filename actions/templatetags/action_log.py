"""The action log's rows, written in Python as Django's admin writes its change
list's (`items_for_result`): fifty rows through the template engine took 5 ms
of the log page's 8 ms render (each row a dozen lookups, four filters and an
include), at every page of every log. Every value is escaped here as the
template escaped it (`html.escape`, which Django's `escape` calls);
tests/actions/test_log_rows.py proves the rows are the ones the template wrote."""

from html import escape

from django import template
from django.utils.safestring import mark_safe

from govuk.dates import day
from partnership.links import row_urls

register = template.Library()


@register.simple_tag
def log_table_rows(rows, *, show_board):
    """The `<tr>` of each `LogRow` (`actions.selectors.log_rows`); the board's
    label before each number on a log of every board (`show_board`)."""
    if not rows:
        return ""
    url_of = row_urls(
        "actions:action-detail", "action_uuid", partnership_slug=rows[0].partnership_slug
    )
    return mark_safe("".join(_row(row, show_board, url_of(row.uuid)) for row in rows))  # noqa: S308 (escaped in _row)


def _row(row, show_board, url):
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
        f' href="{escape(url)}"><span class="govuk-visually-hidden">Action </span>'
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


def _words(text, count, more=" …"):
    """As the `truncatewords` filter cuts text (`Truncator.words`: white space
    collapsed, `more` after the last word kept unless it ends so already),
    without a lazy object and its set-up for each cell."""
    words = text.split()
    if len(words) <= count:
        return " ".join(words)
    cut = " ".join(words[:count])
    return cut if cut.endswith(more) else cut + more

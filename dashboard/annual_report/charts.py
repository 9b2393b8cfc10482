"""The report's charts, drawn by pygal (Kozea, who also make WeasyPrint) as SVG,
each always shown beside the table of its data.

pygal puts a script (for tooltips in a browser) and its own <style> in every
SVG. We remove the script and every element that only serves it, so the SVG is
a still picture; a page shows it as an <img> from its own URL (whose response
allows that SVG's own styles and nothing else: see views.chart), and the PDF
embeds the same bytes through the renderer's resource fetcher."""

# pygal builds the tree and nothing here parses XML, so the stdlib is safe.
import xml.etree.ElementTree as ET  # nosec B405

import pygal
from pygal.style import Style

SVG = "{http://www.w3.org/2000/svg}"
ET.register_namespace("", "http://www.w3.org/2000/svg")
ET.register_namespace("xlink", "http://www.w3.org/1999/xlink")

# GOV.UK colours, dark enough for text contrast; series are also told apart by
# the table beside every chart, never by colour alone.
STYLE = Style(
    background="#ffffff",
    plot_background="#ffffff",
    foreground="#0b0c0c",
    foreground_strong="#0b0c0c",
    foreground_subtle="#505a5f",
    opacity="1",
    opacity_hover="1",
    colors=("#1d70b8", "#f47738", "#d4351c", "#00703c", "#4c2c92"),
    font_family="Liberation Sans, Arial, sans-serif",
    label_font_size=12,
    major_label_font_size=12,
    legend_font_size=13,
    title_font_size=15,
    value_font_size=11,
    guide_stroke_color="#b1b4b6",
    major_guide_stroke_color="#b1b4b6",
)

# What each chart shows, for its alternative text.
CHARTS = {
    "meetings": "Bar chart of meetings held per board",
    "attendance": "Bar chart of the percentage of meetings each partner agency attended, "
    "in person and by a deputy",
    "actions": "Bar chart of actions raised, completed and overdue per board",
    "funding": "Bar chart of cash pledged and contributions in kind per partner",
    "budget": "Bar chart of the budget planned and spent, line by line",
}


def _chart(kind, rows):
    height = max(240, 110 + 34 * len(rows))
    return kind(
        style=STYLE,
        width=760,
        height=height,
        explicit_size=True,
        disable_xml_declaration=True,
        js=[],
        print_values=False,
        legend_at_bottom=True,
        legend_at_bottom_columns=3,
        truncate_label=40,
        truncate_legend=-1,
        show_minor_y_labels=True,
        margin=12,
    )


def _whole_numbers(chart, values):
    """Ticks at whole numbers (meetings and actions come in ones)."""
    top = max([v for v in values if v is not None] or [0])
    step = max(1, -(-top // 8))
    chart.y_labels = list(range(0, top + step + 1, step))


def _label(text, limit=38):
    return text if len(text) <= limit else text[: limit - 1] + "…"


def has_chart(kind, evidence):
    return _build(kind, evidence) is not None


def chart_svg(kind, evidence, *, empty=False):
    """The SVG for one kind of evidence, or None when there is nothing to draw
    (with `empty`, a chart that says so)."""
    chart = _build(kind, evidence)
    if chart is None:
        if not empty:
            return None
        chart = _chart(pygal.HorizontalBar, [])
        chart.no_data_text = "Nothing recorded for the period"
    return _still(chart.render_tree())


def _build(kind, evidence):
    """The pygal chart (not yet drawn). Horizontal bars are drawn bottom up, so
    rows are given in reverse to read top down in the table's order."""
    chart = None
    if kind == "meetings":
        rows = list(reversed([r for r in evidence["meetings"] if r["held"]]))
        if rows:
            chart = _chart(pygal.HorizontalBar, rows)
            chart.x_labels = [_label(r["board"]) for r in rows]
            chart.add("Meetings held", [r["held"] for r in rows])
            _whole_numbers(chart, [r["held"] for r in rows])
    elif kind == "attendance":
        rows = list(reversed(evidence["attendance"]))
        if rows:
            chart = _chart(pygal.HorizontalStackedBar, rows)
            chart.range = (0, 100)
            chart.x_labels = [_label(r["organisation"]) for r in rows]
            chart.add("% attended in person", [r["member_rate"] for r in rows])
            chart.add("% by a deputy", [r["rate"] - r["member_rate"] for r in rows])
    elif kind == "actions":
        rows = list(reversed(evidence["actions"]))
        if rows:
            chart = _chart(pygal.HorizontalBar, rows * 2)
            chart.x_labels = [_label(r["board"]) for r in rows]
            chart.add("Raised", [r["raised"] for r in rows])
            chart.add("Completed", [r["completed"] for r in rows])
            chart.add("Overdue at the end", [r["overdue"] for r in rows])
            _whole_numbers(chart, [r[k] for r in rows for k in ("raised", "completed", "overdue")])
    elif kind == "funding" and evidence["funding"]:
        rows = list(reversed(evidence["funding"][-1]["partners"]))
        if rows:
            chart = _chart(pygal.HorizontalStackedBar, rows)
            chart.x_labels = [_label(r["name"]) for r in rows]
            chart.value_formatter = lambda v: f"£{v:,.0f}"
            chart.add("Cash pledged", [float(r["cash_pledged"]) for r in rows])
            chart.add("In kind", [float(r["in_kind"]) for r in rows])
    elif kind == "budget" and evidence["funding"]:
        rows = list(reversed(evidence["funding"][-1]["budget"]))
        if rows:
            chart = _chart(pygal.HorizontalBar, rows * 2)
            chart.x_labels = [_label(r["line"]) for r in rows]
            chart.value_formatter = lambda v: f"£{v:,.0f}"
            chart.add("Planned", [float(r["planned"]) for r in rows])
            chart.add("Actual", [None if r["actual"] is None else float(r["actual"]) for r in rows])
    return chart


def _still(tree):
    """The SVG without its script, tooltip layer or generator comments."""
    for parent in list(tree.iter()):
        for child in list(parent):
            if child.tag is ET.Comment:
                parent.remove(child)
                continue
            tag = child.tag if isinstance(child.tag, str) else ""
            if tag in (f"{SVG}script", "script") or "tooltip" in (child.get("class") or "").split():
                parent.remove(child)
    return ET.tostring(tree, encoding="unicode").encode("utf-8")

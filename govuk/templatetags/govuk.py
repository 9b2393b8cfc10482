"""Template tags for GOV.UK components. Loaded as a builtin in every template."""

from django import template
from django.utils.safestring import mark_safe

from .. import dates, rendering

register = template.Library()

# Dates and times, one way everywhere: {{ meeting.date|day }}, {{ start|clock }}.
for _name in ("day", "day_short", "weekday_day", "clock", "moment"):
    register.filter(_name, getattr(dates, _name))


@register.inclusion_tag("govuk/pagination.html", takes_context=True)
def pagination(context, page, label="results"):
    """The GOV.UK pagination component for a Django page, keeping other query
    parameters (filters, search) in its links."""
    pages = []
    if page.paginator.num_pages > 1:
        pages = list(page.paginator.get_elided_page_range(page.number, on_each_side=1, on_ends=1))
    return {
        "request": context.get("request"),
        "page": page,
        "pages": pages,
        "ellipsis": page.paginator.ELLIPSIS,
        "label": label,
    }


@register.filter
def field_errors(form):
    """(field, error) pairs for the error summary, in the order the fields appear,
    with errors that belong to no field (or a hidden one) first."""
    if form is None or not getattr(form, "errors", None):
        return []
    pairs = [(None, e) for e in form.non_field_errors()]
    for field in form.hidden_fields():
        pairs += [(None, e) for e in field.errors]
    for field in form.visible_fields():
        pairs += [(field, e) for e in field.errors]
    return pairs


@register.filter
def get(mapping, key):
    """`{{ counts|get:board.pk }}`: a dict's value for a key, or None."""
    try:
        return mapping.get(key)
    except AttributeError:
        return None


@register.simple_tag
def select_options(widget):
    """A select widget's options and groups, as Django's select_option.html and
    attrs.html write them, in Python (`govuk.rendering.select_options`): Django
    renders two templates per option, which made a select of 100 board members
    the costliest part of the minuting screen (17 ms -> 1 ms; the markup is
    compared with Django's in tests/govuk/test_forms.py)."""
    return mark_safe(rendering.select_options(widget))  # noqa: S308 - every value is escaped

"""Form fields and the plainest widgets written in Python, as their templates
write them.

Through the template engine a field costs about 0.15 ms: the GOV.UK field
template, its hint and error includes, then the widget's template and its
attrs include. The action log's ten filters took a tenth of the page. The form
renderer (`govuk.forms.GovukFormRenderer`) sends the templates named in
`WRITERS` here and every other template to the engine. Each writer reads the
context its template would be given, escapes as the engine does, and returns
what the renderer would: the markup, stripped.

The templates stay the reference. `tests/govuk/test_rendering.py` renders
every kind of field through them and through the writers, bound and unbound,
with errors, hints and text that needs escaping, and compares the two. Change
a template and that test fails until its writer agrees.
"""

from html import escape


def text(value):
    """`{{ value }}`: Django's conditional_escape, without its lazy-string wrapper."""
    return value.__html__() if hasattr(value, "__html__") else escape(str(value))


def attrs(attributes):
    """django/forms/widgets/attrs.html: ` name="value"`, or ` name` for True,
    nothing for False."""
    return "".join(
        f" {text(name)}" if value is True else f' {text(name)}="{text(value)}"'
        for name, value in attributes.items()
        if value is not False
    )


def select_options(widget):
    """A select widget's options and groups, as Django's select_option.html and
    attrs.html write them (templates/django/forms/widgets/select.html)."""
    html = []
    for group_name, options, _index in widget["optgroups"]:
        rows = "\n".join(
            f'<option value="{text(option["value"])}"{attrs(option["attrs"])}>'
            f"{text(option['label'])}</option>"
            for option in options
        )
        html.append(
            f'\n<optgroup label="{text(group_name)}">\n{rows}\n</optgroup>'
            if group_name
            else f"\n{rows}"
        )
    return "".join(html)


# Widgets ------------------------------------------------------------------------


def _input(context):
    """django/forms/widgets/input.html, which text.html, number.html and the
    other plain inputs include."""
    widget = context["widget"]
    value = widget["value"]
    shown = "" if value is None else f' value="{text(value)}"'
    return (
        f'<input type="{text(widget["type"])}" name="{text(widget["name"])}"'
        f"{shown}{attrs(widget['attrs'])}>"
    )


def _textarea(context):
    """django/forms/widgets/textarea.html (the newline after the opening tag is
    the one HTML drops, so text that starts with one keeps it)."""
    widget = context["widget"]
    value = text(widget["value"]) if widget["value"] else ""
    return f'<textarea name="{text(widget["name"])}"{attrs(widget["attrs"])}>\n{value}</textarea>'


def _select(context):
    """templates/django/forms/widgets/select.html."""
    widget = context["widget"]
    return (
        f'<select name="{text(widget["name"])}"{attrs(widget["attrs"])}>'
        f"{select_options(widget)}\n</select>"
    )


# The GOV.UK field ------------------------------------------------------------------


LEGEND = "govuk-fieldset__legend govuk-fieldset__legend--s"


def _hint(field, css="govuk-hint"):
    """govuk/forms/hint.html."""
    if not field.help_text:
        return ""
    return f'<div id="{text(field.auto_id)}_helptext" class="{css}">{text(field.help_text)}</div>'


def _error_message(field, errors):
    """govuk/forms/error_message.html."""
    if not errors:
        return ""
    lines = "<br>".join(
        f'<span class="govuk-visually-hidden">Error:</span> {text(error)}' for error in errors
    )
    return f'<p id="{text(field.auto_id)}_error" class="govuk-error-message">{lines}</p>'


def _group(errors, *parts):
    error = " govuk-form-group--error" if errors else ""
    return f'<div class="govuk-form-group{error}">\n{_lines(*parts)}\n</div>'


def _described_by(field, errors):
    """The fieldset's aria-describedby: its hint and its error message."""
    if not (field.help_text or errors):
        return ""
    hint = f"{text(field.auto_id)}_helptext" if field.help_text else ""
    error = f" {text(field.auto_id)}_error" if errors else ""
    return f' aria-describedby="{hint}{error}"'


def _choices(field, kind):
    """The radios or checkboxes of a fieldset, one per choice."""
    plural = "checkboxes" if kind == "checkbox" else "radios"
    rows = []
    for option in field.subwidgets:
        data = option.data
        checked = " checked" if data["selected"] else ""
        option_id = text(option.id_for_label)
        rows.append(
            f'<div class="govuk-{plural}__item">\n'
            f'<input class="govuk-{plural}__input" id="{option_id}" name="{text(data["name"])}"'
            f' type="{kind}" value="{text(data["value"])}"{checked}>\n'
            f'<label class="govuk-label govuk-{plural}__label" for="{option_id}">'
            f"{text(option.choice_label)}</label>\n"
            "</div>"
        )
    body = "\n".join(rows)
    return f"{_items_opening(plural)}\n{body}\n</div>"


def _items_opening(plural):
    """The small checkboxes' or radios' container."""
    return f'<div class="govuk-{plural} govuk-{plural}--small" data-module="govuk-{plural}">'


def _lines(*parts):
    return "\n".join(part for part in parts if part)


def _label(field, css):
    return f'<label class="{css}" for="{text(field.id_for_label)}">{text(field.label)}</label>'


def _field(context):
    """govuk/forms/field.html."""
    field = context["field"]
    errors = field.errors
    widget_type = field.widget_type
    if widget_type == "checkbox":
        item = _lines(
            text(field),
            _label(field, "govuk-label govuk-checkboxes__label"),
            _hint(field, css="govuk-hint govuk-checkboxes__hint"),
        )
        return _group(
            errors,
            _error_message(field, errors),
            f'{_items_opening("checkboxes")}\n<div class="govuk-checkboxes__item">\n'
            f"{item}\n</div>\n</div>",
        )
    if widget_type in ("radioselect", "checkboxselectmultiple", "govukdate"):
        if widget_type == "govukdate":
            role, inputs = ' role="group"', text(field)
        else:
            kind = "radio" if widget_type == "radioselect" else "checkbox"
            role, inputs = "", _choices(field, kind)
        inner = _lines(
            f'<legend class="{LEGEND}">{text(field.label)}</legend>',
            _hint(field),
            _error_message(field, errors),
            inputs,
        )
        return _group(
            errors,
            f'<fieldset class="govuk-fieldset"{role}{_described_by(field, errors)}>\n'
            f"{inner}\n</fieldset>",
        )
    return _group(
        errors,
        _label(field, "govuk-label govuk-label--s"),
        _hint(field),
        _error_message(field, errors),
        text(field),
    )


# Template name -> writer, for the form renderer. The plain inputs are Django's
# widget templates that are only `{% include "django/forms/widgets/input.html" %}`.
PLAIN_INPUTS = (
    *("checkbox", "color", "date", "datetime", "email", "file", "hidden"),
    *("number", "password", "search", "tel", "text", "time", "url"),
)
WRITERS = {
    "govuk/forms/field.html": _field,
    "django/forms/widgets/input.html": _input,
    **{f"django/forms/widgets/{name}.html": _input for name in PLAIN_INPUTS},
    "django/forms/widgets/textarea.html": _textarea,
    "django/forms/widgets/select.html": _select,
}

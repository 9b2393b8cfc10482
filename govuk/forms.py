"""Django forms rendered as GOV.UK Design System markup.

Every form in the project derives from `GovukForm` or `GovukModelForm` (or mixes
in `GovukFormMixin`), so fields get the GOV.UK classes, hints and error messages,
and the page shows the error summary. Browser validation is off: the server
validates and answers in the GOV.UK pattern, keeping what the user typed.
"""

import datetime
import re

from django import forms
from django.db import models
from django.forms.models import ModelFormMetaclass
from django.forms.renderers import TemplatesSetting
from django.forms.widgets import Input

from . import rendering

_CLASS_BY_WIDGET = {
    forms.Textarea: "govuk-textarea",
    forms.Select: "govuk-select",
    forms.CheckboxInput: "govuk-checkboxes__input",
    forms.FileInput: "govuk-file-upload",
    Input: "govuk-input",
}
_ERROR_CLASS = {
    "govuk-textarea": "govuk-textarea--error",
    "govuk-select": "govuk-select--error",
    "govuk-file-upload": "govuk-file-upload--error",
    "govuk-input": "govuk-input--error",
}


class GovukFormRenderer(TemplatesSetting):
    """Forms and fields in GOV.UK markup. The field template and the plainest
    widget templates are written in Python (`govuk.rendering`), the same
    markup in a tenth of the time; every other template goes to the engine."""

    form_template_name = "govuk/forms/form.html"
    field_template_name = "govuk/forms/field.html"

    def render(self, template_name, context, request=None):
        write = rendering.WRITERS.get(template_name)
        if write is None:
            return super().render(template_name, context, request=request)
        return write(context)


class GovukBoundField(forms.BoundField):
    def build_widget_attrs(self, attrs, widget=None):
        attrs = super().build_widget_attrs(attrs, widget)
        widget = widget or self.field.widget
        css = next((c for w, c in _CLASS_BY_WIDGET.items() if isinstance(widget, w)), None)
        if css and not isinstance(widget, forms.RadioSelect | forms.CheckboxSelectMultiple):
            classes = [css, *widget.attrs.get("class", "").split(), *attrs.get("class", "").split()]
            if self.errors and css in _ERROR_CLASS:
                classes.append(_ERROR_CLASS[css])
            attrs["class"] = " ".join(dict.fromkeys(classes))
        if isinstance(widget, GovukDateInput) and self.errors:
            attrs["error"] = True
        return attrs

    @property
    def error_anchor(self):
        """The id the error summary links to: the first input of the field."""
        widget = self.field.widget
        if isinstance(widget, forms.RadioSelect | forms.CheckboxSelectMultiple | forms.MultiWidget):
            return f"{self.auto_id}_0"
        return self.auto_id


class GovukFormMixin:
    bound_field_class = GovukBoundField
    use_required_attribute = False
    default_renderer = GovukFormRenderer


class GovukForm(GovukFormMixin, forms.Form):
    pass


class GovukModelFormMetaclass(ModelFormMetaclass):
    """Gives each ModelForm's Meta a default `formfield_callback` (as
    `modelform_factory` does), so model fields get GOV.UK form fields."""

    default_formfield_callback = None  # set below, once the function exists

    def __new__(mcs, name, bases, attrs):
        meta = attrs.get("Meta")
        if meta is not None and not hasattr(meta, "formfield_callback"):
            meta.formfield_callback = staticmethod(mcs.default_formfield_callback)
        return super().__new__(mcs, name, bases, attrs)


class GovukModelForm(GovukFormMixin, forms.ModelForm, metaclass=GovukModelFormMetaclass):
    pass


class GovukDateInput(forms.MultiWidget):
    """The GOV.UK date input: day, month and year boxes in a fieldset."""

    template_name = "govuk/forms/widgets/date.html"
    use_fieldset = True

    def __init__(self, attrs=None):
        numeric = {"inputmode": "numeric", "autocomplete": "off"}
        super().__init__(
            {
                "day": forms.TextInput({**numeric, "class": "govuk-input--width-2"}),
                "month": forms.TextInput({**numeric, "class": "govuk-input--width-2"}),
                "year": forms.TextInput({**numeric, "class": "govuk-input--width-4"}),
            },
            attrs,
        )

    def decompress(self, value):
        if isinstance(value, datetime.date):
            return [value.day, value.month, value.year]
        if isinstance(value, list | tuple):
            return list(value)  # what the user typed, shown back to them
        return [None, None, None]


class GovukDateField(forms.Field):
    """A date typed as day, month and year, with the GOV.UK error messages.

    Errors name what is wrong ("must include a month", "must be a real date")
    and the boxes keep what was typed.
    """

    widget = GovukDateInput

    def __init__(self, *, min_year=1900, max_year=2100, **kwargs):
        self.min_year, self.max_year = min_year, max_year
        super().__init__(**kwargs)

    def _name(self):
        return (self.label or "the date").strip()

    def to_python(self, value):
        if isinstance(value, datetime.date) or value in (None, ""):
            return value or None
        parts = [str(p or "").strip() for p in value]
        if not any(parts):
            return None
        name = self._name()
        missing = [n for n, p in zip(("day", "month", "year"), parts, strict=True) if not p]
        if missing:
            raise forms.ValidationError(
                f"{name[:1].upper()}{name[1:]} must include a {' and '.join(missing)}",
                code="incomplete",
            )
        if not all(re.fullmatch(r"\d+", p) for p in parts):
            raise forms.ValidationError(
                f"{name[:1].upper()}{name[1:]} must be a real date, written in numbers",
                code="invalid",
            )
        if len(parts[2]) != 4:  # 20261 as much as 26
            raise forms.ValidationError("Year must include 4 numbers", code="year")
        if len(parts[0]) > 2 or len(parts[1]) > 2:
            raise forms.ValidationError(
                f"{name[:1].upper()}{name[1:]} must be a real date", code="invalid"
            )
        day, month, year = (int(p) for p in parts)
        if not self.min_year <= year <= self.max_year:
            raise forms.ValidationError(
                f"Year must be between {self.min_year} and {self.max_year}", code="year"
            )
        try:
            return datetime.date(year, month, day)
        except ValueError:
            raise forms.ValidationError(
                f"{name[:1].upper()}{name[1:]} must be a real date", code="invalid"
            ) from None

    def validate(self, value):
        if value is None and self.required:
            raise forms.ValidationError(f"Enter {self._name().lower()}", code="required")

    def has_changed(self, initial, data):
        try:
            return self.to_python(data) != initial
        except forms.ValidationError:
            return True


_TIME_PATTERN = re.compile(r"^(\d{1,2})(?:[:.](\d{2}))?\s*(am|pm)?$")


class GovukTimeField(forms.Field):
    """A time typed the way people write it: 1pm, 1:30pm, 1.30pm or 13:30."""

    widget = forms.TextInput(attrs={"class": "govuk-input--width-5", "autocomplete": "off"})

    def __init__(self, *, name="time", **kwargs):
        kwargs.setdefault("help_text", "For example, 1:30pm or 13:30")
        super().__init__(**kwargs)
        self.name = name
        self.error_messages["required"] = f"Enter the {name}"

    def prepare_value(self, value):
        if isinstance(value, datetime.time):
            return value.strftime("%-I:%M%p").lower()
        return value

    def to_python(self, value):
        value = (value or "").strip().lower().replace(" ", "")
        if not value:
            return None
        if value in {"midday", "noon", "12noon"}:
            return datetime.time(12, 0)
        match = _TIME_PATTERN.match(value)
        message = f"Enter the {self.name} as a time, like 1:30pm or 13:30"
        if not match:
            raise forms.ValidationError(message, code="invalid")
        hour, minute, half = int(match[1]), int(match[2] or 0), match[3]
        if half:
            if not 1 <= hour <= 12:
                raise forms.ValidationError(message, code="invalid")
            hour = hour % 12 + (12 if half == "pm" else 0)
        if hour > 23 or minute > 59:
            raise forms.ValidationError(message, code="invalid")
        return datetime.time(hour, minute)


def govuk_formfield(field, **kwargs):
    """The form field for a model field: DateFields get the GOV.UK date input."""
    if isinstance(field, models.DateField) and not isinstance(field, models.DateTimeField):
        label = kwargs.get("label") or field.verbose_name[:1].upper() + field.verbose_name[1:]
        return GovukDateField(
            required=not field.blank,
            label=label,
            help_text=kwargs.get("help_text") or field.help_text or "For example, 27 3 2026",
        )
    return field.formfield(**kwargs)


GovukModelFormMetaclass.default_formfield_callback = govuk_formfield

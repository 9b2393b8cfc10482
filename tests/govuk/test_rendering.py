"""The form renderer writes the GOV.UK field and the plainest widgets in Python
(govuk.rendering): the markup must be what their templates write, for every
kind of field, bound or not, with hints, errors and text that needs escaping."""

import re
from unittest import mock

import pytest
from django import forms
from django.forms.renderers import TemplatesSetting
from django.utils.safestring import mark_safe

from govuk import rendering
from govuk.forms import GovukDateField, GovukForm, GovukFormRenderer

AWKWARD = 'Tom "T" <Smith> & O\'Brien'


class ThroughTemplates(GovukFormRenderer):
    """The same renderer with every template rendered by the engine: the reference."""

    def render(self, template_name, context, request=None):
        return TemplatesSetting.render(self, template_name, context, request=request)


class EveryField(GovukForm):
    q = forms.CharField(label=AWKWARD, help_text=f"Hint {AWKWARD}", max_length=5, required=False)
    safe_hint = forms.CharField(help_text=mark_safe("<strong>bold</strong> hint"), required=False)
    plain = forms.CharField()
    number = forms.IntegerField(
        min_value=0,
        required=False,
        widget=forms.NumberInput(attrs={"class": "govuk-input--width-3", "data-x": AWKWARD}),
    )
    email = forms.EmailField(
        required=False, widget=forms.EmailInput(attrs={"autocomplete": "email"})
    )
    secret = forms.CharField(required=False, widget=forms.PasswordInput)
    when = forms.TimeField(required=False, widget=forms.TimeInput(attrs={"type": "time"}))
    upload = forms.FileField(required=False)
    text = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 3}))
    agree = forms.BooleanField(required=True, help_text="Tick if you agree")
    mine = forms.BooleanField(required=False)
    choose = forms.ChoiceField(choices=[("", "Choose"), ("a&b", AWKWARD), ("c", "Carol")])
    grouped = forms.MultipleChoiceField(
        choices=[("Police", [("p1", "Police 1"), ("p2", "Police 2")]), ("x", "Other")],
        required=False,
    )
    ticks = forms.MultipleChoiceField(
        choices=[("a", AWKWARD), ("b", "B"), (3, "Three")],
        widget=forms.CheckboxSelectMultiple,
        help_text="Tick all that apply",
        required=False,
    )
    one_of = forms.ChoiceField(
        choices=[("y", "Yes"), ("n", "No")], widget=forms.RadioSelect, help_text="Pick one"
    )
    plain_radios = forms.ChoiceField(choices=[("y", "Yes"), ("n", "No")], widget=forms.RadioSelect)
    date = GovukDateField(label="Meeting date", help_text="For example, 27 3 2026")
    hidden = forms.CharField(widget=forms.HiddenInput, required=False)

    def clean_plain(self):
        value = self.cleaned_data["plain"]
        if value == "two":
            raise forms.ValidationError(["First problem", mark_safe("Second <em>problem</em>")])
        return value


UNBOUND = None
VALID = {
    "q": "abc",
    "plain": "x",
    "number": "3",
    "email": "a@example.org",
    "when": "13:00",
    "text": "\nStarts with a newline & has <b>",
    "agree": "on",
    "mine": "on",
    "choose": "a&b",
    "grouped": ["p2", "x"],
    "ticks": ["a", "3"],
    "one_of": "n",
    "plain_radios": "y",
    "date_day": "3",
    "date_month": "12",
    "date_year": "2026",
    "hidden": AWKWARD,
}
INVALID = {
    "q": f"too long {AWKWARD}",
    "plain": "two",
    "number": "-1",
    "email": "not an email",
    "when": "25:99",
    "text": "",
    "choose": "nope",
    "grouped": ["zz"],
    "ticks": ["zz"],
    "one_of": "maybe",
    "date_day": "31",
    "date_month": "2",
    "date_year": "2026",
}


def _squash(html):
    """Whitespace between tags carries nothing in these fields (the GOV.UK
    checkbox and radio items are flex boxes); everything else must match."""
    return re.sub(r">\s+<", "><", html.strip())


@pytest.mark.parametrize("data", [UNBOUND, VALID, INVALID], ids=["unbound", "valid", "invalid"])
@pytest.mark.parametrize("name", list(EveryField.base_fields))
def test_fields_are_written_as_their_templates_write_them(data, name):
    ours = EveryField(data)
    reference = EveryField(data, renderer=ThroughTemplates())
    assert _squash(ours[name].as_field_group()) == _squash(reference[name].as_field_group())
    assert str(ours[name]) == str(reference[name])  # the widget alone, whitespace and all


def test_the_writers_escape_what_users_typed():
    form = EveryField(INVALID)
    html = form["q"].as_field_group()
    assert "Tom &quot;T&quot; &lt;Smith&gt; &amp; O&#x27;Brien" in html
    assert "<Smith>" not in html
    assert "<strong>bold</strong> hint" in form["safe_hint"].as_field_group()  # marked safe
    assert "Second <em>problem</em>" in form["plain"].as_field_group()


def test_the_written_templates_are_not_rendered_by_the_engine():
    """The writers are used: rendering the field and its widget loads no template."""
    with mock.patch.object(TemplatesSetting, "render", side_effect=AssertionError) as engine:
        for name in ("q", "number", "agree", "choose", "ticks", "one_of", "text"):
            EveryField(INVALID)[name].as_field_group()
    assert not engine.called


def test_each_plain_input_template_is_only_the_input():
    """The writer for text.html and its kind is input.html's: true while each is
    only the include (a project template overriding one would not be)."""
    renderer = GovukFormRenderer()
    for name in rendering.PLAIN_INPUTS:
        source = renderer.get_template(f"django/forms/widgets/{name}.html").template.source
        assert source.strip() == '{% include "django/forms/widgets/input.html" %}', name

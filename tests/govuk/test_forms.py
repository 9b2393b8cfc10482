import datetime
import re
from pathlib import Path

import pytest
from django import forms, template

from govuk.forms import GovukDateField, GovukForm


class MeetingForm(GovukForm):
    title = forms.CharField(help_text="As on the agenda")
    date = GovukDateField(label="Meeting date")
    purpose = forms.ChoiceField(
        choices=[("decision", "Decision"), ("information", "Information")], widget=forms.RadioSelect
    )


def _date(day, month, year):
    return {
        "title": "x",
        "purpose": "decision",
        "date_day": day,
        "date_month": month,
        "date_year": year,
    }


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        (("", "", ""), "Enter meeting date"),
        (("18", "", "2019"), "Meeting date must include a month"),
        (("", "", "2019"), "Meeting date must include a day and month"),
        (("18", "December", "2019"), "Meeting date must be a real date, written in numbers"),
        (("31", "2", "2019"), "Meeting date must be a real date"),
        (("18", "12", "19"), "Year must include 4 numbers"),
        (("18", "12", "20261"), "Year must include 4 numbers"),
        (("18", "12", "9" * 40), "Year must include 4 numbers"),
        (("180", "12", "2026"), "Meeting date must be a real date"),
        (("1" * 5000, "12", "2026"), "Meeting date must be a real date"),
        (("18", "12", "1066"), "Year must be between 1900 and 2100"),
    ],
)
def test_date_errors_say_what_is_wrong(typed, message):
    form = MeetingForm(_date(*typed))
    assert not form.is_valid()
    assert form.errors["date"] == [message]


def test_a_real_date_is_read_with_spaces_and_leading_zeros():
    form = MeetingForm(_date(" 08", "03 ", "2026"))
    assert form.is_valid(), form.errors
    assert form.cleaned_data["date"] == datetime.date(2026, 3, 8)


def test_a_bad_date_is_shown_back_as_typed_with_error_styling():
    form = MeetingForm(_date("18", "Dec", "2019"))
    form.is_valid()
    html = str(form)
    assert 'value="Dec"' in html
    assert "govuk-input--error" in html
    assert 'id="id_date_error"' in html
    assert 'aria-describedby="' in html and "id_date_error" in html


def test_fields_render_as_govuk_markup():
    html = str(MeetingForm())
    assert 'class="govuk-input" id="id_title"' in html
    assert 'id="id_title_helptext" class="govuk-hint"' in html
    assert 'class="govuk-radios__input" id="id_purpose_0"' in html
    assert "required" not in html  # the server validates, in GOV.UK style


def test_error_summary_lists_errors_in_field_order_linking_each_field():
    from django.template import Context, Template

    form = MeetingForm({"purpose": ""})
    form.is_valid()
    html = Template('{% include "govuk/error_summary.html" %}').render(Context({"form": form}))
    assert (
        html.index('href="#id_title"')
        < html.index('href="#id_date_0"')
        < html.index('href="#id_purpose_0"')
    )


def test_dates_and_times_are_written_one_way():
    import datetime

    from govuk import dates

    assert dates.day(datetime.date(2022, 2, 3)) == "3 February 2022"
    assert dates.weekday_day(datetime.date(2022, 2, 23)) == "Wednesday 23 February 2022"
    assert dates.clock(datetime.time(13, 0)) == "1:00pm"
    assert dates.clock(datetime.time(9, 30)) == "9:30am"
    assert dates.clock(datetime.time(12, 0)) == "12 midday"
    assert dates.day(None) == "" and dates.clock(None) == ""
    # A moment in UTC is shown in UK time (British Summer Time here).
    summer = datetime.datetime(2026, 7, 1, 12, 30, tzinfo=datetime.UTC)
    assert dates.moment(summer) == "1 July 2026, 1:30pm"


def test_every_template_writes_times_through_the_one_filter():
    """Pages, PDFs and emails say "1:00pm" (and "12 midday") through govuk.dates'
    `clock`/`moment` filters, never a format of their own. The audit log keeps
    seconds, as a log must."""
    import re
    from pathlib import Path

    root = Path(__file__).resolve().parents[2] / "templates"
    allowed = {"dashboard/audit_log.html"}
    found = []
    for path in root.rglob("*"):
        if path.suffix not in {".html", ".txt"} or str(path.relative_to(root)) in allowed:
            continue
        for match in re.finditer(r'\|time:|\|date:"[^"]*[aAgGhHisP][^"]*"', path.read_text()):
            found.append(f"{path.relative_to(root)}: {match.group(0)}")
    assert not found, found


class PickForm(GovukForm):
    one = forms.ChoiceField(
        choices=[("", "Choose"), ("a&b", 'Tom "T" <Smith>'), ("c", "Carol")], required=False
    )
    many = forms.MultipleChoiceField(
        choices=[("Police", [("p1", "Police 1"), ("p2", "Police 2")]), ("x", "Other")],
        required=False,
    )


def _django_select(bound_field):
    """The field's select as Django's own templates write it (one template per
    option): what templates/django/forms/widgets/select.html replaces."""
    from django.template import engines

    widget = bound_field.field.widget
    attrs = {**bound_field.build_widget_attrs({}), "id": bound_field.auto_id}
    context = widget.get_context(bound_field.html_name, bound_field.value(), attrs)
    engine = engines["django"].engine
    source = (
        Path(forms.__file__).parent / "templates/django/forms/widgets/select.html"
    ).read_text()
    return engine.from_string(source).render(template.Context(context))


@pytest.mark.parametrize(
    ("data", "name"),
    [({}, "one"), ({"one": "a&b"}, "one"), ({}, "many"), ({"many": ["p2", "x"]}, "many")],
)
def test_selects_are_written_as_django_writes_them(data, name):
    """Options are written in Python (govuk.templatetags.govuk.select_options),
    not a template each; the markup is Django's, escaping and selection included."""
    from django.template.loader import get_template

    assert "select_options" in get_template("django/forms/widgets/select.html").template.source
    field = PickForm(data or None)[name]
    ours = str(field)
    assert _squash(ours) == _squash(_django_select(field))
    assert "&lt;Smith&gt;" in ours or name == "many"


def _squash(html):
    return re.sub(r">\s+<", "><", html.strip())

"""Every form is drawn with the Helsinki Design System's markup by the project's renderer."""

import datetime
import re

from django import forms
from django.utils import translation


class ReportForm(forms.Form):
    title = forms.CharField(label="Title", help_text="A short name.")
    due_on = forms.DateField(label="Due on")
    public = forms.BooleanField(label="Public", required=False)
    kind = forms.ChoiceField(
        label="Kind", choices=[("a", "Annual"), ("b", "Final")], widget=forms.RadioSelect
    )
    region = forms.ChoiceField(label="Region", choices=[("k", "Kuopio"), ("t", "Turku")])
    notes = forms.CharField(label="Notes", widget=forms.Textarea, required=False)


def _input(html: str, name: str) -> str:
    return re.search(rf'<(?:input|select|textarea)[^>]*name="{name}"[^>]*>', html).group(0)


def test_a_field_with_an_error_shows_the_error_text_and_points_the_input_at_it():
    html = str(ReportForm(data={"due_on": "2027-12-31", "kind": "a", "region": "k"}))
    title = _input(html, "title")
    assert 'aria-invalid="true"' in title
    assert "id_title_error" in re.search(r'aria-describedby="([^"]*)"', title).group(1)
    assert re.search(r'class="hds-text-input__error-text" id="id_title_error">[^<]+<', html)
    assert re.search(r'<div class="hds-text-input[^"]*hds-text-input--invalid"', html)
    assert 'class="hds-text-input__input' in title


def test_a_form_with_errors_starts_with_a_summary_linking_to_each_field():
    html = str(ReportForm(data={"title": "x", "due_on": "not a date"}))
    summary = re.search(r'<section class="hds-error-summary".*?</section>', html, re.S).group(0)
    assert html.index("hds-error-summary") < html.index('name="title"')
    assert 'href="#id_due_on"' in summary
    assert 'href="#id_kind_0"' in summary
    assert 'href="#id_title"' not in summary


def test_a_valid_form_has_no_summary_and_no_invalid_inputs():
    form = ReportForm(data={"title": "x", "due_on": "2027-12-31", "kind": "a", "region": "k"})
    assert form.is_valid()
    html = str(form)
    assert "hds-error-summary" not in html
    assert "aria-invalid" not in html


def test_help_text_is_linked_to_its_input():
    html = str(ReportForm())
    assert 'aria-describedby="id_title_helptext"' in _input(html, "title")
    assert 'class="hds-text-input__helper-text" id="id_title_helptext"' in html
    assert 'class="hds-text-input__label"' in html


def test_a_date_field_is_a_date_input_showing_an_iso_date_in_every_language():
    with translation.override("fi"):
        html = str(ReportForm(initial={"due_on": datetime.date(2027, 12, 31)}))
    due_on = _input(html, "due_on")
    assert 'type="date"' in due_on
    assert 'value="2027-12-31"' in due_on


def test_a_date_input_posts_back_an_iso_date_that_the_finnish_form_accepts():
    with translation.override("fi"):
        form = ReportForm(data={"title": "x", "due_on": "2027-12-31", "kind": "a", "region": "k"})
        assert form.is_valid(), form.errors
        assert form.cleaned_data["due_on"] == datetime.date(2027, 12, 31)
        assert 'value="2027-12-31"' in _input(str(form), "due_on")


def test_checkboxes_radios_and_selects_get_hds_markup():
    html = str(ReportForm())
    assert re.search(
        r'<div class="hds-checkbox">\s*<input type="checkbox" name="public" '
        r'class="hds-checkbox__input"',
        html,
    )
    assert 'class="hds-checkbox__label">Public</label>' in html
    assert '<fieldset class="hds-selection-group' in html
    assert '<legend class="hds-selection-group__legend">Kind' in html
    assert html.count('class="hds-radio-button"') == 2
    assert 'class="hds-radio-button__label">Annual</label>' in html
    assert 'class="hds-text-input__input"' in _input(html, "region")
    assert 'class="hds-text-input__input"' in _input(html, "notes")

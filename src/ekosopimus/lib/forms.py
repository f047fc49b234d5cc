"""Forms across the project: showing a service's ValidationError on the form that collected the
input, and rendering every form with the Helsinki Design System's markup."""

import datetime

from django import forms
from django.core.exceptions import ValidationError
from django.forms.renderers import TemplatesSetting
from django.utils.formats import get_format
from django.utils.html import format_html, format_html_join


def add_service_errors(form: forms.Form, error: ValidationError) -> None:
    """Attach ``error`` to the fields it names, or to the whole form."""
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            target = field if field in form.fields else None
            form.add_error(target, errors)
    else:
        form.add_error(None, error)


def version_field() -> forms.IntegerField:
    """The hidden field in which an edit form posts back the version it was opened on."""
    return forms.IntegerField(widget=forms.HiddenInput, min_value=1)


# How each kind of input is drawn by the Helsinki Design System. A checkbox or radio button that
# a page renders without HDS's wrapper falls back to the browser's own look (site.css).
_INPUT_CLASS = {
    "hidden": "",
    "file": "",
    "checkbox": "hds-checkbox__input",
    "radio": "hds-radio-button__input",
}


class ProjectFormRenderer(TemplatesSetting):
    """Renders forms with the project's templates (templates/django/forms/), which give every
    field the Helsinki Design System's markup: label, input, helper and error text."""

    form_template_name = "django/forms/div.html"
    field_template_name = "django/forms/field.html"


def widget_attrs(widget: dict) -> str:
    """The HTML attributes of a rendered widget, with the HDS class its input kind takes."""
    attrs = dict(widget["attrs"])
    kind = widget.get("type")
    own = _INPUT_CLASS.get(kind, "hds-text-input__input")
    classes = " ".join(part for part in (own, attrs.pop("class", "")) if part)
    if classes:
        attrs = {"class": classes, **attrs}
    return format_html_join(
        "",
        " {}{}",
        (
            (name, "" if value is True else format_html('="{}"', value))
            for name, value in attrs.items()
            if value is not False and value is not None
        ),
    )


def iso_date(value) -> str:
    """A date as the ISO text a date input shows, whether it comes as a date, as text in the
    language's own format (an unbound form's initial value) or as the ISO text a browser sent."""
    if isinstance(value, datetime.date):
        return value.isoformat()
    text = str(value).strip()
    for pattern in get_format("DATE_INPUT_FORMATS"):
        try:
            return datetime.datetime.strptime(text, pattern).date().isoformat()
        except ValueError:
            continue
    return text

"""Forms across the project: fields that read numbers and dates as the user's language writes
them, showing a service's ValidationError on the form that collected the input, and rendering
every form with the Helsinki Design System's markup."""

import datetime

from django import forms
from django.core.exceptions import ValidationError
from django.forms.renderers import TemplatesSetting
from django.utils.formats import get_format
from django.utils.html import format_html, format_html_join
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext_lazy as _


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


class DateInput(forms.DateInput):
    """The browser's own date picker. Its value is always ISO (2025-12-31), whatever the page's
    language; the field behind it still reads a date typed as the language writes it."""

    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m-%d")


class DateField(forms.DateField):
    """A date with the browser's date picker. Typed text is read in the language's formats
    (31.12.2025 in Finnish) as well as ISO, for browsers and clients without the picker."""

    widget = DateInput


class NumberField(forms.DecimalField):
    """A number written as the user's language writes it.

    In Finnish and Swedish "300 000,5" (a space or a no-break space between thousands, a comma
    for decimals) and in English "300,000.5"; shown back the same way. The input is plain text
    with a decimal keypad on phones: a browser's number input would refuse the comma.
    """

    def __init__(self, **kwargs):
        kwargs.setdefault("decimal_places", 2)
        kwargs.setdefault("min_value", 0)
        kwargs["localize"] = True
        super().__init__(**kwargs)

    def widget_attrs(self, widget):
        attrs = super().widget_attrs(widget)
        # A decimal keypad without the number input's refusal of a comma.
        attrs["inputmode"] = "decimal"
        attrs.pop("step", None)
        attrs.pop("min", None)
        attrs.pop("max", None)
        return attrs


class EuroField(NumberField):
    """An amount of euros, to the cent, not negative."""

    def __init__(self, **kwargs):
        kwargs.setdefault("max_digits", 14)
        super().__init__(**kwargs)


def check_order(
    form: forms.Form,
    first: str,
    then: str,
    message,
    *,
    strict: bool = False,
) -> None:
    """Add ``message`` to the field ``then`` when its value comes before ``first``'s.

    Mirrors a model's check constraint (``then >= first``, or ``>`` when ``strict``) so that
    the form says it in the user's language instead of the database refusing the save.
    """
    data = getattr(form, "cleaned_data", {})
    start, end = data.get(first), data.get(then)
    if start is None or end is None:
        return
    if end < start or (strict and end == start):
        form.add_error(then, message)


ENDS_BEFORE_START = _("The end date cannot be before the start date.")


# The query parameter that carries the page to come back to after a detour ("paluu": return).
RETURN_PARAMETER = "paluu"


def return_to(request) -> str | None:
    """The page of this site to come back to after a detour (e.g. creating a missing meeting
    in the middle of a proposal), or None when the request names none or a foreign one."""
    target = request.GET.get(RETURN_PARAMETER, "")
    if target.startswith("/") and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return None

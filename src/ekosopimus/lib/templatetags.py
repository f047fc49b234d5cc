"""Template filters available in every template (registered as builtins in settings)."""

from django import template
from django.utils.formats import date_format, number_format

from . import formatting, forms, text

register = template.Library()


@register.filter
def eur(value, decimals=0):
    """Euros in Finnish format: ``1 500 000 €``."""
    return formatting.format_eur(value, int(decimals))


@register.filter
def meur(value, decimals=2):
    """Millions of euros in Finnish format: ``25,05 M€``."""
    return formatting.format_meur(value, int(decimals))


@register.filter
def percent(value, decimals=0):
    """A percentage in Finnish format: ``40 %``; ``percent:"auto"`` shows one decimal only
    when there is one (``6 %``, ``6,5 %``)."""
    if decimals == "auto":
        decimals = 1 if value is not None and value % 1 else 0
    return formatting.format_percent(value, int(decimals))


@register.filter
def paragraphs(value):
    """A stored long text as a list of paragraphs, for ``{% for p in text|paragraphs %}``."""
    return text.paragraphs(value)


@register.filter
def figure(value):
    """A rule's figure (anything with ``value`` and ``unit``) in the active locale's format."""
    unit, amount = getattr(value, "unit", "text"), getattr(value, "value", value)
    if amount is None:
        return "–"
    if isinstance(amount, str):
        return amount
    if unit == "eur":
        return formatting.format_eur(amount)
    if unit == "percent":
        return formatting.format_percent(amount, 1 if amount % 1 else 0)
    if unit == "date":
        return date_format(amount, "SHORT_DATE_FORMAT")
    if unit == "count":
        return number_format(amount, force_grouping=True)
    return str(amount)


@register.filter
def hds_attrs(widget):
    """A form widget's attributes with its Helsinki Design System class (widget templates)."""
    return forms.widget_attrs(widget)


@register.filter
def iso_date(value):
    """A date as ISO text, as a date input expects it."""
    return forms.iso_date(value)

"""Template filters available in every template (registered as builtins in settings)."""

from django import template

from . import formatting, text

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
    """A percentage in Finnish format: ``40 %``."""
    return formatting.format_percent(value, int(decimals))


@register.filter
def paragraphs(value):
    """A stored long text as a list of paragraphs, for ``{% for p in text|paragraphs %}``."""
    return text.paragraphs(value)

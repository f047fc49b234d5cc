"""Role checks for templates: ``{% if access|edits_portfolio:agreement.pk %}``.

``access`` is in every template's context (see ``accounts.context_processors``)."""

from django import template

register = template.Library()


@register.filter
def reads_agreement(access, agreement_id) -> bool:
    return access.reads_agreement(agreement_id)


@register.filter
def edits_portfolio(access, agreement_id) -> bool:
    return access.edits_portfolio(agreement_id)

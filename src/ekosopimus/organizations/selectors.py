"""Reads of the organisation register."""

import re

from django.core.exceptions import ValidationError
from django.core.paginator import Page, Paginator
from django.db.models import Count, Q, QuerySet
from django.http import Http404
from django.utils.translation import gettext as _

from ekosopimus.accounts.access import access_for
from ekosopimus.lib.names import name_key
from ekosopimus.lib.organization_kind import FUNDING_AUTHORITY_KINDS
from ekosopimus.lib.pickers import label_for, parse_label
from ekosopimus.portfolio.models import Project

from .models import Organization

BUSINESS_ID = re.compile(r"\d{7}-\d")


def organization_page(*, user, search: str = "", number, per_page: int = 50) -> Page:
    """One page of organisations in name order, each with the number of projects it leads and
    takes part in that ``user`` sees. The page is cut first and only its organisations' projects
    are counted: counting for the whole register took most of a second at 20,000 projects."""
    organizations = Organization.objects.all()
    if search:
        organizations = organizations.filter(
            Q(name__icontains=search) | Q(business_id__icontains=search)
        )
    page = Paginator(organizations.order_by("name", "pk"), per_page).get_page(number)
    access = access_for(user)
    led = Q(led_projects__isnull=False) & access.project_scope("led_projects__")
    co = Q(co_implemented_projects__isnull=False) & access.project_scope(
        "co_implemented_projects__"
    )
    counts = {
        row["pk"]: row
        for row in Organization.objects.filter(pk__in=[o.pk for o in page.object_list])
        .values("pk")
        .annotate(
            led_count=Count("led_projects", filter=led, distinct=True),
            co_count=Count("co_implemented_projects", filter=co, distinct=True),
        )
        .order_by()
    }
    page.object_list = list(page.object_list)
    for organization in page.object_list:
        organization.led_count = counts[organization.pk]["led_count"]
        organization.co_count = counts[organization.pk]["co_count"]
    return page


def organization_get_for_user(*, pk: int, user) -> Organization:
    """The organisation behind a URL; 404 if there is none."""
    organization = Organization.objects.prefetch_related("names").filter(pk=pk).first()
    if organization is None:
        raise Http404(_("No such organisation."))
    return organization


def organization_projects(*, organization: Organization, user) -> QuerySet[Project]:
    """The projects the organisation leads or co-implements, as far as ``user`` may see them."""
    return (
        Project.objects.filter(Q(lead_implementer=organization) | Q(co_implementers=organization))
        .filter(access_for(user).project_scope())
        .select_related("agreement", "lead_implementer")
        .distinct()
        .order_by("agreement__city_region", "name")
    )


def organization_suggestions(*, text: str, limit: int = 10) -> list[Organization]:
    """Organisations whose name or business ID contains ``text``, names that begin with it
    first: what a picker offers as the user types."""
    text = text.strip()
    if len(text) < 2:
        return []
    found = Organization.objects.filter(
        Q(name__icontains=text) | Q(business_id__startswith=text)
    ).only("pk", "name", "business_id", "kind")
    starting = list(found.filter(name__istartswith=text).order_by("name", "pk")[:limit])
    rest = found.exclude(pk__in=[o.pk for o in starting]).order_by("name", "pk")
    return starting + list(rest[: limit - len(starting)])


def organization_for_label(text: str) -> Organization:
    """The organisation a picker's text names: by the business ID or id its label ends in, or
    by its name (any spelling seen in data, letter case and spaces aside). ``ValidationError``
    says when none, or several, are called so."""
    name, pk, business_id = parse_label(text)
    if pk is not None or business_id:
        found = (
            Organization.objects.filter(pk=pk)
            if pk
            else Organization.objects.filter(business_id=business_id)
        )
        organization = found.first()
        if organization is None:
            raise ValidationError(_("No organisation “%(text)s” is registered.") % {"text": text})
        return organization
    if BUSINESS_ID.fullmatch(name):
        organization = Organization.objects.filter(business_id=name).first()
        if organization is not None:
            return organization
    key = name_key(name)
    matches = list(
        Organization.objects.filter(Q(names__key=key) | Q(name__iexact=name))
        .distinct()
        .order_by("pk")[:3]
    )
    if len(matches) == 1:
        return matches[0]
    if not matches:
        raise ValidationError(
            _(
                "No organisation is called “%(text)s”. Type a part of the name or the business "
                "ID and choose from the suggestions."
            )
            % {"text": name}
        )
    raise ValidationError(
        _("Several organisations are called “%(text)s”: add the business ID, e.g. %(example)s.")
        % {"text": name, "example": organization_label(matches[0])}
    )


def organization_label(organization: Organization) -> str:
    """How a picker writes the organisation."""
    return label_for(organization.name, business_id=organization.business_id, pk=organization.pk)


def funding_authorities(*, keep: Organization | int | None = None) -> QuerySet[Organization]:
    """The organisations a project may name as its funding authority: those of an authority's
    kind and those already named so (an import may have named another), never sample data.
    ``keep`` stays a choice whatever it is, so that editing a project does not lose it."""
    named = Q(kind__in=FUNDING_AUTHORITY_KINDS) | Q(funded_projects__isnull=False)
    found = Q(is_sample=False) & named
    if keep is not None:
        found |= Q(pk=getattr(keep, "pk", keep))
    return Organization.objects.filter(found).distinct().order_by("name")

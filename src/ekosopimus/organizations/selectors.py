"""Reads of the organisation register."""

from django.db.models import Count, Q, QuerySet
from django.http import Http404
from django.utils.translation import gettext as _

from ekosopimus.accounts.access import access_for
from ekosopimus.portfolio.models import Project

from .models import Organization


def organization_list(*, user, search: str = "") -> QuerySet[Organization]:
    """Organisations with the number of projects they lead and take part in that ``user`` sees."""
    organizations = Organization.objects.all()
    if search:
        organizations = organizations.filter(
            Q(name__icontains=search) | Q(business_id__icontains=search)
        )
    access = access_for(user)
    led = Q(led_projects__isnull=False) & access.project_scope("led_projects__")
    co = Q(co_implemented_projects__isnull=False) & access.project_scope(
        "co_implemented_projects__"
    )
    return organizations.annotate(
        led_count=Count("led_projects", filter=led, distinct=True),
        co_count=Count("co_implemented_projects", filter=co, distinct=True),
    ).order_by("name")


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

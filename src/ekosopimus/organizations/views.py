"""The organisation register's pages."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import JsonResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from ekosopimus.accounts.access import access_for, ensure
from ekosopimus.lib.forms import add_service_errors, return_to

from . import selectors, services
from .forms import OrganizationCreateForm


def organization_list(request):
    search = request.GET.get("haku", "").strip()
    page = selectors.organization_page(
        user=request.user, search=search, number=request.GET.get("sivu")
    )
    # Pages near the current one and at both ends; the rest are elided, so a long register
    # still fits a narrow screen.
    page_range = page.paginator.get_elided_page_range(page.number, on_each_side=1, on_ends=1)
    return render(
        request,
        "organizations/organization_list.html",
        {"page": page, "search": search, "page_range": list(page_range)},
    )


def organization_detail(request, pk: int):
    organization = selectors.organization_get_for_user(pk=pk, user=request.user)
    return render(
        request,
        "organizations/organization_detail.html",
        {
            "organization": organization,
            "projects": selectors.organization_projects(
                organization=organization, user=request.user
            ),
        },
    )


def organization_suggest(request):
    """Organisations for a picker, as JSON: the register is public, as the list page is."""
    organizations = selectors.organization_suggestions(text=request.GET.get("q", ""))
    return JsonResponse(
        {
            "results": [
                {
                    "label": selectors.organization_label(organization),
                    "detail": organization.get_kind_display(),
                }
                for organization in organizations
            ]
        }
    )


@login_required
def organization_create(request):
    """A coordinator adds an organisation missing from the register, e.g. from a project form
    (opened beside it, so nothing typed there is lost)."""
    access = access_for(request.user)
    ensure(access.is_admin or bool(access.coordinates))
    form = OrganizationCreateForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            organization = services.organization_create(
                **form.cleaned_data, by=request.user, reason=_("Added by a coordinator")
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request,
                _("%(name)s was added to the register; it can now be chosen in forms.")
                % {"name": organization.name},
            )
            return redirect(return_to(request) or organization.get_absolute_url())
    return render(request, "organizations/organization_form.html", {"form": form})

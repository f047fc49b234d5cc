"""The organisation register's pages."""

from django.http import JsonResponse
from django.shortcuts import render

from . import selectors


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

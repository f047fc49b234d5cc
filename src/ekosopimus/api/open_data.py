"""Open data: the public projects as CSV and JSON, under the CC BY 4.0 licence."""

import csv
import io

from django.http import HttpResponse, JsonResponse
from django.utils import timezone
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework.decorators import api_view, permission_classes, renderer_classes
from rest_framework.permissions import AllowAny
from rest_framework.renderers import JSONRenderer

from ekosopimus.lib.cells import neutralise_formula
from ekosopimus.portfolio.lifecycle import PUBLIC
from ekosopimus.portfolio.models import Project

from .common import decimal_text

LICENSE = {
    "name": "CC BY 4.0",
    "url": "https://creativecommons.org/licenses/by/4.0/",
    "attribution": "Ekosopimus – innovaatiotoiminnan ekosysteemisopimusten seuranta",
}
COLUMNS = ("code", "name", "agreement", "status", "lead_implementer", "business_id",
           "start_date", "end_date", "granted_eur")  # fmt: skip


def _rows():
    projects = (
        Project.objects.filter(status__in=PUBLIC, is_sample=False)
        .select_related("agreement", "lead_implementer")
        .prefetch_related("budget_lines")
        .order_by("agreement__slug", "code", "pk")
    )
    for project in projects:
        lead = project.lead_implementer
        yield {
            "code": project.code,
            "name": project.name,
            "agreement": project.agreement.slug,
            "status": project.status,
            "lead_implementer": lead.name if lead else "",
            "business_id": (lead.business_id or "") if lead else "",
            "start_date": project.start_date.isoformat() if project.start_date else "",
            "end_date": project.end_date.isoformat() if project.end_date else "",
            "granted_eur": decimal_text(sum(line.granted for line in project.budget_lines.all())),
        }


def _licensed(response):
    response["Link"] = f'<{LICENSE["url"]}>; rel="license"'
    return response


@extend_schema(
    responses={200: OpenApiResponse(description="Public projects with the licence notice")},
    auth=[],
)
@api_view(["GET"])
@permission_classes([AllowAny])
@renderer_classes([JSONRenderer])
def projects_json(request):
    """Projects once funding is granted, as JSON with the licence notice."""
    document = {
        "license": LICENSE,
        "generated": timezone.now().isoformat(),
        "projects": list(_rows()),
    }
    return _licensed(JsonResponse(document, json_dumps_params={"ensure_ascii": False}))


@extend_schema(
    responses={(200, "text/csv"): OpenApiResponse(description="Public projects as CSV")},
    auth=[],
)
@api_view(["GET"])
@permission_classes([AllowAny])
def projects_csv(request):
    """Projects once funding is granted, as CSV; the licence is in the Link header and in a
    closing line."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(COLUMNS)
    for row in _rows():
        writer.writerow([neutralise_formula(row[column]) for column in COLUMNS])
    writer.writerow([f"# {LICENSE['name']} {LICENSE['url']} – {LICENSE['attribution']}"])
    response = HttpResponse(buffer.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="ekosopimus-hankkeet.csv"'
    return _licensed(response)

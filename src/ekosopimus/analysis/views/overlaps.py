"""The portfolio-wide overlap report, as a page and as a download."""

import io

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

from ekosopimus.agreements.selectors import agreement_get_internal
from ekosopimus.lib.sheets import write_csv, write_xlsx

from ..forms import OverlapFilter
from ..overlaps import EXPORT_HEADERS, EXPORT_PAIRS, PAGE_PAIRS, export_rows, overlap_report

CONTENT_TYPES = {
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "csv": "text/csv; charset=utf-8",
}


def _report(request, agreement, *, limit: int):
    settings = OverlapFilter.from_query(request.GET)
    report = overlap_report(
        agreement=agreement,
        user=request.user,
        threshold=settings.threshold,
        only_within=settings.only_within,
        limit=limit,
    )
    return settings, report


@login_required
def overlaps(request, slug: str):
    agreement = agreement_get_internal(slug=slug, user=request.user)
    settings, report = _report(request, agreement, limit=PAGE_PAIRS)
    return render(
        request,
        "analysis/overlaps.html",
        {"agreement": agreement, "report": report, "settings": settings},
    )


@login_required
def overlaps_export(request, slug: str, fmt: str):
    agreement = agreement_get_internal(slug=slug, user=request.user)
    if fmt not in CONTENT_TYPES:
        raise Http404(_("No such format."))
    _settings, report = _report(request, agreement, limit=EXPORT_PAIRS)
    stream = io.BytesIO()
    if fmt == "xlsx":
        write_xlsx(export_rows(report), stream, headers=EXPORT_HEADERS, title="Päällekkäisyydet")
    else:
        write_csv(export_rows(report), stream, headers=EXPORT_HEADERS)
    response = HttpResponse(stream.getvalue(), content_type=CONTENT_TYPES[fmt])
    day = timezone.localdate().isoformat()
    response["Content-Disposition"] = (
        f'attachment; filename="paallekkaisyydet-{agreement.slug}-{day}.{fmt}"'
    )
    return response

"""The portfolio-wide overlap report, as a page and as a download."""

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from ekosopimus.agreements.selectors import agreement_get_internal
from ekosopimus.jobs.services import job_submit

from ..forms import OverlapFilter
from ..overlaps import PAGE_PAIRS, overlap_report
from ..tasks import CONTENT_TYPES


def _report(request, agreement, *, limit: int):
    settings = OverlapFilter.from_query(request.GET)
    report = overlap_report(
        agreement=agreement,
        user=request.user,
        threshold=settings.threshold,
        only_within=settings.only_within,
        limit=limit,
        unreviewed_only=settings.unreviewed_only,
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
    """The overlap report as a file: searching and writing 20,000 pairs is a worker's job."""
    agreement = agreement_get_internal(slug=slug, user=request.user)
    if fmt not in CONTENT_TYPES:
        raise Http404(_("No such format."))
    settings = OverlapFilter.from_query(request.GET)
    job = job_submit(
        kind="overlap_export",
        title=_("Overlaps – %(region)s (%(format)s)")
        % {"region": agreement.city_region, "format": fmt.upper()},
        by=request.user,
        params={
            "slug": agreement.slug,
            "format": fmt,
            "threshold": float(settings.threshold),
            "only_within": settings.only_within,
            "unreviewed_only": settings.unreviewed_only,
        },
    )
    return redirect(job)

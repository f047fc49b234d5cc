"""The situation picture pages: one agreement, and all of them side by side."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.utils import timezone

from ekosopimus.accounts.access import ensure_reads_all
from ekosopimus.agreements.models import Instrument
from ekosopimus.agreements.selectors import (
    agreement_get_internal,
    agreement_list,
    version_current,
)
from ekosopimus.portfolio.models import ProjectStatus

from ..situation import SituationFilter, national_picture_kept, situation_picture_kept
from ..situation.charts import CHARTED_BREAKDOWNS, national_charts, picture_charts


@login_required
def situation(request, slug: str):
    """One agreement's situation picture, narrowed by the filters in the URL."""
    agreement = agreement_get_internal(slug=slug, user=request.user)
    version = version_current(agreement)
    numbers = list(version.focus_areas.values_list("number", flat=True)) if version else []
    filters = SituationFilter.from_query(request.GET, focus_areas=numbers)
    include_samples = request.GET.get("esimerkit") == "1"
    picture = situation_picture_kept(
        agreement=agreement, filters=filters, include_samples=include_samples
    )
    charts = picture_charts(picture)
    return render(
        request,
        "monitoring/situation.html",
        {
            "agreement": agreement,
            "picture": picture,
            "charts": charts,
            "money_sections": [(b, charts.get(b.key)) for b in picture.breakdowns],
            "charted": CHARTED_BREAKDOWNS,
            "instruments": Instrument.choices,
            "include_samples": include_samples,
            "now": timezone.now(),
        },
    )


@login_required
def national(request):
    """Every city region side by side, for the national steering group."""
    ensure_reads_all(request.user)
    filters = SituationFilter.from_query(request.GET)
    slugs = [slug for slug in request.GET.getlist("sopimus") if slug]
    picture = national_picture_kept(filters=filters, slugs=slugs)
    return render(
        request,
        "monitoring/national.html",
        {
            "picture": picture,
            "charts": national_charts(picture),
            "slugs": slugs,
            "instruments": Instrument.choices,
            "statuses": ProjectStatus.choices,
            "all_agreements": agreement_list(),
            "now": timezone.now(),
        },
    )

"""The situation pictures and rules as the pages read them: kept in the cache until the data
changes (``lib/stamp.py``), and made ready by a worker once a minute after a change, so that
the first reader after a write to a large portfolio need not wait for them."""

from dataclasses import replace

from django.conf import settings
from django.utils import translation

from ekosopimus.agreements.models import Agreement
from ekosopimus.agreements.selectors import versions_current
from ekosopimus.lib.stamp import prepared, remembered
from ekosopimus.portfolio.models import Project
from ekosopimus.portfolio.rules import rules_figure

from .agreement import SituationPicture, situation_picture
from .filters import SituationFilter
from .national import NationalPicture, national_picture


def _filter_key(filters: SituationFilter) -> tuple:
    return (filters.focus_area, filters.instrument, filters.year, filters.status)


def _situation(agreement: Agreement, filters: SituationFilter, include_samples: bool):
    key = ("situation", agreement.pk, *_filter_key(filters), include_samples)
    return key, lambda: situation_picture(
        agreement=agreement, filters=filters, include_samples=include_samples
    )


def _national(filters: SituationFilter, slugs: list[str]):
    key = ("national", *_filter_key(filters), *sorted(slugs))
    return key, lambda: national_picture(filters=filters, slugs=slugs or None)


def situation_picture_kept(
    *, agreement: Agreement, filters: SituationFilter, include_samples: bool = False
) -> SituationPicture:
    """``situation_picture``, kept until the data changes; its filters are the caller's own,
    with the caller's complaints about the query."""
    key, compute = _situation(agreement, filters, include_samples)
    picture = remembered(*key, compute=compute)
    picture.filters = filters
    return picture


def national_picture_kept(*, filters: SituationFilter, slugs: list[str]) -> NationalPicture:
    """``national_picture``, kept until the data changes."""
    key, compute = _national(filters, slugs)
    picture = remembered(*key, compute=compute)
    picture.filters = replace(filters, focus_area="")
    return picture


def figures_prepare() -> int:
    """Make ready what the pages read most, unfiltered and in the site's language: every
    agreement's rules and situation picture and the national picture. A figure already kept
    for the data as it is costs a query and a look-up in the cache. Returns how many were
    computed now."""
    if not settings.FIGURES_CACHE_SECONDS:
        return 0
    agreements = list(Agreement.objects.order_by("city_region"))
    versions = versions_current(agreements=agreements)
    with_projects = set(
        Project.objects.filter(agreement__in=agreements)
        .order_by()
        .values_list("agreement_id", flat=True)
        .distinct()
    )
    figures = [rules_figure(a) for a in agreements if a.pk in versions]
    figures += [
        _situation(a, SituationFilter(), False) for a in agreements if a.pk in with_projects
    ]
    figures.append(_national(SituationFilter(), []))
    with translation.override(settings.LANGUAGE_CODE):
        return sum(prepared(*key, compute=compute) for key, compute in figures)

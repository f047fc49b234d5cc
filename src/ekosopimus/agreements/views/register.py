"""Pages of the agreement register. Reads go through selectors."""

from django.shortcuts import render

from ekosopimus.accounts.access import access_for
from ekosopimus.portfolio.rules import rules_kept

from .. import selectors
from ..versions import versions_compare


def agreement_list(request):
    """All agreements."""
    return render(
        request, "agreements/agreement_list.html", {"agreements": selectors.agreement_list()}
    )


def agreement_detail(request, slug: str, number: int | None = None):
    """An agreement as its current version states it, or an earlier version by number."""
    agreement = selectors.agreement_get(slug=slug)
    version = selectors.version_get(agreement=agreement, number=number)
    current = selectors.version_current(agreement)
    is_current = current is not None and current.pk == version.pk
    # The rules read planned money of projects not yet public, so they are for those who read
    # the agreement's internal data.
    reads = access_for(request.user).reads_agreement(agreement.pk)
    show_rules = is_current and reads
    return render(
        request,
        "agreements/agreement_detail.html",
        {
            "agreement": agreement,
            "version": version,
            "is_current": is_current,
            "rules": rules_kept(agreement=agreement) if show_rules else None,
            "current": current,
            "versions": agreement.versions.filter(status=version.Status.PUBLISHED).select_related(
                "revision"
            ),
            "revision": getattr(version, "revision", None),
            "notices": agreement.termination_notices.all(),
            "reads": reads,
            "plan": selectors.action_plan_table(version=version),
        },
    )


def focus_area_detail(request, slug: str, number: int, focus_area: str):
    """One focus area with its action groups, targets and action plan rows."""
    agreement = selectors.agreement_get(slug=slug)
    version = selectors.version_get(agreement=agreement, number=number)
    area = selectors.focus_area_get(version=version, number=focus_area)
    return render(
        request,
        "agreements/focus_area_detail.html",
        {
            "agreement": agreement,
            "version": version,
            "area": area,
            "plan": selectors.action_plan_table(version=version, focus_area=area),
        },
    )


def version_compare(request, slug: str):
    """What changed between two published versions (``?a=1&b=2``), as one normalising diff."""
    agreement = selectors.agreement_get(slug=slug)
    versions = agreement.versions.filter(status="published").order_by("number")
    older = newer = changes = error = None
    try:
        older, newer = selectors.versions_to_compare(
            agreement=agreement, older=request.GET.get("a"), newer=request.GET.get("b")
        )
    except selectors.CompareError as problem:
        error = str(problem)
    else:
        changes = versions_compare(older, newer)
    return render(
        request,
        "agreements/version_compare.html",
        {
            "agreement": agreement,
            "versions": versions,
            "older": older,
            "newer": newer,
            "changes": changes,
            "error": error,
        },
        status=400 if error and request.GET else 200,
    )

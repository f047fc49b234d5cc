"""The agreement's targets, their progress, and which indicators count towards each."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ekosopimus.accounts.access import access_for, ensure
from ekosopimus.agreements.models import QuantitativeTarget
from ekosopimus.agreements.selectors import agreement_get_internal, version_current
from ekosopimus.agreements.services import target_plan_set
from ekosopimus.lib.forms import add_service_errors
from ekosopimus.lib.query import id_from
from ekosopimus.lib.versions import StaleEdit
from ekosopimus.portfolio.models import Project

from .. import services
from ..forms import ContributionForm, TargetPlanForm
from ..models import TargetContribution
from ..progress import target_progress
from ..situation.charts import targets_chart


@login_required
def target_list(request, slug: str):
    """Progress to each target, the mappings behind it, and (for coordinators) a form to add
    one."""
    agreement = agreement_get_internal(slug=slug, user=request.user)
    maps = access_for(request.user).edits_portfolio(agreement.pk)
    version = version_current(agreement)
    targets = QuantitativeTarget.objects.filter(focus_area__version=version).select_related(
        "focus_area"
    )
    form = ContributionForm(
        request.POST or None,
        targets=targets,
        projects=Project.objects.filter(agreement=agreement),
        suggest_url=reverse("portfolio:project_suggest", args=[agreement.slug]),
    )
    if request.method == "POST":
        ensure(maps)
        if form.is_valid():
            try:
                services.contribution_add(**form.cleaned_data, by=request.user)
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, _("The indicator now counts towards the target."))
                return redirect("monitoring:targets", slug=slug)
    contributions = TargetContribution.objects.filter(target__in=targets).select_related(
        "target__focus_area", "indicator", "project"
    )
    progress = target_progress(agreement=agreement)
    return render(
        request,
        "monitoring/targets.html",
        {
            "agreement": agreement,
            "progress": progress,
            "chart": targets_chart(progress),
            "contributions": contributions,
            "form": form,
            "maps": maps,
        },
    )


@require_POST
@login_required
def contribution_remove(request, slug: str, pk: int):
    agreement = agreement_get_internal(slug=slug, user=request.user)
    ensure(access_for(request.user).edits_portfolio(agreement.pk))
    contribution = TargetContribution.objects.filter(
        pk=pk, target__focus_area__version__agreement=agreement
    ).first()
    if contribution is None:
        raise Http404(_("No such mapping."))
    try:
        services.contribution_remove(
            contribution=contribution,
            by=request.user,
            version=id_from(request.POST.get("version", "")),
        )
    except StaleEdit:
        messages.error(
            request,
            _("Nothing was removed: the mapping was changed after you opened the page."),
        )
        return redirect("monitoring:targets", slug=slug)
    messages.success(request, _("The mapping was removed; the reports are kept."))
    return redirect("monitoring:targets", slug=slug)


@login_required
def target_plan(request, slug: str, pk: int):
    """A coordinator sets the baseline and milestone an agreement target is followed by."""
    agreement = agreement_get_internal(slug=slug, user=request.user)
    ensure(access_for(request.user).edits_portfolio(agreement.pk))
    target = (
        QuantitativeTarget.objects.filter(pk=pk, focus_area__version=version_current(agreement))
        .select_related("focus_area__version__agreement")
        .first()
    )
    if target is None:
        raise Http404(_("No such target."))
    form = TargetPlanForm(
        request.POST or None,
        initial={
            "baseline": target.baseline,
            "baseline_year": target.baseline_year,
            "milestone_value": target.milestone_value,
            "milestone_on": target.milestone_on,
        },
    )
    if request.method == "POST" and form.is_valid():
        try:
            target_plan_set(target=target, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The target's baseline and milestone were saved."))
            return redirect("monitoring:targets", slug=slug)
    return render(
        request,
        "monitoring/target_plan.html",
        {"agreement": agreement, "target": target, "form": form},
        status=400 if form.errors else 200,
    )

"""The agreement's reporting calendar: which reports are due, overdue, waiting for approval
or returned, and (for coordinators) how the agreement's projects report."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ekosopimus.accounts.access import access_for, ensure
from ekosopimus.agreements.selectors import agreement_get_internal
from ekosopimus.lib.forms import add_service_errors
from ekosopimus.portfolio.models import Project

from .. import services
from ..forms import ReportingRulesForm
from ..schedule import ObligationStatus, rules_for, schedule_for

# What the page shows unless asked for more: what needs someone's action.
ATTENTION = (
    ObligationStatus.OVERDUE,
    ObligationStatus.SUBMITTED,
    ObligationStatus.RETURNED,
    ObligationStatus.DUE,
)
ALL = "kaikki"


def _page(request, agreement, form):
    schedule = schedule_for(Project.objects.filter(agreement=agreement), today=timezone.localdate())
    chosen = request.GET.get("tila", "")
    if chosen == ALL:
        shown = schedule.obligations
    elif chosen in ObligationStatus.values:
        shown = schedule.with_status(chosen)
    else:
        chosen = ""
        shown = schedule.with_status(*ATTENTION)
    counts = schedule.counts
    return render(
        request,
        "monitoring/reporting.html",
        {
            "agreement": agreement,
            "schedule": schedule,
            "shown": shown,
            "chosen": chosen,
            "filters": [(s.value, s.label, counts[s.value]) for s in ObligationStatus],
            "total": len(schedule.obligations),
            "rules": rules_for(agreement),
            "form": form,
        },
    )


@login_required
def reporting(request, slug: str):
    """Every report the agreement's granted projects owe, by due date."""
    agreement = agreement_get_internal(slug=slug, user=request.user)
    form = None
    if access_for(request.user).edits_portfolio(agreement.pk):
        form = ReportingRulesForm(instance=rules_for(agreement))
    return _page(request, agreement, form)


@login_required
@require_POST
def reporting_rules(request, slug: str):
    """A coordinator sets the agreement's reporting period, due dates and first reminder."""
    agreement = agreement_get_internal(slug=slug, user=request.user)
    ensure(access_for(request.user).edits_portfolio(agreement.pk))
    form = ReportingRulesForm(request.POST, instance=rules_for(agreement))
    if form.is_valid():
        try:
            services.reporting_rules_set(agreement=agreement, **form.cleaned_data, by=request.user)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request, _("The reporting rules were saved; every project's periods follow them.")
            )
            return redirect("monitoring:reporting", slug=slug)
    return _page(request, agreement, form)

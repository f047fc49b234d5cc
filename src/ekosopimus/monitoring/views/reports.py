"""Recording a project's progress report, and approving or returning it."""

import contextlib
from datetime import date

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ekosopimus.accounts.access import access_for, ensure
from ekosopimus.lib.conflicts import conflict_page, merged_post
from ekosopimus.lib.forms import add_service_errors
from ekosopimus.lib.query import id_from
from ekosopimus.lib.versions import StaleEdit
from ekosopimus.portfolio.selectors import project_get_for_user

from .. import services
from ..forms import ReportEditForm, ReportForm
from ..selectors import report_get_for_user, report_unmapped_indicators


def _indicators(project):
    return list(project.indicators.order_by("code"))


@login_required
def report_create(request, pk: int):
    """A new report for one period of a project whose funding has been granted."""
    project = project_get_for_user(pk=pk, user=request.user)
    ensure(access_for(request.user).edits_project(project))
    form = ReportForm(
        request.POST or None, indicators=_indicators(project), initial=_period_asked(request)
    )
    if request.method == "POST" and form.is_valid():
        try:
            report = services.report_create(
                project=project, **form.report_fields(), by=request.user
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The report was saved as a draft."))
            return redirect("monitoring:report", pk=report.pk)
    return render(request, "monitoring/report_form.html", {"project": project, "form": form})


def _period_asked(request) -> dict:
    """The period's dates when the form is opened from the reporting calendar or a reminder
    (``?alku=2027-01-01&loppu=2027-06-30``); a date that is not one is left out."""
    initial = {}
    for field, name in (("period_start", "alku"), ("period_end", "loppu")):
        with contextlib.suppress(ValueError):
            initial[field] = date.fromisoformat(request.GET.get(name, ""))
    return initial


@login_required
def report_detail(request, pk: int):
    """A report; while it is a draft or returned, its project's editors edit it here."""
    report = report_get_for_user(pk=pk, user=request.user)
    access = access_for(request.user)
    editable = access.edits_project(report.project) and not report.is_locked
    form = None
    if editable:
        indicators = _indicators(report.project)
        form = ReportEditForm(
            merged_post(request.POST) if request.method == "POST" else None,
            indicators=indicators,
            initial=ReportForm.initial_for(report),
        )
        if request.method == "POST" and form.is_valid():
            try:
                services.report_update(report=report, **form.report_fields(), by=request.user)
            except StaleEdit as stale:
                return conflict_page(
                    request,
                    mine=form,
                    theirs=ReportEditForm(
                        indicators=indicators, initial=ReportForm.initial_for(stale.current)
                    ),
                    current=stale.current,
                    title=_("The report was changed meanwhile"),
                    back_url=request.path,
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, _("The report was saved."))
                return redirect("monitoring:report", pk=report.pk)
    elif request.method == "POST":
        messages.error(request, _("This report cannot be changed."))
        return redirect("monitoring:report", pk=report.pk)
    approves = access.edits_portfolio(report.project.agreement_id)
    return render(
        request,
        "monitoring/report_detail.html",
        {
            "report": report,
            "form": form,
            "submits": access.edits_project(report.project),
            "approves": approves,
            # After approval the next step is to count the report's indicators towards targets.
            "unmapped": report_unmapped_indicators(report=report)
            if approves and report.status == report.Status.APPROVED
            else [],
        },
    )


ACTIONS = {
    "laheta": services.report_submit,
    "hyvaksy": services.report_approve,
}


@require_POST
@login_required
def report_act(request, pk: int, action: str):
    """Submit, approve or return a report; a move that is not allowed says why.

    The project's reporters submit; only the agreement's coordinators approve or return."""
    report = report_get_for_user(pk=pk, user=request.user)
    access = access_for(request.user)
    if action == "laheta":
        ensure(access.edits_project(report.project))
    else:
        ensure(access.edits_portfolio(report.project.agreement_id))
    # The version the page showed: a report changed since is not submitted or approved unseen.
    version = id_from(request.POST.get("version", ""))
    try:
        if action == "palauta":
            comment = request.POST.get("comment", "")
            report = services.report_return(
                report=report, comment=comment, by=request.user, version=version
            )
        elif action in ACTIONS:
            report = ACTIONS[action](report=report, by=request.user, version=version)
        else:
            raise Http404(_("No such action."))
    except StaleEdit:
        messages.error(
            request,
            _(
                "Nothing was changed: the report was saved by someone else after you opened "
                "the page. Read it as it is now and choose again."
            ),
        )
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(
            request, _("The report is now “%(status)s”.") % {"status": report.get_status_display()}
        )
    return redirect("monitoring:report", pk=pk)

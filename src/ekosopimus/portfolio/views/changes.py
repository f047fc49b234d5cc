"""Change requests of granted projects: asking, the steering group's statement, the funding
authority's decision."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ekosopimus.accounts.access import access_for, ensure
from ekosopimus.agreements.selectors import agreement_get_internal
from ekosopimus.lib.forms import add_service_errors

from .. import selectors, services
from ..changes import ProjectState, differences
from ..forms import ChangeDecisionForm, ChangeRequestForm, ChangeStatementForm
from ..models import ChangeRequest
from ..services.changes import CHANGEABLE


@login_required
def change_request_create(request, pk: int):
    """A granted project's editors ask for a change, starting from what was granted."""
    project = selectors.project_get_for_user(pk=pk, user=request.user)
    ensure(access_for(request.user).edits_project(project))
    changeable = project.status in CHANGEABLE
    form = ChangeRequestForm(request.POST or None, state=ProjectState.of(project))
    if request.method == "POST" and form.is_valid():
        try:
            change_request = services.change_request_submit(
                project=project,
                change=form.change(),
                justification=form.cleaned_data["justification"],
                by=request.user,
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The change request was submitted."))
            return redirect(change_request)
    return render(
        request,
        "portfolio/change_request_form.html",
        {"project": project, "form": form, "changeable": changeable},
        status=400 if form.errors else 200,
    )


def _forms(change_request: ChangeRequest, access, data=None) -> dict:
    agreement_id = change_request.project.agreement_id
    found = {}
    if change_request.status == ChangeRequest.Status.AWAITING_STATEMENT and access.decides(
        agreement_id
    ):
        found["statement"] = ChangeStatementForm(
            data, agreement=change_request.project.agreement, prefix="statement"
        )
    if change_request.status == ChangeRequest.Status.AWAITING_DECISION and (
        access.edits_portfolio(agreement_id)
    ):
        found["decision"] = ChangeDecisionForm(data, prefix="decision")
    return found


@login_required
def change_request_detail(request, pk: int):
    """What was granted beside what is asked, the statement, the decision."""
    change_request = selectors.change_request_get_for_user(pk=pk, user=request.user)
    return _render_detail(request, change_request, _forms(change_request, access_for(request.user)))


def _render_detail(request, change_request, forms, status=200):
    access = access_for(request.user)
    before = ProjectState.from_json(change_request.granted_state)
    after = ProjectState.from_json(change_request.requested_state)
    return render(
        request,
        "portfolio/change_request_detail.html",
        {
            "change_request": change_request,
            "project": change_request.project,
            "differences": differences(before, after),
            "statement_form": forms.get("statement"),
            "decision_form": forms.get("decision"),
            "withdraws": change_request.is_open and access.edits_project(change_request.project),
        },
        status=status,
    )


@require_POST
@login_required
def change_request_act(request, pk: int, action: str):
    """Record the steering group's statement (lausunto), the funding authority's decision
    (paatos), or withdraw the request (peru); a step that is not possible says why."""
    change_request = selectors.change_request_get_for_user(pk=pk, user=request.user)
    access = access_for(request.user)
    agreement_id = change_request.project.agreement_id
    allowed = {
        "lausunto": access.decides(agreement_id),
        "paatos": access.edits_portfolio(agreement_id),
        "peru": access.edits_project(change_request.project),
    }
    if action not in allowed:
        raise Http404(_("No such action."))
    ensure(allowed[action])
    if action == "peru":
        return _attempt(
            request,
            change_request,
            lambda: services.change_request_withdraw(
                change_request=change_request, by=request.user
            ),
        )
    forms = _forms(change_request, access, request.POST)
    form = forms.get("statement" if action == "lausunto" else "decision")
    if form is None:
        messages.error(
            request,
            _("The change request is “%(status)s”; that cannot be done to it now.")
            % {"status": change_request.get_status_display()},
        )
        return redirect(change_request)
    if not form.is_valid():
        return _render_detail(request, change_request, forms, status=400)
    if action == "lausunto":
        service = services.change_request_statement_record
    else:
        service = services.change_request_decide
    try:
        service(change_request=change_request, by=request.user, **form.cleaned_data)
    except ValidationError as error:
        add_service_errors(form, error)
        return _render_detail(request, change_request, forms, status=400)
    change_request.refresh_from_db()
    messages.success(
        request,
        _("The change request is now “%(status)s”.")
        % {"status": change_request.get_status_display()},
    )
    return redirect(change_request)


def _attempt(request, change_request, step):
    try:
        change_request = step()
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(
            request,
            _("The change request is now “%(status)s”.")
            % {"status": change_request.get_status_display()},
        )
    return redirect(change_request)


@login_required
def change_request_list(request, slug: str):
    """The agreement's change requests, those waiting first."""
    agreement = agreement_get_internal(slug=slug, user=request.user)
    return render(
        request,
        "portfolio/change_request_list.html",
        {
            "agreement": agreement,
            "change_requests": selectors.change_request_list(agreement=agreement),
        },
    )

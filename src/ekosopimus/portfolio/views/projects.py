"""Pages of the portfolio: the project list, a project, and the forms that change it."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import JsonResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from ekosopimus.accounts.access import access_for, ensure
from ekosopimus.agreements.models import ActionPlanItem
from ekosopimus.agreements.selectors import agreement_get, agreement_get_internal, version_current
from ekosopimus.analysis.similar import Draft, Matches, similar_projects
from ekosopimus.analysis.similarity.corpus import project_text
from ekosopimus.lib.conflicts import base_form, conflict_page, merged_post
from ekosopimus.lib.forms import RETURN_PARAMETER, add_service_errors
from ekosopimus.lib.query import id_from
from ekosopimus.lib.versions import StaleEdit
from ekosopimus.monitoring.schedule import project_schedule
from ekosopimus.monitoring.services.reports import REPORTING_STATUSES

from .. import lifecycle, selectors, services
from ..forms import (
    BudgetForm,
    BudgetVersionForm,
    FundingDecisionForm,
    LinkForm,
    ProjectCreateForm,
    ProjectEditForm,
    ProposeForm,
    TransitionForm,
)
from ..models import ProjectStatus
from ..rules import rules_evaluate
from ..services.changes import CHANGEABLE

# A button pressed on a page read before someone else's save: nothing to keep but the choice.
STALE_BUTTON = gettext_lazy(
    "Nothing was changed: the project was saved by someone else after you opened the page. "
    "Look at it as it is now and choose again."
)

PLAIN_FIELDS = (
    "name",
    "code",
    "summary",
    "lead_implementer",
    "funding_authority",
    "start_date",
    "end_date",
    "call",
    "is_coordination_project",
)


def portfolio(request, slug: str):
    """The agreement's projects, filtered by the URL's query."""
    agreement = agreement_get(slug=slug)
    query = request.GET
    filters = selectors.PortfolioFilter.from_query(query)
    page = selectors.project_page(
        agreement=agreement, user=request.user, filters=filters, number=query.get("sivu")
    )
    version = version_current(agreement)
    return render(
        request,
        "portfolio/portfolio.html",
        {
            "agreement": agreement,
            "page": page,
            "page_range": page.paginator.get_elided_page_range(
                page.number, on_each_side=1, on_ends=1
            ),
            "query_without_page": _without_page(query),
            "filters": filters,
            "statuses": selectors.status_counts(agreement=agreement, user=request.user),
            "focus_areas": version.focus_areas.all() if version else [],
            "sample_count": selectors.sample_count(agreement=agreement, user=request.user),
        },
    )


def _without_page(query) -> str:
    kept = query.copy()
    kept.pop("sivu", None)
    return kept.urlencode()


def project_detail(request, pk: int):
    """One project: its links, money, decisions, next moves and history."""
    project = selectors.project_get_for_user(pk=pk, user=request.user)
    budget, total = selectors.project_budget(project=project)
    access = access_for(request.user)
    insider = access.reads_agreement(project.agreement_id) or access.edits_project(project)
    schedule = project_schedule(project, today=timezone.localdate()) if insider else None
    return render(
        request,
        "portfolio/project_detail.html",
        {
            "project": project,
            "budget": budget,
            "budget_total": total,
            # Deliberations and who changed what are not public.
            "insider": insider,
            "decisions": selectors.project_decisions(project=project) if insider else [],
            "history": selectors.project_history(project=project) if insider else [],
            "edits_portfolio": access.edits_portfolio(project.agreement_id),
            "edits_project": access.edits_project(project),
            "next_statuses": [
                (s, ProjectStatus(s).label) for s in lifecycle.next_statuses(project.status)
            ],
            "can_propose": lifecycle.why_not(project.status, ProjectStatus.PROPOSED) is None,
            "awaits_funding_decision": project.status == ProjectStatus.SELECTED,
            "can_report": project.status in REPORTING_STATUSES,
            "schedule": None if isinstance(schedule, str) else schedule,
            "schedule_reason": schedule if isinstance(schedule, str) else "",
            "change_requests": project.change_requests.all() if insider else [],
            "can_request_change": project.status in CHANGEABLE,
        },
    )


@login_required
def project_create(request, slug: str):
    agreement = agreement_get_internal(slug=slug, user=request.user)
    ensure(access_for(request.user).edits_portfolio(agreement.pk))
    form = ProjectCreateForm(
        request.POST or None,
        agreement=agreement,
        initial=_idea_from_measure(agreement, request.GET),
    )
    similar = None
    if request.method == "POST" and form.is_valid():
        similar = _similar_to_confirm(request, form.cleaned_data, agreement)
    if request.method == "POST" and form.is_valid() and similar is None:
        data = form.cleaned_data
        try:
            project = services.project_create(
                agreement=agreement,
                by=request.user,
                focus_areas=data["focus_areas"],
                action_group=data["action_group"],
                action_plan_item=data["action_plan_item"],
                method_category=data["method_category"],
                co_implementers=data["co_implementers"],
                indicators=data["indicators"],
                **{name: data[name] for name in PLAIN_FIELDS},
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The project idea was saved."))
            return redirect(project)
    return render(
        request,
        "portfolio/project_form.html",
        {"form": form, "agreement": agreement, "similar": similar, "adds_organizations": True},
    )


def _similar_to_confirm(request, data, agreement, project=None) -> Matches | None:
    """The projects like the text about to be saved, to show before saving it.

    Shown when the user asks ("tarkista") or when a likely overlap exists and the user has not
    yet seen it and chosen to save anyway ("vahvista"); an edit that leaves the name and
    summary as they were is saved at once.
    """
    asked = "tarkista" in request.POST
    if not asked and request.POST.get("vahvista") == "1":
        return None
    if (
        not asked
        and project is not None
        and ((data["name"], data["summary"]) == (project.name, project.summary))
    ):
        return None
    organizations = {o.pk for o in data.get("co_implementers") or ()}
    if data.get("lead_implementer"):
        organizations.add(data["lead_implementer"].pk)
    group = data.get("action_group") or (project.action_group if project else None)
    item = data.get("action_plan_item") or (project.action_plan_item if project else None)
    draft = Draft(
        text=project_text(data["name"], data["summary"]),
        agreement=agreement,
        organizations=frozenset(organizations),
        start_date=data.get("start_date"),
        end_date=data.get("end_date"),
        action_group_id=group.pk if group else None,
        action_plan_item_id=item.pk if item else None,
        project_id=project.pk if project else None,
    )
    matches = similar_projects(draft=draft, user=request.user, limit=5)
    return matches if asked or matches.likely_overlaps else None


def _idea_from_measure(agreement, query) -> dict:
    """A gap turned into a project idea: the form starts from the measure the link names."""
    pk = id_from(query.get("toimenpide", ""))
    item = (
        ActionPlanItem.objects.filter(pk=pk, plan__version__agreement=agreement)
        .select_related("focus_area", "action_group")
        .first()
        if pk is not None
        else None
    )
    if item is None:
        return {}
    return {
        "name": item.measure[:500],
        "action_plan_item": item,
        "focus_areas": [item.focus_area] if item.focus_area else [],
        "action_group": item.action_group,
    }


def _edit_initial(project) -> dict:
    initial = {name: getattr(project, name) for name in PLAIN_FIELDS}
    initial["version"] = project.version
    initial["co_implementers"] = list(project.co_implementers.all())
    initial["indicators"] = list(project.indicators.all())
    return initial


def _project_conflict(request, form, stale: StaleEdit):
    """The stale edit beside the project as saved meanwhile."""
    current = stale.current
    scope = {"agreement": current.agreement}
    return conflict_page(
        request,
        mine=form,
        theirs=ProjectEditForm(initial=_edit_initial(current), **scope),
        base=base_form(
            ProjectEditForm,
            current,
            stale.expected,
            _edit_initial,
            leave_out=("co_implementers", "indicators"),
            **scope,
        ),
        current=current,
        title=_("The project was changed meanwhile"),
        back_url=current.get_absolute_url(),
    )


@login_required
def project_edit(request, pk: int):
    project = selectors.project_get_for_user(pk=pk, user=request.user)
    ensure(access_for(request.user).edits_project(project))
    data = merged_post(request.POST) if request.method == "POST" else None
    form = ProjectEditForm(data, agreement=project.agreement, initial=_edit_initial(project))
    similar = None
    if request.method == "POST" and form.is_valid():
        similar = _similar_to_confirm(request, form.cleaned_data, project.agreement, project)
    if request.method == "POST" and form.is_valid() and similar is None:
        data = form.cleaned_data
        try:
            services.project_update(
                project=project,
                by=request.user,
                version=data["version"],
                co_implementers=data["co_implementers"],
                indicators=data["indicators"],
                **{name: data[name] for name in PLAIN_FIELDS},
            )
        except StaleEdit as stale:
            return _project_conflict(request, form, stale)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The project was saved."))
            return redirect(project)
    return render(
        request,
        "portfolio/project_form.html",
        {
            "form": form,
            "agreement": project.agreement,
            "project": project,
            "similar": similar,
            # The register is the coordinators': a project's reporter asks them to add one.
            "adds_organizations": access_for(request.user).edits_portfolio(project.agreement_id),
        },
    )


def _link_initial(project) -> dict:
    return {
        "focus_areas": list(project.focus_areas.all()),
        "action_group": project.action_group,
        "action_plan_item": project.action_plan_item,
        "method_category": project.method_category,
        "version": project.version,
    }


@login_required
def project_link(request, pk: int):
    project = selectors.project_get_for_user(pk=pk, user=request.user)
    ensure(access_for(request.user).edits_portfolio(project.agreement_id))
    initial = _link_initial(project)
    data = merged_post(request.POST) if request.method == "POST" else None
    form = LinkForm(data, agreement=project.agreement, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.project_link(project=project, by=request.user, **form.cleaned_data)
        except StaleEdit as stale:
            return conflict_page(
                request,
                mine=form,
                theirs=LinkForm(
                    initial=_link_initial(stale.current), agreement=stale.current.agreement
                ),
                current=stale.current,
                title=_("The project was changed meanwhile"),
                back_url=stale.current.get_absolute_url(),
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The project was linked to the agreement."))
            return redirect(project)
    return render(request, "portfolio/project_link.html", {"form": form, "project": project})


@login_required
def project_budget(request, pk: int):
    project = selectors.project_get_for_user(pk=pk, user=request.user)
    ensure(access_for(request.user).edits_project(project))
    form = BudgetForm(request.POST or None, lines=project.budget_lines.all())
    version = BudgetVersionForm(
        request.POST or None, initial={"budget_version": project.budget_version}
    )
    saved_meanwhile = None
    if request.method == "POST" and form.is_valid() and version.is_valid():
        try:
            services.project_budget_set(
                project=project,
                lines=form.lines(),
                by=request.user,
                budget_version=version.cleaned_data["budget_version"],
            )
        except StaleEdit as stale:
            # Both budgets side by side; saving this form again keeps the user's.
            saved_meanwhile, _total = selectors.project_budget(project=stale.current)
            version = BudgetVersionForm(initial={"budget_version": stale.current.budget_version})
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The budget was saved."))
            return redirect(project)
    return render(
        request,
        "portfolio/project_budget.html",
        {
            "form": form,
            "version_form": version,
            "project": project,
            "saved_meanwhile": saved_meanwhile,
        },
        status=409 if saved_meanwhile is not None else 200,
    )


@login_required
@require_POST
def project_transition(request, pk: int):
    project = selectors.project_get_for_user(pk=pk, user=request.user)
    ensure(access_for(request.user).edits_portfolio(project.agreement_id))
    form = TransitionForm(request.POST)
    if form.is_valid():
        try:
            services.project_transition(
                project=project,
                to=form.cleaned_data["to"],
                reason=form.cleaned_data["reason"],
                version=form.cleaned_data["version"],
                by=request.user,
            )
        except StaleEdit:
            messages.error(request, STALE_BUTTON)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("The status was changed."))
    return redirect(project)


@login_required
def project_propose(request, pk: int):
    project = selectors.project_get_for_user(pk=pk, user=request.user)
    ensure(access_for(request.user).edits_portfolio(project.agreement_id))
    # A meeting just created for this proposal comes back chosen.
    initial = {"meeting": id_from(request.GET.get("kokous", ""))}
    form = ProposeForm(request.POST or None, agreement=project.agreement, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.project_propose(project=project, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The project was proposed to the steering group."))
            return redirect(project)
    return render(
        request,
        "portfolio/project_propose.html",
        {
            "form": form,
            "project": project,
            "has_meetings": form.fields["meeting"].queryset.exists(),
            "return_parameter": RETURN_PARAMETER,
        },
    )


@login_required
def funding_decision(request, pk: int):
    project = selectors.project_get_for_user(pk=pk, user=request.user)
    ensure(access_for(request.user).edits_portfolio(project.agreement_id))
    form = FundingDecisionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.funding_decision_record(project=project, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The funding decision was recorded."))
            return redirect(project)
    return render(request, "portfolio/funding_decision.html", {"form": form, "project": project})


@login_required
def agreement_rules(request, slug: str):
    """Every rule of the agreement, evaluated now, with the figures behind each."""
    agreement = agreement_get_internal(slug=slug, user=request.user)
    include_samples = request.GET.get("esimerkit") == "1"
    return render(
        request,
        "portfolio/rules.html",
        {
            "agreement": agreement,
            "report": rules_evaluate(agreement=agreement, include_samples=include_samples),
            "include_samples": include_samples,
            "now": timezone.now(),
        },
    )


@login_required
def project_suggest(request, slug: str):
    """The agreement's projects whose name or code holds the text typed, as JSON for a picker;
    only those the user may read."""
    agreement = agreement_get_internal(slug=slug, user=request.user)
    projects = selectors.project_suggestions(
        agreement=agreement, user=request.user, text=request.GET.get("q", "")
    )
    return JsonResponse(
        {
            "results": [
                {"label": selectors.project_label(project), "detail": project.get_status_display()}
                for project in projects
            ]
        }
    )

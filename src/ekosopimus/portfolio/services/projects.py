"""Creating and editing projects, their links to the agreement, their money and their status."""

from collections.abc import Iterable, Mapping
from decimal import Decimal
from typing import Any

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils.translation import gettext as _

from ekosopimus.agreements.models import (
    ActionGroup,
    ActionPlanItem,
    Agreement,
    FocusArea,
    MethodCategory,
)
from ekosopimus.lib.history import save_with_history
from ekosopimus.lib.versions import check_version, locked_for_edit
from ekosopimus.monitoring.models import IndicatorDefinition
from ekosopimus.organizations.models import Organization

from .. import lifecycle
from ..models import BudgetLine, Call, FundingSource, Project, ProjectStatus

# Fields a coordinator edits directly; status, agreement and links have their own functions.
EDITABLE_FIELDS = frozenset(
    {
        "code",
        "group_code",
        "name",
        "summary",
        "lead_implementer",
        "funding_authority",
        "start_date",
        "end_date",
        "call",
        "is_coordination_project",
    }
)


def _check_links(
    *,
    agreement: Agreement,
    focus_areas: Iterable[FocusArea],
    action_group: ActionGroup | None,
    action_plan_item: ActionPlanItem | None,
    method_category: MethodCategory | None,
    call: Call | None = None,
) -> None:
    """Everything a project links to must belong to the project's own agreement."""
    errors: dict[str, str] = {}
    if any(area.version.agreement_id != agreement.pk for area in focus_areas):
        errors["focus_areas"] = _("A focus area of another agreement cannot be linked.")
    if action_group and action_group.focus_area.version.agreement_id != agreement.pk:
        errors["action_group"] = _("The action group belongs to another agreement.")
    if action_plan_item and action_plan_item.plan.version.agreement_id != agreement.pk:
        errors["action_plan_item"] = _("The action plan item belongs to another agreement.")
    if method_category and method_category.version.agreement_id != agreement.pk:
        errors["method_category"] = _("The method category belongs to another agreement.")
    if call and call.agreement_id != agreement.pk:
        errors["call"] = _("The call belongs to another agreement.")
    if action_group and focus_areas and action_group.focus_area not in list(focus_areas):
        errors["action_group"] = _(
            "The action group must be under one of the project's focus areas."
        )
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def project_create(
    *,
    agreement: Agreement,
    name: str,
    by: AbstractBaseUser | None,
    focus_areas: Iterable[FocusArea] = (),
    action_group: ActionGroup | None = None,
    action_plan_item: ActionPlanItem | None = None,
    method_category: MethodCategory | None = None,
    co_implementers: Iterable[Organization] = (),
    indicators: Iterable[IndicatorDefinition] = (),
    status: str = ProjectStatus.IDEA,
    reason: str = "",
    is_sample: bool = False,
    **fields: Any,
) -> Project:
    """Create a project (by default a project idea) under ``agreement``.

    ``fields`` are the plain fields of ``EDITABLE_FIELDS``. New projects start as an idea or
    in preparation; later statuses are reached through proposals and decisions. Only the
    sample data command passes ``is_sample``.
    """
    unknown = set(fields) - EDITABLE_FIELDS
    if unknown:
        raise TypeError(f"project_create() got unexpected fields: {sorted(unknown)}")
    if status not in (ProjectStatus.IDEA, ProjectStatus.PREPARATION):
        raise ValidationError(
            _("A new project starts as a project idea or in preparation."), code="status"
        )
    focus_areas = list(focus_areas)
    _check_links(
        agreement=agreement,
        focus_areas=focus_areas,
        action_group=action_group,
        action_plan_item=action_plan_item,
        method_category=method_category,
        call=fields.get("call"),
    )
    project = Project(
        agreement=agreement,
        name=" ".join(name.split()),
        status=status,
        action_group=action_group,
        action_plan_item=action_plan_item,
        method_category=method_category,
        is_sample=is_sample,
        **fields,
    )
    _validate_unique_code(project)
    save_with_history(project, by=by, reason=reason or _("Created"))
    project.focus_areas.set(focus_areas)
    project.co_implementers.set(list(co_implementers))
    project.indicators.set(list(indicators))
    return project


def _validate_unique_code(project: Project) -> None:
    if project.code and Project.objects.filter(code=project.code).exclude(pk=project.pk).exists():
        raise ValidationError(
            {"code": _("Project code %(code)s is already in use.") % {"code": project.code}}
        )


@transaction.atomic
def project_update(
    *,
    project: Project,
    by: AbstractBaseUser | None,
    reason: str = "",
    version: int | None = None,
    co_implementers: Iterable[Organization] | None = None,
    indicators: Iterable[IndicatorDefinition] | None = None,
    **fields: Any,
) -> Project:
    """Change a project's plain fields (``EDITABLE_FIELDS``), co-implementers or indicators.

    ``version`` is the version the edit started from: if the project has been saved since,
    ``StaleEdit`` refuses the change and nothing is saved. Only the fields given change.
    """
    unknown = set(fields) - EDITABLE_FIELDS
    if unknown:
        raise TypeError(f"project_update() got unexpected fields: {sorted(unknown)}")
    project = locked_for_edit(Project.objects, pk=project.pk, version=version)
    for name, value in fields.items():
        setattr(project, name, value)
    _check_links(
        agreement=project.agreement,
        focus_areas=[],
        action_group=None,
        action_plan_item=None,
        method_category=None,
        call=project.call,
    )
    _validate_unique_code(project)
    save_with_history(project, by=by, reason=reason or _("Edited"))
    if co_implementers is not None:
        project.co_implementers.set(list(co_implementers))
    if indicators is not None:
        project.indicators.set(list(indicators))
    return project


@transaction.atomic
def project_link(
    *,
    project: Project,
    focus_areas: Iterable[FocusArea],
    by: AbstractBaseUser | None,
    action_group: ActionGroup | None = None,
    action_plan_item: ActionPlanItem | None = None,
    method_category: MethodCategory | None = None,
    reason: str = "",
    version: int | None = None,
) -> Project:
    """Link a project to the focus areas, action group, action plan item and method category it
    implements. Linking at least one focus area takes the project out of the unlinked queue.
    ``version`` as in ``project_update``."""
    project = locked_for_edit(Project.objects, pk=project.pk, version=version)
    focus_areas = list(focus_areas)
    if not focus_areas:
        raise ValidationError({"focus_areas": _("Choose at least one focus area.")})
    _check_links(
        agreement=project.agreement,
        focus_areas=focus_areas,
        action_group=action_group,
        action_plan_item=action_plan_item,
        method_category=method_category,
    )
    project.action_group = action_group
    project.action_plan_item = action_plan_item
    project.method_category = method_category
    save_with_history(project, by=by, reason=reason or _("Linked to the agreement"))
    project.focus_areas.set(focus_areas)
    return project


@transaction.atomic
def project_budget_set(
    *,
    project: Project,
    lines: Iterable[Mapping[str, Any]],
    by: AbstractBaseUser | None,
    reason: str = "",
    budget_version: int | None = None,
) -> list[BudgetLine]:
    """Replace the project's budget with ``lines``.

    Each line is a mapping with ``source``, ``instrument`` (EU + State only) and any of
    ``planned``, ``granted``, ``paid`` in euros. Lines not given, and lines whose amounts are
    all zero, are removed. If the budget has
    been saved since ``budget_version`` was read, ``StaleEdit`` refuses the change.
    """
    project = Project.objects.select_for_update().get(pk=project.pk)
    check_version(project, budget_version, field="budget_version")
    wanted: dict[tuple[str, str], dict[str, Decimal]] = {}
    errors = []
    for number, line in enumerate(lines, start=1):
        source = line.get("source")
        instrument = line.get("instrument") or ""
        if source not in FundingSource.values:
            errors.append(_("Line %(n)s: unknown funding source.") % {"n": number})
            continue
        if instrument and source != FundingSource.EU_STATE:
            errors.append(
                _("Line %(n)s: only EU and State money has an instrument.") % {"n": number}
            )
            continue
        if (source, instrument) in wanted:
            errors.append(_("Line %(n)s repeats a source.") % {"n": number})
            continue
        amounts = {}
        for field in ("planned", "granted", "paid"):
            value = Decimal(str(line.get(field) or 0))
            if value < 0:
                errors.append(_("Line %(n)s: an amount cannot be negative.") % {"n": number})
            amounts[field] = value
        # A line of nothing but zeros says nothing: it is not stored (and an old one goes).
        if any(amounts.values()):
            wanted[(source, instrument)] = amounts
    if errors:
        raise ValidationError(errors)

    existing = {(b.source, b.instrument): b for b in project.budget_lines.all()}
    reason = reason or _("Budget changed")
    for key, line in existing.items():
        if key not in wanted:
            line._history_user = by
            line._change_reason = reason
            line.delete()
    saved = []
    for (source, instrument), amounts in wanted.items():
        line = existing.get((source, instrument)) or BudgetLine(
            project=project, source=source, instrument=instrument
        )
        changed = line.pk is None or any(getattr(line, f) != v for f, v in amounts.items())
        for field, value in amounts.items():
            setattr(line, field, value)
        if changed:
            save_with_history(line, by=by, reason=reason)
        saved.append(line)
    budget_changed(project)
    return saved


def budget_changed(project: Project) -> None:
    """Raise the version of ``project``'s budget after its lines were written."""
    Project.objects.filter(pk=project.pk).update(budget_version=F("budget_version") + 1)
    project.budget_version += 1


@transaction.atomic
def project_transition(
    *,
    project: Project,
    to: str,
    by: AbstractBaseUser | None,
    reason: str = "",
    version: int | None = None,
) -> Project:
    """Move a project to ``to`` where a coordinator may do so directly.

    Moves that need a decision (selection, grant) are refused here with the reason; use the
    decision functions. Nothing changes when the move is refused. ``version`` as in
    ``project_update``.
    """
    project = locked_for_edit(Project.objects, pk=project.pk, version=version)
    problem = lifecycle.why_not(project.status, to)
    if problem:
        raise ValidationError(problem, code="transition")
    if to == ProjectStatus.PROPOSED:
        _check_proposable(project)
    project.status = to
    return save_with_history(project, by=by, reason=reason or _("Status changed"))


def _check_proposable(project: Project) -> None:
    """A proposal must say what it implements (and, where the agreement has them, how)."""
    errors = []
    if not project.focus_areas.exists():
        errors.append(_("Link the project to a focus area before proposing it."))
    if project.lead_implementer_id is None:
        errors.append(_("Name the lead implementer before proposing the project."))
    categories = MethodCategory.objects.filter(version__agreement=project.agreement)
    if project.method_category_id is None and categories.exists():
        errors.append(_("This agreement classifies projects by method: choose a method category."))
    if errors:
        raise ValidationError(errors, code="not_proposable")


@transaction.atomic
def project_propose(
    *,
    project: Project,
    by: AbstractBaseUser | None,
    meeting=None,
    call: Call | None = None,
) -> Project:
    """Propose the project to the steering group, optionally for a call and onto a meeting's
    agenda, so that the steering group can decide on it there."""
    from .meetings import agenda_item_add

    project = Project.objects.select_for_update().get(pk=project.pk)
    if call is not None:
        if call.agreement_id != project.agreement_id:
            raise ValidationError({"call": _("The call belongs to another agreement.")})
        project.call = call
        save_with_history(project, by=by, reason=_("Proposal linked to a call"))
    project = project_transition(
        project=project,
        to=ProjectStatus.PROPOSED,
        by=by,
        reason=_("Proposed to the steering group"),
    )
    if meeting is not None:
        agenda_item_add(meeting=meeting, project=project, by=by)
    return project

"""What the agreement asks for that the portfolio does not yet do: the gap list.

A part of the agreement is covered once a project beyond the idea stage works on it; a
project turned down or stopped covers nothing. Project ideas count for what they are: a gap
with ideas only stays on the list, with its ideas named, until one of them moves on. Only
projects of the 2021–2027 period count, and never sample data (as in the rules).

The gaps:
- focus areas, action groups and action plan measures with no project;
- measures whose projects were granted less than half of the measure's planned money;
- quantitative targets that no project contributes to: no indicator mapped to the target, or
  no project reporting the indicators that are.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.db import models
from django.db.models import Sum
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ekosopimus.agreements.models import Agreement, QuantitativeTarget
from ekosopimus.agreements.selectors import version_current
from ekosopimus.lib.formatting import format_eur, format_percent
from ekosopimus.monitoring.models import TargetContribution
from ekosopimus.portfolio.models import BudgetLine, ProgrammePeriod, Project, ProjectStatus

# Granted money below this share of the plan is "far below plan".
FAR_BELOW_PLAN = Decimal("0.5")
# Turned down or stopped: such a project covers nothing.
NOT_COVERING = frozenset(
    {ProjectStatus.REJECTED, ProjectStatus.REFUSED, ProjectStatus.DISCONTINUED}
)


class GapKind(models.TextChoices):
    FOCUS_AREA = "area", gettext_lazy("Focus area with no project")
    ACTION_GROUP = "group", gettext_lazy("Action group with no project")
    MEASURE = "measure", gettext_lazy("Measure with no project")
    BELOW_PLAN = "plan", gettext_lazy("Granted far below plan")
    TARGET = "target", gettext_lazy("Target no project contributes to")


@dataclass
class Gap:
    kind: GapKind
    pk: int  # of the focus area, action group, measure or target
    title: str
    sentence: str
    focus_area: object = None
    action_group: object = None
    item: object = None
    target: QuantitativeTarget | None = None
    indicators: list = field(default_factory=list)  # mapped to a target
    ideas: list[Project] = field(default_factory=list)

    @property
    def key(self) -> str:
        """What names the gap in a form: kind and id."""
        return f"{self.kind}-{self.pk}"


@dataclass
class _Coverage:
    """Who works on one part of the agreement."""

    ideas: list[Project] = field(default_factory=list)
    beyond_idea: int = 0

    def add(self, project: Project) -> None:
        if project.status == ProjectStatus.IDEA:
            self.ideas.append(project)
        else:
            self.beyond_idea += 1


def _counted(agreement: Agreement):
    return Project.objects.filter(
        agreement=agreement, programme_period=ProgrammePeriod.P2021, is_sample=False
    )


def agreement_gaps(*, agreement: Agreement) -> list[Gap]:
    """The agreement's gaps, in the order of the agreement: focus areas, their action groups
    and measures, then money and targets."""
    version = version_current(agreement)
    if version is None:
        return []
    living = list(
        _counted(agreement)
        .exclude(status__in=NOT_COVERING)
        .only("pk", "name", "status", "action_group_id", "action_plan_item_id")
        .prefetch_related("focus_areas", "indicators")
        .order_by("pk")
    )
    by_area, by_group, by_item = (
        defaultdict(_Coverage),
        defaultdict(_Coverage),
        defaultdict(_Coverage),
    )
    for project in living:
        for area in project.focus_areas.all():
            by_area[area.pk].add(project)
        if project.action_group_id:
            by_group[project.action_group_id].add(project)
        if project.action_plan_item_id:
            by_item[project.action_plan_item_id].add(project)

    areas = list(version.focus_areas.prefetch_related("action_groups", "targets"))
    gaps: list[Gap] = []
    for area in areas:
        gaps += _uncovered(
            GapKind.FOCUS_AREA, area, f"{area.number} {area.name}", by_area, area=area
        )
        for group in area.action_groups.all():
            title = f"{group.number} {group.name}"
            gaps += _uncovered(GapKind.ACTION_GROUP, group, title, by_group, area=area, group=group)
    plan = getattr(version, "action_plan", None)
    items = list(plan.items.select_related("focus_area", "action_group")) if plan else []
    for item in items:
        gaps += _uncovered(
            GapKind.MEASURE, item, item.measure, by_item,
            area=item.focus_area, group=item.action_group, item=item,
        )  # fmt: skip
    gaps += _below_plan(agreement, items, by_item)
    gaps += _targets_without_contributions(areas, living)
    return gaps


def _uncovered(kind, obj, title, coverage, *, area=None, group=None, item=None) -> list[Gap]:
    covered = coverage.get(obj.pk, _Coverage())
    if covered.beyond_idea:
        return []
    if covered.ideas:
        sentence = _("Only project ideas work on this so far; none has moved on to preparation.")
    else:
        sentence = _("No project works on this yet.")
    return [
        Gap(
            kind=kind,
            pk=obj.pk,
            title=title,
            sentence=sentence,
            focus_area=area,
            action_group=group,
            item=item,
            ideas=covered.ideas,
        )
    ]


def _below_plan(agreement: Agreement, items, by_item) -> list[Gap]:
    planned = {item.pk: item for item in items if item.planned_amount}
    if not planned:
        return []
    granted = dict(
        BudgetLine.objects.filter(
            project__in=_counted(agreement), project__action_plan_item_id__in=planned
        )
        .values_list("project__action_plan_item_id")
        .annotate(total=Sum("granted"))
        .order_by()
    )
    gaps = []
    for pk, item in planned.items():
        if not by_item.get(pk, _Coverage()).beyond_idea:
            continue  # already listed as a measure with no project
        money = Decimal(granted.get(pk) or 0)
        if money >= item.planned_amount * FAR_BELOW_PLAN:
            continue
        share = (money * 100 / item.planned_amount).quantize(Decimal(1), ROUND_HALF_UP)
        sentence = _(
            "The projects of this measure have been granted %(granted)s of the %(planned)s "
            "planned (%(share)s)."
        ) % {
            "granted": format_eur(money),
            "planned": format_eur(item.planned_amount),
            "share": format_percent(share),
        }
        gaps.append(
            Gap(
                kind=GapKind.BELOW_PLAN,
                pk=pk,
                title=item.measure,
                sentence=sentence,
                focus_area=item.focus_area,
                action_group=item.action_group,
                item=item,
            )
        )
    return gaps


def _targets_without_contributions(areas, living: list[Project]) -> list[Gap]:
    """Targets no project beyond the idea stage reports towards; ``living`` are the counted
    projects not turned down, with their indicators read."""
    targets = [target for area in areas for target in area.targets.all()]
    if not targets:
        return []
    contributions = defaultdict(list)
    for contribution in TargetContribution.objects.filter(target__in=targets).select_related(
        "indicator"
    ):
        contributions[contribution.target_id].append(contribution)
    gaps = []
    for target in targets:
        mapped = contributions.get(target.pk, [])
        indicators = list({c.indicator.pk: c.indicator for c in mapped}.values())
        ideas = []
        if not mapped:
            sentence = _("No indicator is mapped to this target, so no project counts towards it.")
        else:
            reporting = [project for project in living if _reports(project, mapped)]
            if any(project.status != ProjectStatus.IDEA for project in reporting):
                continue
            ideas = reporting
            sentence = _(
                "No project beyond the idea stage reports the indicators mapped to this "
                "target (%(codes)s)."
            ) % {"codes": ", ".join(indicator.code for indicator in indicators)}
        gaps.append(
            Gap(
                kind=GapKind.TARGET,
                pk=target.pk,
                title=str(target),
                sentence=sentence,
                focus_area=target.focus_area,
                target=target,
                indicators=indicators,
                ideas=ideas,
            )
        )
    return gaps


def _reports(project: Project, mapped) -> bool:
    """Whether ``project`` reports an indicator mapped to the target, where a mapping made for
    one project counts for that project only."""
    reported = {indicator.pk for indicator in project.indicators.all()}
    return any(c.indicator_id in reported and c.project_id in (None, project.pk) for c in mapped)

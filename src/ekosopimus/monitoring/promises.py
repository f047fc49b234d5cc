"""What the projects promised towards an agreement's targets, and where the promises lead.

A project's targets per indicator (``ProjectTarget``) say what it will deliver. For each
agreement target they are read through the same mappings as the reported values, and a project
counts once per target: for a target that counts companies or solutions its promise is the
largest of its mapped indicators' targets (the same companies are counted under each, as the
roll-up counts a company once), otherwise the sum, as the plain sum of values is.

A project's promise is what it adds: its final target less its baseline for a cumulative
indicator, the level it reaches for a per-period one (the roll-up counts each project's latest
level). Granted projects still running have yet to deliver what they promised beyond what they
have reported; proposed projects (the pipeline) all of it.
"""

import math
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, Q, Sum

from ekosopimus.portfolio.models import ProjectStatus as S

from .models import (
    CATEGORIES,
    Category,
    IndicatorDefinition,
    IndicatorValue,
    IndicatorValuePart,
    ProjectTarget,
    ProjectTargetPart,
    ReportedEntity,
)

ZERO = Decimal(0)
# Granted projects; those still running have something left to deliver.
GRANTED = frozenset({S.GRANTED, S.ONGOING, S.CLOSED})
RUNNING = frozenset({S.GRANTED, S.ONGOING})
# The pipeline: proposed to the steering group, or proposed by it for funding.
PIPELINE = frozenset({S.PROPOSED, S.SELECTED})
CUMULATIVE = IndicatorDefinition.Accumulation.CUMULATIVE
# Which reported values count, as a filter on a model reaching a value through the prefix.
Counted = Callable[[str], Q]


@dataclass(frozen=True)
class PartRow:
    """One category of a target whose indicators are broken down (RCO01 by enterprise size)."""

    category: str
    achieved: Decimal
    promised: Decimal

    @property
    def label(self) -> str:
        return Category(self.category).label


@dataclass(frozen=True)
class Promise:
    """What the projects promised towards one agreement target."""

    granted: Decimal = ZERO
    pipeline: Decimal = ZERO
    # What granted projects still running have yet to deliver beyond what they reported.
    remaining: Decimal = ZERO
    # Projects, granted or proposed, that promise something towards the target.
    projects: int = 0
    parts: list[PartRow] = field(default_factory=list)

    @property
    def average(self) -> Decimal | None:
        """The size of a promising project: what one promises on average."""
        if not self.projects:
            return None
        return (self.granted + self.pipeline) / self.projects

    def projects_needed(self, gap: Decimal) -> int | None:
        """How many more projects of the average size would close ``gap``; None when no
        project has promised anything to tell the size by."""
        average = self.average
        if gap <= 0:
            return 0
        if not average:
            return None
        return math.ceil(gap / average)


@dataclass
class _Readings:
    """The project targets and achievements of one agreement's mapped indicators."""

    # (project, indicator) -> promise; project -> status
    promises: dict[tuple[int, int], Decimal]
    statuses: dict[int, str]
    # (project, indicator) -> achieved value; (project, indicator) -> entity keys
    achieved: dict[tuple[int, int], Decimal]
    # (project, indicator) -> companies or solutions reported, each once
    entities: dict[tuple[int, int], int]
    # (project, indicator) -> category -> value
    promised_parts: dict[tuple[int, int], dict[str, Decimal]]
    achieved_parts: dict[tuple[int, int], dict[str, Decimal]]
    # indicator -> the projects with a target for it
    projects_by_indicator: dict[int, set[int]] = field(default_factory=dict)


def _read(
    *, counted: Counted, projects: Q, indicator_ids: set[int], statuses: dict[int, str] | None
) -> _Readings:
    targets = ProjectTarget.objects.filter(projects, indicator_id__in=indicator_ids)
    readings = _Readings({}, {}, defaultdict(lambda: ZERO), defaultdict(int), {}, {})
    keys = {}
    for pk, project_id, status, indicator_id, accumulation, baseline, final in targets.values_list(
        "pk",
        "project_id",
        "project__status",
        "indicator_id",
        "indicator__accumulation",
        "baseline",
        "final_value",
    ):
        if statuses is not None:
            status = statuses.get(project_id)
            if status not in GRANTED | PIPELINE:
                continue
        gain = final if accumulation != CUMULATIVE else max(final - (baseline or ZERO), ZERO)
        readings.promises[(project_id, indicator_id)] = gain
        readings.statuses[project_id] = status
        readings.projects_by_indicator.setdefault(indicator_id, set()).add(project_id)
        keys[pk] = (project_id, indicator_id)
    for target_id, category, value in ProjectTargetPart.objects.filter(
        target_id__in=list(keys)
    ).values_list("target_id", "category", "value"):
        readings.promised_parts.setdefault(keys[target_id], {})[category] = value
    _read_achieved_parts(readings, counted("indicator_value__"), indicator_ids)
    if keys:
        # The promising projects' own reports, found through their targets (a subquery: an
        # agreement's projects with targets may be thousands).
        mine = counted("") & Q(
            indicator_id__in=indicator_ids,
            report__project_id__in=targets.values("project_id"),
        )
        _read_achieved(readings, mine)
    return readings


def _read_achieved(readings: _Readings, mine: Q) -> None:
    """Each promising project's achievement per indicator: the sum of a cumulative
    indicator's approved values, the latest level of a per-period one, and the companies or
    solutions it reported, each once."""
    for project_id, indicator_id, total in (
        IndicatorValue.objects.filter(mine, indicator__accumulation=CUMULATIVE)
        .values_list("report__project_id", "indicator_id")
        .annotate(total=Sum("value"))
        .order_by()
    ):
        readings.achieved[(project_id, indicator_id)] = total
    for project_id, indicator_id, value in (
        IndicatorValue.objects.filter(mine)
        .exclude(indicator__accumulation=CUMULATIVE)
        .values_list("report__project_id", "indicator_id", "value")
        .order_by("report__period_end")
    ):
        readings.achieved[(project_id, indicator_id)] = value
    for project_id, indicator_id, count in (
        ReportedEntity.objects.filter(mine)
        .values_list("report__project_id", "indicator_id")
        .annotate(count=Count("key", distinct=True))
        .order_by()
    ):
        readings.entities[(project_id, indicator_id)] = count


def _read_achieved_parts(readings: _Readings, counted: Q, indicator_ids: set[int]) -> None:
    """The categories of every counted value, added up as the values are: a cumulative
    indicator's over all periods, a per-period one's of each project's latest report."""
    latest: dict[tuple[int, int], object] = {}
    rows = (
        IndicatorValuePart.objects.filter(counted, indicator_value__indicator_id__in=indicator_ids)
        .values_list(
            "indicator_value__report__project_id",
            "indicator_value__indicator_id",
            "indicator_value__report__period_end",
            "indicator_value__indicator__accumulation",
            "category",
            "value",
        )
        .order_by("indicator_value__report__period_end")
    )
    for project_id, indicator_id, end, accumulation, category, value in rows:
        key = (project_id, indicator_id)
        held = readings.achieved_parts.setdefault(key, {})
        if accumulation == CUMULATIVE:
            held[category] = held.get(category, ZERO) + value
        else:
            if latest.get(key) != end:
                held.clear()
                latest[key] = end
            held[category] = value


def _covered(contributions, readings: _Readings) -> dict[int, set[int]]:
    """project -> the mapped indicators it has a target for, through the target's mappings."""
    covered: dict[int, set[int]] = defaultdict(set)
    for contribution in contributions:
        indicator_id = contribution.indicator_id
        having = readings.projects_by_indicator.get(indicator_id, set())
        if contribution.project_id is not None:
            having = having & {contribution.project_id}
        for project_id in having:
            covered[project_id].add(indicator_id)
    return covered


def _promise(*, contributions, readings: _Readings, counts_entities: bool) -> Promise:
    granted = pipeline = remaining = ZERO
    projects = 0
    promised_parts: dict[str, Decimal] = defaultdict(lambda: ZERO)
    achieved_parts: dict[str, Decimal] = defaultdict(lambda: ZERO)
    for project_id, indicators in _covered(contributions, readings).items():
        keys = [(project_id, indicator_id) for indicator_id in indicators]
        gains = [readings.promises[key] for key in keys]
        if counts_entities:
            # The same companies under each indicator: the largest count of each side.
            promise = max(gains)
            done = Decimal(max(readings.entities[key] for key in keys))
        else:
            promise = sum(gains, ZERO)
            done = sum((readings.achieved[key] for key in keys), ZERO)
        status = readings.statuses[project_id]
        if status in GRANTED:
            granted += promise
            for key in keys:
                for category, value in readings.promised_parts.get(key, {}).items():
                    promised_parts[category] += value
        elif status in PIPELINE:
            pipeline += promise
        if status in RUNNING:
            remaining += max(promise - done, ZERO)
        if promise > 0 and (status in GRANTED or status in PIPELINE):
            projects += 1
    for contribution in contributions:
        for (project_id, indicator_id), values in readings.achieved_parts.items():
            if indicator_id != contribution.indicator_id:
                continue
            if contribution.project_id is not None and project_id != contribution.project_id:
                continue
            for category, value in values.items():
                achieved_parts[category] += value
    return Promise(
        granted=granted,
        pipeline=pipeline,
        remaining=remaining,
        projects=projects,
        parts=_part_rows(contributions, promised_parts, achieved_parts),
    )


def _part_rows(contributions, promised, achieved) -> list[PartRow]:
    """A row per category of the mapped indicators' dimensions, in the reports' order."""
    order: list[str] = []
    for contribution in contributions:
        for category in CATEGORIES.get(contribution.indicator.dimension, ()):
            if category not in order:
                order.append(category)
    return [
        PartRow(category, achieved.get(category, ZERO), promised.get(category, ZERO))
        for category in order
    ]


def promises_by_target(
    *,
    targets,
    counted: Counted,
    projects: Q,
    entity_units: frozenset,
    statuses: dict[int, str] | None = None,
) -> dict[int, Promise]:
    """The promises towards each of ``targets`` (their mappings prefetched), by target id.

    ``counted(prefix)`` says which reported values count (approved, of the agreement's
    projects) for a model that reaches a value's report through ``prefix``; ``projects`` which
    projects' targets do (the same projects, as a filter on a target). ``statuses`` (project
    id -> status) replaces the projects' status as it is now, for a portfolio of the past;
    only the projects granted or proposed in it count.
    """
    contributions = [c for target in targets for c in target.contributions.all()]
    indicator_ids = {c.indicator_id for c in contributions}
    if not indicator_ids:
        return {}
    readings = _read(
        counted=counted, projects=projects, indicator_ids=indicator_ids, statuses=statuses
    )
    return {
        target.pk: _promise(
            contributions=list(target.contributions.all()),
            readings=readings,
            counts_entities=target.unit in entity_units,
        )
        for target in targets
    }

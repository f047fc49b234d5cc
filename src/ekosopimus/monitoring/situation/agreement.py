"""The situation picture of one agreement, read live from the portfolio and its reports."""

from copy import copy
from dataclasses import dataclass, field
from datetime import date, datetime

from django.utils import timezone
from django.utils.translation import gettext as _

from ekosopimus.agreements.models import (
    ActionGroup,
    ActionPlanItem,
    Agreement,
    AgreementVersion,
    FocusArea,
    Instrument,
)
from ekosopimus.agreements.selectors import version_current
from ekosopimus.portfolio.models import Decision, FundingSource, ProjectStatus
from ekosopimus.portfolio.rules import (
    RuleReport,
    portfolio_as_of,
    portfolio_sums,
    rules_evaluate_by_agreement,
)

from ..progress import AsOf, TargetProgress, target_progress
from .cube import Cube, Narrowed, cube_from_database, cube_from_facts, placed_of
from .filters import SituationFilter
from .money import Breakdown, MoneyRow, by_focus_area, by_key, by_line, total_row

LATEST_DECISIONS = 10


@dataclass
class SituationPicture:
    agreement: Agreement
    version: AgreementVersion | None
    filters: SituationFilter
    total: MoneyRow
    breakdowns: list[Breakdown]
    pipeline: list[MoneyRow]
    targets: list[TargetProgress]
    rules: RuleReport
    decisions: list[Decision]
    measures_without_projects: list[ActionPlanItem]
    focus_areas: list[FocusArea] = field(default_factory=list)
    years: list[int] = field(default_factory=list)
    today: date | None = None
    # Read back from the history: the projects recorded late for it, shown as they stand
    # now (None when read as the data stands now).
    recorded_later: int | None = None

    def breakdown(self, key: str) -> Breakdown:
        return next(b for b in self.breakdowns if b.key == key)


def _focus_area_breakdown(cube: Cube, areas: list[FocusArea], total: MoneyRow) -> Breakdown:
    rows = {
        area.pk: MoneyRow(key=area.number, label=f"{area.number} {area.name}") for area in areas
    }
    missing = MoneyRow(key="", label=_("No focus area (unlinked)"))
    return Breakdown(
        key="focus_area",
        title=_("Money by focus area"),
        caption=_("A project in several focus areas counts in equal shares in each."),
        rows=by_focus_area(cube, rows=rows, missing=missing),
        total=copy(total),
    )


def _action_group_breakdown(cube: Cube, groups: list[ActionGroup], total: MoneyRow) -> Breakdown:
    rows = {
        group.pk: MoneyRow(key=group.number, label=f"{group.number} {group.name}")
        for group in groups
    }
    missing = MoneyRow(key="", label=_("No action group"))
    return Breakdown(
        key="action_group",
        title=_("Money by action group"),
        caption="",
        rows=by_key(cube, key=lambda k: k.action_group_id, rows=rows, missing=missing),
        total=copy(total),
    )


def _plan_breakdown(cube: Cube, items: list[ActionPlanItem], total: MoneyRow) -> Breakdown:
    rows = {
        item.pk: MoneyRow(key=item.pk, label=item.measure, plan=item.planned_amount)
        for item in items
    }
    missing = MoneyRow(key="", label=_("Not linked to an action plan item"))
    result = by_key(cube, key=lambda k: k.action_plan_item_id, rows=rows, missing=missing)
    total = copy(total)
    amounts = [item.planned_amount for item in items if item.planned_amount is not None]
    total.plan = sum(amounts) if amounts else None
    return Breakdown(
        key="action_plan",
        title=_("Money by action plan item"),
        caption=_("The action plan's planned amount beside the projects' money."),
        rows=result,
        total=total,
        has_plan=True,
    )


def _line_breakdowns(cube: Cube, total: MoneyRow) -> list[Breakdown]:
    instrument_rows = by_line(
        cube,
        instrument=True,
        label=lambda k: Instrument(k).label if k else _("Local financing (no instrument)"),
    )
    source_rows = by_line(cube, instrument=False, label=lambda k: FundingSource(k).label)
    order = {value: index for index, value in enumerate(FundingSource.values)}
    return [
        Breakdown(
            key="instrument",
            title=_("Money by instrument"),
            caption=_("EU and State money by instrument; local money has none."),
            rows=sorted(instrument_rows, key=lambda row: (row.key == "", row.key)),
            total=copy(total),
        ),
        Breakdown(
            key="source",
            title=_("Money by source"),
            caption="",
            rows=sorted(source_rows, key=lambda row: order[row.key]),
            total=copy(total),
        ),
    ]


def _year_breakdown(cube: Cube, total: MoneyRow) -> Breakdown:
    years = sorted({k.start_year for k in cube.projects if k.start_year})
    rows = {year: MoneyRow(key=year, label=str(year)) for year in years}
    missing = MoneyRow(key="", label=_("No start date"))
    return Breakdown(
        key="year",
        title=_("Money by the year projects start"),
        caption=_("A project's whole money counts in the year it starts."),
        rows=by_key(cube, key=lambda k: k.start_year, rows=rows, missing=missing),
        total=copy(total),
    )


def _pipeline(cube: Cube) -> list[MoneyRow]:
    rows = {value: MoneyRow(key=value, label=label) for value, label in ProjectStatus.choices}
    by_key(cube, key=lambda k: k.status, rows=rows, missing=MoneyRow(key="", label=""))
    return list(rows.values())


def latest_decisions(
    *, agreement: Agreement, limit: int = LATEST_DECISIONS, until: date | None = None
) -> list[Decision]:
    """The most recent steering group and funding decisions on the agreement's projects, of
    the days up to ``until`` if given."""
    decisions = Decision.objects.filter(project__agreement=agreement, project__is_sample=False)
    if until is not None:
        decisions = decisions.filter(decided_on__lte=until)
    return list(
        decisions.select_related("project", "meeting").order_by("-decided_on", "-pk")[:limit]
    )


def _measures_without_projects(
    items: list[ActionPlanItem], carried: set[int | None]
) -> list[ActionPlanItem]:
    """Action plan items that no counted project carries out (samples and earlier programme
    periods left out, as the rules count them)."""
    return [item for item in items if item.pk not in carried]


def situation_picture(
    *,
    agreement: Agreement,
    filters: SituationFilter | None = None,
    include_samples: bool = False,
    today: date | None = None,
    as_of: datetime | None = None,
) -> SituationPicture:
    """Everything the agreement's situation picture shows, as the data stands now, or as it
    stood just before ``as_of`` (rebuilt from the history; ``today`` is then its last day).

    Money and the pipeline follow ``filters``; targets, rules, decisions and measures without
    projects always concern the whole agreement.
    """
    filters = filters or SituationFilter()
    today = today or timezone.localdate()
    version = version_current(agreement)
    areas = list(version.focus_areas.order_by("number")) if version else []
    area_ids = {area.pk for area in areas}
    chosen_areas = {area.pk for area in areas if area.number == filters.focus_area}
    if as_of is None:
        narrowed = Narrowed(agreement, filters, frozenset(chosen_areas), include_samples)
        # Unnarrowed, the picture breaks down the budget lines the rules have summed.
        sums = portfolio_sums(
            agreement=agreement, include_samples=include_samples, detailed=not filters.is_active
        )
        cube = cube_from_database(narrowed, area_ids=area_ids, lines=sums.line_rows)
        placed = (
            placed_of(Narrowed(agreement, include_samples=include_samples))
            if filters.is_active
            else cube.placed()
        )
        rules = rules_evaluate_by_agreement(
            agreements=[agreement], today=today, sums={agreement.pk: sums}
        )[agreement.pk]
        progress_as_of = recorded_later = None
    else:
        past = portfolio_as_of(agreement=agreement, moment=as_of, include_samples=include_samples)
        projects = [
            p for p in past.facts.projects if filters.admits(p, focus_area_ids=chosen_areas)
        ]
        cube = cube_from_facts(projects, area_ids=area_ids)
        placed = cube_from_facts(past.facts.projects, area_ids=set()).placed()
        rules = rules_evaluate_by_agreement(
            agreements=[agreement], today=today, sums={agreement.pk: past.sums}
        )[agreement.pk]
        progress_as_of = AsOf(moment=as_of, statuses=past.statuses)
        recorded_later = past.recorded_later
    groups = list(
        ActionGroup.objects.filter(focus_area__version=version).order_by("number")
        if version
        else []
    )
    items = list(
        ActionPlanItem.objects.filter(plan__version=version)
        .select_related("focus_area")
        .order_by("position")
        if version
        else []
    )
    total = total_row(cube, _("Total"))
    breakdowns = [
        _focus_area_breakdown(cube, areas, total),
        _action_group_breakdown(cube, groups, total),
    ]
    if items:
        breakdowns.append(_plan_breakdown(cube, items, total))
    breakdowns += [*_line_breakdowns(cube, total), _year_breakdown(cube, total)]
    return SituationPicture(
        agreement=agreement,
        version=version,
        filters=filters,
        total=total,
        breakdowns=breakdowns,
        pipeline=_pipeline(cube),
        targets=target_progress(
            agreement=agreement, include_samples=include_samples, today=today, as_of=progress_as_of
        ),
        rules=rules,
        decisions=latest_decisions(agreement=agreement, until=today if as_of else None),
        measures_without_projects=_measures_without_projects(items, placed.items),
        focus_areas=areas,
        years=sorted(placed.years),
        today=today,
        recorded_later=recorded_later,
    )

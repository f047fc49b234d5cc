"""The portfolio as it stood at a moment, rebuilt from the history of projects and budget lines.

A past year's annual report is written in the months after the year: a grant decided in
January must not move the figures of the year before. Which projects there were, their
status, dates and money are read from their history as it stood at ``moment``. Where a project
sits in the agreement (its focus areas, action group and action plan item) is read as it is
now, so that the figures fall under the structure of the version now in force, the same one
the rules are read from; a project removed since keeps the action group and item of its last
record, and no focus area.

The register learns of much only afterwards: a EURA list imported in 2026 holds the projects
of 2022, and a grant decided in December may be recorded in January. A project recorded late
for the year (entered after ``moment`` though it had started or been decided on before it, or
with a decision dated before ``moment`` recorded after it) is therefore read as it stands now,
and counted in ``recorded_later``. A project entered later that had neither started nor been
decided on is left out as a project of a later time.

The rules need the portfolio summed; at one agreement's size that is done here in Python
rather than in the database, over what was rebuilt.
"""

from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from django.db.models import Q
from django.utils import timezone

from ekosopimus.agreements.models import Agreement, Instrument

from ..models import BudgetLine, Decision, ProgrammePeriod, Project
from .facts import FACT_FIELDS, ZERO, Line, PortfolioFacts, ProjectFacts, counted_q, project_facts
from .sums import (
    OUTSIDE_LISTED,
    AreaSum,
    OutsideValidity,
    PlanItemSum,
    PortfolioMoney,
    PortfolioSums,
    line_sums,
)

HistoricalProject = Project.history.model
HistoricalLine = BudgetLine.history.model
Links = Project.focus_areas.through

_PROJECT_FIELDS = ("id", "agreement_id", "programme_period", "is_sample", *FACT_FIELDS)
_LINE_FIELDS = ("id", "project_id", "source", "instrument", "planned", "granted", "paid")


@dataclass
class PortfolioAsOf:
    """The agreement's counted projects at a moment, what the rules read of them, and how many
    the count left out."""

    facts: PortfolioFacts
    sums: PortfolioSums
    # Projects recorded late for the moment, read as they stand now.
    recorded_later: int = 0

    @property
    def statuses(self) -> dict[int, str]:
        """Each counted project's status then, by project id."""
        return {project.pk: project.status for project in self.facts.projects}


def _latest(queryset, fields: tuple[str, ...]) -> dict[int, tuple]:
    """The last record of each object among ``queryset``'s history records, by object id,
    leaving out the objects whose last record is their deletion."""
    latest: dict[int, tuple] = {}
    rows = queryset.order_by("id", "history_date", "history_id").values_list(
        *fields, "history_type"
    )
    for row in rows:
        latest[row[0]] = row
    return {pk: row[:-1] for pk, row in latest.items() if row[-1] != "-"}


def portfolio_as_of(
    *, agreement: Agreement, moment: datetime, include_samples: bool = False
) -> PortfolioAsOf:
    """``agreement``'s portfolio as it stood just before ``moment``: its counted projects (as
    ``portfolio_facts``) and their sums (as ``portfolio_sums``)."""
    before = Q(history_date__lt=moment)
    # Every project that was ever in the agreement by then; the last record says whether it
    # still was, so that a project moved to another agreement leaves this one.
    ever = HistoricalProject.objects.filter(before, agreement_id=agreement.pk).values("id")
    records = _latest(HistoricalProject.objects.filter(before, id__in=ever), _PROJECT_FIELDS)
    earlier = samples = 0
    projects: dict[int, ProjectFacts] = {}
    for pk, agreement_id, period, is_sample, *rest in records.values():
        if agreement_id != agreement.pk:
            continue
        earlier += period != ProgrammePeriod.P2021
        samples += is_sample and not include_samples
        if period == ProgrammePeriod.P2021 and (include_samples or not is_sample):
            projects[pk] = ProjectFacts(pk, *rest)
    _place_as_now(projects, ever)
    lines = _latest(HistoricalLine.objects.filter(before, project_id__in=ever), _LINE_FIELDS)
    for _pk, project_id, source, instrument, *amounts in sorted(
        lines.values(), key=lambda row: (row[1], row[2], row[3])
    ):
        if project_id in projects:
            projects[project_id].lines.append(Line(source, instrument, *amounts))
    later = project_facts(
        Project.objects.filter(
            counted_q(agreements=[agreement], include_samples=include_samples),
            _recorded_late(moment),
        )
    )
    projects.update((project.pk, project) for _agreement_id, project in later)
    ordered = sorted(projects.values(), key=lambda project: (project.name, project.pk))
    sums = sums_of(agreement=agreement, projects=ordered)
    sums.earlier_periods, sums.samples_left_out = earlier, samples
    return PortfolioAsOf(
        facts=PortfolioFacts(projects=ordered), sums=sums, recorded_later=len(later)
    )


def _recorded_late(moment: datetime) -> Q:
    """The projects recorded late for ``moment``, as a filter on projects."""
    day = timezone.localdate(moment)
    decided = Decision.objects.filter(decided_on__lt=day)
    known = HistoricalProject.objects.filter(history_date__lt=moment).values("id")
    return Q(pk__in=decided.filter(recorded_at__gte=moment).values("project_id")) | (
        ~Q(pk__in=known) & (Q(start_date__lt=day) | Q(pk__in=decided.values("project_id")))
    )


def _place_as_now(projects: dict[int, ProjectFacts], ever) -> None:
    """Put each of ``projects`` still in the register where it sits in the agreement now."""
    for pk, item_id, group_id in Project.objects.filter(pk__in=ever).values_list(
        "pk", "action_plan_item_id", "action_group_id"
    ):
        if pk in projects:
            projects[pk].action_plan_item_id, projects[pk].action_group_id = item_id, group_id
    areas: dict[int, list[int]] = defaultdict(list)
    for project_id, area_id in Links.objects.filter(project_id__in=ever).values_list(
        "project_id", "focusarea_id"
    ):
        areas[project_id].append(area_id)
    for pk, area_ids in areas.items():
        if pk in projects:
            projects[pk].focus_area_ids = sorted(area_ids)


def _outside(project: ProjectFacts, agreement: Agreement) -> bool:
    starts, ends = agreement.signed_on, agreement.ends_on
    return bool(
        (starts and project.start_date and project.start_date < starts)
        or (ends and project.end_date and project.end_date > ends)
    )


def sums_of(*, agreement: Agreement, projects: list[ProjectFacts]) -> PortfolioSums:
    """What the rules read of ``projects`` (an agreement's counted projects, read one by one),
    summed as ``portfolio_sums`` sums them in the database."""
    money = PortfolioMoney(lines=line_sums(projects))
    sums = PortfolioSums(money=money)
    areas: dict[tuple[int, int, str], list[Decimal]] = {}
    outside = []
    for project in projects:
        money.projects[project.status] = money.projects.get(project.status, 0) + 1
        sums.dated += bool(project.start_date or project.end_date)
        if project.action_plan_item_id is not None:
            item = sums.plan_items.setdefault(project.action_plan_item_id, PlanItemSum())
            item.projects += 1
            item.granted += sum((line.granted for line in project.lines), ZERO)
        if project.is_coordination_project or Instrument.AKKE in project.instruments():
            sums.notable.append(project)
        if _outside(project, agreement):
            outside.append(project)
        if not project.focus_area_ids:
            sums.unlinked += 1
        for area_id in project.focus_area_ids:
            key = (area_id, len(project.focus_area_ids), project.status)
            amounts = areas.setdefault(key, [ZERO] * 3)
            for line in project.lines:
                amounts[0] += line.planned
                amounts[1] += line.granted
                amounts[2] += line.paid
    sums.areas = [
        AreaSum(
            status=status,
            focus_area_id=area_id,
            shared_by=shared_by,
            planned=planned,
            granted=granted,
            paid=paid,
        )
        for (area_id, shared_by, status), (planned, granted, paid) in areas.items()
    ]
    outside.sort(key=lambda p: (not p.is_decided, p.name, p.pk))
    sums.outside = OutsideValidity(
        count=len(outside),
        decided=sum(1 for project in outside if project.is_decided),
        listed=outside[:OUTSIDE_LISTED],
    )
    return sums

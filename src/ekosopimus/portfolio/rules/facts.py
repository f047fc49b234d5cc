"""The portfolio as the rules read it: counted projects with their money, in three queries."""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from ekosopimus.agreements.models import Agreement

from ..models import BudgetLine, FundingSource, ProgrammePeriod, Project, ProjectStatus

ZERO = Decimal(0)
STATES = ("planned", "granted", "paid")

# Planned money of a project that was turned down or stopped no longer counts; what was
# granted and paid to it still does.
NOT_PLANNED = frozenset({ProjectStatus.REJECTED, ProjectStatus.REFUSED, ProjectStatus.DISCONTINUED})
# Statuses in which a funding decision binds: a rule these break is broken, not at risk.
DECIDED = frozenset(
    {ProjectStatus.GRANTED, ProjectStatus.ONGOING, ProjectStatus.CLOSED, ProjectStatus.DISCONTINUED}
)


@dataclass
class Line:
    source: str
    instrument: str
    planned: Decimal
    granted: Decimal
    paid: Decimal

    @property
    def is_local(self) -> bool:
        return self.source != FundingSource.EU_STATE


@dataclass
class ProjectFacts:
    pk: int
    code: str
    name: str
    status: str
    start_date: date | None
    end_date: date | None
    is_coordination_project: bool
    action_plan_item_id: int | None
    action_group_id: int | None = None
    focus_area_ids: list[int] = field(default_factory=list)
    lines: list[Line] = field(default_factory=list)

    def __str__(self) -> str:
        return f"{self.code} {self.name}" if self.code else self.name

    @property
    def is_decided(self) -> bool:
        return self.status in DECIDED

    def amount(self, state: str, *, local: bool | None = None, instrument: str = "") -> Decimal:
        """The project's money in ``state`` (planned, granted or paid), optionally narrowed."""
        if state == "planned" and self.status in NOT_PLANNED:
            return ZERO
        return sum(
            (
                getattr(line, state)
                for line in self.lines
                if (local is None or line.is_local == local)
                and (not instrument or line.instrument == instrument)
            ),
            ZERO,
        )

    def instruments(self) -> set[str]:
        return {line.instrument for line in self.lines if line.instrument}


@dataclass
class PortfolioFacts:
    projects: list[ProjectFacts]
    earlier_periods: int  # projects of 2014–2020 or 2007–2013, kept for comparison only
    samples_left_out: int


def portfolio_facts(*, agreement: Agreement, include_samples: bool = False) -> PortfolioFacts:
    """The agreement's projects of the 2021–2027 period, with their budget lines and links.

    Sample data is left out unless asked for, so that it never moves a real rule's status.
    """
    every = Project.objects.filter(agreement=agreement)
    counted = every.filter(programme_period=ProgrammePeriod.P2021)
    if not include_samples:
        counted = counted.filter(is_sample=False)
    projects = {
        row["pk"]: ProjectFacts(**row)
        for row in counted.values(
            "pk",
            "code",
            "name",
            "status",
            "start_date",
            "end_date",
            "is_coordination_project",
            "action_plan_item_id",
            "action_group_id",
        )
    }
    for line in BudgetLine.objects.filter(project__in=counted).values(
        "project_id", "source", "instrument", *STATES
    ):
        projects[line.pop("project_id")].lines.append(Line(**line))
    areas: dict[int, list[int]] = defaultdict(list)
    links = Project.focus_areas.through.objects.filter(project__in=counted)
    for project_id, area_id in links.values_list("project_id", "focusarea_id"):
        areas[project_id].append(area_id)
    for pk, area_ids in areas.items():
        projects[pk].focus_area_ids = sorted(area_ids)
    return PortfolioFacts(
        projects=list(projects.values()),
        earlier_periods=every.exclude(programme_period=ProgrammePeriod.P2021).count(),
        samples_left_out=0 if include_samples else every.filter(is_sample=True).count(),
    )

"""The portfolio project by project: counted projects with their money, in three queries.

The projects the rules list one by one are read this way, and a portfolio rebuilt from the
history (``as_of``) is made of these; the pages read the portfolio summed in the database
instead (``sums``), and the tests compare the sums with the portfolio read this way.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.db.models import Q, QuerySet

from ekosopimus.agreements.models import Agreement
from ekosopimus.lib.query import RawDates, raw_rows

from ..models import BudgetLine, FundingSource, ProgrammePeriod, Project, ProjectStatus

ZERO = Decimal(0)
CENT = Decimal("0.01")
STATES = ("planned", "granted", "paid")

# Planned money of a project that was turned down or stopped no longer counts; what was
# granted and paid to it still does.
NOT_PLANNED = frozenset({ProjectStatus.REJECTED, ProjectStatus.REFUSED, ProjectStatus.DISCONTINUED})
# Statuses in which a funding decision binds: a rule these break is broken, not at risk.
DECIDED = frozenset(
    {ProjectStatus.GRANTED, ProjectStatus.ONGOING, ProjectStatus.CLOSED, ProjectStatus.DISCONTINUED}
)


# A project's fields as ``ProjectFacts`` takes them, after its id.
FACT_FIELDS = (
    "code",
    "name",
    "status",
    "start_date",
    "end_date",
    "is_coordination_project",
    "action_plan_item_id",
    "action_group_id",
)


@dataclass(slots=True)
class Line:
    source: str
    instrument: str
    planned: Decimal
    granted: Decimal
    paid: Decimal

    @property
    def is_local(self) -> bool:
        return self.source != FundingSource.EU_STATE


@dataclass(slots=True)
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


def _euros(value) -> Decimal:
    """An amount as the database returns it (Decimal, or int/float from SQLite) in cents."""
    if isinstance(value, Decimal):
        return value
    if isinstance(value, int):
        return Decimal(value)
    return Decimal(value).quantize(CENT)  # SQLite keeps cents as a binary float


def counted_q(*, agreements, include_samples: bool = False, prefix: str = "") -> Q:
    """Which of the agreements' projects the rules count: those of the 2021–2027 period,
    without sample data unless asked for, so that it never moves a real rule's status.

    ``prefix`` reaches the project from another model (``"project__"`` from a budget line), so
    that the database joins the project instead of repeating its query as a subquery.
    """
    counted = Q(
        **{f"{prefix}agreement__in": agreements, f"{prefix}programme_period": ProgrammePeriod.P2021}
    )
    return counted if include_samples else counted & Q(**{f"{prefix}is_sample": False})


def project_facts(
    projects: QuerySet[Project], *, few: bool = False
) -> list[tuple[int, ProjectFacts]]:
    """Each of ``projects`` as the rules read it, with its budget lines and focus areas, paired
    with its agreement's id; ordered by agreement and name.

    With ``few`` the lines and links are read by the projects' ids rather than by repeating
    the projects' query, which costs less when only a handful are read.
    """
    rows = projects.values_list("agreement_id", "pk", *FACT_FIELDS)
    # Ordering without the default's join to the agreement, which only sorted the rows.
    rows = rows.order_by("agreement_id", "name", "pk")
    found: dict[int, ProjectFacts] = {}
    owned = []
    day = RawDates()
    for agreement_id, pk, code, name, status, start, end, coordination, *ids in raw_rows(rows):
        found[pk] = ProjectFacts(
            pk, code, name, status, day(start), day(end), bool(coordination), *ids
        )
        owned.append((agreement_id, found[pk]))
    if few and not found:
        return owned
    within = {"project_id__in": list(found)} if few else {"project__in": projects}
    lines = BudgetLine.objects.filter(**within).values_list(
        "project_id", "source", "instrument", *STATES
    )
    lines = lines.order_by("project_id", "source", "instrument")
    for project_id, source, instrument, *amounts in raw_rows(lines):
        found[project_id].lines.append(Line(source, instrument, *map(_euros, amounts)))
    areas: dict[int, list[int]] = defaultdict(list)
    links = Project.focus_areas.through.objects.filter(**within)
    for project_id, area_id in raw_rows(links.values_list("project_id", "focusarea_id")):
        areas[project_id].append(area_id)
    for pk, area_ids in areas.items():
        found[pk].focus_area_ids = sorted(area_ids)
    return owned


def portfolio_facts(*, agreement: Agreement, include_samples: bool = False) -> PortfolioFacts:
    """The agreement's projects of the 2021–2027 period, with their budget lines and links.

    Sample data is left out unless asked for, so that it never moves a real rule's status.
    """
    counted = Project.objects.filter(
        counted_q(agreements=[agreement], include_samples=include_samples)
    )
    return PortfolioFacts(projects=[project for _agreement, project in project_facts(counted)])

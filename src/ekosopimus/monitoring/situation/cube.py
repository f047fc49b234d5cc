"""The portfolio's money grouped by everything a situation picture breaks it down by.

Reading 100,000 projects and their 300,000 budget lines into Python to narrow and break them
down took 5–7 s at real size. The database groups them instead, in a few queries whose rows do
not grow with the portfolio (``cube_from_database``). A portfolio rebuilt from the history is
read project by project, and is grouped the same way in Python (``cube_from_facts``), so that
one code breaks both down.

Amounts are grouped in whole cents, as the rules' sums are (``portfolio.rules.sums``).
"""

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, Exists, OuterRef, Q, QuerySet, Subquery

from ekosopimus.agreements.models import Agreement
from ekosopimus.lib.query import SumOfCents, Year, raw_rows
from ekosopimus.portfolio.models import BudgetLine, FundingSource, Project
from ekosopimus.portfolio.rules.facts import NOT_PLANNED, ZERO, ProjectFacts, counted_q
from ekosopimus.portfolio.rules.sums import line_rows

from .filters import SituationFilter

Links = Project.focus_areas.through


@dataclass(frozen=True, slots=True)
class Key:
    """What a project is broken down by, as a situation picture reads it."""

    status: str
    action_group_id: int | None
    action_plan_item_id: int | None
    start_year: int | None


@dataclass(slots=True)
class Money:
    """Planned, granted and paid money of some projects; planned money of projects turned
    down or stopped is left out when added (``ProjectFacts.amount``)."""

    planned: Decimal = ZERO
    granted: Decimal = ZERO
    paid: Decimal = ZERO

    def add(self, status: str, planned: Decimal, granted: Decimal, paid: Decimal) -> None:
        if status not in NOT_PLANNED:
            self.planned += planned
        self.granted += granted
        self.paid += paid


@dataclass(frozen=True)
class Placed:
    """The years projects start in (None left out) and the action plan items they carry out
    (None among them for projects without one)."""

    years: set[int]
    items: set[int | None]


@dataclass
class Cube:
    """The narrowed projects' money and counts, grouped."""

    projects: dict[Key, int] = field(default_factory=dict)
    money: dict[Key, Money] = field(default_factory=lambda: defaultdict(Money))
    # Budget lines by status, source and instrument, and how many projects have a line of
    # each source and of each instrument.
    lines: dict[tuple[str, str, str], Money] = field(default_factory=lambda: defaultdict(Money))
    with_source: dict[str, int] = field(default_factory=dict)
    with_instrument: dict[str, int] = field(default_factory=dict)
    # Money of the projects linked to a focus area, by (area, areas it is shared by); and how
    # many projects each area has. Only links to the areas asked for are read.
    areas: dict[tuple[int, int], Money] = field(default_factory=lambda: defaultdict(Money))
    area_projects: dict[int, int] = field(default_factory=dict)
    unlinked: Money = field(default_factory=Money)
    unlinked_projects: int = 0

    def placed(self) -> Placed:
        """Where the cube's projects sit."""
        return Placed(
            years={key.start_year for key in self.projects if key.start_year},
            items={key.action_plan_item_id for key in self.projects},
        )


def _euros(cents) -> Decimal:
    return Decimal(int(cents or 0)).scaleb(-2)


@dataclass(frozen=True)
class Narrowed:
    """The agreement's counted projects that pass ``filters``; ``area_ids`` are the ids of the
    focus areas ``filters.focus_area`` names (as ``SituationFilter.admits`` reads them)."""

    agreement: Agreement
    filters: SituationFilter = field(default_factory=SituationFilter)
    area_ids: frozenset[int] = frozenset()
    include_samples: bool = False

    def q(self, prefix: str = "") -> Q:
        """The condition, on projects or (with ``prefix="project__"``) on what belongs to one,
        so that the database reads the project through a join rather than a subquery."""
        filters = self.filters
        narrowed = counted_q(
            agreements=[self.agreement], include_samples=self.include_samples, prefix=prefix
        )
        if filters.status:
            narrowed &= Q(**{f"{prefix}status": filters.status})
        if filters.instrument:
            lines = BudgetLine.objects.filter(
                project=OuterRef(f"{prefix}pk"), instrument=filters.instrument
            )
            narrowed &= Exists(lines)
        if filters.year:
            narrowed &= Q(**{f"{prefix}start_date__year": filters.year})
        if filters.focus_area:
            links = Links.objects.filter(
                project_id=OuterRef(f"{prefix}pk"), focusarea_id__in=self.area_ids
            )
            narrowed &= Exists(links)
        return narrowed

    def projects(self) -> QuerySet[Project]:
        return Project.objects.filter(self.q()).order_by()


def placed_of(narrowed: Narrowed) -> Placed:
    """Where the projects sit, read in the database."""
    rows = narrowed.projects().values_list(Year("start_date"), "action_plan_item_id").distinct()
    rows = raw_rows(rows)
    return Placed(years={year for year, _item in rows if year}, items={item for _y, item in rows})


def cube_from_database(
    narrowed: Narrowed, *, area_ids: set[int], lines: list[tuple] | None = None
) -> Cube:
    """The projects grouped in the database; ``area_ids`` are the focus areas to break down
    by. ``lines`` are the projects' budget lines as ``line_rows`` groups them, where the
    caller has read them already (the rules read the same of the whole portfolio)."""
    cube = Cube()
    if lines is None:
        lines = line_rows(narrowed.q("project__"), detailed=True)
    for _agreement, status, group, item, year, source, instrument, *cents, n in lines:
        amounts = [_euros(value) for value in cents]
        cube.money[Key(status, group, item, year)].add(status, *amounts)
        cube.lines[(status, source, instrument)].add(status, *amounts)
        # A project has one line of each source and instrument, and only EU + State money has
        # an instrument: so lines count projects, except under EU + State and under no
        # instrument, which ``_with_several`` counts.
        if source != FundingSource.EU_STATE:
            cube.with_source[source] = cube.with_source.get(source, 0) + n
        if instrument:
            cube.with_instrument[instrument] = cube.with_instrument.get(instrument, 0) + n
    project_rows = (
        narrowed.projects()
        .values_list("status", "action_group_id", "action_plan_item_id", Year("start_date"))
        .annotate(n=Count("pk"))
    )
    for status, group, item, year, n in raw_rows(project_rows):
        cube.projects[Key(status, group, item, year)] = n
    eu, uninstrumented = _with_several(BudgetLine.objects.filter(narrowed.q("project__")))
    if eu:
        cube.with_source[FundingSource.EU_STATE] = eu
    if uninstrumented:
        cube.with_instrument[""] = uninstrumented
    _areas_from_database(cube, narrowed, area_ids)
    return cube


def _with_several(lines: QuerySet[BudgetLine]) -> tuple[int, int]:
    """How many projects have EU + State money, and how many money without an instrument;
    a project may have several lines of each."""
    per_project = (
        lines.values("project_id")
        .annotate(
            eu_lines=Count("pk", filter=Q(source=FundingSource.EU_STATE)),
            uninstrumented_lines=Count("pk", filter=Q(instrument="")),
        )
        .order_by()
    )
    found = per_project.aggregate(
        eu=Count("project_id", filter=Q(eu_lines__gt=0)),
        uninstrumented=Count("project_id", filter=Q(uninstrumented_lines__gt=0)),
    )
    return found["eu"], found["uninstrumented"]


def _areas_from_database(cube: Cube, narrowed: Narrowed, area_ids: set[int]) -> None:
    links = Links.objects.filter(narrowed.q("project__"), focusarea_id__in=area_ids)
    linked = links.values_list("focusarea_id").annotate(n=Count("pk")).order_by()
    cube.area_projects = dict(raw_rows(linked))
    if not cube.area_projects:
        # Nothing is linked (a EURA import links nothing): every project is unlinked.
        cube.unlinked_projects = sum(cube.projects.values())
        for key, money in cube.money.items():
            cube.unlinked.add(key.status, money.planned, money.granted, money.paid)
        return
    shared_by = (
        Links.objects.filter(project_id=OuterRef("project_id"), focusarea_id__in=area_ids)
        .values("project_id")
        .annotate(n=Count("pk"))
        .values("n")
    )
    area_rows = (
        links.annotate(shared_by=Subquery(shared_by))
        .values_list("focusarea_id", "shared_by", "project__status")
        .annotate(
            planned=SumOfCents("project__budget_lines__planned"),
            granted=SumOfCents("project__budget_lines__granted"),
            paid=SumOfCents("project__budget_lines__paid"),
        )
        .order_by()
    )
    for area_id, shared, status, *cents in raw_rows(area_rows):
        cube.areas[(area_id, shared)].add(status, *(_euros(value) for value in cents))
    linked_to = Links.objects.filter(project_id=OuterRef("pk"), focusarea_id__in=area_ids)
    cube.unlinked_projects = narrowed.projects().filter(~Exists(linked_to)).count()
    linked_to = Links.objects.filter(project_id=OuterRef("project_id"), focusarea_id__in=area_ids)
    unlinked_rows = (
        BudgetLine.objects.filter(narrowed.q("project__"), ~Exists(linked_to))
        .values_list("project__status")
        .annotate(
            planned=SumOfCents("planned"), granted=SumOfCents("granted"), paid=SumOfCents("paid")
        )
        .order_by()
    )
    for status, *cents in raw_rows(unlinked_rows):
        cube.unlinked.add(status, *(_euros(value) for value in cents))


def cube_from_facts(projects: list[ProjectFacts], *, area_ids: set[int]) -> Cube:
    """``projects``, read one by one, grouped as ``cube_from_database`` groups them."""
    cube = Cube()
    for project in projects:
        status = project.status
        year = project.start_date.year if project.start_date else None
        key = Key(status, project.action_group_id, project.action_plan_item_id, year)
        cube.projects[key] = cube.projects.get(key, 0) + 1
        sources, instruments = set(), set()
        for line in project.lines:
            cube.money[key].add(status, line.planned, line.granted, line.paid)
            cube.lines[(status, line.source, line.instrument)].add(
                status, line.planned, line.granted, line.paid
            )
            sources.add(line.source)
            instruments.add(line.instrument)
        for source in sources:
            cube.with_source[source] = cube.with_source.get(source, 0) + 1
        for instrument in instruments:
            cube.with_instrument[instrument] = cube.with_instrument.get(instrument, 0) + 1
        own = [area_id for area_id in project.focus_area_ids if area_id in area_ids]
        whole = _whole(project)
        if not own:
            cube.unlinked_projects += 1
            cube.unlinked.add(status, *whole)
        for area_id in own:
            cube.areas[(area_id, len(own))].add(status, *whole)
            cube.area_projects[area_id] = cube.area_projects.get(area_id, 0) + 1
    return cube


def _whole(project: ProjectFacts) -> tuple[Decimal, Decimal, Decimal]:
    """The project's lines summed, planned money included whatever the status."""
    planned = granted = paid = ZERO
    for line in project.lines:
        planned += line.planned
        granted += line.granted
        paid += line.paid
    return planned, granted, paid

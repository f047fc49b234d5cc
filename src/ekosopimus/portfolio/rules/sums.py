"""The portfolio as the rules read it, summed in the database.

The rules need money summed by source, instrument, action plan item and focus area, and a few
counts; summing 48,000 budget lines in Python took most of the national picture's time. Only
the projects a rule lists one by one (the coordination projects and those with AKKE money) are
read as they are. Projects dated outside the agreement's validity are counted in the database
and only the first ``OUTSIDE_LISTED`` read: an imported list can hold tens of thousands, and
reading them all took 4–5 s of the national picture at real size.

Amounts are summed in whole cents: SQLite keeps a decimal column as a binary float, and a sum
of floats would carry rounding errors into the euros shown. A sum of whole cents is exact on
SQLite (up to 2**53 cents) and on PostgreSQL.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import (
    Case,
    Count,
    Exists,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Sum,
    Value,
    When,
)

from ekosopimus.agreements.models import Agreement, FundingRule, Instrument
from ekosopimus.lib.query import SumOfCents, Year, raw_rows

from ..models import BudgetLine, FundingSource, ProgrammePeriod, Project
from .facts import DECIDED, NOT_PLANNED, ZERO, ProjectFacts, counted_q, project_facts

Links = Project.focus_areas.through
OUTSIDE_LISTED = 50


def _euros(cents) -> Decimal:
    """A sum of whole cents as the database returns it (int, float or Decimal) in euros."""
    return Decimal(int(cents or 0)).scaleb(-2)


@dataclass(frozen=True, slots=True)
class Amounts:
    """Planned, granted and paid money of projects in one status."""

    status: str
    planned: Decimal
    granted: Decimal
    paid: Decimal

    def amount(self, state: str) -> Decimal:
        """The money in ``state``; planned money of a project turned down or stopped no longer
        counts (as ``ProjectFacts.amount``)."""
        if state == "planned" and self.status in NOT_PLANNED:
            return ZERO
        return getattr(self, state)


@dataclass(frozen=True, slots=True)
class LineSum(Amounts):
    """Budget lines of one source and instrument, of projects in one status."""

    source: str = ""
    instrument: str = ""

    @property
    def is_local(self) -> bool:
        return self.source != FundingSource.EU_STATE


@dataclass(frozen=True, slots=True)
class AreaSum(Amounts):
    """Money of the projects in one status linked to one focus area and to ``shared_by`` focus
    areas in all: each area counts an equal share of it."""

    focus_area_id: int = 0
    shared_by: int = 1


@dataclass
class PortfolioMoney:
    """Counted projects by status, and their budget lines summed."""

    projects: dict[str, int] = field(default_factory=dict)
    lines: list[LineSum] = field(default_factory=list)

    @property
    def project_count(self) -> int:
        return sum(self.projects.values())

    def amount(self, state: str, *, local: bool | None = None) -> Decimal:
        """The money in ``state``, of local or EU + State sources only if ``local`` says so."""
        return sum(
            (line.amount(state) for line in self.lines if local is None or line.is_local == local),
            ZERO,
        )


@dataclass
class PlanItemSum:
    """The counted projects that carry out one action plan item, and the money granted them."""

    projects: int = 0
    granted: Decimal = ZERO


@dataclass
class OutsideValidity:
    """The counted projects that start before the agreement was signed or end after it ends:
    how many, how many of them decided, and the first ``OUTSIDE_LISTED`` (decided first)."""

    count: int = 0
    decided: int = 0
    listed: list[ProjectFacts] = field(default_factory=list)


@dataclass
class PortfolioSums:
    """What the rules read of one agreement's portfolio."""

    money: PortfolioMoney
    dated: int = 0  # projects with a start or an end date
    plan_items: dict[int, PlanItemSum] = field(default_factory=dict)
    # Read only for agreements whose rules compare focus areas; empty otherwise.
    areas: list[AreaSum] = field(default_factory=list)
    unlinked: int = 0  # projects linked to no focus area, where areas are read
    # Coordination projects and projects with AKKE money: a superset of what the rules list
    # one by one.
    notable: list[ProjectFacts] = field(default_factory=list)
    outside: OutsideValidity = field(default_factory=OutsideValidity)
    earlier_periods: int = 0  # projects of 2014–2020 or 2007–2013, kept for comparison only
    samples_left_out: int = 0
    # The counted budget lines as ``line_rows`` groups them, where read ``detailed``.
    line_rows: list[tuple] | None = field(default=None, compare=False)


def line_rows(where: Q, *, detailed: bool) -> list[tuple]:
    """Budget lines (``where`` filters them) summed in whole cents, and counted, by agreement,
    status, action group, action plan item, start year, source and instrument: the rows
    ``LINE_ROW`` names. The rules read some of the groups; a situation picture breaks down all
    of them. Unless ``detailed``, the action group and start year are left None and the lines
    not grouped by them, which costs SQLite a tenth of the rules' time."""
    unread = Value(None, output_field=IntegerField())
    rows = (
        BudgetLine.objects.filter(where)
        .values_list(
            "project__agreement_id",
            "project__status",
            "project__action_group_id" if detailed else unread,
            "project__action_plan_item_id",
            Year("project__start_date") if detailed else unread,
            "source",
            "instrument",
        )
        .annotate(
            planned=SumOfCents("planned"),
            granted=SumOfCents("granted"),
            paid=SumOfCents("paid"),
            n=Count("pk"),
        )
        .order_by()
    )
    return raw_rows(rows)


LINE_ROW = (
    "agreement_id",
    "status",
    "action_group_id",
    "action_plan_item_id",
    "start_year",
    "source",
    "instrument",
    "planned",
    "granted",
    "paid",
    "lines",
)


def _project_rows(where: Q) -> list[tuple]:
    """Projects (``where`` filters them) counted by agreement, programme period, sample or not,
    status and action plan item, with how many of them have dates."""
    has_dates = Q(start_date__isnull=False) | Q(end_date__isnull=False)
    rows = (
        Project.objects.filter(where)
        .values_list(
            "agreement_id", "programme_period", "is_sample", "status", "action_plan_item_id"
        )
        .annotate(n=Count("pk"), dated=Sum(Case(When(has_dates, then=1), default=0)))
        .order_by()
    )
    return raw_rows(rows)


def _money(line_rows, project_rows, *, counts) -> dict[int, PortfolioMoney]:
    """Each agreement's money from the grouped rows; ``counts(period, is_sample)`` says which
    projects count."""
    money: dict[int, PortfolioMoney] = defaultdict(PortfolioMoney)
    lines: dict[tuple, list[Decimal]] = {}
    for agreement_id, status, _group, _item, _year, source, instrument, *cents, _n in line_rows:
        amounts = lines.setdefault((agreement_id, status, source, instrument), [ZERO] * 3)
        for index, value in enumerate(cents):
            amounts[index] += _euros(value)
    for (agreement_id, status, source, instrument), amounts in lines.items():
        money[agreement_id].lines.append(_line_sum(status, source, instrument, amounts))
    for agreement_id, period, is_sample, status, _item, n, _dated in project_rows:
        if counts(period, is_sample):
            projects = money[agreement_id].projects
            projects[status] = projects.get(status, 0) + n
    return money


def _line_sum(status: str, source: str, instrument: str, amounts) -> LineSum:
    planned, granted, paid = amounts
    return LineSum(
        status=status,
        source=source,
        instrument=instrument,
        planned=planned,
        granted=granted,
        paid=paid,
    )


def _narrowed(*, status: str, instrument: str, start_year: int | None) -> Q:
    narrowed = Q()
    if status:
        narrowed &= Q(status=status)
    if instrument:
        narrowed &= Exists(BudgetLine.objects.filter(project=OuterRef("pk"), instrument=instrument))
    if start_year:
        narrowed &= Q(start_date__year=start_year)
    return narrowed


def portfolio_money_by_agreement(
    *,
    agreements: list[Agreement],
    status: str = "",
    instrument: str = "",
    start_year: int | None = None,
) -> dict[int, PortfolioMoney]:
    """The counted projects' money of each agreement (by id), in two queries; narrowed to the
    projects in ``status``, with money of ``instrument`` or starting in ``start_year``."""
    narrowed = counted_q(agreements=agreements) & _narrowed(
        status=status, instrument=instrument, start_year=start_year
    )
    found = _money(
        # The narrowed projects as a subquery the database reads once: joined, the instrument's
        # check would run for every budget line instead of every project.
        line_rows(Q(project__in=Project.objects.filter(narrowed)), detailed=False),
        _project_rows(narrowed),
        counts=lambda _period, _is_sample: True,
    )
    return {agreement.pk: found.get(agreement.pk, PortfolioMoney()) for agreement in agreements}


def _notable(counted: Q) -> QuerySet[Project]:
    # AKKE lines are few: the database finds them once, rather than looking under every
    # project (SQLite looked 100,000 times, in 307 ms, in a large portfolio).
    akke = BudgetLine.objects.filter(instrument=Instrument.AKKE).values("project_id")
    return Project.objects.filter(counted, Q(is_coordination_project=True) | Q(pk__in=akke))


def _dated_outside(agreement: Agreement) -> Q:
    """Projects that start before the agreement was signed or end after it ends.

    The dates are written into the query rather than joined from the agreement: joined, the
    database could not tell how few projects pass, and sorted all 100,000 of a large portfolio
    on disk to list the first fifty."""
    outside = Q(pk__in=[])
    if agreement.signed_on:
        outside |= Q(start_date__lt=agreement.signed_on)
    if agreement.ends_on:
        outside |= Q(end_date__gt=agreement.ends_on)
    return Q(agreement_id=agreement.pk) & outside


def _outside(counted: Q, agreements: list[Agreement], sums: dict[int, "PortfolioSums"]) -> None:
    """Count each agreement's projects dated outside its validity, and read the first few."""
    dated_outside = Q(pk__in=[])
    for agreement in agreements:
        dated_outside |= _dated_outside(agreement)
    outside = Project.objects.filter(counted, dated_outside)
    decided = Q(status__in=DECIDED)
    rows = outside.values_list("agreement_id").annotate(
        n=Count("pk"), decided=Sum(Case(When(decided, then=1), default=0))
    )
    listed: list[int] = []
    by_id = {agreement.pk: agreement for agreement in agreements}
    for agreement_id, n, n_decided in raw_rows(rows.order_by()):
        sums[agreement_id].outside = OutsideValidity(count=n, decided=int(n_decided or 0))
        first = (
            Project.objects.filter(counted, _dated_outside(by_id[agreement_id]))
            .annotate(later=Case(When(decided, then=0), default=1))
            .order_by("later", "name", "pk")
            .values_list("pk", flat=True)
        )
        listed += first[:OUTSIDE_LISTED]
    if not listed:
        return
    for agreement_id, project in project_facts(Project.objects.filter(pk__in=listed), few=True):
        sums[agreement_id].outside.listed.append(project)
    for found in sums.values():
        found.outside.listed.sort(key=lambda p: (not p.is_decided, p.name, p.pk))


def _area_rows(counted: Q) -> list[tuple]:
    """Each focus area's money by the number of areas its projects share it with, and status;
    ``counted`` filters the projects from their links (``project__``)."""
    shared_by = (
        Links.objects.filter(project_id=OuterRef("project_id"))
        .values("project_id")
        .annotate(n=Count("pk"))
        .values("n")
    )
    rows = (
        Links.objects.filter(counted)
        .annotate(shared_by=Subquery(shared_by))
        .values_list("project__agreement_id", "focusarea_id", "shared_by", "project__status")
        .annotate(
            planned=SumOfCents("project__budget_lines__planned"),
            granted=SumOfCents("project__budget_lines__granted"),
            paid=SumOfCents("project__budget_lines__paid"),
        )
        .order_by()
    )
    return raw_rows(rows)


def _unlinked(counted: Q) -> dict[int, int]:
    linked = Links.objects.filter(project_id=OuterRef("pk"))
    rows = (
        Project.objects.filter(counted)
        .filter(~Exists(linked))
        .values_list("agreement_id")
        .annotate(n=Count("pk"))
    )
    return dict(raw_rows(rows.order_by()))


def _with_areas(agreements: list[Agreement]) -> list[int]:
    """The agreements whose rules compare their focus areas' money."""
    return list(
        FundingRule.objects.filter(
            kind=FundingRule.Kind.FOCUS_AREA_BELOW_OTHERS, version__agreement__in=agreements
        )
        .values_list("version__agreement_id", flat=True)
        .order_by()
        .distinct()
    )


def portfolio_sums_by_agreement(
    *, agreements: list[Agreement], include_samples: bool = False, detailed: bool = False
) -> dict[int, PortfolioSums]:
    """What the rules read of each agreement's portfolio (by agreement id), in the same few
    queries for one agreement or all sixteen. Sample data is left out unless asked for."""
    counted = counted_q(agreements=agreements, include_samples=include_samples)

    def counts(period, is_sample) -> bool:
        return period == ProgrammePeriod.P2021 and (include_samples or not is_sample)

    lines = line_rows(
        counted_q(agreements=agreements, include_samples=include_samples, prefix="project__"),
        detailed=detailed,
    )
    project_rows = _project_rows(Q(agreement__in=agreements))
    money = _money(lines, project_rows, counts=counts)
    sums = {a.pk: PortfolioSums(money=money.get(a.pk, PortfolioMoney())) for a in agreements}
    if detailed:
        for found in sums.values():
            found.line_rows = []
        for row in lines:
            sums[row[0]].line_rows.append(row)
    for agreement_id, _status, _group, item_id, _year, _source, _instrument, *cents, _n in lines:
        if item_id is not None:
            item = sums[agreement_id].plan_items.setdefault(item_id, PlanItemSum())
            item.granted += _euros(cents[1])
    for agreement_id, period, is_sample, _status, item_id, n, dated in project_rows:
        found = sums[agreement_id]
        if period != ProgrammePeriod.P2021:
            found.earlier_periods += n
        if is_sample and not include_samples:
            found.samples_left_out += n
        if counts(period, is_sample):
            found.dated += dated
            if item_id is not None:
                found.plan_items.setdefault(item_id, PlanItemSum()).projects += n
    for agreement_id, project in project_facts(_notable(counted), few=True):
        sums[agreement_id].notable.append(project)
    _outside(counted, agreements, sums)
    with_areas = _with_areas(agreements)
    if with_areas:
        linked = counted_q(
            agreements=with_areas, include_samples=include_samples, prefix="project__"
        )
        for agreement_id, area_id, shared_by, status, *cents in _area_rows(linked):
            planned, granted, paid = map(_euros, cents)
            sums[agreement_id].areas.append(
                AreaSum(
                    status=status,
                    focus_area_id=area_id,
                    shared_by=shared_by,
                    planned=planned,
                    granted=granted,
                    paid=paid,
                )
            )
        unlinked = _unlinked(counted_q(agreements=with_areas, include_samples=include_samples))
        for agreement_id, n in unlinked.items():
            sums[agreement_id].unlinked = n
    return sums


def portfolio_sums(
    *, agreement: Agreement, include_samples: bool = False, detailed: bool = False
) -> PortfolioSums:
    """``portfolio_sums_by_agreement`` of one agreement; ``detailed`` keeps its budget lines
    grouped as ``line_rows`` groups them, for a situation picture to break down."""
    found = portfolio_sums_by_agreement(
        agreements=[agreement], include_samples=include_samples, detailed=detailed
    )
    return found[agreement.pk]


def line_sums(projects: list[ProjectFacts]) -> list[LineSum]:
    """The budget lines of ``projects`` (read one by one) summed as the database sums them."""
    sums: dict[tuple[str, str, str], list[Decimal]] = {}
    for project in projects:
        for line in project.lines:
            amounts = sums.setdefault((project.status, line.source, line.instrument), [ZERO] * 3)
            amounts[0] += line.planned
            amounts[1] += line.granted
            amounts[2] += line.paid
    return [
        _line_sum(status, source, instrument, amounts)
        for (status, source, instrument), amounts in sums.items()
    ]
